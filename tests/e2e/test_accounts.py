"""Account flows in Chromium, end to end, with mail read from a real SMTP server."""

from __future__ import annotations

import re
import time
import uuid

import httpx
import pyotp
from playwright.sync_api import BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.conftest import plain_goto, visitor_address  # noqa: E402
from tests.plan_helpers import put_on_plan

PASSWORD = "amber-lantern-quietly-917"
NEW_PASSWORD = "velvet-orchard-midnight-204"


def new_email(tag: str = "e2e") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def mailed_link(sink, to: str, subject: str, path: str) -> str:
    mail = sink.wait_for(to, subject)
    return next(link for link in sink.links(mail) if path in link)


def api_account(
    app_url: str,
    sink,
    *,
    verify: bool = True,
    full_name: str = "Grace Hopper",
    company: str = "Navy Labs",
    role: str = "MANAGER",
) -> str:
    """An account made through the REST door (the UI sign-up has its own test)."""
    email = new_email()
    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": email,
            "password": PASSWORD,
            "full_name": full_name,
            "company": company,
            "role": role,
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    link = mailed_link(sink, email, "confirm your email", "/verify-email")
    if verify:
        token = link.split("token=")[1]
        assert (
            httpx.post(f"{app_url}/api/auth/verify-email", json={"token": token}).status_code == 200
        )
    return email


def sign_in_ui(page: Page, email: str, password: str = PASSWORD, *, remember: bool = False) -> None:
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    if remember:
        page.locator("#remember_me").click()
    page.locator("#sign-in").click()


def onboarded(context: BrowserContext, app_url: str, email: str) -> None:
    """Sign this browser in through the API and skip onboarding (tested on its own)."""
    answer = context.request.post(
        f"{app_url}/api/auth/login",
        data={"email": email, "password": PASSWORD, "session": "cookie"},
    )
    assert answer.ok, answer.text()
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    assert context.request.post(
        f"{app_url}/api/users/me/onboarding", headers={"X-CSRF-Token": csrf}
    ).ok


def open_dashboard(page: Page) -> None:
    """The dashboard, with the first-visit tour closed (the tour has its own test)."""
    page.goto("/dashboard")
    # The heading names the person once the page's state has loaded (the tour opens with it).
    expect(page.locator("#dashboard-heading")).not_to_have_text(re.compile(r"^Welcome,\s*$"))
    if page.locator("#tour").count():
        page.locator("#tour-skip").click()
        expect(page.locator("#tour")).to_have_count(0)


def test_sign_up_confirm_sign_in_onboard_and_tour(page: Page, smtp_sink) -> None:
    email = new_email("signup")
    page.goto("/register")
    page.locator("#full_name").fill("Ada Lovelace")
    page.locator("#email").fill(email)
    page.locator("#company").fill("Analytical Engines")
    page.locator("#password").fill("password123456")
    expect(page.locator("#password-advice")).to_contain_text("commonly used")
    page.locator("#password").fill(PASSWORD)
    expect(page.locator("#password-strength")).to_have_text(re.compile("Strong|Very strong"))

    page.locator("#create-account").click()  # terms not accepted yet
    expect(page.locator("#accept_terms-error")).to_contain_text("accept the terms")
    page.locator("#accept_terms").click()
    page.locator("#create-account").click()
    expect(page.locator("#register-done")).to_be_visible()

    page.goto(mailed_link(smtp_sink, email, "confirm your email", "/verify-email"))
    expect(page.locator("#verify-outcome")).to_contain_text(f"{email} is confirmed")

    sign_in_ui(page, email)
    expect(page).to_have_url(re.compile(r"/onboarding/?$"))
    expect(page.locator("#profile-name")).to_have_value("Ada Lovelace")
    page.locator("#profile-company").fill("Analytical Engines Ltd")
    page.locator("#finish-onboarding").click()

    expect(page).to_have_url(re.compile(r"/dashboard/?$"))
    expect(page.locator("#dashboard-heading")).to_contain_text("Ada Lovelace")
    expect(page.locator("#unverified-banner")).to_have_count(0)
    tour = page.locator("#tour")
    expect(tour).to_contain_text("Generate campaign IDs")
    for _ in range(3):
        page.locator("#tour-next").click()
    page.locator("#tour-done").click()
    expect(tour).to_have_count(0)

    page.reload()  # seen once: it does not come back by itself...
    expect(page.locator("#dashboard-heading")).to_be_visible()
    expect(page.locator("#tour")).to_have_count(0)
    page.locator("#tour-replay").click()  # ...but can be replayed
    expect(page.locator("#tour")).to_contain_text("Generate campaign IDs")
    page.locator("#tour-skip").click()
    assert page.js_errors == []


