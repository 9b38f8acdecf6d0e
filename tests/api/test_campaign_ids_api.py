import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from konduct.domain.campaign_id import parse_campaign_id
from konduct.schemas.campaign_ids import CampaignIdRequest
from konduct.services import campaign_ids

ID_PATTERN = re.compile(r"^[A-Z]{3}-[A-Z]{3}-\d{14}-[0-9A-F]{8}$")


@pytest.mark.parametrize(
    ("platform", "objective", "codes"),
    [
        ("Facebook", "Traffic", ("FBK", "TRF")),
        ("fbk", "trf", ("FBK", "TRF")),
        ("google ads", "LEAD GENERATION", ("GAD", "LEA")),
        ("Twitter/X", "Video Views", ("TWX", "VID")),
    ],
)
def test_generate_id_accepts_names_and_codes_in_any_case(
    client: TestClient, platform, objective, codes
) -> None:
    response = client.post(
        "/api/campaigns/generate-id",
        json={
            "platform": platform,
            "objective": objective,
            "name": "Spring sale",
            "budget": "1500.00",
            "start_date": "2027-03-01",
            "end_date": "2027-03-31",
            "currency": "EUR",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert ID_PATTERN.match(body["campaign_id"])
    assert (body["platform"]["code"], body["objective"]["code"]) == codes
    assert body["campaign_id"] == f"{codes[0]}-{codes[1]}-{body['timestamp']}-{body['hash']}"
    assert parse_campaign_id(body["campaign_id"]).hash == body["hash"]


def test_same_data_and_second_give_the_same_id_through_the_service() -> None:
    at = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    request = CampaignIdRequest(platform="Facebook", objective="Traffic", name="Spring sale")
    same = CampaignIdRequest(platform="FBK", objective="trf", name="Spring sale")
    other = CampaignIdRequest(platform="Facebook", objective="Traffic", name="Autumn sale")
    assert str(campaign_ids.generate(request, at=at)) == str(campaign_ids.generate(same, at=at))
    assert str(campaign_ids.generate(request, at=at)) != str(campaign_ids.generate(other, at=at))
    assert str(campaign_ids.generate(request, at=at)).startswith("FBK-TRF-20270301093000-")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"platform": "MySpace", "objective": "Traffic"}, "platform"),
        ({"platform": "Facebook", "objective": "World peace"}, "objective"),
        ({"platform": "Facebook", "objective": "Traffic", "budget": "-5"}, "budget"),
        ({"platform": "Facebook", "objective": "Traffic", "currency": "EURO"}, "currency"),
        ({"platform": "", "objective": "Traffic"}, "platform"),
    ],
)
def test_generate_id_refuses_bad_input_by_field(client: TestClient, payload, field) -> None:
    response = client.post("/api/campaigns/generate-id", json=payload)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


def test_end_date_before_start_date_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/campaigns/generate-id",
        json={
            "platform": "Facebook",
            "objective": "Traffic",
            "start_date": "2027-03-31",
            "end_date": "2027-03-01",
        },
    )
    assert response.status_code == 422
    assert "end_date must not be before start_date" in response.json()["errors"][0]["reason"]


def test_validate_id_explains_each_part(client: TestClient) -> None:
    response = client.get("/api/campaigns/validate-id/ttk-eng-20270301093000-9f86d081")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["campaign_id"] == "TTK-ENG-20270301093000-9F86D081"
    assert body["parts"]["platform"] == {"code": "TTK", "name": "TikTok"}
    assert body["parts"]["objective"] == {"code": "ENG", "name": "Engagement"}
    assert body["parts"]["created_at"].startswith("2027-03-01T09:30:00")
    assert body["parts"]["hash"] == "9F86D081"


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("FBK-TRF-20270301093000", "4 parts"),
        ("ZZZ-TRF-20270301093000-9F86D081", "ZZZ"),
        ("FBK-TRF-20271301093000-9F86D081", "not a valid"),
        ("FBK-TRF-20270301093000-9F86D08", "8 hex"),
    ],
)
def test_validate_id_says_what_is_wrong(client: TestClient, text: str, reason_part: str) -> None:
    body = client.get(f"/api/campaigns/validate-id/{text}").json()
    assert body["valid"] is False
    assert body["parts"] is None
    assert body["errors"][0]["field"] == "campaign_id"
    assert reason_part in body["errors"][0]["reason"]
