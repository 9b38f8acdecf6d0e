"""Cookie consent, Google Analytics gating, and first-party tracking shown on the dashboard.

The served app has no GA_MEASUREMENT_ID, so "without an ID" runs against it as it is. For
"with an ID", the browser's answer from /api/analytics/config is replaced by one naming an
ID (as a server with GA_MEASUREMENT_ID set answers, see tests/api/test_analytics_api.py),
and requests to Google are answered locally: nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import E2E_ANALYTICS_STAFF_EMAIL as STAFF_EMAIL
from tests.e2e.conftest import visitor_address
from tests.e2e.test_accounts import PASSWORD, mailed_link, onboarded

GA_ID = "G-TEST12345"
GOOGLE = re.compile(r"googletagmanager\.com|google-analytics\.com")
PHONE = {"width": 390, "height": 844}


def new_context(browser: Browser, app_url: str, **options) -> BrowserContext:
    """A visitor who has not answered the cookie banner yet."""
    context = browser.new_context(
        base_url=app_url,
        extra_http_headers={"X-Forwarded-For": visitor_address()},
        show_cookie_banner=True,
        **options,
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def fresh(browser: Browser, app_url: str) -> Iterator[BrowserContext]:
    """A first-time visitor: no consent given yet, no visitor cookie."""
    context = new_context(browser, app_url)
    yield context
    context.close()


def google_requests(context: BrowserContext, *, with_id: bool) -> list[str]:
    """Every request to Google this context makes; optionally the config names an ID."""
    seen: list[str] = []

    def answer_google(route) -> None:
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body="/* gtag stand-in */")

    context.route(GOOGLE, answer_google)
    if with_id:
        context.route(
            "**/api/analytics/config",
            lambda route: route.fulfill(
                status=200,
                content_type="application/json",
                body=json.dumps({"ga_measurement_id": GA_ID, "first_party": True}),
            ),
        )
    return seen


def test_banner_decline_is_remembered_and_loads_no_google(fresh: BrowserContext) -> None:
    seen = google_requests(fresh, with_id=True)
    page = fresh.new_page()
    page.goto("/resources")
    banner = page.locator("#cookie-consent")
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("aria-label", "Cookie consent")
    page.wait_for_timeout(500)
    assert seen == [] and page.locator("#konduct-gtag").count() == 0  # nothing before consent

    # Keyboard only: the banner comes first in the tab order, Enter on Decline.
    page.keyboard.press("Tab")
    for _ in range(3):
        if page.evaluate("document.activeElement.id") == "cookie-decline":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cookie-decline"
    page.keyboard.press("Enter")
    expect(banner).to_have_count(0)

    page.reload()
    page.wait_for_timeout(800)
    expect(page.locator("#cookie-consent")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('konduct_consent')") == "denied"
    assert seen == [] and page.locator("#konduct-gtag").count() == 0

    # "Cookie settings" asks again; Escape keeps the answer a decline.
    page.locator("#cookie-settings").click()
    expect(page.locator("#cookie-consent")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "cookie-accept"
    page.keyboard.press("Escape")
    expect(page.locator("#cookie-consent")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('konduct_consent')") == "denied"
    # Every page's footer carries the same way back to the choice.
    page.locator("#footer-cookie-settings").click()
    expect(page.locator("#cookie-consent")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#cookie-consent")).to_have_count(0)
    assert seen == []


def test_accepting_loads_google_analytics_only_when_an_id_is_set(
    browser: Browser, app_url: str
) -> None:
    # With an ID: nothing until Accept, then gtag.js for that ID.
    context = new_context(browser, app_url, viewport=PHONE, is_mobile=True, has_touch=True)
    seen = google_requests(context, with_id=True)
    page = context.new_page()
    page.goto("/pricing")
    expect(page.locator("#cookie-consent")).to_be_visible()
    page.wait_for_timeout(500)
    assert seen == []
    page.locator("#cookie-accept").click()
    expect(page.locator("#cookie-consent")).to_have_count(0)
    expect(page.locator("#konduct-gtag")).to_have_count(1)
    page.wait_for_timeout(500)
    assert any(f"gtag/js?id={GA_ID}" in url for url in seen), seen
    assert page.evaluate("Array.isArray(window.dataLayer) && window.dataLayer.length > 0")
    # Remembered: the next visit loads it straight away, without asking again.
    seen.clear()
    page.reload()
    expect(page.locator("#konduct-gtag")).to_have_count(1)
    expect(page.locator("#cookie-consent")).to_have_count(0)
    context.close()

    # Without an ID (the served app as configured): accepting loads nothing from Google.
    context = new_context(browser, app_url)
    seen = google_requests(context, with_id=False)
    page = context.new_page()
    page.goto("/pricing")
    page.locator("#cookie-accept").click()
    page.wait_for_timeout(1000)
    assert seen == [] and page.locator("#konduct-gtag").count() == 0
    assert page.evaluate("typeof window.gtag") == "undefined"
    context.close()


@pytest.fixture(scope="module")
def staff_account(app_url: str, _smtp_sink_server) -> str:
    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": STAFF_EMAIL,
            "password": PASSWORD,
            "full_name": "Sam Staff",
            "company": "Konduct",
            "role": "ADMIN",
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    link = mailed_link(_smtp_sink_server, STAFF_EMAIL, "confirm your email", "/verify-email")
    token = link.split("token=")[1]
    assert httpx.post(f"{app_url}/api/auth/verify-email", json={"token": token}).is_success
    return STAFF_EMAIL


def test_a_page_view_and_a_cta_click_show_on_the_dashboard(
    browser: Browser, app_url: str, staff_account: str
) -> None:
    visitor = new_context(browser, app_url)
    visitor.add_init_script("localStorage.setItem('konduct_consent', 'denied')")
    page = visitor.new_page()
    with page.expect_response("**/api/analytics/track") as view_sent:
        page.goto("/resources/security")
    assert view_sent.value.status == 202
    assert any(c["name"] == "konduct_vid" for c in visitor.cookies())
    # Twice: the dashboard lists the top ten pages, and the other browser tests of this run
    # have viewed some pages more than once.
    with page.expect_response("**/api/analytics/track"):
        page.reload()

    # Any element with data-track counts, wherever the page puts it.
    label = f"e2e-cta-{uuid.uuid4().hex[:8]}"
    page.evaluate(
        """label => {
            const b = document.createElement('button');
            b.textContent = 'Try it'; b.id = 'e2e-cta'; b.dataset.track = label;
            document.querySelector('main').prepend(b);
        }""",
        label,
    )
    with page.expect_request("**/api/analytics/track") as click_sent:
        page.locator("#e2e-cta").click()
    sent = json.loads(click_sent.value.post_data or "{}")
    assert sent["events"][0] == {"type": "cta_click", "path": "/resources/security", "label": label}
    # Hiding the page (another tab, the phone locked, the page left) sends its time in
    # view and its Web Vitals.
    with page.expect_request("**/api/analytics/track") as hidden_sent:
        page.evaluate(
            """() => {
                Object.defineProperty(document, 'visibilityState', {value: 'hidden'});
                Object.defineProperty(document, 'hidden', {value: true});
                document.dispatchEvent(new Event('visibilitychange'));
            }"""
        )
    events = json.loads(hidden_sent.value.post_data or "{}")["events"]
    assert {e["type"] for e in events} == {"engagement", "web_vital"}, events
    vitals = {e["label"]: e["value"] for e in events if e["type"] == "web_vital"}
    assert {"TTFB", "FCP", "LCP", "CLS"} <= set(vitals), vitals
    assert all(value >= 0 for value in vitals.values())
    visitor.close()

    for size in ({"width": 1280, "height": 900}, PHONE):
        staff = new_context(browser, app_url, viewport=size)
        staff.add_init_script("localStorage.setItem('konduct_consent', 'denied')")
        onboarded(staff, app_url, staff_account)
        board = staff.new_page()
        board.goto("/admin/analytics")
        expect(board.get_by_role("heading", level=1)).to_have_text("Site analytics")
        expect(board.locator("#top-ctas")).to_contain_text(label)
        expect(board.locator("#top-pages")).to_contain_text("/resources/security")
        expect(board.locator("#kpi-page-views")).not_to_have_text("0")
        lcp_row = board.locator("#vitals-table tr", has_text="LCP")
        expect(lcp_row).not_to_contain_text("—")  # measured in the browser above
        expect(board.locator("#traffic-chart .recharts-surface").first).to_be_visible()
        staff.close()


def test_the_dashboard_is_for_staff_only(page: Page, context: BrowserContext, app_url: str,
                                         smtp_sink) -> None:  # fmt: skip
    from tests.e2e.test_accounts import api_account

    onboarded(context, app_url, api_account(app_url, smtp_sink))
    page.goto("/admin/analytics")
    expect(page.locator("#staff-only")).to_contain_text("for Konduct staff")
    expect(page.locator("#analytics-dashboard")).to_have_count(0)

    stranger = context.browser.new_context(base_url=app_url)
    anonymous = stranger.new_page()
    anonymous.goto("/admin/analytics")
    expect(anonymous).to_have_url(re.compile(r"/login\?next=(%2F|/)admin(%2F|/)analytics$"))
    stranger.close()
