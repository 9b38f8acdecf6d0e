from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import signed_up
from tests.api.test_campaigns_api import create


def test_decode_a_campaign_id_anonymously(client: TestClient) -> None:
    body = client.post("/api/decode", json={"text": " igm-lea-20270301093000-9f86d081 "}).json()
    assert body["kind"] == "campaign_id"
    assert body["campaign_id"]["platform"] == {"code": "IGM", "name": "Instagram"}
    assert body["your_campaign"] is None


def test_decode_a_tagged_link_and_name_your_campaign(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    campaign = create(client, owner).json()
    link = client.post(
        f"/api/campaigns/{campaign['id']}/utm",
        json={"url": "https://www.example.com/?ref=nav", "medium": "paid_social", "creative": "a"},
        headers=owner.bearer,
    ).json()
    body = client.post(
        "/api/decode", json={"text": link["tagged_url"]}, headers=owner.bearer
    ).json()
    assert body["kind"] == "url"
    assert body["landing_url"] == "https://www.example.com/?ref=nav"
    assert body["channel"] == "Paid Social"
    assert body["your_campaign"]["name"] == "Spring sale 2027"
    keys = {p["key"]: p for p in body["parameters"]}
    assert keys["utm_content"]["value"] == "a" and "GA4" in keys["utm_content"]["meaning"]

    stranger = signed_up(client, smtp_sink)
    theirs = client.post("/api/decode", json={"text": link["tagged_url"]}, headers=stranger.bearer)
    assert theirs.json()["your_campaign"] is None  # another team's campaign is not named


def test_decode_says_what_is_wrong(client: TestClient) -> None:
    answer = client.post("/api/decode", json={"text": "hello"})
    assert answer.status_code == 422 and answer.json()["field"] == "text"
    assert "neither a tagged link" in answer.json()["errors"][0]["reason"]
