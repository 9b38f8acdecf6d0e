"""Billing with Stripe, without the network.

Webhooks are signed here exactly as Stripe signs them (HMAC-SHA256 of
``"{timestamp}.{payload}"`` with the endpoint secret) and checked by the real
``stripe`` package. What Konduct sends to Stripe goes to a small HTTP server
started by the test (``STRIPE_API_BASE``), which records each request and
answers as Stripe's API would.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import select

from konduct.domain.enums import TeamRole
from konduct.models import AuditLog, Subscription
from tests.api.accounts_helpers import Account, signed_up
from tests.billing_helpers import database, join_team, team_of, user_by_email

SECRET_KEY = "sk_test_konduct"
WEBHOOK_SECRET = "whsec_konduct_test"
PRO_MONTHLY = {"plan": "PROFESSIONAL", "billing_cycle": "MONTHLY"}
PRO_ANNUAL = {"plan": "PROFESSIONAL", "billing_cycle": "ANNUAL"}
PERIOD_START, PERIOD_END = 1_800_000_000, 1_802_678_400
SUB = CUS = ""  # Stripe's subscription and customer ids of the current test


@pytest.fixture(autouse=True)
def _fresh_stripe_ids() -> None:
    """Stripe ids are unique across Stripe, so here across the tests sharing one database."""
    global SUB, CUS
    SUB, CUS = f"sub_{uuid.uuid4().hex[:12]}", f"cus_{uuid.uuid4().hex[:12]}"


@dataclass
class Received:
    method: str
    path: str
    form: dict[str, str]
    authorization: str
    idempotency_key: str = ""


@dataclass
class FakeStripe:
    url: str
    requests: list[Received] = field(default_factory=list)
    refuse_next: bool = False

    def paths(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.requests]


def _subscription(sub_id: str, **extra) -> dict:
    return {
        "id": sub_id,
        "object": "subscription",
        "status": "active",
        "customer": CUS,
        "cancel_at_period_end": False,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_test1",
                    "object": "subscription_item",
                    "price": {"id": "price_test1", "object": "price", "product": "prod_test1"},
                    "current_period_start": PERIOD_START,
                    "current_period_end": PERIOD_END,
                }
            ],
        },
        **extra,
    }


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    state: dict = {"sessions": 0, "keys": {}}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", "req_test")
            self.end_headers()
            self.wfile.write(data)

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path = urlsplit(self.path).path
            fake: FakeStripe = state["fake"]
            key = self.headers.get("Idempotency-Key", "")
            fake.requests.append(
                Received(
                    self.command,
                    path,
                    dict(parse_qsl(body)),
                    self.headers.get("Authorization", ""),
                    key,
                )
            )
            if fake.refuse_next:
                fake.refuse_next = False
                error = {"type": "card_error", "code": "card_declined", "message": "Declined."}
                return self._answer(402, {"error": error})
            if key and key in state["keys"]:  # Stripe's idempotency: same answer, same body only
                first_body, first_answer = state["keys"][key]
                if first_body != body:
                    message = "Keys for idempotent requests can only be used with the same "
                    message += "parameters they were first used with."
                    error = {"type": "idempotency_error", "message": message}
                    return self._answer(400, {"error": error})
                return self._answer(200, first_answer)
            if path == "/v1/checkout/sessions":
                state["sessions"] += 1
                number = state["sessions"]
                answer = {
                    "id": f"cs_test{number}",
                    "object": "checkout.session",
                    "url": f"https://checkout.stripe.test/c/cs_test{number}",
                }
                if key:
                    state["keys"][key] = (body, answer)
                return self._answer(200, answer)
            if path.startswith("/v1/invoices/"):
                return self._answer(
                    200,
                    {
                        "id": path.rsplit("/", 1)[1],
                        "object": "invoice",
                        "status": "paid",
                        "amount_paid": 4900,
                        "payments": {
                            "object": "list",
                            "data": [
                                {
                                    "object": "invoice_payment",
                                    "payment": {"type": "payment_intent", "payment_intent": "pi_1"},
                                }
                            ],
                        },
                    },
                )
            if path == "/v1/refunds":
                return self._answer(
                    200,
                    {"id": "re_test1", "object": "refund", "amount": 4900, "status": "succeeded"},
                )
            if path.startswith("/v1/subscriptions/") and self.command == "DELETE":
                return self._answer(200, _subscription(path.rsplit("/", 1)[1], status="canceled"))
            if path == "/v1/billing_portal/sessions":
                return self._answer(
                    200,
                    {
                        "id": "bps_test1",
                        "object": "billing_portal.session",
                        "url": "https://billing.stripe.test/p/session1",
                    },
                )
            if path.startswith("/v1/subscriptions/"):
                return self._answer(200, _subscription(path.rsplit("/", 1)[1]))
            return self._answer(404, {"error": {"type": "invalid_request_error"}})

        do_GET = do_POST = do_DELETE = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake = FakeStripe(url=f"http://127.0.0.1:{server.server_address[1]}")
    state["fake"] = fake
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def stripe_client(make_client, fake_stripe: FakeStripe) -> TestClient:
    return make_client(
        stripe_secret_key=SECRET_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=fake_stripe.url,
    )


@pytest.fixture
def admin(stripe_client: TestClient, smtp_sink) -> Account:
    return signed_up(stripe_client, smtp_sink)


def signature(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    at = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"


def event(kind: str, obj: dict, event_id: str | None = None) -> bytes:
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex[:16]}",
            "object": "event",
            "type": kind,
            "api_version": "2025-06-30.basil",
            "created": int(time.time()),
            "data": {"object": obj},
        }
    ).encode()


def deliver(client: TestClient, payload: bytes, sig: str | None = None):
    return client.post(
        "/api/billing/webhook",
        content=payload,
        headers={
            "Stripe-Signature": signature(payload) if sig is None else sig,
            "Content-Type": "application/json",
        },
    )


def checkout_completed(
    url: str,
    email: str,
    plan: str = "PROFESSIONAL",
    subscription: str | None = None,
    invoice: str | None = None,
) -> bytes:
    with database(url) as session:
        user = user_by_email(session, email)
        team_id, user_id = str(user.default_team_id), str(user.id)
    meta = {"team_id": team_id, "user_id": user_id, "plan": plan, "billing_cycle": "MONTHLY"}
    return event(
        "checkout.session.completed",
        {
            "id": "cs_test1",
            "object": "checkout.session",
            "client_reference_id": team_id,
            "customer": CUS,
            "subscription": subscription or SUB,
            "invoice": invoice,
            "metadata": meta,
        },
    )


def subscribed(client: TestClient, url: str, who: Account) -> dict:
    answer = deliver(client, checkout_completed(url, who.email))
    assert answer.status_code == 200 and answer.json()["handled"], answer.text
    return client.get("/api/subscriptions", headers=who.bearer).json()["items"][0]


def test_checkout_sends_the_plan_to_stripe(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    answer = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_ANNUAL, headers=admin.bearer
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"url": "https://checkout.stripe.test/c/cs_test1"}
    [sent] = fake_stripe.requests
    assert (sent.method, sent.path) == ("POST", "/v1/checkout/sessions")
    assert sent.authorization == f"Bearer {SECRET_KEY}"
    team_id = str(team_of(migrated_db_url, admin.email))
    form = sent.form
    assert form["mode"] == "subscription"
    assert form["client_reference_id"] == team_id
    assert form["customer_email"] == admin.email
    assert form["line_items[0][price_data][unit_amount]"] == "49000"
    assert form["line_items[0][price_data][currency]"] == "usd"
    assert form["line_items[0][price_data][recurring][interval]"] == "year"
    assert form["line_items[0][price_data][product_data][name]"] == "Konduct Professional"
    assert form["metadata[plan]"] == "PROFESSIONAL" and form["metadata[billing_cycle]"] == "ANNUAL"
    assert form["subscription_data[metadata][team_id]"] == team_id
    assert form["success_url"].endswith("/settings/billing?checkout=done")
    enterprise = stripe_client.post(
        "/api/billing/checkout-session", json={"plan": "ENTERPRISE"}, headers=admin.bearer
    )
    assert (
        enterprise.status_code == 422
        and "contact sales" in enterprise.json()["errors"][0]["reason"]
    )
    assert len(fake_stripe.requests) == 1


def test_webhooks_bring_stripe_state_in_once_per_event(
    stripe_client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    payload = checkout_completed(migrated_db_url, admin.email)
    first = deliver(stripe_client, payload)
    assert first.json() == {"received": True, "duplicate": False, "handled": True}
    again = deliver(stripe_client, payload)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    subs = stripe_client.get("/api/subscriptions", headers=admin.bearer).json()
    assert subs["total"] == 1
    sub = subs["items"][0]
    assert sub["plan"] == "PROFESSIONAL" and sub["mode"] == "stripe" and sub["price"] == "49.00"
    usage = stripe_client.get("/api/billing/usage", headers=admin.bearer).json()
    assert usage["plan"] == "PROFESSIONAL" and usage["mode"] == "stripe"

    updated = _subscription(SUB, cancel_at_period_end=True)
    assert deliver(stripe_client, event("customer.subscription.updated", updated)).json()["handled"]
    sub = stripe_client.get(f"/api/subscriptions/{sub['id']}", headers=admin.bearer).json()
    assert sub["cancel_at_period_end"] is True
    assert datetime.fromisoformat(sub["end_date"]) == datetime.fromtimestamp(PERIOD_END, UTC)

    paid = {
        "id": f"in_{SUB}_1",
        "object": "invoice",
        "number": f"STRIPE-{SUB}",
        "customer": CUS,
        "subscription": SUB,
        "amount_paid": 4900,
        "amount_due": 4900,
        "currency": "usd",
        "hosted_invoice_url": "https://invoice.stripe.test/i/1",
        "lines": {
            "data": [
                {
                    "description": "1 × Konduct Professional",
                    "period": {"start": PERIOD_START, "end": PERIOD_END},
                }
            ]
        },
    }
    assert deliver(stripe_client, event("invoice.paid", paid)).json()["handled"]
    failed = {
        "id": f"in_{SUB}_2",
        "object": "invoice",
        "customer": CUS,
        "parent": {"subscription_details": {"subscription": SUB}},
        "amount_paid": 0,
        "amount_due": 4900,
        "currency": "usd",
        "period_start": PERIOD_END,
        "period_end": PERIOD_END + 2_678_400,
    }
    assert deliver(stripe_client, event("invoice.payment_failed", failed)).json()["handled"]
    history = stripe_client.get("/api/billing/history", headers=admin.bearer).json()["items"]
    by_number = {item["status"]: item for item in history}
    assert by_number["PAID"]["invoice_number"] == f"STRIPE-{SUB}"
    assert by_number["PAID"]["amount"] == "49.00" and not by_number["PAID"]["offline"]
    assert by_number["PAID"]["invoice_url"] == "https://invoice.stripe.test/i/1"
    assert by_number["FAILED"]["amount"] == "49.00"
    assert by_number["FAILED"]["invoice_number"].startswith("KDT-")

    card = {
        "id": "pm_test1",
        "object": "payment_method",
        "customer": CUS,
        "card": {"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2030},
    }
    assert deliver(stripe_client, event("payment_method.attached", card)).json()["handled"]
    method = stripe_client.get("/api/billing/payment-method", headers=admin.bearer).json()
    assert method["summary"] == "Visa ending 4242, expires 08/2030" and method["managed_in_portal"]

    unknown = deliver(stripe_client, event("customer.created", {"id": CUS}))
    assert unknown.status_code == 200 and unknown.json()["handled"] is False

    gone = deliver(stripe_client, event("customer.subscription.deleted", _subscription(SUB)))
    assert gone.json()["handled"]
    assert stripe_client.get("/api/billing/usage", headers=admin.bearer).json()["plan"] == "FREE"
    ended = stripe_client.get(f"/api/subscriptions/{sub['id']}", headers=admin.bearer).json()
    assert ended["status"] == "EXPIRED"  # it had been cancelled at period end


@pytest.mark.parametrize(
    "forge",
    [
        lambda p: signature(p, secret="whsec_someone_else"),
        lambda p: "",
        lambda p: "t=1,v1=00",
        lambda p: signature(p, at=int(time.time()) - 3600),  # outside Stripe's 5-minute tolerance
        lambda p: signature(p + b" "),  # signed a different body
    ],
    ids=["other-secret", "no-header", "garbage", "too-old", "other-body"],
)
def test_wrongly_signed_events_are_refused_and_change_nothing(
    stripe_client: TestClient, admin: Account, migrated_db_url: str, forge
) -> None:
    payload = checkout_completed(migrated_db_url, admin.email)
    refused = deliver(stripe_client, payload, sig=forge(payload))
    assert refused.status_code == 400, refused.text
    assert refused.json()["field"] == "Stripe-Signature"
    assert stripe_client.get("/api/subscriptions", headers=admin.bearer).json()["total"] == 0
    # Not remembered as seen: the genuine delivery still applies.
    assert deliver(stripe_client, payload).json()["handled"] is True


def test_a_signed_body_that_is_not_json_or_not_readable_is_refused(
    stripe_client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    assert deliver(stripe_client, b"not json").status_code == 400
    subscribed(stripe_client, migrated_db_url, admin)
    broken = event(
        "invoice.paid",
        {"id": f"in_{SUB}_bad", "subscription": SUB, "lines": {"data": ["x"]}},
        f"evt_{SUB}_broken",
    )
    answer = deliver(stripe_client, broken)
    assert answer.status_code == 400 and "could not be applied" in answer.json()["detail"]
    fixed = event(
        "invoice.paid",
        {"id": f"in_{SUB}_bad", "subscription": SUB, "amount_paid": 100},
        f"evt_{SUB}_broken",
    )
    assert deliver(stripe_client, fixed).json()["handled"] is True  # the id was not kept


def test_plan_changes_and_cancellation_are_sent_to_stripe(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    sub = subscribed(stripe_client, migrated_db_url, admin)
    base = f"/api/subscriptions/{sub['id']}"
    upgraded = stripe_client.post(f"{base}/upgrade", json=PRO_ANNUAL, headers=admin.bearer)
    assert upgraded.status_code == 200, upgraded.text
    assert upgraded.json()["subscription"]["billing_cycle"] == "ANNUAL"
    assert upgraded.json()["invoice"] is None  # Stripe invoices it; invoice.paid brings it
    assert fake_stripe.paths() == [
        f"GET /v1/subscriptions/{SUB}",
        f"POST /v1/subscriptions/{SUB}",
    ]
    form = fake_stripe.requests[1].form
    assert form["items[0][id]"] == "si_test1"
    assert form["items[0][price_data][product]"] == "prod_test1"
    assert form["items[0][price_data][unit_amount]"] == "49000"
    assert form["items[0][price_data][recurring][interval]"] == "year"
    assert form["proration_behavior"] == "always_invoice"
    assert form["metadata[plan]"] == "PROFESSIONAL"

    fake_stripe.requests.clear()
    cancelled = stripe_client.post(f"{base}/cancel", headers=admin.bearer)
    assert cancelled.status_code == 200 and cancelled.json()["cancel_at_period_end"]
    assert fake_stripe.paths() == [f"POST /v1/subscriptions/{SUB}"]
    assert fake_stripe.requests[0].form == {"cancel_at_period_end": "true"}

    fake_stripe.requests.clear()
    portal = stripe_client.post("/api/billing/portal-session", headers=admin.bearer)
    assert portal.json() == {"url": "https://billing.stripe.test/p/session1"}
    assert fake_stripe.requests[0].form["customer"] == CUS
    assert fake_stripe.requests[0].form["return_url"].endswith("/settings/billing")


def test_a_stripe_refusal_changes_nothing_here(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    sub = subscribed(stripe_client, migrated_db_url, admin)
    fake_stripe.refuse_next = True
    refused = stripe_client.post(f"/api/subscriptions/{sub['id']}/cancel", headers=admin.bearer)
    assert refused.status_code == 502 and "Nothing was changed" in refused.json()["detail"]
    assert refused.json()["type"].endswith("/payment-provider-error")
    after = stripe_client.get(f"/api/subscriptions/{sub['id']}", headers=admin.bearer).json()
    assert after["cancel_at_period_end"] is False


def test_offline_doors_are_closed_with_stripe(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    direct = stripe_client.post("/api/subscriptions", json=PRO_MONTHLY, headers=admin.bearer)
    assert direct.status_code == 409 and "Checkout" in direct.json()["detail"]
    no_customer = stripe_client.post("/api/billing/portal-session", headers=admin.bearer)
    assert no_customer.status_code == 409
    subscribed(stripe_client, migrated_db_url, admin)
    card = {
        "type": "CREDIT_CARD",
        "brand": "Visa",
        "last4": "4242",
        "exp_month": 8,
        "exp_year": 2099,
    }
    put = stripe_client.put("/api/billing/payment-method", json=card, headers=admin.bearer)
    assert put.status_code == 409 and "customer portal" in put.json()["detail"]
    again = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_ANNUAL, headers=admin.bearer
    )
    assert again.status_code == 409
    assert fake_stripe.requests == []


def _stripe_rows(url: str, team_id: uuid.UUID) -> dict[str, str]:
    """The team's subscriptions as Stripe id -> local status."""
    with database(url) as session:
        rows = session.exec(select(Subscription).where(Subscription.team_id == team_id)).all()
        return {str(r.stripe_subscription_id): str(r.status) for r in rows}


