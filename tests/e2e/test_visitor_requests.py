"""Visitor request flows in Chromium at desktop and phone sizes, with the real SMTP sink:
trial → prefilled registration → welcome mail; a demo in a changed time zone → invite →
status page → staff schedule it; talk to sales; a support ticket."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import E2E_STAFF_EMAIL, visitor_address
from tests.e2e.test_accounts import PASSWORD, mailed_link, onboarded

SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def new_email(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def visitor_context(browser: Browser, app_url: str, size: str, **extra) -> BrowserContext:
    context = browser.new_context(
        base_url=app_url,
        extra_http_headers={"X-Forwarded-For": visitor_address()},
        **SIZES[size],
        **extra,
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture(params=sorted(SIZES))
def visitor(request, browser: Browser, app_url: str) -> Iterator[Page]:
    context = visitor_context(browser, app_url, request.param)
    yield context.new_page()
    context.close()


def path_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/")


def attachment(message, content_type: str) -> str:
    for part in message.iter_attachments():
        if part.get_content_type() == content_type:
            content = part.get_content()
            return content if isinstance(content, str) else content.decode()
    raise AssertionError(f"no {content_type} attachment")


def test_trial_hands_over_to_a_prefilled_registration_and_mails_welcome(
    visitor: Page, smtp_sink
) -> None:
    email = new_email("trial")
    visitor.goto("/start-trial")
    expect(visitor.locator("h1")).to_have_text("Start your free trial")
    visitor.locator("#email").fill(email)
    visitor.locator("#full_name").fill("Katherine Johnson")
    visitor.locator("#company").fill("Langley Research")
    visitor.select_option("#team_size", "11-50")
    visitor.select_option("#role", "MANAGER")
    visitor.locator("#start-trial").click()

    expect(visitor).to_have_url(re.compile(r"/register/?\?trial="))
    expect(visitor.locator("#email")).to_have_value(email)
    expect(visitor.locator("#full_name")).to_have_value("Katherine Johnson")
    expect(visitor.locator("#company")).to_have_value("Langley Research")
    assert email not in visitor.url  # the address never travels in the URL

    # The first mail of the sequence, sent by the app's background job.
    welcome = smtp_sink.wait_for(email, "welcome to your konduct trial", timeout=30)
    assert any("/register?trial=" in link for link in smtp_sink.links(welcome))

    # Registration itself is the usual one.
    visitor.locator("#password").fill(PASSWORD)
    visitor.locator("#accept_terms").click()
    visitor.locator("#create-account").click()
    expect(visitor.locator("#register-done")).to_be_visible()
    smtp_sink.wait_for(email, "confirm your email")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_demo_in_a_changed_time_zone_mails_an_invite_and_has_a_status_page(
    browser: Browser, app_url: str, smtp_sink, size: str
) -> None:
    context = visitor_context(browser, app_url, size, timezone_id="America/Los_Angeles")
    page = context.new_page()
    email = new_email("demo")
    page.goto("/demo")
    # Detected from the browser...
    expect(page.locator("#timezone")).to_have_value("America/Los_Angeles", timeout=15_000)
    expect(page.locator(".demo-slot").first).to_be_visible()
    # ...and changed: the times are shown again in the new zone.
    page.select_option("#timezone", "Asia/Tokyo")
    expect(page.locator("#timezone")).to_have_value("Asia/Tokyo")
    second_day = page.locator("#demo-days button").nth(1)
    second_day.click()
    expect(second_day).to_have_attribute("aria-pressed", "true")
    page.locator(".demo-slot").first.click()
    chosen = page.locator("#chosen-slot")
    expect(chosen).to_contain_text("(Asia/Tokyo)")
    slot_label = re.search(r"\d\d:\d\d", chosen.inner_text()).group(0)
    # Sales hours 9:00-17:00 in New York are 22:00-07:00 the next day in Tokyo.
    assert int(slot_label.split(":")[0]) in (22, 23, 0, 1, 2, 3, 4, 5, 6), slot_label

    page.locator("#name").fill("Dorothy Vaughan")
    page.locator("#company").fill("West Computing")
    page.locator("#email").fill(email)
    page.locator("#request-demo").click()

    expect(page).to_have_url(re.compile(r"/demo/status/[\w-]+/?$"))
    expect(page.locator("#request-status")).to_have_text("Pending confirmation")
    expect(page.get_by_text("(Asia/Tokyo)")).to_be_visible()

    mail = smtp_sink.wait_for(email, "your konduct demo request")
    invite = attachment(mail, "text/calendar")
    assert "BEGIN:VEVENT" in invite and "STATUS:TENTATIVE" in invite
    assert "mailto:" + email in invite.replace("\r\n ", "")
    assert f"{slot_label}" in str(mail["Subject"]) and "Asia/Tokyo" in str(mail["Subject"])
    assert path_of(page.url) in [path_of(link) for link in smtp_sink.links(mail)]
    context.close()


_staff_ready: set[str] = set()


def _staff_signed_in(context: BrowserContext, app_url: str, smtp_sink) -> None:
    """The served app's staff account (STAFF_EMAILS), confirmed and signed in."""
    if app_url in _staff_ready:
        onboarded(context, app_url, E2E_STAFF_EMAIL)
        return
    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": E2E_STAFF_EMAIL,
            "password": PASSWORD,
            "full_name": "Mary Jackson",
            "company": "Konduct",
            "role": "ADMIN",
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    link = mailed_link(smtp_sink, E2E_STAFF_EMAIL, "confirm your email", "/verify-email")
    token = link.split("token=")[1]
    assert httpx.post(f"{app_url}/api/auth/verify-email", json={"token": token}).is_success
    _staff_ready.add(app_url)
    onboarded(context, app_url, E2E_STAFF_EMAIL)