def test_unconfirmed_accounts_see_a_banner_and_can_resend(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink, verify=False)
    onboarded(context, app_url, email)
    open_dashboard(page)
    expect(page.locator("#unverified-banner")).to_be_visible()
    smtp_sink.clear()
    page.locator("#resend-verification").click()
    expect(page.get_by_text("Sent: check your inbox.")).to_be_visible()
    smtp_sink.wait_for(email, "confirm your email")


def test_sign_in_errors_are_the_same_and_the_app_pages_are_guarded(
    page: Page, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    page.goto("/settings/security")
    expect(page).to_have_url(re.compile(r"/login\?next=/settings/security$"))

    sign_in_ui(page, email, "not-the-right-password")
    expect(page.locator("#form-error")).to_have_text(
        "Sign-in failed: check your email and password."
    )
    sign_in_ui(page, new_email("nobody"), "not-the-right-password")
    expect(page.locator("#form-error")).to_have_text(
        "Sign-in failed: check your email and password."
    )

    page.goto("/login?next=/settings/security")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#sign-in").click()
    expect(page).to_have_url(re.compile(r"/onboarding/?$"))  # not onboarded yet comes first


def test_an_outside_next_address_is_not_followed(
    page: Page, context, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    onboarded(context, app_url, email)
    context.clear_cookies()
    page.goto("/login?next=//evil.example/steal")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#sign-in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))


def test_forgotten_password_reset_by_mail(page: Page, app_url: str, smtp_sink) -> None:
    email = api_account(app_url, smtp_sink)
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    # The sign-in page has an #email too: wait until the new page is there.
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    page.locator("#email").fill(email)
    page.locator("#send-reset").click()
    expect(page.locator("#reset-sent")).to_be_visible()

    page.goto(mailed_link(smtp_sink, email, "reset your", "/reset-password"))
    page.locator("#new_password").fill(PASSWORD)
    page.locator("#set-password").click()
    expect(page.locator("#form-error")).to_contain_text("last 5")
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#set-password").click()
    expect(page.locator("#reset-done")).to_be_visible()

    sign_in_ui(page, email, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/onboarding/?$"))


def test_two_factor_enrol_then_required_at_sign_in(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    onboarded(context, app_url, email)
    page.goto("/settings/security")
    page.locator("#mfa-start").click()
    secret = page.locator("#mfa-secret").inner_text().strip()
    expect(page.locator("#mfa-qr svg")).to_be_visible()
    page.locator("#mfa-code").fill(pyotp.TOTP(secret).now())
    page.locator("#mfa-confirm").click()
    expect(page.locator("#recovery-codes code")).to_have_count(10)
    expect(page.locator("#mfa-status")).to_contain_text("On")

    page.locator("#account-menu").click()
    page.locator("#sign-out").click()
    expect(page).to_have_url(f"{app_url}/")

    sign_in_ui(page, email)
    expect(page.get_by_text("Enter the 6-digit code")).to_be_visible()
    page.locator("#code").fill("000000")
    page.locator("#verify-code").click()
    expect(page.locator("#form-error")).to_contain_text("not right")
    # The enrolment used the current code, and a code is good once: use the next one.
    totp = pyotp.TOTP(secret)
    page.locator("#code").fill(totp.at(time.time() + totp.interval))
    page.locator("#verify-code").click()
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))


def test_sessions_list_and_sign_out_everywhere_else(browser, app_url: str, smtp_sink) -> None:
    email = api_account(app_url, smtp_sink)
    laptop = browser.new_context(base_url=app_url)
    phone = browser.new_context(
        base_url=app_url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    )
    try:
        onboarded(laptop, app_url, email)
        onboarded(phone, app_url, email)
        phone_page = phone.new_page()
        phone_page.goto("/dashboard")
        expect(phone_page.locator("#dashboard-heading")).to_be_visible()

        page = laptop.new_page()
        page.goto("/settings/security")
        table = page.locator("#sessions-table")
        expect(table).to_contain_text("This device")
        expect(table).to_contain_text("iOS")
        page.locator("#end-other-sessions").click()
        expect(table).not_to_contain_text("iOS")

        phone_page.goto("/dashboard")
        expect(phone_page).to_have_url(re.compile(r"/login\?next=/dashboard$"))
    finally:
        laptop.close()
        phone.close()


def test_theme_and_language_follow_the_account(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    onboarded(context, app_url, email)
    page.goto("/settings/profile")
    page.locator("#profile-theme").get_by_role("radio", name="Dark").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bdark\b"))
    page.locator("#profile-language").click()
    page.get_by_role("option", name="Français", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil")

    # A new browser picks both up from the account at sign-in.
    fresh = context.browser.new_context(
        base_url=app_url, extra_http_headers={"X-Forwarded-For": visitor_address()}
    )
    try:
        other = fresh.new_page()
        sign_in_ui(other, email)
        expect(other).to_have_url(re.compile(r"/dashboard/?$"))
        expect(other.locator("html")).to_have_class(re.compile(r"\bdark\b"))
        expect(other.locator("#dashboard-heading")).to_contain_text("Bienvenue")
    finally:
        fresh.close()


def test_api_key_is_shown_once_works_and_is_revoked(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    email = api_account(app_url, smtp_sink)
    put_on_plan(app_database_url, email, Plan.PROFESSIONAL)  # API access is not part of Free
    onboarded(context, app_url, email)
    page.goto("/settings/api-keys")
    expect(page.locator("#api-keys-empty")).to_be_visible()
    page.locator("#api-key-name").fill("Looker sync")
    page.locator("#create-api-key").click()
    key = page.locator("#new-api-key").inner_text().strip()
    assert key.startswith("kdt_")
    assert httpx.get(f"{app_url}/api/users/me", headers={"X-API-Key": key}).json()["email"] == email

    page.reload()
    expect(page.locator("#new-api-key")).to_have_count(0)  # never shown again
    expect(page.locator("#api-keys-table")).to_contain_text(key[:12])
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator("#api-keys-empty")).to_be_visible()
    assert httpx.get(f"{app_url}/api/users/me", headers={"X-API-Key": key}).status_code == 401


def test_markup_in_name_and_company_is_shown_as_text(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    name = '<img src=x onerror="window.__pwned=1">'
    company = "<script>window.__pwned=2</script>Acme"
    email = api_account(app_url, smtp_sink, full_name=name, company=company)
    onboarded(context, app_url, email)
    open_dashboard(page)
    expect(page.locator("#dashboard-heading")).to_contain_text(name)
    expect(page.get_by_text(company)).to_be_visible()  # the team is named after the company
    page.goto("/settings/profile")
    expect(page.locator("#profile-company")).to_have_value(company)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img[src='x']").count() == 0


def test_change_password_and_email_from_the_settings(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    onboarded(context, app_url, email)
    page.goto("/settings/security")
    page.locator("#current_password").fill("not-my-password-x")
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#change-password").click()
    expect(page.locator("#password-error")).to_contain_text("not your current password")
    page.locator("#current_password").fill(PASSWORD)
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#change-password").click()
    expect(page.get_by_text("Password changed.")).to_be_visible()
    smtp_sink.wait_for(email, "password was changed")

    new_address = new_email("moved")
    page.goto("/settings/profile")
    page.locator("#new_email").fill(new_address)
    page.locator("#email-password").fill(NEW_PASSWORD)
    page.locator("#change-email").click()
    expect(page.get_by_text("Check the new address")).to_be_visible()
    page.goto(mailed_link(smtp_sink, new_address, "new email", "/verify-email"))
    expect(page.locator("#verify-outcome")).to_contain_text(f"{new_address} is confirmed")
    assert httpx.post(
        f"{app_url}/api/auth/login",
        json={"email": new_address, "password": NEW_PASSWORD},
        headers={"X-Forwarded-For": visitor_address()},
    ).json()["signed_in"]


def test_a_form_pressed_before_the_app_runs_sends_nothing(context: BrowserContext) -> None:
    """The bare prerendered page (its scripts not run yet, here: never) must not submit the
    sign-in form natively, which would put the password into a GET URL and the logs."""
    page = context.new_page()
    page.route(re.compile(r"/assets/.*\.js$"), lambda route: route.abort())
    plain_goto(page, "/login")
    page.locator("#email").fill("someone@example.com")
    page.locator("#password").fill("hunter2-hunter2")
    page.locator("#sign-in").click()
    page.wait_for_timeout(500)
    assert "hunter2" not in page.url and "password" not in page.url, page.url
