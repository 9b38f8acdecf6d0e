"""Mailed campaign details and read-only share links over REST."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from konduct.services.campaign_sharing import DETAIL_MAILS_PER_HOUR
from tests.api.accounts_helpers import Account, signed_up
from tests.api.test_campaigns_api import create
from tests.plan_helpers import put_on_plan
from tests.team_member_helpers import join_team


@pytest.fixture
def pro(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN", full_name="Ada <b>Lovelace</b>")
    put_on_plan(migrated_db_url, account.email, Plan.PROFESSIONAL)
    return account


@pytest.fixture
def campaign(client: TestClient, pro: Account) -> dict:
    made = create(client, pro, name="Spring <script>alert(1)</script>").json()
    link = client.post(
        f"/api/campaigns/{made['campaign_id']}/utm",
        json={"url": "https://www.example.com/spring", "medium": "paid_social", "label": "Story"},
        headers=pro.bearer,
    )
    assert link.status_code == 201, link.text
    return made


def test_details_are_mailed_with_links_and_escaped(
    client: TestClient, pro: Account, campaign: dict, smtp_sink
) -> None:
    answer = client.post(
        f"/api/campaigns/{campaign['campaign_id']}/email",
        json={"to": "boss@example.com", "note": "Numbers <inside>"},
        headers=pro.bearer,
    )
    assert answer.status_code == 202, answer.text
    assert answer.json() == {"sent_to": "boss@example.com"}
    mail = smtp_sink.wait_for("boss@example.com", "Campaign details")
    html = mail.get_body(preferencelist=("html",)).get_content()
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert campaign["campaign_id"] in text
    assert "utm_campaign=" + campaign["campaign_id"] in text
    assert "Story" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;inside&gt;" in html and "<b>Lovelace" not in html
    assert f"/campaigns/{campaign['campaign_id']}" in text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "not-an-address"}, "to"),
        ({}, "to"),
        ({"to": "a@example.com", "note": "x" * 1001}, "note"),
        ({"to": "a@example.com", "cc": "b@example.com"}, "cc"),
    ],
)
def test_bad_mail_requests_name_the_field(
    client: TestClient, pro: Account, campaign: dict, body: dict, field: str
) -> None:
    answer = client.post(
        f"/api/campaigns/{campaign['campaign_id']}/email", json=body, headers=pro.bearer
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == field


def test_mailing_details_is_rate_limited_per_person(
    client: TestClient, pro: Account, campaign: dict
) -> None:
    url = f"/api/campaigns/{campaign['campaign_id']}/email"
    for _ in range(DETAIL_MAILS_PER_HOUR):
        sent = client.post(url, json={"to": "a@example.com"}, headers=pro.bearer)
        assert sent.status_code == 202
    refused = client.post(url, json={"to": "a@example.com"}, headers=pro.bearer)
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_a_share_link_opens_read_only_for_a_teammate_only(
    client: TestClient, pro: Account, campaign: dict, smtp_sink, migrated_db_url: str
) -> None:
    ref = campaign["campaign_id"]
    made = client.post(f"/api/campaigns/{ref}/shares", headers=pro.bearer)
    assert made.status_code == 201, made.text
    share = made.json()
    assert share["url"].endswith(f"/campaigns/shared/{share['token']}")

    teammate = signed_up(client, smtp_sink)
    join_team(migrated_db_url, teammate.email, pro.email)
    opened = client.get(f"/api/shared/{share['token']}", headers=teammate.bearer)
    assert opened.status_code == 200, opened.text
    assert opened.json()["campaign"]["campaign_id"] == ref
    assert opened.json()["links"][0]["label"] == "Story"
    assert opened.json()["shared_by"] == "Ada <b>Lovelace</b>"

    outsider = signed_up(client, smtp_sink)
    assert client.get(f"/api/shared/{share['token']}", headers=outsider.bearer).status_code == 404
    assert client.get(f"/api/shared/{share['token']}").status_code == 401
    assert client.get("/api/shared/not-a-token", headers=teammate.bearer).status_code == 404
    # The outsider cannot list or revoke the team's links either.
    assert client.get(f"/api/campaigns/{ref}/shares", headers=outsider.bearer).status_code == 404
    assert (
        client.delete(
            f"/api/campaigns/{ref}/shares/{share['id']}", headers=outsider.bearer
        ).status_code
        == 404
    )

    listed = client.get(f"/api/campaigns/{ref}/shares", headers=pro.bearer).json()
    assert listed["total"] == 1 and "token" not in listed["items"][0]
    revoked = client.delete(f"/api/campaigns/{ref}/shares/{share['id']}", headers=pro.bearer)
    assert revoked.status_code == 204
    assert client.get(f"/api/shared/{share['token']}", headers=teammate.bearer).status_code == 404
    assert client.get(f"/api/campaigns/{ref}/shares", headers=pro.bearer).json()["total"] == 0
    again = client.delete(f"/api/campaigns/{ref}/shares/{share['id']}", headers=pro.bearer)
    assert again.status_code == 404


def test_a_deleted_campaigns_share_link_stops_working(
    client: TestClient, pro: Account, campaign: dict
) -> None:
    ref = campaign["campaign_id"]
    share = client.post(f"/api/campaigns/{ref}/shares", headers=pro.bearer).json()
    assert client.delete(f"/api/campaigns/{ref}", headers=pro.bearer).status_code == 200
    assert client.get(f"/api/shared/{share['token']}", headers=pro.bearer).status_code == 404


def test_another_team_cannot_mail_or_share_a_campaign(
    client: TestClient, campaign: dict, smtp_sink
) -> None:
    other = signed_up(client, smtp_sink)
    ref = campaign["campaign_id"]
    mailed = client.post(
        f"/api/campaigns/{ref}/email", json={"to": "x@example.com"}, headers=other.bearer
    )
    assert mailed.status_code == 404
    assert client.post(f"/api/campaigns/{ref}/shares", headers=other.bearer).status_code == 404