def _demo_by_api(app_url: str, company: str, email: str) -> dict:
    slots = httpx.get(f"{app_url}/api/demo/slots", params={"timezone": "Europe/Berlin"}).json()
    start = slots["days"][-1]["slots"][-1]["start"]  # far from the slots other tests take
    answer = httpx.post(
        f"{app_url}/api/demo/request",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "name": "Annie Easley",
            "email": email,
            "company": company,
            "slot": start,
            "timezone": "Europe/Berlin",
        },
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_staff_schedule_then_complete_a_demo(
    browser: Browser, app_url: str, smtp_sink, size: str
) -> None:
    email = new_email("booked")
    company = f"Lewis Labs {uuid.uuid4().hex[:6]}"
    demo = _demo_by_api(app_url, company, email)
    context = visitor_context(browser, app_url, size)
    _staff_signed_in(context, app_url, smtp_sink)
    page = context.new_page()
    # Staff find the admin pages in their account menu (from a page without the new
    # account's dashboard tour in front of it).
    page.goto("/campaigns")
    page.locator("#account-menu").click()
    page.locator("#nav-admin-requests").click()
    expect(page).to_have_url(re.compile(r"/admin/requests$"))
    card = page.locator(".request-row", has_text=company)
    expect(card).to_contain_text("Pending")
    card.locator(".act-schedule").click()
    expect(page.locator("#schedule-at")).not_to_have_value("")
    page.locator("#confirm-schedule").click()
    expect(card).to_contain_text("Scheduled")
    confirmed = smtp_sink.wait_for(email, "demo is confirmed")
    assert "STATUS:CONFIRMED" in attachment(confirmed, "text/calendar")
    status = httpx.get(f"{app_url}/api/demo/status/{demo['id']}").json()
    assert status["status"] == "SCHEDULED"

    card.locator(".act-complete").click()
    expect(card).to_contain_text("Completed")
    smtp_sink.wait_for(email, "thanks for your time")

    # Filtered by status, the list shows only those.
    page.select_option("#status-filter", "PENDING")
    expect(page.locator(".request-row", has_text=company)).to_have_count(0)
    context.close()