def test_a_repeated_checkout_gets_the_same_page_and_another_admin_a_conflict(
    stripe_client: TestClient,
    admin: Account,
    fake_stripe: FakeStripe,
    migrated_db_url: str,
    smtp_sink,
) -> None:
    first = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_MONTHLY, headers=admin.bearer
    )
    again = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_MONTHLY, headers=admin.bearer
    )
    assert first.status_code == again.status_code == 200, again.text
    assert first.json() == again.json()  # the double click: one Checkout page, not two
    team_id = team_of(migrated_db_url, admin.email)
    keys = {r.idempotency_key for r in fake_stripe.requests}
    assert len(keys) == 1 and keys.pop().startswith(f"konduct-checkout-{team_id}-PROFESSIONAL-")

    other = signed_up(stripe_client, smtp_sink, role="USER")
    join_team(
        migrated_db_url, member_email=other.email, owner_email=admin.email, role=TeamRole.ADMIN
    )
    second = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_MONTHLY, headers=other.bearer
    )
    assert second.status_code == 409 and "Another admin" in second.json()["detail"], second.text
    annual = stripe_client.post(
        "/api/billing/checkout-session", json=PRO_ANNUAL, headers=admin.bearer
    )
    assert annual.status_code == 200 and annual.json() != first.json()  # another choice: its own


