"""Team naming rules over REST: set, read, enforce on links, list violations, isolation."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from konduct.services.qr import qr_svg
from tests.api.accounts_helpers import Account, signed_up
from tests.api.test_campaigns_api import campaign_body
from tests.plan_helpers import put_on_plan

RULES_PATH = "/api/teams/naming-rules"
RULES = {
    "fields": {
        "source": {"allowed": ["facebook", "instagram"]},
        "medium": {
            "allowed": ["paid_social", "social", "email"],
            "depends_on": "source",
            "allowed_by": {"facebook": ["paid_social"]},
        },
        "creative": {"required": True, "max_length": 20},
    },
    "lowercase": True,
    "banned_characters": "!#",
    "separator": "_",
}


@pytest.fixture
def admin(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.PROFESSIONAL)
    return account


def new_campaign(client: TestClient, account: Account) -> dict:
    answer = client.post("/api/campaigns", json=campaign_body(), headers=account.bearer)
    assert answer.status_code == 201, answer.text
    return answer.json()


def add_link(client: TestClient, account: Account, campaign: dict, **values):
    body = {"url": "https://www.example.com/spring", "medium": "paid_social", **values}
    return client.post(f"/api/campaigns/{campaign['id']}/utm", json=body, headers=account.bearer)


def test_admin_sets_and_reads_the_rules(client: TestClient, admin: Account) -> None:
    empty = client.get(RULES_PATH, headers=admin.bearer).json()
    assert empty["enforced"] is True and empty["rules"]["fields"] == {}
    saved = client.put(RULES_PATH, json=RULES, headers=admin.bearer)
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["violations_total"] == 0
    assert body["rules"]["fields"]["medium"]["allowed_by"] == {"facebook": ["paid_social"]}
    assert client.get(RULES_PATH, headers=admin.bearer).json()["rules"] == body["rules"]


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"fields": {"colour": {}}}, "fields.colour"),
        ({"fields": {"source": {"allowed": "facebook"}}}, "fields.source.allowed"),
        ({"fields": {"source": {"max_length": 500}}}, "fields.source.max_length"),
        ({"separator": "."}, "separator"),
        ({"lowercase": "sometimes"}, "lowercase"),
        ({"unknown": True}, "unknown"),
        (
            {"fields": {"medium": {"depends_on": "source", "allowed_by": {}}}},
            "fields.medium.allowed_by",
        ),
        (
            {
                "fields": {
                    "source": {"allowed": ["facebook"]},
                    "medium": {"depends_on": "source", "allowed_by": {"tiktok": ["cpc"]}},
                }
            },
            "fields.medium.allowed_by.tiktok",
        ),
        ({"separator": "-", "banned_characters": "-"}, "banned_characters"),
    ],
)
def test_a_bad_rule_set_is_refused_naming_the_entry(
    client: TestClient, admin: Account, rules, field
) -> None:
    answer = client.put(RULES_PATH, json=rules, headers=admin.bearer)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field in {error["field"] for error in answer.json()["errors"]}
    assert client.get(RULES_PATH, headers=admin.bearer).json()["rules"]["fields"] == {}


def test_a_link_breaking_a_rule_is_refused_naming_the_rule(
    client: TestClient, admin: Account
) -> None:
    campaign = new_campaign(client, admin)
    client.put(RULES_PATH, json=RULES, headers=admin.bearer)
    # Facebook's source is facebook: only paid_social is allowed with it.
    answer = add_link(client, admin, campaign, medium="email", creative="Hero 1!")
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["field"] == "medium"
    rules = {(e["field"], e.get("rule")) for e in problem["errors"]}
    assert rules == {
        ("medium", "dependency"),
        ("creative", "lowercase"),
        ("creative", "banned_characters"),
    }
    assert "dependency" in problem["errors"][0]["reason"]
    missing = add_link(client, admin, campaign)
    assert missing.status_code == 422 and missing.json()["errors"][0]["rule"] == "required"

    good = add_link(client, admin, campaign, creative="hero 1")
    assert good.status_code == 201, good.text
    assert good.json()["params"]["utm_content"] == "hero_1"


def test_validate_applies_the_rules_too(client: TestClient, admin: Account) -> None:
    campaign = new_campaign(client, admin)
    client.put(RULES_PATH, json=RULES, headers=admin.bearer)
    path = f"/api/campaigns/{campaign['id']}/utm/validate"
    bad = client.post(
        path,
        json={"url": "https://www.example.com", "source": "tiktok", "medium": "cpc"},
        headers=admin.bearer,
    ).json()
    assert bad["valid"] is False and bad["url"] is None
    assert {(e["field"], e["rule"]) for e in bad["errors"]} >= {
        ("source", "picklist"),
        ("creative", "required"),
    }
    good = client.post(
        path,
        json={"url": "https://www.example.com", "medium": "paid_social", "creative": "hero"},
        headers=admin.bearer,
    ).json()
    assert good["valid"] is True and good["params"]["utm_source_platform"] == "meta_ads"


def test_separator_rule_replaces_spaces_and_konduct_defaults(
    client: TestClient, admin: Account
) -> None:
    campaign = new_campaign(client, admin)
    client.put(RULES_PATH, json={"separator": "-"}, headers=admin.bearer)
    link = add_link(client, admin, campaign, medium="paid-social", creative="Spring Hero")
    assert link.status_code == 201, link.text
    params = link.json()["params"]
    assert params["utm_content"] == "spring-hero" and params["utm_source_platform"] == "meta-ads"
    refused = add_link(client, admin, campaign, medium="paid_social")
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "separator"


def test_existing_links_breaking_new_rules_are_listed(client: TestClient, admin: Account) -> None:
    campaign = new_campaign(client, admin)
    for creative in ("hero_1", "a_very_long_creative_name_indeed", "carousel"):
        assert add_link(client, admin, campaign, creative=creative, medium="social").status_code
    saved = client.put(RULES_PATH, json=RULES, headers=admin.bearer).json()
    # Every link has source facebook with medium social (the dependency allows paid_social).
    assert saved["violations_total"] == 3
    first = client.get(f"{RULES_PATH}/violations?limit=2", headers=admin.bearer).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    rest = client.get(f"{RULES_PATH}/violations?limit=2&offset=2", headers=admin.bearer).json()
    assert len(rest["items"]) == 1
    everything = first["items"] + rest["items"]
    assert {item["campaign_ref"] for item in everything} == {campaign["campaign_id"]}
    long_one = next(i for i in everything if "a_very_long" in i["tagged_url"])
    assert {(p["field"], p["rule"]) for p in long_one["problems"]} == {
        ("medium", "dependency"),
        ("creative", "max_length"),
    }
    assert client.get(f"{RULES_PATH}/violations?limit=500", headers=admin.bearer).status_code == 422
    client.put(RULES_PATH, json={}, headers=admin.bearer)
    assert client.get(f"{RULES_PATH}/violations", headers=admin.bearer).json()["total"] == 0


def test_a_member_cannot_change_the_rules(
    client: TestClient, smtp_sink, migrated_db_url: str
) -> None:
    member = signed_up(client, smtp_sink, role="USER")
    put_on_plan(migrated_db_url, member.email, Plan.PROFESSIONAL)
    answer = client.put(RULES_PATH, json=RULES, headers=member.bearer)
    assert answer.status_code == 403, answer.text
    assert client.get(RULES_PATH, headers=member.bearer).status_code == 200
    assert client.get(RULES_PATH, headers=member.bearer).json()["rules"]["fields"] == {}


def test_free_teams_cannot_enforce_rules(client: TestClient, smtp_sink) -> None:
    free = signed_up(client, smtp_sink, role="ADMIN")
    assert client.get(RULES_PATH, headers=free.bearer).json()["enforced"] is False
    answer = client.put(RULES_PATH, json=RULES, headers=free.bearer)
    assert answer.status_code == 402, answer.text
    body = answer.json()
    assert "Enforced naming rules" in body["detail"]
    assert body["limit"] == "naming_rules" and body["upgrade_to"] == "PROFESSIONAL"


def test_another_team_cannot_read_or_be_bound_by_the_rules(
    client: TestClient, smtp_sink, admin: Account, migrated_db_url: str
) -> None:
    client.put(RULES_PATH, json=RULES, headers=admin.bearer)
    other = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, other.email, Plan.PROFESSIONAL)
    assert client.get(RULES_PATH, headers=other.bearer).json()["rules"]["fields"] == {}
    campaign = new_campaign(client, other)
    assert add_link(client, other, campaign, medium="email").status_code == 201
    assert client.get(f"{RULES_PATH}/violations", headers=other.bearer).json()["total"] == 0
    assert client.get(f"{RULES_PATH}/violations", headers=admin.bearer).json()["total"] == 0


def test_the_rules_need_a_signed_in_caller(client: TestClient) -> None:
    assert client.get(RULES_PATH).status_code == 401
    assert client.put(RULES_PATH, json=RULES).status_code == 401
    assert client.get(f"{RULES_PATH}/violations").status_code == 401


# --- QR variants -----------------------------------------------------------------------


def test_a_qr_variant_is_its_own_link_carrying_the_variant(
    client: TestClient, admin: Account
) -> None:
    campaign = new_campaign(client, admin)
    parent = add_link(client, admin, campaign, creative="carousel", label="Story ad").json()
    path = f"/api/campaigns/{campaign['id']}/utm/{parent['id']}/qr-variants"
    made = client.post(path, json={"label": "Flyer A"}, headers=admin.bearer)
    assert made.status_code == 201, made.text
    variant = made.json()
    assert variant["variant_of"] == parent["id"] and variant["label"] == "QR · Story ad · Flyer A"
    assert variant["short_path"] != parent["short_path"]
    query = dict(parse_qsl(urlsplit(variant["tagged_url"]).query))
    assert query["utm_content"] == "qr-flyer-a"
    assert query["utm_campaign"] == campaign["campaign_id"]
    assert query["utm_medium"] == "paid_social"

    plain = client.post(path, json={}, headers=admin.bearer).json()
    assert dict(parse_qsl(urlsplit(plain["tagged_url"]).query))["utm_content"] == "qr"
    assert client.post(path, json={}, headers=admin.bearer).status_code == 409
    medium = client.post(path, json={"vary": "medium"}, headers=admin.bearer).json()
    query = dict(parse_qsl(urlsplit(medium["tagged_url"]).query))
    assert query["utm_medium"] == "qr" and query["utm_content"] == "carousel"

    # The QR image encodes the variant's short link, so each scan is counted as its own link.
    svg = client.get(
        f"/api/campaigns/{campaign['id']}/utm/{variant['id']}/qr.svg", headers=admin.bearer
    )
    assert svg.text == qr_svg("http://localhost:3000" + variant["short_path"])
    redirect = client.get(variant["short_path"], follow_redirects=False)
    assert redirect.status_code == 302 and redirect.headers["location"] == variant["tagged_url"]
    listed = client.get(f"/api/campaigns/{campaign['id']}/utm", headers=admin.bearer).json()
    assert {link["id"] for link in listed} >= {parent["id"], variant["id"]}
    by_link = client.get(f"/api/campaigns/{campaign['id']}/clicks", headers=admin.bearer).json()
    assert {row["label"] for row in by_link["by_link"]} >= {"Story ad", "QR · Story ad · Flyer A"}


def test_qr_variants_follow_the_team_rules(client: TestClient, admin: Account) -> None:
    campaign = new_campaign(client, admin)
    parent = add_link(client, admin, campaign, creative="carousel").json()
    client.put(
        RULES_PATH,
        json={"fields": {"creative": {"allowed": ["carousel", "qr"]}}, "separator": "_"},
        headers=admin.bearer,
    )
    path = f"/api/campaigns/{campaign['id']}/utm/{parent['id']}/qr-variants"
    assert client.post(path, json={}, headers=admin.bearer).status_code == 201
    refused = client.post(path, json={"label": "poster"}, headers=admin.bearer)
    assert refused.status_code == 422
    assert refused.json()["errors"][0] == {
        "field": "creative",
        "reason": refused.json()["errors"][0]["reason"],
        "rule": "picklist",
    }
    assert "qr_poster" in refused.json()["errors"][0]["reason"]


def test_another_team_cannot_make_qr_variants(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    campaign = new_campaign(client, admin)
    parent = add_link(client, admin, campaign, creative="carousel").json()
    mallory = signed_up(client, smtp_sink)
    path = f"/api/campaigns/{campaign['id']}/utm/{parent['id']}/qr-variants"
    assert client.post(path, json={}, headers=mallory.bearer).status_code == 404
    bad = client.post(path, json={"vary": "term"}, headers=admin.bearer)
    assert bad.status_code == 422 and bad.json()["field"] == "vary"
    missing = f"/api/campaigns/{campaign['id']}/utm/not-a-link/qr-variants"
    assert client.post(missing, json={}, headers=admin.bearer).status_code == 404


# --- fixing a stored link ------------------------------------------------------------------


def test_a_link_breaking_new_rules_can_be_fixed_keeping_its_short_link(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    campaign = new_campaign(client, admin)
    link = add_link(client, admin, campaign, medium="social", creative="hero").json()
    # The redirect caches its target: the fix must reach the next visit all the same.
    assert client.get(link["short_path"], follow_redirects=False).status_code == 302
    client.put(RULES_PATH, json=RULES, headers=admin.bearer)
    assert client.get(f"{RULES_PATH}/violations", headers=admin.bearer).json()["total"] == 1
    path = f"/api/campaigns/{campaign['id']}/utm/{link['id']}"

    refused = client.put(path, json={"medium": "email"}, headers=admin.bearer)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "dependency"
    shouting = client.put(
        path, json={"medium": "paid_social", "creative": "HERO"}, headers=admin.bearer
    )
    assert shouting.status_code == 422 and shouting.json()["errors"][0]["rule"] == "lowercase"

    fixed = client.put(path, json={"medium": "paid_social", "label": "Fixed"}, headers=admin.bearer)
    assert fixed.status_code == 200, fixed.text
    body = fixed.json()
    assert body["short_path"] == link["short_path"] and body["label"] == "Fixed"
    assert body["params"]["utm_medium"] == "paid_social" and body["params"]["utm_content"] == "hero"
    assert client.get(f"{RULES_PATH}/violations", headers=admin.bearer).json()["total"] == 0
    visit = client.get(link["short_path"], follow_redirects=False)
    assert visit.headers["location"] == body["tagged_url"]

    mallory = signed_up(client, smtp_sink)
    assert client.put(path, json={"label": "mine"}, headers=mallory.bearer).status_code == 404
    unknown = client.put(path, json={"colour": "red"}, headers=admin.bearer)
    assert unknown.status_code == 422 and unknown.json()["field"] == "colour"