def test_the_admin_page_does_not_exist_for_other_accounts(
    browser: Browser, app_url: str, smtp_sink
) -> None:
    from tests.e2e.test_accounts import api_account

    context = visitor_context(browser, app_url, "desktop")
    onboarded(context, app_url, api_account(app_url, smtp_sink))
    page = context.new_page()
    page.goto("/campaigns")
    page.locator("#account-menu").click()
    expect(page.locator("#sign-out")).to_be_visible()
    expect(page.locator("#nav-admin-requests")).to_have_count(0)
    page.goto("/admin/requests")
    expect(page.locator("#not-staff")).to_have_text("This page does not exist.")
    expect(page.locator(".request-row")).to_have_count(0)
    context.close()


def test_talk_to_sales_notifies_sales_and_answers_the_visitor(visitor: Page, smtp_sink) -> None:
    email = new_email("lead")
    company = f"Hopper Systems {uuid.uuid4().hex[:6]}"
    visitor.goto("/contact-sales")
    visitor.locator("#name").fill("Grace Hopper")
    visitor.locator("#email").fill(email)
    visitor.locator("#company").fill(company)
    visitor.select_option("#company_size", "201-1000")
    visitor.select_option("#industry", "Agency")
    visitor.locator("#message").fill("We need SSO and 40 seats. What would that cost?")
    visitor.locator("#send-contact").click()

    expect(visitor).to_have_url(re.compile(r"/contact/status/[\w-]+/?$"))
    expect(visitor.locator("#request-status")).to_have_text("New")
    sales = smtp_sink.wait_for("sales@konduct.localhost", f"sales request: {company}")
    text = sales.get_body(preferencelist=("plain",)).get_content()
    assert "201-1000" in text and "Agency" in text and "40 seats" in text
    smtp_sink.wait_for(email, "we got your message")


def test_a_support_ticket_gets_its_number(visitor: Page, smtp_sink) -> None:
    email = new_email("help")
    visitor.goto("/support")
    visitor.locator("#name").fill("Alan Turing")
    visitor.locator("#email").fill(email)
    visitor.select_option("#category", "BILLING")
    visitor.locator("#subject").fill("Invoice address")
    visitor.locator("#message").fill("Please put our VAT number on the invoices.")
    visitor.locator("#open-ticket").click()

    expect(visitor).to_have_url(re.compile(r"/support/status/[\w-]+/?$"))
    expect(visitor.locator("#request-status")).to_have_text("Open")
    heading = visitor.get_by_role("heading", name=re.compile(r"Ticket #\d+"))
    number = re.search(r"#(\d+)", heading.inner_text()).group(1)
    smtp_sink.wait_for("support@konduct.localhost", f"[ticket #{number}] invoice address")
    reply = smtp_sink.wait_for(email, f"[ticket #{number}]")
    assert path_of(visitor.url) in [path_of(link) for link in smtp_sink.links(reply)]


def test_a_bot_filling_the_hidden_field_is_refused(page: Page, smtp_sink) -> None:
    email = new_email("bot")
    page.goto("/contact-sales")
    page.locator("#name").fill("Spam Bot")
    page.locator("#email").fill(email)
    page.locator("#company").fill("Spam Inc")
    page.locator("#message").fill("Cheap followers!")
    # People never see it; a bot fills every input it finds.
    page.locator("#website").evaluate("(input) => { input.value = 'http://spam.example'; }")
    page.locator("#send-contact").click()
    expect(page.locator("#form-error")).to_contain_text("could not be accepted")
    expect(page).to_have_url(re.compile(r"/contact-sales/?$"))
    with pytest.raises(AssertionError):
        smtp_sink.wait_for(email, "we got your message", timeout=2)


def test_the_status_page_of_an_unknown_request_says_so(page: Page) -> None:
    page.goto("/demo/status/not-a-real-token")
    expect(page.get_by_text("We could not find this request")).to_be_visible()
