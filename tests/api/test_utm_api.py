from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

CAMPAIGN = "FBK-TRF-20270301093000-9F86D081"


def test_builds_the_tagged_url_keeping_query_and_fragment(client: TestClient) -> None:
    response = client.post(
        "/api/utm/validate",
        json={
            "url": "https://www.example.com/spring?ref=nav#offers",
            "source": " Facebook ",
            "medium": "Paid Social",
            "campaign": CAMPAIGN,
            "creative": "Carousel 2",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["valid"] is True
    parts = urlsplit(body["url"])
    assert parts.fragment == "offers"
    query = parse_qsl(parts.query)
    assert query[0] == ("ref", "nav")
    assert dict(query) == {
        "ref": "nav",
        "utm_source": "facebook",
        "utm_medium": "paid_social",
        "utm_campaign": CAMPAIGN,
        "utm_id": CAMPAIGN,
        "utm_content": "carousel_2",
    }
    assert body["params"]["utm_content"] == "carousel_2"


def test_creative_can_be_written_as_utm_creative(client: TestClient) -> None:
    body = client.post(
        "/api/utm/validate",
        json={
            "url": "https://example.com",
            "source": "facebook",
            "medium": "cpc",
            "campaign": CAMPAIGN,
            "creative": "banner_1",
            "creative_param": "utm_creative",
        },
    ).json()
    assert "utm_creative=banner_1" in body["url"]
    assert "utm_content" not in body["url"]


def test_problems_are_listed_per_field(client: TestClient) -> None:
    body = client.post(
        "/api/utm/validate",
        json={"url": "javascript:alert(1)", "source": "", "medium": "cpc", "campaign": ""},
    ).json()
    assert body["valid"] is False
    assert body["url"] is None
    fields = {error["field"] for error in body["errors"]}
    assert {"url", "source", "campaign"} <= fields


def test_a_url_that_already_has_the_key_is_refused(client: TestClient) -> None:
    body = client.post(
        "/api/utm/validate",
        json={
            "url": "https://example.com/?utm_source=google",
            "source": "facebook",
            "medium": "cpc",
            "campaign": CAMPAIGN,
        },
    ).json()
    assert body["valid"] is False
    assert any(e["field"] == "url" and "utm_source" in e["reason"] for e in body["errors"])


def test_missing_creative_is_a_warning_not_an_error(client: TestClient) -> None:
    body = client.post(
        "/api/utm/validate",
        json={
            "url": "https://example.com",
            "source": "facebook",
            "medium": "cpc",
            "campaign": CAMPAIGN,
        },
    ).json()
    assert body["valid"] is True
    assert any(w["field"] == "creative" for w in body["warnings"])


def test_unknown_creative_param_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/utm/validate",
        json={
            "url": "https://example.com",
            "source": "facebook",
            "medium": "cpc",
            "campaign": CAMPAIGN,
            "creative_param": "utm_banner",
        },
    )
    assert response.status_code == 422
    assert response.json()["field"] == "creative_param"


@pytest.mark.parametrize(
    ("source", "medium", "channel"),
    [
        ("facebook", "paid_social", "Paid Social"),
        ("google", "cpc", "Paid Search"),
        ("newsletter", "email", "Email"),
        ("poster", "flyer", "Unassigned"),
    ],
)
def test_the_ga4_channel_is_previewed(client: TestClient, source, medium, channel) -> None:
    body = client.post(
        "/api/utm/validate",
        json={
            "url": "https://example.com",
            "source": source,
            "medium": medium,
            "campaign": CAMPAIGN,
        },
    ).json()
    assert body["channel"] == channel
