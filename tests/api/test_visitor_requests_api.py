"""The visitor request doors over REST: trial, demo, sales contact, support tickets.

Real PostgreSQL, Redis and SMTP (the sink): every mail asserted here was really sent.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from konduct.db import engine_for
from konduct.models import ScheduledMail
from konduct.services.scheduled_mail import send_due
from tests.api.accounts_helpers import PASSWORD, new_email, register, token_from

DEMO = {"name": "Ada Lovelace", "company": "Analytical Engines", "timezone": "Europe/Paris"}
CONTACT = {
    "name": "Grace Hopper",
    "company": "Navy Labs",
    "company_size": "51-200",
    "industry": "Software and SaaS",
    "message": "We run 300 campaigns a month. Can Konduct keep their IDs straight?",
}
TICKET = {
    "name": "Alan Turing",
    "subject": "Export stops at 10,000 rows",
    "category": "BUG",
    "message": "The CSV export of my campaigns stops at 10,000 rows.",
}


def problem(answer, status: int, field: str | None = None) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    if field:
        assert body["field"] == field, body
    return body


@pytest.fixture
def client(make_client) -> TestClient:
    """Behind a trusted proxy, so each call can speak for its own visitor address."""
    return make_client(trusted_proxy_hops=1)


def visitor() -> dict[str, str]:
    return {"X-Forwarded-For": f"198.51.100.{random.randint(1, 254)}"}


def send(client: TestClient, path: str, body: dict, *, ip: str | None = None):
    """POST as a new visitor (a random address), or as ``ip``."""
    headers = {"X-Forwarded-For": ip} if ip else visitor()
    return client.post(path, json=body, headers=headers)


def first_free_slot(client: TestClient, timezone: str = "Europe/Paris") -> str:
    days = client.get("/api/demo/slots", params={"timezone": timezone}).json()["days"]
    return days[0]["slots"][0]["start"]


def book(client: TestClient, email: str | None = None, *, ip: str | None = None, **extra):
    body = {**DEMO, "email": email or new_email("demo"), "slot": first_free_slot(client), **extra}
    return send(client, "/api/demo/request", body, ip=ip)


def calendar_part(message: EmailMessage) -> str:
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return (
                part.get_content()
                if isinstance(part.get_content(), str)
                else part.get_content().decode()
            )
    raise AssertionError("no text/calendar attachment")


@pytest.fixture
def staff(make_client, smtp_sink):
    """A client for the API whose STAFF_EMAILS names a confirmed, signed-in account."""
    email = new_email("staff")
    client = make_client(staff_emails=email, trusted_proxy_hops=1)
    assert register(client, email).status_code == 202
    link = next(
        link
        for link in smtp_sink.links(smtp_sink.wait_for(email, "confirm your email"))
        if "verify-email" in link
    )
    assert client.post("/api/auth/verify-email", json={"token": token_from(link)}).is_success
    tokens = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json()
    client.headers["Authorization"] = f"Bearer {tokens['tokens']['access_token']}"
    return client


@pytest.fixture
def stranger(client, smtp_sink) -> dict[str, str]:
    """Bearer headers of a confirmed account that is not staff."""
    email = new_email("stranger")
    assert register(client, email).status_code == 202
    link = next(
        link
        for link in smtp_sink.links(smtp_sink.wait_for(email, "confirm your email"))
        if "verify-email" in link
    )
    client.post("/api/auth/verify-email", json={"token": token_from(link)})
    tokens = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {tokens['tokens']['access_token']}"}


# --- Trial --------------------------------------------------------------------------------


def test_trial_start_mails_welcome_and_hands_over_to_registration(
    client, smtp_sink, migrated_db_url
):
    email = new_email("trial")
    answer = client.post(
        "/api/trial/start",
        json={"email": email, "full_name": "Ada Lovelace", "company": "AE", "team_size": "2-10"},
    )
    assert answer.status_code == 201, answer.text
    register_url = answer.json()["register_url"]
    assert "/register?trial=" in register_url and email not in register_url

    # Anyone can type an address into the trial form: that address gets one mail, no more,
    # until an account confirms it.
    assert [m.kind for m in queued_for(migrated_db_url, email)] == ["trial.welcome"]
    settings = client.app.state.settings
    assert send_due(settings).sent >= 1
    welcome = smtp_sink.wait_for(email, "welcome to your konduct trial")
    assert register_url in smtp_sink.links(welcome)


def test_the_rest_of_the_sequence_follows_once_an_account_confirms_the_address(
    client, smtp_sink, migrated_db_url
):
    email = new_email("trial")
    body = {"email": email, "full_name": "Ada Lovelace", "team_size": "2-10"}
    assert send(client, "/api/trial/start", body).status_code == 201
    assert register(client, email).status_code == 202
    assert [m.kind for m in queued_for(migrated_db_url, email)] == ["trial.welcome"]

    confirm = smtp_sink.wait_for(email, "confirm your email")
    link = next(link for link in smtp_sink.links(confirm) if "verify-email" in link)
    assert client.post("/api/auth/verify-email", json={"token": token_from(link)}).is_success
    queued = {m.kind: m.due_at for m in queued_for(migrated_db_url, email)}
    assert set(queued) == {"trial.welcome", "trial.tips", "trial.checkin"}
    start = queued["trial.welcome"]
    assert round((queued["trial.tips"] - start) / timedelta(days=1)) == 2
    assert round((queued["trial.checkin"] - start) / timedelta(days=1)) == 5
    # Confirming again (an email change back, a second link) queues nothing twice.
    from konduct.services.trials import address_confirmed

    with Session(engine_for(migrated_db_url)) as session:
        address_confirmed(session, email=email, settings=client.app.state.settings)
        session.commit()
    assert len(queued_for(migrated_db_url, email)) == 3
    # The later mails wait for their day.
    send_due(client.app.state.settings)
    with pytest.raises(AssertionError):
        smtp_sink.wait_for(email, "three tips", timeout=0.3)


def queued_for(database_url: str, email: str) -> list[ScheduledMail]:
    with Session(engine_for(database_url)) as session:
        return list(
            session.exec(select(ScheduledMail).where(ScheduledMail.recipient == email)).all()
        )


def test_a_second_trial_with_the_same_address_does_not_mail_again(client, migrated_db_url):
    email = new_email("twice")
    body = {"email": email, "full_name": "Ada", "team_size": "1"}
    assert send(client, "/api/trial/start", body).status_code == 201
    assert send(client, "/api/trial/start", body).status_code == 201
    assert len(queued_for(migrated_db_url, email)) == 1


def test_trial_refuses_bad_input_and_bots(client):
    base = {"email": new_email(), "full_name": "Ada", "team_size": "2-10"}
    problem(send(client, "/api/trial/start", {**base, "email": "not-an-email"}), 422, "email")
    problem(send(client, "/api/trial/start", {**base, "team_size": "lots"}), 422, "team_size")
    problem(send(client, "/api/trial/start", {**base, "extra": 1}), 422, "extra")
    bot = problem(send(client, "/api/trial/start", {**base, "website": "http://spam"}), 422)
    assert bot["field"] == "website" and "could not be accepted" in bot["errors"][0]["reason"]


# --- Demo ---------------------------------------------------------------------------------


def test_slots_are_business_hours_in_the_asked_zone(client):
    answer = client.get("/api/demo/slots", params={"timezone": "Asia/Tokyo"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["timezone"] == "Asia/Tokyo" and body["sales_timezone"] == "America/New_York"
    starts = [datetime.fromisoformat(s["start"]) for d in body["days"] for s in d["slots"]]
    assert starts and all(s > datetime.now(UTC) for s in starts)
    # 9:00 in New York is 22:00 or 23:00 in Tokyo: the label shows the visitor's time.
    labels = {s["label"] for d in body["days"] for s in d["slots"]}
    assert "22:00" in labels or "23:00" in labels
    problem(client.get("/api/demo/slots", params={"timezone": "Mars/Olympus"}), 422, "timezone")


def test_demo_request_is_pending_mailed_with_an_invite_and_sales_told(client, smtp_sink):
    email = new_email("demo")
    answer = book(client, email, message="Show us the exports, please.")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["status"] == "PENDING" and body["timezone"] == "Europe/Paris"
    assert "(Europe/Paris)" in body["when"]

    mail = smtp_sink.wait_for(email, "your konduct demo request")
    invite = calendar_part(mail)
    assert invite.startswith("BEGIN:VCALENDAR\r\n") and "METHOD:REQUEST" in invite
    slot = datetime.fromisoformat(body["slot"])
    assert f"DTSTART:{slot:%Y%m%dT%H%M%S}Z" in invite and "STATUS:TENTATIVE" in invite
    assert body["status_url"] in smtp_sink.links(mail)
    sales = smtp_sink.wait_for("sales@konduct.localhost", "demo request: analytical engines")
    assert sales["Reply-To"] == email

    status = client.get(f"/api/demo/status/{body['id']}")
    assert status.status_code == 200 and status.json()["status"] == "PENDING"
    # A booked slot is no longer offered.
    offered = [s["start"] for d in client.get("/api/demo/slots").json()["days"] for s in d["slots"]]
    assert body["slot"].replace("+00:00", "Z") not in [o.replace("+00:00", "Z") for o in offered]


def test_demo_refuses_a_taken_slot_a_past_date_an_unknown_zone_and_bots(client):
    slot = first_free_slot(client)
    assert book(client, slot=slot).status_code == 201
    taken = problem(book(client, slot=slot), 409, "slot")
    assert "booked by someone else" in taken["detail"]

    past = (datetime.now(UTC) - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    body = problem(book(client, slot=past.isoformat()), 422, "slot")
    assert "past" in body["errors"][0]["reason"]
    off_grid = (datetime.fromisoformat(slot) + timedelta(days=7, minutes=7)).isoformat()
    problem(book(client, slot=off_grid), 422, "slot")
    problem(book(client, slot="2030-01-07T15:00:00"), 422, "slot")  # no offset
    problem(book(client, timezone="Europe/Atlantis"), 422, "timezone")
    problem(book(client, email="ada@"), 422, "email")
    problem(book(client, website="buy now"), 422, "website")
    problem(client.get("/api/demo/status/no-such-token"), 404)


def test_demo_requests_are_limited_per_address(client):
    answers = [book(client, ip="203.0.113.7").status_code for _ in range(5)]
    assert answers == [201] * 5
    refused = problem(book(client, ip="203.0.113.7"), 429)
    assert int(refused["retry_after"]) >= 1


def test_staff_schedule_then_complete_a_demo_and_the_visitor_is_mailed(staff, smtp_sink):
    email = new_email("demo")
    token = book(staff, email).json()["id"]
    later = datetime.fromisoformat(first_free_slot(staff)) + timedelta(days=1)

    scheduled = staff.put(
        f"/api/demo/update/{token}", json={"status": "SCHEDULED", "scheduled_at": later.isoformat()}
    )
    assert scheduled.status_code == 200, scheduled.text
    assert scheduled.json()["status"] == "SCHEDULED"
    assert datetime.fromisoformat(scheduled.json()["slot"]) == later
    confirmed = calendar_part(smtp_sink.wait_for(email, "demo is confirmed"))
    assert "STATUS:CONFIRMED" in confirmed and "SEQUENCE:1" in confirmed

    assert staff.get(f"/api/demo/status/{token}").json()["status"] == "SCHEDULED"
    done = staff.put(f"/api/demo/update/{token}", json={"status": "COMPLETED"})
    assert done.status_code == 200 and done.json()["next_statuses"] == []
    followup = smtp_sink.wait_for(email, "thanks for your time")
    assert any(link.endswith("/start-trial") for link in smtp_sink.links(followup))

    # A completed demo is closed: the lifecycle refuses to move it again.
    closed = problem(staff.put(f"/api/demo/update/{token}", json={"status": "CANCELLED"}), 409)
    assert closed["field"] == "status"

    listed = staff.get("/api/demo/requests", params={"status": "COMPLETED", "limit": 5}).json()
    assert listed["limit"] == 5 and token in [item["id"] for item in listed["items"]]
    assert all(item["status"] == "COMPLETED" for item in listed["items"])


def test_staff_cannot_schedule_on_top_of_another_demo(staff):
    first = book(staff).json()
    second = book(staff).json()
    clash = staff.put(
        f"/api/demo/update/{second['id']}",
        json={"status": "SCHEDULED", "scheduled_at": first["slot"]},
    )
    problem(clash, 409, "slot")


def test_only_staff_update_or_list(client, stranger):
    token = book(client).json()["id"]
    update = {"status": "CANCELLED"}
    problem(client.put(f"/api/demo/update/{token}", json=update), 401)
    problem(client.put(f"/api/demo/update/{token}", json=update, headers=stranger), 404)
    problem(client.get("/api/demo/requests", headers=stranger), 404)
    problem(client.get("/api/contact/requests", headers=stranger), 404)
    problem(client.get("/api/support/tickets", headers=stranger), 404)
    # Nothing moved.
    assert client.get(f"/api/demo/status/{token}").json()["status"] == "PENDING"


def test_an_unconfirmed_account_with_a_staff_address_is_not_staff(make_client, smtp_sink):
    email = new_email("fake-staff")
    client = make_client(staff_emails=email, trusted_proxy_hops=1)
    assert register(client, email).status_code == 202
    tokens = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {tokens['tokens']['access_token']}"}
    problem(client.get("/api/demo/requests", headers=headers), 404)


# --- Contact sales ------------------------------------------------------------------------


def test_contact_sales_mails_sales_and_the_visitor(client, smtp_sink):
    email = new_email("lead")
    answer = send(client, "/api/contact/submit", {**CONTACT, "email": email})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["status"] == "NEW"

    sales = smtp_sink.wait_for("sales@konduct.localhost", "sales request: navy labs")
    assert sales["Reply-To"] == email
    text = sales.get_body(preferencelist=("plain",)).get_content()
    assert "51-200" in text and "Software and SaaS" in text and "300 campaigns" in text
    reply = smtp_sink.wait_for(email, "we got your message")
    assert body["status_url"] in smtp_sink.links(reply)
    assert client.get(f"/api/contact/status/{body['id']}").json()["status"] == "NEW"


def test_contact_refuses_bad_input_bots_and_floods(client):
    problem(send(client, "/api/contact/submit", {**CONTACT, "email": "x"}), 422, "email")
    problem(
        send(client, "/api/contact/submit", {**CONTACT, "email": new_email(), "message": ""}),
        422,
        "message",
    )
    problem(
        client.post(
            "/api/contact/submit", json={**CONTACT, "email": new_email(), "company_size": "huge"}
        ),
        422,
        "company_size",
    )
    problem(
        send(client, "/api/contact/submit", {**CONTACT, "email": new_email(), "website": "x"}),
        422,
        "website",
    )
    # Refused requests count too: the quota is per address, whatever the body.
    ip = "203.0.113.9"
    codes = [
        send(client, "/api/contact/submit", {**CONTACT, "email": "@"}, ip=ip).status_code
        for _ in range(4)
    ]
    codes += [
        send(client, "/api/contact/submit", {**CONTACT, "email": new_email()}, ip=ip).status_code
        for _ in range(3)
    ]
    assert codes == [422] * 4 + [201, 429, 429]
    problem(client.get("/api/contact/status/unknown"), 404)


def test_staff_move_a_contact_along(staff, stranger):
    token = send(staff, "/api/contact/submit", {**CONTACT, "email": new_email()}).json()["id"]
    problem(
        staff.put(
            f"/api/contact/update/{token}",
            json={"status": "IN_PROGRESS"},
            headers={**stranger},
        ),
        404,
    )
    moved = staff.put(f"/api/contact/update/{token}", json={"status": "IN_PROGRESS"})
    assert moved.status_code == 200 and moved.json()["next_statuses"] == ["RESOLVED"]
    assert staff.put(f"/api/contact/update/{token}", json={"status": "RESOLVED"}).is_success
    problem(staff.put(f"/api/contact/update/{token}", json={"status": "NEW"}), 409, "status")
    problem(staff.put(f"/api/contact/update/{token}", json={"status": "DONE"}), 422, "status")
    assert staff.get(f"/api/contact/status/{token}").json()["status"] == "RESOLVED"
    page = staff.get("/api/contact/requests", params={"status": "RESOLVED"}).json()
    assert token in [row["id"] for row in page["items"]] and page["total"] >= 1


# --- Support tickets ----------------------------------------------------------------------


def test_a_ticket_is_numbered_mailed_to_support_and_answered(client, smtp_sink):
    email = new_email("help")
    first = send(client, "/api/support/tickets", {**TICKET, "email": email})
    second = send(client, "/api/support/tickets", {**TICKET, "email": new_email()})
    assert first.status_code == second.status_code == 201, first.text
    number = first.json()["number"]
    assert number >= 1001 and second.json()["number"] == number + 1

    support = smtp_sink.wait_for("support@konduct.localhost", f"[ticket #{number}]")
    assert support["Reply-To"] == email
    reply = smtp_sink.wait_for(email, f"[ticket #{number}] we got your request")
    assert f"#{number}" in reply.get_body(preferencelist=("plain",)).get_content()
    status = client.get(f"/api/support/tickets/{first.json()['id']}").json()
    assert status["status"] == "OPEN" and status["number"] == number


def test_tickets_refuse_bad_input_and_bots_and_only_staff_move_them(client, staff, stranger):
    problem(send(client, "/api/support/tickets", {**TICKET, "email": "@"}), 422, "email")
    problem(
        client.post(
            "/api/support/tickets", json={**TICKET, "email": new_email(), "category": "RANT"}
        ),
        422,
        "category",
    )
    problem(
        send(client, "/api/support/tickets", {**TICKET, "email": new_email(), "website": "x"}),
        422,
        "website",
    )
    token = send(client, "/api/support/tickets", {**TICKET, "email": new_email()}).json()["id"]
    problem(
        client.put(f"/api/support/tickets/{token}", json={"status": "RESOLVED"}, headers=stranger),
        404,
    )
    assert staff.put(f"/api/support/tickets/{token}", json={"status": "RESOLVED"}).is_success
    listed = staff.get("/api/support/tickets", params={"status": "RESOLVED"}).json()
    assert token in [row["id"] for row in listed["items"]]


def test_requests_count_as_conversions_of_the_visitor_who_sent_them(client, migrated_db_url):
    """Each request is a conversion in the site analytics, joined to the browser's visitor
    cookie when there is one (so the page reporting it as well does not count it twice)."""
    from konduct.domain.enums import AnalyticsEventType
    from konduct.models import AnalyticsEvent
    from konduct.services.analytics import VISITOR_COOKIE

    visitor_id = f"vid-{random.randbytes(8).hex()}"
    client.cookies.set(VISITOR_COOKIE, visitor_id)
    try:
        trial = {"email": new_email("conv"), "full_name": "Grace Hopper", "team_size": "2-10"}
        assert send(client, "/api/trial/start", trial).status_code == 201
        assert book(client).status_code == 201
        contact = {**CONTACT, "email": new_email("conv")}
        assert send(client, "/api/contact/submit", contact).status_code == 201
    finally:
        client.cookies.clear()
    assert send(client, "/api/contact/submit", {**CONTACT, "email": new_email("conv")}).is_success

    with Session(engine_for(migrated_db_url)) as session:
        mine = session.exec(select(AnalyticsEvent).where(AnalyticsEvent.visitor_id == visitor_id))
        kinds = sorted(event.event_type for event in mine)
        anonymous = session.exec(
            select(AnalyticsEvent).where(
                AnalyticsEvent.event_type == AnalyticsEventType.CONTACT_REQUEST,
                AnalyticsEvent.visitor_id.startswith("server-"),  # type: ignore[union-attr]
            )
        ).all()
    assert kinds == sorted(
        [
            AnalyticsEventType.TRIAL_SIGNUP,
            AnalyticsEventType.DEMO_REQUEST,
            AnalyticsEventType.CONTACT_REQUEST,
        ]
    )
    assert anonymous, "a request without the cookie still counts, as a visitor of its own"
