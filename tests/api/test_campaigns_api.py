"""Campaigns over REST: create, duplicates, search, history, lifecycle, links, isolation."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up

ID_SHAPE = re.compile(r"^[A-Z]{3}-[A-Z]{3}-\d{14}-[0-9A-F]{8}$")


def campaign_body(**changes) -> dict:
    body = {
        "name": "Spring sale 2027",
        "manager_name": "Ada Lovelace",
        "website_url": "https://www.example.com",
        "platform": "Facebook",
        "objective": "Traffic",
        "start_date": "2027-03-01",
        "end_date": "2027-03-31",
        "budget": "1500.00",
        "currency": "eur",
        "targeting": {
            "demographics": {
                "age_range": [25, 45],
                "gender": ["ALL"],
                "languages": ["en", "FR"],
                "locations": {
                    "countries": ["fr", "BE"],
                    "cities": ["Lyon"],
                    "radius": [
                        {"label": "Paris", "latitude": 48.85, "longitude": 2.35, "radius_km": 30}
                    ],
                },
            },
            "interests": ["Technology"],
            "behaviors": ["Online Shoppers"],
            "devices": ["MOBILE"],
        },
    }
    body.update(changes)
    return body


def create(client: TestClient, account: Account, **changes):
    return client.post("/api/campaigns", json=campaign_body(**changes), headers=account.bearer)


@pytest.fixture
def alice(client: TestClient, smtp_sink) -> Account:
    return signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL, role="ADMIN")


def test_create_generates_the_id_and_keeps_every_field(client: TestClient, alice: Account) -> None:
    answer = create(client, alice)
    assert answer.status_code == 201, answer.text
    campaign = answer.json()
    assert ID_SHAPE.match(campaign["campaign_id"]) and campaign["campaign_id"].startswith(
        "FBK-TRF-"
    )
    assert campaign["status"] == "DRAFT"
    assert campaign["currency"] == "EUR"
    assert campaign["platform"] == {"code": "FBK", "name": "Facebook"}
    assert campaign["targeting"]["demographics"]["locations"]["countries"] == ["BE", "FR"]
    assert campaign["targeting"]["demographics"]["languages"] == ["en", "fr"]
    assert campaign["utm_parameters"]["campaign"] == campaign["campaign_id"]
    by_id = client.get(f"/api/campaigns/{campaign['campaign_id'].lower()}", headers=alice.bearer)
    by_uuid = client.get(f"/api/campaigns/{campaign['id']}", headers=alice.bearer)
    assert by_id.json() == by_uuid.json() == campaign


def test_identical_data_warns_about_the_duplicate(client: TestClient, alice: Account) -> None:
    first = create(client, alice).json()
    again = create(client, alice)
    assert again.status_code == 409
    assert again.json()["duplicate_of"]["campaign_id"] == first["campaign_id"]
    assert first["campaign_id"] in again.json()["detail"]
    forced = create(client, alice, allow_duplicate=True)
    assert forced.status_code == 201
    assert forced.json()["campaign_id"] != first["campaign_id"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": "2027-02-01"}, "end_date"),
        ({"budget": "-1"}, "budget"),
        ({"platform": "MySpace"}, "platform"),
        ({"website_url": "www.example.com"}, "website_url"),
        ({"website_url": "javascript:alert(1)"}, "website_url"),
        ({"currency": "EURO"}, "currency"),
        ({"start_date": "tomorrow"}, "start_date"),
        ({"status": "PAUSED"}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_refused_by_field(client: TestClient, alice: Account, changes, field) -> None:
    answer = create(client, alice, **changes)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"].startswith(field) or field == "end_date"


@pytest.mark.parametrize(
    ("demographics", "field_part"),
    [
        ({"age_range": [12, 30]}, "age_range"),
        ({"age_range": [30, 70]}, "age_range"),
        ({"age_range": [40, 20]}, "age_range"),
        ({"gender": ["OTHER"]}, "gender"),
        ({"languages": ["klingon"]}, "languages"),
        ({"locations": {"countries": ["XX"]}}, "countries"),
        ({"locations": {"radius": [{"latitude": 95, "longitude": 0, "radius_km": 5}]}}, "latitude"),
    ],
)
def test_targeting_is_validated(
    client: TestClient, alice: Account, demographics, field_part
) -> None:
    body = campaign_body()
    body["targeting"]["demographics"].update(demographics)
    answer = client.post("/api/campaigns", json=body, headers=alice.bearer)
    assert answer.status_code == 422, answer.text
    assert field_part in answer.json()["field"]


def test_unverified_people_cannot_create_campaigns(client: TestClient, smtp_sink) -> None:
    newcomer = signed_up(client, smtp_sink, verify=False)
    answer = create(client, newcomer)
    assert answer.status_code == 403
    assert answer.json()["type"] == "/problems/email-not-verified"


def test_search_combines_filters_and_pages(client: TestClient, alice: Account) -> None:
    made = [
        create(client, alice, name="Spring sale", platform="Facebook", objective="Traffic").json(),
        create(
            client,
            alice,
            name="Summer sale",
            platform="Google Ads",
            objective="Conversions",
            utm_parameters={"source": "google", "medium": "cpc"},
        ).json(),
        create(
            client, alice, name="Brand film", platform="YouTube", objective="Video Views"
        ).json(),
    ]

    def ids(**params) -> list[str]:
        answer = client.get("/api/campaigns/search", params=params, headers=alice.bearer)
        assert answer.status_code == 200, answer.text
        return [c["campaign_id"] for c in answer.json()["items"]]

    assert ids() == [c["campaign_id"] for c in reversed(made)]  # newest first
    assert ids(q="sale") == [made[1]["campaign_id"], made[0]["campaign_id"]]
    assert ids(q="sale", platform="gad") == [made[1]["campaign_id"]]
    assert ids(objective="video views") == [made[2]["campaign_id"]]
    assert ids(utm_medium="cpc") == [made[1]["campaign_id"]]
    assert ids(campaign_id=made[2]["campaign_id"][:12].lower()) == [made[2]["campaign_id"]]
    assert ids(status="ACTIVE") == []
    page = client.get(
        "/api/campaigns", params={"limit": 2, "offset": 2}, headers=alice.bearer
    ).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["limit"] == 2
    assert (
        client.get("/api/campaigns", params={"limit": 500}, headers=alice.bearer).status_code == 422
    )


def test_search_treats_wildcards_as_text(client: TestClient, alice: Account) -> None:
    create(client, alice, name="Spring sale")
    answer = client.get("/api/campaigns/search", params={"q": "%"}, headers=alice.bearer).json()
    assert answer["total"] == 0


def test_edits_are_recorded_with_a_diff_and_an_author(client: TestClient, alice: Account) -> None:
    campaign = create(client, alice).json()
    path = f"/api/campaigns/{campaign['campaign_id']}"
    edited = client.put(
        path, json={"budget": "2000", "name": "Spring sale (extended)"}, headers=alice.bearer
    )
    assert edited.status_code == 200 and edited.json()["name"] == "Spring sale (extended)"
    history = client.get(f"{path}/history", headers=alice.bearer).json()
    assert [entry["action"] for entry in history] == ["UPDATE", "CREATE"]
    diff = history[0]["changes"]
    assert diff["budget"] == {"from": "1500.00", "to": "2000.00"}
    assert diff["name"]["to"] == "Spring sale (extended)"
    assert history[0]["performed_by_name"] == "Ada Lovelace"

    fixed = client.put(path, json={"platform": "TikTok"}, headers=alice.bearer)
    assert fixed.status_code == 422 and fixed.json()["field"] == "platform"
    backwards = client.put(path, json={"end_date": "2027-01-01"}, headers=alice.bearer)
    assert backwards.status_code == 422


def test_lifecycle_moves_and_refusals(client: TestClient, alice: Account) -> None:
    path = f"/api/campaigns/{create(client, alice).json()['id']}"
    assert client.post(f"{path}/pause", headers=alice.bearer).status_code == 409  # a draft
    assert client.post(f"{path}/publish", headers=alice.bearer).json()["status"] == "ACTIVE"
    assert client.post(f"{path}/pause", headers=alice.bearer).json()["status"] == "PAUSED"
    assert client.post(f"{path}/resume", headers=alice.bearer).json()["status"] == "ACTIVE"
    archived = client.post(f"{path}/archive", headers=alice.bearer).json()
    assert archived["archived"] is True and archived["status"] == "ACTIVE"
    assert client.post(f"{path}/pause", headers=alice.bearer).status_code == 409
    assert client.put(path, json={"name": "x"}, headers=alice.bearer).status_code == 409
    listed = client.get("/api/campaigns", headers=alice.bearer).json()["items"]
    assert path.rsplit("/", 1)[1] not in [c["id"] for c in listed]
    in_archive = client.get(
        "/api/campaigns", params={"archived": True}, headers=alice.bearer
    ).json()
    assert [c["id"] for c in in_archive["items"]] == [path.rsplit("/", 1)[1]]
    assert client.post(f"{path}/restore", headers=alice.bearer).json()["archived"] is False
    assert client.post(f"{path}/complete", headers=alice.bearer).json()["status"] == "COMPLETED"
    assert client.post(f"{path}/resume", headers=alice.bearer).status_code == 409
    actions = [e["action"] for e in client.get(f"{path}/history", headers=alice.bearer).json()]
    assert actions == ["COMPLETE", "RESTORE", "ARCHIVE", "RESUME", "PAUSE", "UPDATE", "CREATE"]


def test_delete_is_soft_and_can_be_undone(client: TestClient, alice: Account) -> None:
    path = f"/api/campaigns/{create(client, alice).json()['campaign_id']}"
    assert client.delete(path, headers=alice.bearer).json()["deleted"] is True
    assert client.get(path, headers=alice.bearer).status_code == 404
    assert client.get("/api/campaigns", headers=alice.bearer).json()["total"] == 0
    assert client.post(f"{path}/restore", headers=alice.bearer).json()["deleted"] is False
    assert client.get(path, headers=alice.bearer).status_code == 200


def test_members_cannot_delete(client: TestClient, smtp_sink) -> None:
    member = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL, role="USER")
    path = f"/api/campaigns/{create(client, member).json()['id']}"
    answer = client.delete(path, headers=member.bearer)
    assert answer.status_code == 403 and answer.json()["type"] == "/problems/forbidden"


def test_tracking_links_carry_the_campaign_id(client: TestClient, alice: Account) -> None:
    campaign = create(client, alice, platform="Google Ads").json()
    path = f"/api/campaigns/{campaign['id']}/utm"
    answer = client.post(
        path,
        json={
            "url": "https://www.example.com/spring?ref=nav",
            "medium": "cpc",
            "creative": "Hero 1",
            "label": "Search ad",
        },
        headers=alice.bearer,
    )
    assert answer.status_code == 201, answer.text
    link = answer.json()
    query = dict(parse_qsl(urlsplit(link["tagged_url"]).query))
    assert query["utm_campaign"] == query["utm_id"] == campaign["campaign_id"]
    assert query["utm_source"] == "google" and query["utm_content"] == "hero_1"
    assert query["utm_source_platform"] == "google_ads" and query["ref"] == "nav"
    assert re.fullmatch(r"/r/[A-Za-z0-9]{8}", link["short_path"])
    assert client.get(path, headers=alice.bearer).json()[0]["id"] == link["id"]

    bad = client.post(
        path, json={"url": "ftp://example.com", "medium": "cpc"}, headers=alice.bearer
    )
    assert bad.status_code == 422 and bad.json()["field"] == "url"
    check = client.post(
        f"{path}/validate",
        json={"url": "https://example.com", "medium": "cpc"},
        headers=alice.bearer,
    ).json()
    assert check["valid"] and check["params"]["utm_campaign"] == campaign["campaign_id"]


ENDPOINTS = [
    ("get", ""),
    ("put", ""),
    ("delete", ""),
    ("post", "/pause"),
    ("post", "/resume"),
    ("post", "/publish"),
    ("post", "/complete"),
    ("post", "/archive"),
    ("post", "/restore"),
    ("get", "/history"),
    ("get", "/utm"),
    ("post", "/utm"),
    ("post", "/utm/validate"),
]


@pytest.mark.parametrize(("method", "suffix"), ENDPOINTS)
def test_another_team_gets_404_everywhere(
    client: TestClient, smtp_sink, alice, method, suffix
) -> None:
    campaign = create(client, alice).json()
    mallory = signed_up(client, smtp_sink)
    body = {"put": {"name": "mine now"}, "post": {"url": "https://e.com", "medium": "cpc"}}
    for ref in (campaign["id"], campaign["campaign_id"]):
        answer = client.request(
            method.upper(),
            f"/api/campaigns/{ref}{suffix}",
            json=body.get(method),
            headers=mallory.bearer,
        )
        assert answer.status_code == 404, (ref, answer.text)
    assert client.get(f"/api/campaigns/{campaign['id']}", headers=alice.bearer).json()["name"] == (
        "Spring sale 2027"
    )
    assert client.get("/api/campaigns", headers=mallory.bearer).json()["total"] == 0


def test_campaigns_need_a_signed_in_caller(client: TestClient) -> None:
    assert client.get("/api/campaigns").status_code == 401
    assert client.post("/api/campaigns", json=campaign_body()).status_code == 401


def test_link_qr_codes_and_ga4_tactic(client: TestClient, alice: Account) -> None:
    body = campaign_body()
    body["targeting"]["custom_audience"] = "Website visitors, last 30 days"
    campaign = client.post("/api/campaigns", json=body, headers=alice.bearer).json()
    path = f"/api/campaigns/{campaign['id']}/utm"
    link = client.post(
        path, json={"url": "https://www.example.com", "medium": "paid_social"}, headers=alice.bearer
    ).json()
    assert link["params"]["utm_marketing_tactic"] == "remarketing"
    png = client.get(f"{path}/{link['id']}/qr.png", headers=alice.bearer)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    svg = client.get(f"{path}/{link['id']}/qr.svg", headers=alice.bearer)
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert client.get(f"{path}/not-a-uuid/qr.png", headers=alice.bearer).status_code == 404
    assert client.get(f"{path}/{link['id']}/qr.gif", headers=alice.bearer).status_code == 422
