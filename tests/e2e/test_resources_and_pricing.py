"""The resource center and the pricing calculator in Chromium, at desktop and phone sizes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import visitor_address

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def sized_page(request, browser: Browser, app_url: str) -> Iterator[Page]:
    """A visitor who already answered the cookie banner, at one screen size."""
    phone = request.param == "phone"
    context = browser.new_context(
        base_url=app_url,
        viewport=SIZES[request.param],
        is_mobile=phone,
        has_touch=phone,
        extra_http_headers={"X-Forwarded-For": visitor_address()},
    )
    context.add_init_script("localStorage.setItem('konduct_consent', 'denied')")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def test_search_the_resource_center_and_open_a_guide(sized_page: Page) -> None:
    page = sized_page
    page.goto("/resources")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource center")
    page.locator("#resource-search").fill("utm medium")
    results = page.locator("#search-results")
    expect(results.locator(".search-result").first).to_contain_text("The UTM guide")
    expect(results.locator("mark").first).to_be_visible()  # the matched words are marked

    results.locator(".search-result").first.click()
    expect(page).to_have_url("/resources/utm-guide")
    expect(page.get_by_role("heading", level=1)).to_have_text("The UTM guide")
    expect(page.locator("#doc table").first).to_contain_text("utm_source")

    page.goto("/resources?q=two-factor")  # a search can be linked to
    expect(page.locator("#resource-search")).to_have_value("two-factor")
    expect(page.locator(".search-result").first).to_contain_text("Security at Konduct")

    page.locator("#resource-search").fill("xylophonequartz")
    expect(page.locator("#search-empty")).to_contain_text("open a support ticket")
    expect(page.locator("#search-empty a")).to_have_attribute("href", "/support")
    assert page.js_errors == []


def test_download_the_checklist_and_the_template(sized_page: Page, tmp_path) -> None:
    page = sized_page
    page.goto("/resources")
    with page.expect_download() as pdf_download:
        page.locator("#download-checklist").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename == "utm-naming-checklist.pdf"
    saved = tmp_path / pdf.suggested_filename
    pdf.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-1.4")

    with page.expect_download() as csv_download:
        page.locator("#download-template").click()
    template = csv_download.value
    assert template.suggested_filename == "utm-campaign-template.csv"
    template.save_as(tmp_path / "template.csv")
    assert (tmp_path / "template.csv").read_text().startswith("campaign_name,platform,objective")


def test_a_tutorial_page_walks_through_real_screenshots(sized_page: Page) -> None:
    page = sized_page
    page.goto("/resources/videos/first-campaign-id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Generate your first campaign ID")
    expect(page.locator("#video-note")).to_contain_text("screenshot walkthrough")
    expect(page.locator("#walkthrough-player img")).to_have_count(4)  # played in turn
    frames = page.locator("#walkthrough img")
    expect(frames).to_have_count(4)
    first = frames.first
    first.scroll_into_view_if_needed()
    expect(first).to_have_attribute("alt", "Step 1: The generator on Konduct's home page")
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", first.element_handle())
    expect(page.locator("#doc")).to_contain_text("Step 3 — generate.")


def test_pricing_proposes_enterprise_and_mails_the_quote(sized_page: Page, smtp_sink) -> None:
    page = sized_page
    page.goto("/pricing")
    expect(page.locator("#calc-total")).to_have_text("$49.00")

    page.locator("#calc-team-size").fill("12")
    expect(page.locator("#calc-upgrade")).to_contain_text("Enterprise")
    expect(page.locator("#calc-upgrade")).to_contain_text("your team has 12")
    expect(page.locator("#calc-total")).to_have_text("$229.00")  # $199 + 2 seats x $15
    expect(page.locator("#compare-enterprise")).to_contain_text("Your fit")

    page.get_by_role("radio", name="Annual: 2 months free").first.click()
    expect(page.locator("#calc-total")).to_have_text("$2,290.00")
    expect(page.locator("#calc-savings")).to_contain_text("$458.00")

    email = f"quote-{uuid.uuid4().hex[:8]}@example.com"
    page.locator("#quote-email").fill(email)
    page.locator("#quote-name").fill("Ada")
    page.locator("#quote-send").click()
    expect(page.locator("#quote-sent")).to_contain_text(email)
    mail = smtp_sink.wait_for(email, "Your Konduct quote")
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Enterprise (estimate)" in text and "$2,290.00" in text
    assert page.js_errors == []


def test_a_quote_goes_to_sales(page: Page, smtp_sink) -> None:
    page.goto("/pricing")
    page.locator("#calc-campaigns").fill("500")
    page.locator("#need-sso").click()
    expect(page.locator("#calc-upgrade")).to_contain_text("Single sign-on")
    page.get_by_role("radio", name="Send it to sales").click()
    email = f"buyer-{uuid.uuid4().hex[:8]}@example.com"
    page.locator("#quote-email").fill(email)
    page.locator("#quote-company").fill("Acme")
    page.locator("#quote-message").fill("SSO by June, please.")
    page.locator("#quote-send").click()
    expect(page.locator("#quote-sent")).to_contain_text("our sales team")
    to_sales = smtp_sink.wait_for("sales@konduct.localhost", "Quote request")
    assert to_sales["Reply-To"] == email
    smtp_sink.wait_for(email, "is with our sales team")
