"""POST /api/analytics/track and GET /api/analytics/landing (staff only)."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.api.accounts_helpers import PASSWORD, login, new_email, register, token_from

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}


def ids() -> dict[str, str]:
    return {"visitor_id": uuid.uuid4().hex, "session_id": uuid.uuid4().hex}


def track(client: TestClient, *events: dict, headers=None, **batch):
    body = {**ids(), **batch, "events": list(events)}
    return client.post("/api/analytics/track", json=body, headers=headers or BROWSER)


def account(client: TestClient, smtp_sink, email: str) -> dict[str, str]:
    assert register(client, email).status_code == 202
    mail = smtp_sink.wait_for(email, "confirm your email")
    link = next(link for link in smtp_sink.links(mail) if "verify-email" in link)
    assert client.post("/api/auth/verify-email", json={"token": token_from(link)}).is_success
    tokens = login(client, email, PASSWORD).json()["tokens"]
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def staff_client(make_client, smtp_sink) -> tuple[TestClient, dict[str, str]]:
    email = new_email("staff")
    client = make_client(staff_emails=f"someone@example.com, {email.upper()}")
    return client, account(client, smtp_sink, email)


def test_config_says_whether_google_analytics_is_on(make_client) -> None:
    assert make_client().get("/api/analytics/config").json()["ga_measurement_id"] == ""
    on = make_client(ga_measurement_id="G-TEST1234").get("/api/analytics/config").json()
    assert on["ga_measurement_id"] == "G-TEST1234"


def test_tracked_events_show_in_the_staff_report(make_client, smtp_sink) -> None:
    client, staff = staff_client(make_client, smtp_sink)
    before = client.get("/api/analytics/landing", headers=staff).json()
    path = f"/pricing-{uuid.uuid4().hex[:6]}"
    answer = track(
        client,
        {"type": "page_view", "path": path, "referrer": "https://news.example.com/a"},
        {"type": "cta_click", "path": path, "label": "pricing-start-trial"},
        {"type": "web_vital", "path": path, "label": "LCP", "value": 1800},
        {"type": "engagement", "path": path, "value": 15000},
        {"type": "trial_signup", "path": path},
    )
    assert answer.status_code == 202 and answer.json() == {"recorded": 5}

    after = client.get("/api/analytics/landing", headers=staff).json()
    assert after["totals"]["page_views"] == before["totals"]["page_views"] + 1
    assert after["totals"]["unique_visitors"] == before["totals"]["unique_visitors"] + 1
    assert after["totals"]["trial_signups"] == before["totals"]["trial_signups"] + 1
    assert after["totals"]["cta_clicks"] == before["totals"]["cta_clicks"] + 1
    assert {"name": path, "count": 1, "visitors": 1} in after["top_pages"]
    lcp = next(v for v in after["web_vitals"] if v["name"] == "LCP")
    assert lcp["samples"] >= 1
    today = after["daily"][-1]
    assert set(today) >= {"id", "page_views", "unique_visitors", "trial_signups",
                          "demo_requests", "contact_requests", "timestamp"}  # fmt: skip
    assert after["conversion_rate"] is not None and after["bounce_rate"] is not None


def test_the_report_takes_a_date_range(make_client, smtp_sink) -> None:
    client, staff = staff_client(make_client, smtp_sink)
    week = client.get(
        "/api/analytics/landing", params={"start": "2031-01-01", "end": "2031-01-07"},
        headers=staff,
    ).json()  # fmt: skip
    assert [d["day"] for d in week["daily"]] == [f"2031-01-0{n}" for n in range(1, 8)] or (
        week["daily"] == []  # days still ahead of the clock are not rolled up
    )
    for params, field in (
        ({"start": "2031-02-01", "end": "2031-01-01"}, "start"),
        ({"start": "2020-01-01", "end": "2031-01-01"}, "start"),
        ({"start": "yesterday"}, "start"),
    ):
        answer = client.get("/api/analytics/landing", params=params, headers=staff)
        assert answer.status_code == 422 and answer.json()["field"] == field


def test_the_report_is_for_staff_only(make_client, smtp_sink) -> None:
    client = make_client(staff_emails="boss@example.com")
    assert client.get("/api/analytics/landing").status_code == 401
    someone = account(client, smtp_sink, new_email("customer"))
    # Staff doors answer 404 to everyone else: they do not even say they exist.
    refused = client.get("/api/analytics/landing", headers=someone)
    assert refused.status_code == 404
    assert refused.headers["content-type"] == "application/problem+json"


def test_bad_events_are_refused_by_field(client: TestClient) -> None:
    cases = [
        ({"type": "purchase", "path": "/"}, "events[0].type"),
        ({"type": "page_view", "path": "https://evil.example/"}, "events[0].path"),
        ({"type": "cta_click", "path": "/", "label": "<img src=x>"}, "events[0].label"),
        ({"type": "page_view", "path": "/", "properties": {"a": {"b": 1}}}, "events[0].properties"),
        ({"type": "page_view", "path": "/", "extra": 1}, "events[0].extra"),
    ]  # fmt: skip
    for event, field in cases:
        answer = track(client, event)
        assert answer.status_code == 422, event
        assert answer.json()["field"] == field, (event, answer.json())
    vital = track(client, {"type": "web_vital", "path": "/", "label": "LCP", "value": -5})
    assert vital.status_code == 422
    no_id = track(client, {"type": "page_view", "path": "/"}, visitor_id="x")
    assert no_id.status_code == 422 and no_id.json()["field"] == "visitor_id"
    too_many = track(client, *[{"type": "page_view", "path": "/"}] * 21)
    assert too_many.status_code == 422 and too_many.json()["field"] == "events"
    broken = client.post(
        "/api/analytics/track",
        content=b"{",
        headers={**BROWSER, "Content-Type": "application/json"},
    )
    assert broken.status_code == 400


def test_big_bodies_foreign_origins_and_bots(client: TestClient) -> None:
    huge = {"type": "page_view", "path": "/", "properties": {"p": "x" * 100}}
    answer = client.post(
        "/api/analytics/track",
        json={**ids(), "events": [huge] * 20, "pad": "y" * 9000},
        headers=BROWSER,
    )
    assert answer.status_code == 413 and answer.json()["max_bytes"] == 8192
    foreign = track(client, {"type": "page_view", "path": "/"},
                    headers={**BROWSER, "Origin": "https://evil.example"})  # fmt: skip
    assert foreign.status_code == 401
    bot = track(client, {"type": "page_view", "path": "/"}, headers={"User-Agent": "Googlebot/2.1"})
    assert bot.status_code == 202 and bot.json() == {"recorded": 0}


def test_tracking_is_rate_limited_per_address(client: TestClient) -> None:
    statuses = [track(client, {"type": "page_view", "path": "/"}).status_code for _ in range(61)]
    assert statuses[:60] == [202] * 60 and statuses[60] == 429
