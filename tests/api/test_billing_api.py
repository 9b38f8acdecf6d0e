"""Billing over REST in offline mode (no Stripe key): every endpoint, role, bad input and team.

Offline mode is what self-hosted and development installs run: an admin changes
the plan directly and Konduct writes the invoices itself, labelled as such.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from konduct.domain.enums import Plan, TeamRole
from konduct.models import Subscription
from konduct.services.plans import plan_of
from tests.api.accounts_helpers import Account, signed_up
from tests.billing_helpers import database, join_team, shift_period, team_of

PRO_MONTHLY = {"plan": "PROFESSIONAL", "billing_cycle": "MONTHLY"}
PRO_ANNUAL = {"plan": "PROFESSIONAL", "billing_cycle": "ANNUAL"}


def _subscribe(client: TestClient, who: Account, body=PRO_MONTHLY) -> dict:
    answer = client.post("/api/subscriptions", json=body, headers=who.bearer)
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.fixture
def admin(client: TestClient, smtp_sink) -> Account:
    return signed_up(client, smtp_sink)


def _member(client, smtp_sink, migrated_db_url, owner: Account, role: TeamRole) -> Account:
    person = signed_up(client, smtp_sink, role="USER")
    join_team(migrated_db_url, member_email=person.email, owner_email=owner.email, role=role)
    return person


def test_a_new_team_is_on_free_with_nothing_billed(client: TestClient, admin: Account) -> None:
    usage = client.get("/api/billing/usage", headers=admin.bearer).json()
    assert usage["plan"] == "FREE" and usage["mode"] == "offline"
    assert usage["campaigns_this_month"] == {
        "name": "Campaigns this month",
        "used": 0,
        "limit": 5,
    }
    assert usage["team_members"]["used"] == 1 and usage["team_members"]["limit"] == 1
    assert usage["export_formats"] == ["json"] and usage["api_requests_per_month"] == 0
    assert usage["api_calls_this_month"] == {"name": "API calls this month", "used": 0, "limit": 0}
    assert client.get("/api/subscriptions", headers=admin.bearer).json()["total"] == 0
    assert client.get("/api/billing/history", headers=admin.bearer).json() == {
        "items": [],
        "total": 0,
        "limit": 20,
        "offset": 0,
    }
    method = client.get("/api/billing/payment-method", headers=admin.bearer).json()
    assert method["type"] is None and method["summary"] == "" and not method["managed_in_portal"]


def test_subscribe_is_priced_first_then_invoiced_offline(
    client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    preview = client.post("/api/billing/preview", json=PRO_MONTHLY, headers=admin.bearer)
    assert preview.status_code == 200
    assert preview.json()["amount_due"] == "49.00" and preview.json()["direction"] == "upgrade"
    dry = client.post(
        "/api/subscriptions", json={**PRO_MONTHLY, "preview": True}, headers=admin.bearer
    )
    assert dry.status_code == 200 and dry.json()["applied"] is False
    assert client.get("/api/subscriptions", headers=admin.bearer).json()["total"] == 0

    outcome = _subscribe(client, admin)
    assert outcome["applied"] and outcome["mode"] == "offline"
    sub, invoice = outcome["subscription"], outcome["invoice"]
    assert sub["plan"] == "PROFESSIONAL" and sub["price"] == "49.00" and sub["status"] == "ACTIVE"
    assert sub["end_date"] > sub["start_date"]
    assert invoice["amount"] == "49.00" and invoice["status"] == "PAID" and invoice["offline"]
    assert invoice["invoice_number"].startswith("KDT-") and invoice["invoice_number"].endswith(
        "-00001"
    )
    assert "offline mode" in invoice["description"]
    assert invoice["payment_method"] == "Offline mode: not charged"
    assert invoice["page_url"] == f"/settings/billing/invoices/{invoice['id']}"

    team_id = team_of(migrated_db_url, admin.email)
    with database(migrated_db_url) as session:
        assert plan_of(session, team_id) == Plan.PROFESSIONAL
    assert client.get("/api/billing/usage", headers=admin.bearer).json()["plan"] == "PROFESSIONAL"
    again = client.post("/api/subscriptions", json=PRO_MONTHLY, headers=admin.bearer)
    assert again.status_code == 409 and "upgrade or downgrade" in again.json()["detail"]


def test_upgrade_downgrade_cancel_and_resume(client: TestClient, admin: Account) -> None:
    sub_id = _subscribe(client, admin)["subscription"]["id"]
    base = f"/api/subscriptions/{sub_id}"

    priced = client.post(
        f"{base}/upgrade", json={**PRO_ANNUAL, "preview": True}, headers=admin.bearer
    )
    assert priced.status_code == 200 and priced.json()["applied"] is False
    proration = priced.json()["proration"]
    assert Decimal(proration["charge"]) == Decimal("490.00")
    assert Decimal("48.90") < Decimal(proration["credit"]) <= Decimal("49.00")  # just started
    assert "unused on Professional" in proration["summary"]

    wrong_way = client.post(f"{base}/downgrade", json=PRO_ANNUAL, headers=admin.bearer)
    assert wrong_way.status_code == 422 and wrong_way.json()["field"] == "plan"
    assert "use upgrade" in wrong_way.json()["errors"][0]["reason"]

    upgraded = client.post(f"{base}/upgrade", json=PRO_ANNUAL, headers=admin.bearer).json()
    assert upgraded["applied"] and upgraded["subscription"]["billing_cycle"] == "ANNUAL"
    assert upgraded["subscription"]["price"] == "490.00"
    assert Decimal(upgraded["invoice"]["amount"]) == Decimal(proration["amount_due"])

    down = client.post(f"{base}/downgrade", json=PRO_MONTHLY, headers=admin.bearer).json()
    assert down["invoice"]["status"] == "REFUNDED" and Decimal(down["invoice"]["amount"]) > 400
    assert down["subscription"]["billing_cycle"] == "MONTHLY"

    to_free = client.post(f"{base}/downgrade", json={"plan": "FREE"}, headers=admin.bearer).json()
    assert to_free["applied"] and to_free["proration"]["effective_at_period_end"]
    assert to_free["subscription"]["cancel_at_period_end"] and to_free["invoice"] is None
    assert client.get("/api/billing/usage", headers=admin.bearer).json()["plan"] == "PROFESSIONAL"

    resumed = client.post(f"{base}/resume", headers=admin.bearer)
    assert resumed.status_code == 200 and not resumed.json()["cancel_at_period_end"]
    cancelled = client.post(f"{base}/cancel", headers=admin.bearer)
    assert cancelled.json()["cancel_at_period_end"]

    put = client.put(base, json={"cancel_at_period_end": False}, headers=admin.bearer)
    assert put.status_code == 200 and not put.json()["cancel_at_period_end"]
    enterprise = client.put(base, json={"plan": "ENTERPRISE"}, headers=admin.bearer)
    assert enterprise.status_code == 200, enterprise.text
    assert enterprise.json()["plan"] == "ENTERPRISE" and enterprise.json()["price"] == "0.00"

    history = client.get("/api/billing/history", headers=admin.bearer).json()
    # Subscribe, upgrade, refund of the annual, refund of the monthly (offline Enterprise is 0).
    assert history["total"] == 4
    assert [i["status"] for i in history["items"]].count("REFUNDED") == 2
    numbers = [item["invoice_number"] for item in history["items"]]
    assert len(set(numbers)) == len(numbers)
    page = client.get("/api/billing/history?limit=2&offset=2", headers=admin.bearer).json()
    assert [i["id"] for i in page["items"]] == [i["id"] for i in history["items"][2:4]]
    assert page["total"] == 4 and page["limit"] == 2


def test_the_invoice_page_data_and_the_pdf(client: TestClient, admin: Account) -> None:
    invoice = _subscribe(client, admin)["invoice"]
    detail = client.get(f"/api/billing/invoices/{invoice['id']}", headers=admin.bearer)
    assert detail.status_code == 200
    body = detail.json()
    assert body["team_name"] and body["bill_to_email"] == admin.email
    assert body["plan_name"] == "Professional" and body["amount"] == "49.00"
    pdf = client.get(f"/api/billing/invoices/{invoice['id']}/pdf", headers=admin.bearer)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.4") and pdf.content.rstrip().endswith(b"%%EOF")
    assert invoice["invoice_number"].encode() in pdf.content
    assert b"no card was charged" in pdf.content
    assert invoice["invoice_number"] in pdf.headers["content-disposition"]


def test_a_period_that_ends_renews_offline_with_one_invoice_per_period(
    client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    _subscribe(client, admin)
    team_id = team_of(migrated_db_url, admin.email)
    shift_period(migrated_db_url, team_id, by=-timedelta(days=75))  # two periods begun since
    history = client.get("/api/billing/history", headers=admin.bearer).json()
    renewals = [i for i in history["items"] if i["description"].startswith("Renewal")]
    assert len(renewals) == 2 and all(i["amount"] == "49.00" for i in renewals)
    sub = client.get("/api/subscriptions", headers=admin.bearer).json()["items"][0]
    assert sub["status"] == "ACTIVE" and sub["end_date"] > history["items"][0]["created_at"]


def test_a_cancelled_plan_ends_with_its_period(
    client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    sub_id = _subscribe(client, admin)["subscription"]["id"]
    client.post(f"/api/subscriptions/{sub_id}/cancel", headers=admin.bearer)
    team_id = team_of(migrated_db_url, admin.email)
    shift_period(migrated_db_url, team_id, by=-timedelta(days=40))
    with database(migrated_db_url) as session:
        assert plan_of(session, team_id) == Plan.FREE  # even before billing looks at it
    assert client.get("/api/billing/usage", headers=admin.bearer).json()["plan"] == "FREE"
    sub = client.get(f"/api/subscriptions/{sub_id}", headers=admin.bearer).json()
    assert sub["status"] == "EXPIRED"
    assert (
        client.post(f"/api/subscriptions/{sub_id}/resume", headers=admin.bearer).status_code == 409
    )
    assert client.get("/api/billing/history", headers=admin.bearer).json()["total"] == 1
    _subscribe(client, admin)  # a new subscription after the old one ran out


def test_payment_method_on_file(client: TestClient, admin: Account) -> None:
    card = {
        "type": "CREDIT_CARD",
        "brand": "Visa",
        "last4": "4242",
        "exp_month": 8,
        "exp_year": 2099,
    }
    before = client.put("/api/billing/payment-method", json=card, headers=admin.bearer)
    assert before.status_code == 409 and "paid plan first" in before.json()["detail"]
    _subscribe(client, admin)
    saved = client.put("/api/billing/payment-method", json=card, headers=admin.bearer)
    assert saved.status_code == 200
    assert saved.json()["summary"] == "Visa ending 4242, expires 08/2099"
    got = client.get("/api/billing/payment-method", headers=admin.bearer).json()
    assert got["type"] == "CREDIT_CARD" and got["details"]["last4"] == "4242"
    paypal = client.post(
        "/api/billing/payment-method", json={"type": "PAYPAL", "email": "pay@example.com"},
        headers=admin.bearer,
    )  # fmt: skip
    assert paypal.status_code == 200 and paypal.json()["summary"] == "PayPal (pay@example.com)"
    sub = client.get("/api/subscriptions", headers=admin.bearer).json()["items"][0]
    assert sub["payment_method"]["type"] == "PAYPAL"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "CREDIT_CARD", "brand": "Visa", "last4": "4242424242424242", "exp_month": 1,
          "exp_year": 2099}, "last4"),
        ({"type": "CREDIT_CARD", "brand": "Visa", "last4": "4242", "exp_month": 1,
          "exp_year": 2099, "number": "4242424242424242"}, "number"),
        ({"type": "CREDIT_CARD", "brand": "Visa", "last4": "4242", "exp_month": 13,
          "exp_year": 2099}, "exp_month"),
        ({"type": "CREDIT_CARD", "brand": "Visa", "last4": "4242", "exp_month": 1,
          "exp_year": 2001}, "exp_year"),
        ({"type": "CREDIT_CARD", "brand": "Diners", "last4": "4242", "exp_month": 1,
          "exp_year": 2099}, "brand"),
        ({"type": "PAYPAL", "email": "not-an-address"}, "email"),
        ({"type": "BANK_TRANSFER", "bank_name": "", "account_last4": "1234"}, "bank_name"),
        ({"type": "CHEQUE"}, "type"),
    ],
)  # fmt: skip
def test_bad_payment_methods_are_refused_by_field(
    client: TestClient, admin: Account, body: dict, field: str
) -> None:
    _subscribe(client, admin)
    answer = client.put("/api/billing/payment-method", json=body, headers=admin.bearer)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    [
        ("POST", "/api/subscriptions", {"plan": "GOLD"}, 422, "plan"),
        ("POST", "/api/subscriptions", {"plan": "PROFESSIONAL", "billing_cycle": "WEEKLY"}, 422,
         "billing_cycle"),
        ("POST", "/api/subscriptions", {"plan": "FREE"}, 422, "plan"),
        ("POST", "/api/subscriptions", {"plan": "PROFESSIONAL", "coupon": "x"}, 422, "coupon"),
        ("POST", "/api/subscriptions", {}, 422, "plan"),
        ("POST", "/api/billing/preview", {"plan": "PROFESSIONAL", "billing_cycle": "x"}, 422,
         "billing_cycle"),
        ("GET", "/api/subscriptions/not-a-uuid", None, 422, "subscription_id"),
        ("GET", "/api/billing/invoices/42", None, 422, "invoice_id"),
        ("GET", "/api/billing/history?limit=0", None, 422, "limit"),
        ("GET", "/api/billing/history?limit=101", None, 422, "limit"),
        ("GET", "/api/billing/history?offset=-1", None, 422, "offset"),
        ("GET", "/api/subscriptions?limit=500", None, 422, "limit"),
    ],
)  # fmt: skip
def test_bad_input_is_a_problem_naming_the_field(
    client: TestClient, admin: Account, method, path, body, status, field
) -> None:
    answer = client.request(method, path, json=body, headers=admin.bearer)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field in answer.json()["field"]


def test_malformed_json_and_empty_updates(client: TestClient, admin: Account) -> None:
    sub_id = _subscribe(client, admin)["subscription"]["id"]
    broken = client.post(
        f"/api/subscriptions/{sub_id}/upgrade", content=b"{nope", headers={
            **admin.bearer, "Content-Type": "application/json"},
    )  # fmt: skip
    assert broken.status_code == 400
    empty = client.put(f"/api/subscriptions/{sub_id}", json={}, headers=admin.bearer)
    assert empty.status_code == 422
    same = client.post(
        f"/api/subscriptions/{sub_id}/upgrade", json=PRO_MONTHLY, headers=admin.bearer
    )
    assert (
        same.status_code == 422 and "already on Professional" in same.json()["errors"][0]["reason"]
    )


def test_strangers_are_asked_to_sign_in(client: TestClient) -> None:
    for method, path in [
        ("GET", "/api/subscriptions"),
        ("POST", "/api/subscriptions"),
        ("GET", "/api/billing/history"),
        ("GET", "/api/billing/usage"),
        ("GET", "/api/billing/payment-method"),
    ]:
        assert client.request(method, path, json=PRO_MONTHLY).status_code == 401, path


def test_stripe_doors_are_closed_in_offline_mode(client: TestClient, admin: Account) -> None:
    checkout = client.post("/api/billing/checkout-session", json=PRO_MONTHLY, headers=admin.bearer)
    assert checkout.status_code == 409 and "Offline mode" in checkout.json()["detail"]
    assert client.post("/api/billing/portal-session", headers=admin.bearer).status_code == 409
    hook = client.post("/api/billing/webhook", content=b"{}", headers={"Stripe-Signature": "x"})
    assert hook.status_code == 409 and "offline mode" in hook.json()["detail"]


def test_roles_managers_see_members_only_see_the_plan(
    client: TestClient, smtp_sink, admin: Account, migrated_db_url: str
) -> None:
    outcome = _subscribe(client, admin)
    sub_id, invoice_id = outcome["subscription"]["id"], outcome["invoice"]["id"]
    manager = _member(client, smtp_sink, migrated_db_url, admin, TeamRole.MANAGER)
    member = _member(client, smtp_sink, migrated_db_url, admin, TeamRole.MEMBER)
    card = {
        "type": "CREDIT_CARD",
        "brand": "Visa",
        "last4": "4242",
        "exp_month": 8,
        "exp_year": 2099,
    }
    reads = [
        ("GET", "/api/subscriptions", None),
        ("GET", f"/api/subscriptions/{sub_id}", None),
        ("GET", "/api/billing/history", None),
        ("GET", f"/api/billing/invoices/{invoice_id}", None),
        ("GET", f"/api/billing/invoices/{invoice_id}/pdf", None),
        ("GET", "/api/billing/payment-method", None),
    ]
    writes = [
        ("POST", "/api/subscriptions", PRO_ANNUAL),
        ("PUT", f"/api/subscriptions/{sub_id}", {"cancel_at_period_end": True}),
        ("POST", f"/api/subscriptions/{sub_id}/cancel", None),
        ("POST", f"/api/subscriptions/{sub_id}/resume", None),
        ("POST", f"/api/subscriptions/{sub_id}/upgrade", PRO_ANNUAL),
        ("POST", f"/api/subscriptions/{sub_id}/downgrade", {"plan": "FREE"}),
        ("PUT", "/api/billing/payment-method", card),
        ("POST", "/api/billing/payment-method", card),
        ("POST", "/api/billing/checkout-session", PRO_ANNUAL),
        ("POST", "/api/billing/portal-session", None),
    ]
    for who, may_read in ((manager, True), (member, False)):
        assert client.get("/api/billing/usage", headers=who.bearer).json()["plan"] == "PROFESSIONAL"
        preview = client.post("/api/billing/preview", json=PRO_ANNUAL, headers=who.bearer)
        assert preview.status_code == 200
        for method, path, body in reads:
            answer = client.request(method, path, json=body, headers=who.bearer)
            assert answer.status_code == (200 if may_read else 403), (method, path, answer.text)
        for method, path, body in writes:
            answer = client.request(method, path, json=body, headers=who.bearer)
            assert answer.status_code == 403, (method, path, answer.text)
            assert answer.json()["type"].endswith("/forbidden")
    # Nothing changed.
    sub = client.get(f"/api/subscriptions/{sub_id}", headers=admin.bearer).json()
    assert sub["billing_cycle"] == "MONTHLY" and not sub["cancel_at_period_end"]
    assert sub["payment_method"] is None


def test_another_team_cannot_see_or_touch_our_billing(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    outcome = _subscribe(client, admin)
    sub_id, invoice_id = outcome["subscription"]["id"], outcome["invoice"]["id"]
    other = signed_up(client, smtp_sink)
    _subscribe(client, other)
    for method, path, body in [
        ("GET", f"/api/subscriptions/{sub_id}", None),
        ("PUT", f"/api/subscriptions/{sub_id}", {"cancel_at_period_end": True}),
        ("POST", f"/api/subscriptions/{sub_id}/cancel", None),
        ("POST", f"/api/subscriptions/{sub_id}/resume", None),
        ("POST", f"/api/subscriptions/{sub_id}/upgrade", PRO_ANNUAL),
        ("POST", f"/api/subscriptions/{sub_id}/downgrade", {"plan": "FREE"}),
        ("GET", f"/api/billing/invoices/{invoice_id}", None),
        ("GET", f"/api/billing/invoices/{invoice_id}/pdf", None),
    ]:
        answer = client.request(method, path, json=body, headers=other.bearer)
        assert answer.status_code == 404, (method, path, answer.text)
    theirs = client.get("/api/billing/history", headers=other.bearer).json()
    assert invoice_id not in [i["id"] for i in theirs["items"]] and theirs["total"] == 1
    listed = client.get("/api/subscriptions", headers=other.bearer).json()["items"]
    assert sub_id not in [s["id"] for s in listed]
    mine = client.get(f"/api/subscriptions/{sub_id}", headers=admin.bearer).json()
    assert not mine["cancel_at_period_end"] and mine["billing_cycle"] == "MONTHLY"


def test_two_subscribe_clicks_at_once_make_one_subscription(
    make_client, client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    others = [make_client() for _ in range(2)]
    barrier, answers = threading.Barrier(2), []

    def click(other: TestClient) -> None:
        barrier.wait()
        answers.append(other.post("/api/subscriptions", json=PRO_MONTHLY, headers=admin.bearer))

    threads = [threading.Thread(target=click, args=(other,)) for other in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [201, 409]
    subs = client.get("/api/subscriptions", headers=admin.bearer).json()
    assert subs["total"] == 1 and subs["items"][0]["status"] == "ACTIVE"
    assert client.get("/api/billing/history", headers=admin.bearer).json()["total"] == 1


def _set_currency(url: str, team_id, currency: str, *, status: str | None = None) -> None:
    with database(url) as session:
        for sub in session.exec(select(Subscription).where(Subscription.team_id == team_id)):
            sub.currency = currency
            sub.status = status or sub.status
            session.add(sub)


def test_prices_are_shown_in_the_currency_the_team_is_billed_in(
    client: TestClient, admin: Account, migrated_db_url: str
) -> None:
    _subscribe(client, admin)
    team_id = team_of(migrated_db_url, admin.email)
    _set_currency(migrated_db_url, team_id, "EUR")
    preview = client.post("/api/billing/preview", json=PRO_ANNUAL, headers=admin.bearer).json()
    assert preview["currency"] == "EUR" and preview["summary"].startswith("€")
    _set_currency(migrated_db_url, team_id, "EUR", status="EXPIRED")  # back on Free
    dry = client.post(
        "/api/subscriptions", json={**PRO_MONTHLY, "preview": True}, headers=admin.bearer
    ).json()
    assert dry["proration"]["currency"] == "EUR"
    again = _subscribe(client, admin)
    assert again["subscription"]["currency"] == again["invoice"]["currency"] == "EUR"


def test_choosing_a_plan_offline_applies_it_at_once(
    client: TestClient, admin: Account, smtp_sink, migrated_db_url: str
) -> None:
    chosen = client.post("/api/billing/choose", json=PRO_MONTHLY, headers=admin.bearer)
    assert chosen.status_code == 200, chosen.text
    body = chosen.json()
    assert body["action"] == "applied" and body["url"] is None
    assert body["outcome"]["subscription"]["plan"] == "PROFESSIONAL"
    assert body["message"] == "The team is now on Professional."
    enterprise = client.post(
        "/api/billing/choose", json={"plan": "ENTERPRISE"}, headers=admin.bearer
    )
    assert enterprise.json()["action"] == "applied"  # offline, an admin switches it on
    free = client.post("/api/billing/choose", json={"plan": "FREE"}, headers=admin.bearer).json()
    assert free["action"] == "applied" and free["outcome"]["subscription"]["cancel_at_period_end"]
    manager = _member(client, smtp_sink, migrated_db_url, admin, TeamRole.MANAGER)
    refused = client.post("/api/billing/choose", json=PRO_ANNUAL, headers=manager.bearer)
    assert refused.status_code == 403
    bad = client.post("/api/billing/choose", json={"plan": "GOLD"}, headers=admin.bearer)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "plan"
