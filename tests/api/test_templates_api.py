"""Campaign templates over REST: save a campaign as one, list, read, delete, plans, teams."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.api.test_campaigns_api import create
from tests.plan_helpers import put_on_plan


@pytest.fixture
def pro(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.PROFESSIONAL)
    return account


def template_body(**changes) -> dict:
    body = {
        "name": "Always-on retargeting",
        "campaign": {
            "platform": "Instagram",
            "objective": "Conversions",
            "campaign_name": "Retargeting",
            "website_url": "https://www.example.com/shop",
            "budget": "250",
            "currency": "usd",
            "targeting": {"demographics": {"age_range": [21, 40]}, "devices": ["MOBILE"]},
        },
    }
    body.update(changes)
    return body


def test_a_campaign_saved_as_template_keeps_setup_and_targeting_not_dates(
    client: TestClient, pro: Account
) -> None:
    campaign = create(client, pro).json()
    answer = client.post(
        f"/api/campaigns/{campaign['campaign_id']}/save-as-template",
        json={"name": "Spring template"},
        headers=pro.bearer,
    )
    assert answer.status_code == 201, answer.text
    template = answer.json()
    fields = template["campaign"]
    assert template["platform"] == {"code": "FBK", "name": "Facebook"}
    assert fields["campaign_name"] == "Spring sale 2027"
    assert fields["website_url"] == "https://www.example.com"
    assert fields["currency"] == "EUR" and fields["budget"] == "1500.00"
    assert fields["targeting"]["demographics"]["age_range"] == [25, 45]
    assert fields["targeting"]["demographics"]["locations"]["countries"] == ["BE", "FR"]
    assert fields["utm_parameters"]["campaign"] is None  # the ID is the campaign's own
    for key in ("start_date", "end_date", "campaign_id", "status"):
        assert key not in fields and key not in template

    again = client.get(f"/api/templates/{template['id']}", headers=pro.bearer)
    assert again.status_code == 200 and again.json() == template


def test_templates_are_listed_newest_first_in_pages(client: TestClient, pro: Account) -> None:
    for n in range(3):
        made = client.post("/api/templates", json=template_body(name=f"T{n}"), headers=pro.bearer)
        assert made.status_code == 201, made.text
    first = client.get("/api/templates", params={"limit": 2}, headers=pro.bearer).json()
    second = client.get(
        "/api/templates", params={"limit": 2, "offset": 2}, headers=pro.bearer
    ).json()
    assert first["total"] == 3 and [t["name"] for t in first["items"]] == ["T2", "T1"]
    assert [t["name"] for t in second["items"]] == ["T0"]
    assert first["items"][0]["created_by_name"] == "Ada Lovelace"
    bad = client.get("/api/templates", params={"limit": 1000}, headers=pro.bearer)
    assert bad.status_code == 422 and bad.json()["field"] == "limit"


def test_names_are_unique_per_team(client: TestClient, pro: Account) -> None:
    first = client.post("/api/templates", json=template_body(), headers=pro.bearer)
    assert first.status_code == 201
    clash = client.post(
        "/api/templates", json=template_body(name="ALWAYS-ON retargeting"), headers=pro.bearer
    )
    assert clash.status_code == 409
    assert "already has a template" in clash.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"platform": "MySpace"}, "platform"),
        ({"budget": "-5"}, "campaign.budget"),
        ({"website_url": "example.com"}, "campaign.website_url"),
        ({"currency": "EURO"}, "campaign.currency"),
        ({"targeting": {"demographics": {"age_range": [10, 30]}}}, "campaign.targeting"),
        ({"start_date": "2027-01-01"}, "campaign.start_date"),
    ],
)
def test_bad_template_values_are_refused_by_field(
    client: TestClient, pro: Account, changes: dict, field: str
) -> None:
    body = template_body()
    body["campaign"].update(changes)
    answer = client.post("/api/templates", json=body, headers=pro.bearer)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"].startswith(field)


def test_delete_removes_it(client: TestClient, pro: Account) -> None:
    template = client.post("/api/templates", json=template_body(), headers=pro.bearer).json()
    gone = client.delete(f"/api/templates/{template['id']}", headers=pro.bearer)
    assert gone.status_code == 204
    assert client.get(f"/api/templates/{template['id']}", headers=pro.bearer).status_code == 404
    assert client.delete(f"/api/templates/{template['id']}", headers=pro.bearer).status_code == 404
    assert client.get("/api/templates/not-a-uuid", headers=pro.bearer).status_code == 404


def test_free_teams_cannot_make_templates(client: TestClient, smtp_sink) -> None:
    free = signed_up(client, smtp_sink)
    answer = client.post("/api/templates", json=template_body(), headers=free.bearer)
    assert answer.status_code == 402, answer.text
    assert answer.json()["limit"] == "templates" and "Professional" in answer.json()["detail"]
    # A campaign Free may make (basic targeting), which it still may not keep as a template.
    made = create(client, free, targeting={"devices": ["MOBILE"]})
    assert made.status_code == 201, made.text
    campaign = made.json()
    saved = client.post(
        f"/api/campaigns/{campaign['campaign_id']}/save-as-template",
        json={"name": "x"},
        headers=free.bearer,
    )
    assert saved.status_code == 402, saved.text
    assert client.get("/api/templates", headers=free.bearer).json()["total"] == 0


def test_another_team_cannot_see_or_delete_a_template(
    client: TestClient, pro: Account, smtp_sink, migrated_db_url: str
) -> None:
    template = client.post("/api/templates", json=template_body(), headers=pro.bearer).json()
    campaign = create(client, pro, name="Mine").json()
    other = signed_up(client, smtp_sink)
    put_on_plan(migrated_db_url, other.email, Plan.PROFESSIONAL)
    assert client.get(f"/api/templates/{template['id']}", headers=other.bearer).status_code == 404
    assert (
        client.delete(f"/api/templates/{template['id']}", headers=other.bearer).status_code == 404
    )
    assert client.get("/api/templates", headers=other.bearer).json()["total"] == 0
    stolen = client.post(
        f"/api/campaigns/{campaign['campaign_id']}/save-as-template",
        json={"name": "Stolen"},
        headers=other.bearer,
    )
    assert stolen.status_code == 404
    assert client.get(f"/api/templates/{template['id']}", headers=pro.bearer).status_code == 200


def test_signed_out_callers_are_refused(client: TestClient) -> None:
    assert client.get("/api/templates").status_code == 401
    assert client.post("/api/templates", json=template_body()).status_code == 401