def test_a_second_completed_checkout_is_cancelled_and_refunded_at_stripe(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    subscribed(stripe_client, migrated_db_url, admin)
    team_id = team_of(migrated_db_url, admin.email)
    second_sub = f"{SUB}_2"
    payload = checkout_completed(
        migrated_db_url, admin.email, subscription=second_sub, invoice=f"in_{second_sub}"
    )
    answer = deliver(stripe_client, payload)
    assert answer.status_code == 200 and answer.json()["handled"], answer.text
    assert fake_stripe.paths() == [
        f"GET /v1/subscriptions/{second_sub}",
        f"DELETE /v1/subscriptions/{second_sub}",
        f"GET /v1/invoices/in_{second_sub}",
        "POST /v1/refunds",
    ]
    assert fake_stripe.requests[-1].form == {"payment_intent": "pi_1", "reason": "duplicate"}
    # The team keeps the subscription it had; the second is kept as cancelled, for its webhooks.
    assert _stripe_rows(migrated_db_url, team_id) == {SUB: "ACTIVE", second_sub: "CANCELLED"}
    usage = stripe_client.get("/api/billing/usage", headers=admin.bearer).json()
    assert usage["plan"] == "PROFESSIONAL"
    [refund] = stripe_client.get("/api/billing/history", headers=admin.bearer).json()["items"]
    assert refund["status"] == "REFUNDED" and refund["amount"] == "49.00"
    assert not refund["offline"] and "second subscription" in refund["description"]
    with database(migrated_db_url) as session:
        logged = session.exec(
            select(AuditLog).where(
                AuditLog.team_id == team_id, AuditLog.action == "billing.duplicate_cancelled"
            )
        ).one()
        assert logged.details["stripe_subscription"] == second_sub
        assert logged.details["kept"] == SUB and "49.00 refunded" in logged.details["outcome"]
    late = _subscription(second_sub)  # a late "active" does not bring the duplicate back
    assert deliver(stripe_client, event("customer.subscription.updated", late)).json()["handled"]
    assert _stripe_rows(migrated_db_url, team_id)[second_sub] == "CANCELLED"


def test_events_before_their_checkout_are_refused_for_a_retry_not_dropped(
    stripe_client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    paid = {
        "id": f"in_{SUB}_early",
        "object": "invoice",
        "customer": CUS,
        "parent": {"subscription_details": {"subscription": SUB}},
        "amount_paid": 4900,
        "currency": "usd",
    }
    early_invoice = event("invoice.paid", paid, f"evt_{SUB}_invoice")
    early_update = event("customer.subscription.updated", _subscription(SUB), f"evt_{SUB}_update")
    for payload in (early_invoice, early_update):
        refused = deliver(stripe_client, payload)
        assert refused.status_code == 409, refused.text
        assert refused.json()["retryable"] is True and SUB in refused.json()["detail"]
    subscribed(stripe_client, migrated_db_url, admin)
    for payload in (early_invoice, early_update):  # Stripe's retries: not taken as duplicates
        assert deliver(stripe_client, payload).json() == {
            "received": True,
            "duplicate": False,
            "handled": True,
        }
    history = stripe_client.get("/api/billing/history", headers=admin.bearer).json()
    assert [i["amount"] for i in history["items"]] == ["49.00"]


@pytest.fixture
def refuse_billing_audit(migrated_db_url: str):
    """Make the database refuse the audit line of a team's billing change: a local write
    that fails, as a full disk or a lost connection would."""
    teams: list[uuid.UUID] = []

    def refuse(team_id: uuid.UUID) -> None:
        teams.append(team_id)
        with database(migrated_db_url) as session:
            session.exec(
                text(
                    "CREATE OR REPLACE FUNCTION konduct_test_refuse() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
                )
            )
            session.exec(
                text(
                    f"CREATE TRIGGER konduct_test_refuse_{team_id.hex} BEFORE INSERT ON audit_log "
                    f"FOR EACH ROW WHEN (NEW.team_id = '{team_id}' "
                    "AND NEW.action LIKE 'billing.%') "
                    "EXECUTE FUNCTION konduct_test_refuse()"
                )
            )

    yield refuse
    with database(migrated_db_url) as session:
        for team_id in teams:
            session.exec(
                text(f"DROP TRIGGER IF EXISTS konduct_test_refuse_{team_id.hex} ON audit_log")
            )


def test_stripe_is_not_called_when_a_local_write_fails(
    stripe_client: TestClient,
    admin: Account,
    fake_stripe: FakeStripe,
    migrated_db_url: str,
    refuse_billing_audit,
) -> None:
    sub = subscribed(stripe_client, migrated_db_url, admin)
    refuse_billing_audit(team_of(migrated_db_url, admin.email))
    base = f"/api/subscriptions/{sub['id']}"
    upgrade = stripe_client.post(f"{base}/upgrade", json=PRO_ANNUAL, headers=admin.bearer)
    cancel = stripe_client.post(f"{base}/cancel", headers=admin.bearer)
    assert upgrade.status_code >= 500 and cancel.status_code >= 500
    assert fake_stripe.requests == []  # Stripe goes last: nothing was sent for a failed change
    after = stripe_client.get(base, headers=admin.bearer).json()
    assert after["billing_cycle"] == "MONTHLY" and after["cancel_at_period_end"] is False


def test_choosing_a_plan_with_stripe(
    stripe_client: TestClient, admin: Account, fake_stripe: FakeStripe, migrated_db_url: str
) -> None:
    sales = stripe_client.post(
        "/api/billing/choose", json={"plan": "ENTERPRISE"}, headers=admin.bearer
    )
    assert sales.status_code == 200, sales.text
    assert sales.json()["action"] == "contact_sales" and sales.json()["url"].endswith(
        "/contact-sales"
    )
    assert fake_stripe.requests == []
    checkout = stripe_client.post("/api/billing/choose", json=PRO_MONTHLY, headers=admin.bearer)
    assert checkout.json()["action"] == "checkout"
    assert checkout.json()["url"] == "https://checkout.stripe.test/c/cs_test1"
    subscribed(stripe_client, migrated_db_url, admin)
    fake_stripe.requests.clear()
    upgraded = stripe_client.post("/api/billing/choose", json=PRO_ANNUAL, headers=admin.bearer)
    assert upgraded.json()["action"] == "applied", upgraded.text
    assert upgraded.json()["outcome"]["subscription"]["billing_cycle"] == "ANNUAL"
    assert fake_stripe.paths() == [f"GET /v1/subscriptions/{SUB}", f"POST /v1/subscriptions/{SUB}"]
