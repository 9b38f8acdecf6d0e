"""Billing in Chromium, offline mode (the e2e server has no Stripe key).

A Free team's admin upgrades to Professional after seeing the proration, then
opens the invoice; a MEMBER of a Professional team sees billing read-only.
"""

from __future__ import annotations

import re
import uuid

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from konduct.domain.enums import Plan, TeamRole
from tests.billing_helpers import join_team
from tests.e2e.conftest import visitor_address
from tests.e2e.test_accounts import PASSWORD, mailed_link, new_email, onboarded
from tests.plan_helpers import put_on_plan


def account(app_url: str, sink, role: str) -> str:
    """A confirmed account whose own team gives it ``role`` (ADMIN, MANAGER or USER)."""
    email = new_email("billing")
    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": email,
            "password": PASSWORD,
            "full_name": "Mary Jackson",
            "company": "Langley",
            "role": role,
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    token = mailed_link(sink, email, "confirm your email", "/verify-email").split("token=")[1]
    assert httpx.post(f"{app_url}/api/auth/verify-email", json={"token": token}).status_code == 200
    return email


def test_a_free_admin_upgrades_offline_and_opens_the_invoice(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = account(app_url, smtp_sink, "ADMIN")
    onboarded(context, app_url, email)
    page.goto("/settings/billing")
    expect(page.locator("#current-plan")).to_have_text("Free")
    expect(page.locator("#billing-mode")).to_contain_text("Offline mode")
    expect(page.locator("#invoices-empty")).to_be_visible()
    expect(page.locator("#usage-campaigns")).to_contain_text("0 of 5")

    # Annual first: the dialog prices it, and "Not now" changes nothing.
    page.locator("#billing-cycle").get_by_role("radio", name="Annual").click()
    expect(page.locator("#plan-professional")).to_contain_text("$490 / year")
    page.locator("#choose-professional").click()
    expect(page.locator("#preview-due")).to_have_text("$490.00 due now")
    page.get_by_role("button", name="Not now").click()
    expect(page.locator("#confirm-dialog")).to_have_count(0)
    expect(page.locator("#current-plan")).to_have_text("Free")

    page.locator("#billing-cycle").get_by_role("radio", name="Monthly").click()
    page.locator("#choose-professional").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text("Upgrade to Professional (monthly)")
    expect(page.locator("#preview-due")).to_have_text("$49.00 due now")
    expect(dialog).to_contain_text("no card is charged")
    page.locator("#confirm-change").click()

    expect(page.locator("#current-plan")).to_have_text("Professional")
    expect(page.locator("#current-price")).to_have_text("$49.00 / month")
    expect(page.locator("#current-period")).to_contain_text("Renews on")
    expect(page.locator("#usage-campaigns")).to_contain_text("unlimited")
    table = page.locator("#invoices-table")
    expect(table).to_contain_text("Professional plan (monthly) (offline mode)")
    expect(table).to_contain_text("$49.00")
    expect(table).to_contain_text("Paid")
    expect(page.locator("#choose-enterprise")).to_have_text("Upgrade")
    expect(page.locator("#choose-professional")).to_have_text("Current plan")

    # Cancel at period end, then change of mind.
    page.locator("#cancel-plan").click()
    page.locator("#confirm-cancel").click()
    expect(page.locator("#current-period")).to_contain_text("Ends on")
    expect(page.locator("#choose-free")).to_have_text("Moving at period end")
    page.locator("#resume-plan").click()
    expect(page.locator("#current-period")).to_contain_text("Renews on")

    table.get_by_role("link", name=re.compile(r"^KDT-")).click()
    expect(page).to_have_url(re.compile(r"/settings/billing/invoices/[0-9a-f-]{36}/?$"))
    expect(page.locator("#invoice-number")).to_have_text(re.compile(r"^KDT-[0-9A-F]{8}-00001$"))
    expect(page.locator("#invoice-total")).to_have_text("$49.00")
    expect(page.locator("#invoice-offline")).to_contain_text("no card was charged")
    pdf_href = page.locator("#invoice-pdf").get_attribute("href")
    assert pdf_href and pdf_href.endswith("/pdf")
    pdf = context.request.get(f"{app_url}{pdf_href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    assert page.js_errors == []


def test_a_member_sees_billing_read_only(
    page: Page, context: BrowserContext, app_url: str, app_database_url: str, smtp_sink
) -> None:
    owner = account(app_url, smtp_sink, "ADMIN")
    put_on_plan(app_database_url, owner, Plan.PROFESSIONAL)
    member = account(app_url, smtp_sink, "USER")
    join_team(app_database_url, member_email=member, owner_email=owner, role=TeamRole.MEMBER)
    onboarded(context, app_url, member)

    page.goto("/settings/billing")
    expect(page.locator("#current-plan")).to_have_text("Professional")
    expect(page.locator("#billing-read-only")).to_contain_text("only team admins can change it")
    expect(page.locator("#billing-read-only")).to_contain_text("visible to admins and managers")
    expect(page.locator("#plan-enterprise")).to_be_visible()
    for control in ("#choose-enterprise", "#choose-free", "#cancel-plan", "#invoices-table"):
        expect(page.locator(control)).to_have_count(0)
    expect(page.locator("#choose-professional")).to_have_text("Current plan")
    expect(page.locator("#choose-professional")).to_be_disabled()

    # The REST door says no as well, and nothing changes.
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    refused = context.request.post(
        f"{app_url}/api/subscriptions",
        headers={"X-CSRF-Token": csrf},
        data={"plan": "ENTERPRISE"},
    )
    assert refused.status == 403
    usage = context.request.get(f"{app_url}/api/billing/usage").json()
    assert usage["plan"] == "PROFESSIONAL"
    page.goto(f"/settings/billing/invoices/{uuid.uuid4()}")
    expect(page.locator("#invoice-missing")).to_contain_text("No such invoice in your team")
    assert page.js_errors == []
