"""Each plan limit over REST: refused as a 402 problem with the upgrade link, nothing half-done;
the API quota as 429 with the quota in headers; downgrades keep data, read-only where over."""

from __future__ import annotations

from datetime import UTC, datetime

import redis
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from konduct.domain.months import month_key, next_month_start
from tests.api.accounts_helpers import Account, signed_up
from tests.api.test_campaigns_api import campaign_body
from tests.plan_helpers import put_on_plan

BASIC_TARGETING = {"demographics": {"age_range": [25, 45]}, "devices": ["MOBILE"]}


def basic(**changes) -> dict:
    return campaign_body(targeting=BASIC_TARGETING, **changes)


def create(client: TestClient, account: Account, body: dict):
    return client.post("/api/campaigns", json=body, headers=account.bearer)


def assert_plan_problem(answer, limit: str, upgrade_to: str | None = "PROFESSIONAL") -> dict:
    assert answer.status_code == 402, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["type"] == "/problems/plan-limit"
    assert body["limit"] == limit
    assert body["upgrade_to"] == upgrade_to
    assert body["upgrade_url"].endswith("/settings/billing")
    return body


def test_free_allows_five_new_campaigns_a_month_and_refuses_the_sixth(
    client: TestClient, smtp_sink
) -> None:
    owner = signed_up(client, smtp_sink)
    for n in range(5):
        assert create(client, owner, basic(name=f"Launch {n}")).status_code == 201
    # Deleting one does not give its place back: the quota counts campaigns created.
    first = client.get("/api/campaigns", headers=owner.bearer).json()["items"][0]
    assert client.delete(f"/api/campaigns/{first['id']}", headers=owner.bearer).status_code == 200
    body = assert_plan_problem(
        create(client, owner, basic(name="One too many")), "campaigns_per_month"
    )
    assert body["plan"] == "FREE" and "5 new campaigns" in body["detail"]
    # Nothing half-done: no sixth row, no usage counted for it.
    me = client.get("/api/users/me", headers=owner.bearer).json()
    assert me["usage"]["campaigns_created"] == 5
    assert client.get("/api/campaigns", headers=owner.bearer).json()["total"] == 4


def test_free_covers_facebook_and_instagram_only(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink)
    assert create(client, owner, basic(platform="Instagram")).status_code == 201
    body = assert_plan_problem(create(client, owner, basic(platform="Google Ads")), "platforms")
    assert "Facebook and Instagram" in body["detail"]


def test_free_has_basic_targeting_only(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink)
    for advanced in (
        {"interests": ["Technology"]},
        {"behaviors": ["Commuters"]},
        {"custom_audience": "Past buyers"},
    ):
        answer = create(client, owner, campaign_body(targeting={**BASIC_TARGETING, **advanced}))
        assert_plan_problem(answer, "advanced_targeting")
    assert client.get("/api/campaigns", headers=owner.bearer).json()["total"] == 0


def test_free_exports_json_only(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink)
    campaign = create(client, owner, basic()).json()
    assert client.get("/api/campaigns/export", headers=owner.bearer).status_code == 200
    for path in ("/api/campaigns/export", f"/api/campaigns/{campaign['id']}/export"):
        for fmt in ("csv", "ga4"):
            answer = client.get(path, params={"format": fmt}, headers=owner.bearer)
            assert_plan_problem(answer, "export_formats")


def test_professional_lifts_the_campaign_limits(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    for n in range(6):
        assert (
            create(client, owner, campaign_body(name=f"Pro {n}", platform="TikTok")).status_code
            == 201
        )
    answer = client.get("/api/campaigns/export", params={"format": "csv"}, headers=owner.bearer)
    assert answer.status_code == 200


def test_free_has_no_api_access(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    owner = signed_up(client, smtp_sink)
    answer = client.post("/api/users/me/api-keys", headers=owner.bearer, json={"name": "ci"})
    assert_plan_problem(answer, "api_access")
    assert client.get("/api/users/me/api-keys", headers=owner.bearer).json() == []
    # A key made on Professional stops working after a downgrade (and works again after).
    put_on_plan(migrated_db_url, owner.email, Plan.PROFESSIONAL)
    key = client.post("/api/users/me/api-keys", headers=owner.bearer, json={"name": "ci"}).json()
    assert client.get("/api/campaigns", headers={"X-API-Key": key["key"]}).status_code == 200
    put_on_plan(migrated_db_url, owner.email, Plan.FREE)
    assert_plan_problem(
        client.get("/api/campaigns", headers={"X-API-Key": key["key"]}), "api_access"
    )


def test_professional_api_quota_is_counted_per_month_and_answered_429_when_spent(
    client: TestClient, smtp_sink, redis_url: str, rate_limit_prefix: str
) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    key = client.post("/api/users/me/api-keys", headers=owner.bearer, json={"name": "ci"}).json()
    headers = {"X-API-Key": key["key"]}
    now = datetime.now(UTC)
    reset = str(int(next_month_start(now).timestamp()))

    first = client.get("/api/campaigns", headers=headers)
    assert first.status_code == 200
    assert first.headers["X-Quota-Limit"] == "10000"
    assert first.headers["X-Quota-Remaining"] == "9999"
    assert first.headers["X-Quota-Reset"] == reset
    second = client.get("/api/users/me", headers=headers)
    assert second.headers["X-Quota-Remaining"] == "9998"
    # Bearer tokens and the web cookie are people signed in, not API access: not counted.
    assert "X-Quota-Limit" not in client.get("/api/users/me", headers=owner.bearer).headers
    # The billing page's meter reads the same counter the quota is enforced with.
    meter = client.get("/api/billing/usage", headers=owner.bearer).json()["api_calls_this_month"]
    assert meter == {"name": "API calls this month", "used": 2, "limit": 10_000}

    team_id = second.json()["team"]["id"]
    counter = redis.Redis.from_url(redis_url)
    counter.set(f"{rate_limit_prefix}:kv:api-quota:{team_id}:{month_key(now)}", 10_000)
    spent = client.get("/api/campaigns", headers=headers)
    assert spent.status_code == 429
    body = spent.json()
    assert body["type"] == "/problems/api-quota-spent"
    assert body["limit"] == "api_requests_per_month" and body["upgrade_to"] == "ENTERPRISE"
    assert spent.headers["X-Quota-Remaining"] == "0"
    assert spent.headers["X-Quota-Reset"] == reset
    assert int(spent.headers["Retry-After"]) > 0
    counter.close()
    meter = client.get("/api/billing/usage", headers=owner.bearer).json()["api_calls_this_month"]
    assert meter["used"] == 10_000  # refused calls bump the counter but are not shown as used

    usage = client.get("/api/teams/usage", headers=owner.bearer).json()
    assert usage["api_calls"] == 2  # the refused call is not usage
    assert usage["members"][0]["api_calls"] == 2


def test_a_downgrade_keeps_everything_and_makes_what_is_over_read_only(
    client: TestClient, smtp_sink, migrated_db_url: str
) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    google = create(client, owner, campaign_body(name="Search", platform="Google Ads")).json()
    facebook = create(client, owner, campaign_body(name="Social")).json()  # with interests
    put_on_plan(migrated_db_url, owner.email, Plan.FREE)

    assert client.get(f"/api/campaigns/{google['id']}", headers=owner.bearer).status_code == 200
    listed = client.get("/api/campaigns", headers=owner.bearer).json()
    assert listed["total"] == 2
    rename = {"name": "Search, renamed"}
    answer = client.put(f"/api/campaigns/{google['id']}", json=rename, headers=owner.bearer)
    assert_plan_problem(answer, "platforms")
    # Publishing it again is refused too; the data stays as it was.
    publish = client.post(f"/api/campaigns/{google['id']}/publish", headers=owner.bearer)
    assert_plan_problem(publish, "platforms")
    assert (
        client.get(f"/api/campaigns/{google['id']}", headers=owner.bearer).json()["name"]
        == "Search"
    )
    # Kept advanced targeting may stay as it is...
    path = f"/api/campaigns/{facebook['id']}"
    kept = {"name": "Social, renamed", "targeting": facebook["targeting"]}
    assert client.put(path, json=kept, headers=owner.bearer).status_code == 200
    # ...but not change.
    changed = {"targeting": {**facebook["targeting"], "interests": ["Travel"]}}
    assert_plan_problem(client.put(path, json=changed, headers=owner.bearer), "advanced_targeting")
    assert client.get(path, headers=owner.bearer).json()["targeting"]["interests"] == ["Technology"]
