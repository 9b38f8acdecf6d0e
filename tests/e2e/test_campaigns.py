"""Campaign flows in Chromium: the wizard, the campaign page, links with QR codes, the list."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.test_accounts import api_account, onboarded
from tests.plan_helpers import put_on_plan

ID_SHAPE = re.compile(r"^FBK-LEA-\d{14}-[0-9A-F]{8}$")


def signed_in(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, database_url: str | None = None
) -> str:
    """A new account, signed in; on Professional when ``database_url`` is given (these tests
    use platforms, targeting and exports beyond Free)."""
    email = api_account(app_url, smtp_sink)
    if database_url:
        put_on_plan(database_url, email, Plan.PROFESSIONAL)
    onboarded(context, app_url, email)
    return email


def open_wizard(page: Page) -> None:
    """/campaigns/new once its state has loaded (the wizard names the manager). Typed before
    that, a value can be put back to empty as the page hydrates, and the next step refuses."""
    page.goto("/campaigns/new")
    expect(page.locator("#wizard-manager_name")).not_to_have_value("", timeout=15_000)


def test_wizard_creates_a_campaign_with_the_previewed_id(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    signed_in(page, context, app_url, smtp_sink, app_database_url)
    open_wizard(page)
    page.locator("#wizard-name").fill("Spring leads")
    page.locator("#wizard-website_url").fill("www.example.com")  # no scheme: refused
    page.locator("#wizard-start_date").fill("2027-03-01")
    page.locator("#wizard-end_date").fill("2027-02-01")  # before the start: refused
    page.locator("#wizard-budget").fill("1500")
    page.locator("#wizard-objective").click()
    page.get_by_role("option", name="Lead Generation", exact=True).click()
    page.locator("#to-audience").click()
    expect(page.locator("#wizard-website_url-error")).to_contain_text("full address")
    page.locator("#wizard-website_url").fill("https://www.example.com")
    page.locator("#wizard-end_date").fill("2027-03-31")
    page.locator("#to-audience").click()

    expect(page.locator("#tab-audience")).to_have_attribute("data-state", "active")
    page.locator("#wizard-countries-search").fill("fran")
    page.locator("#wizard-countries").get_by_role("button", name="France").click()
    page.locator("#wizard-interests").get_by_role("button", name="Technology").click()

    # A reload keeps what was typed so far.
    page.reload()
    page.locator("#tab-setup").click()
    expect(page.locator("#wizard-name")).to_have_value("Spring leads")
    page.locator("#to-audience").click()
    page.locator("#to-review").click()

    expect(page.locator("#wizard-summary")).to_contain_text("Spring leads")
    expect(page.locator("#wizard-summary")).to_contain_text("FR")
    page.locator("#wizard-generate").click()
    preview = page.locator("#wizard-campaign-id")
    expect(preview).to_have_text(ID_SHAPE)
    campaign_id = preview.inner_text().strip()

    page.locator("#wizard-publish").click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign_id}/?$"))
    expect(page.locator("#detail-campaign-id")).to_have_text(campaign_id)
    expect(page.get_by_text("Active", exact=True)).to_be_visible()
    assert page.js_errors == []


def test_the_same_campaign_twice_is_flagged(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    signed_in(page, context, app_url, smtp_sink)
    for attempt in range(2):
        open_wizard(page)
        page.locator("#wizard-name").fill("Twin campaign")
        page.locator("#wizard-website_url").fill("https://www.example.com")
        page.locator("#wizard-start_date").fill("2027-05-01")
        page.locator("#wizard-budget").fill("100")
        page.locator("#to-audience").click()
        page.locator("#to-review").click()
        page.locator("#wizard-save-draft").click()
        if attempt == 0:
            expect(page).to_have_url(re.compile(r"/campaigns/FBK-"))
    expect(page.locator("#wizard-duplicate")).to_contain_text("This duplicates campaign")
    page.locator("#wizard-save-anyway").click()
    expect(page).to_have_url(re.compile(r"/campaigns/FBK-"))


def test_campaign_page_links_qr_and_lifecycle(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    signed_in(page, context, app_url, smtp_sink, app_database_url)
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    made = context.request.post(
        f"{app_url}/api/campaigns",
        headers={"X-CSRF-Token": csrf},
        data={
            "name": "Autumn push",
            "manager_name": "Grace",
            "website_url": "https://www.example.com",
            "platform": "Google Ads",
            "objective": "Conversions",
            "start_date": "2027-09-01",
            "budget": "900",
            "status": "ACTIVE",
        },
    )
    assert made.status == 201, made.text()
    campaign_id = made.json()["campaign_id"]

    page.goto(f"/campaigns/{campaign_id}")
    expect(page.locator("#links-empty")).to_be_visible()
    expect(page.locator("#recent-campaigns")).to_contain_text("Autumn push")
    page.locator("#link-url").fill("javascript:alert(1)")
    page.locator("#link-medium").fill("cpc")
    page.locator("#save-link").click()
    expect(page.locator("#link-url-error")).to_contain_text("http")
    page.locator("#link-url").fill(f"{app_url}/decode")
    page.locator("#test-link-url").click()
    expect(page.get_by_text("The page answered 200")).to_be_visible()
    page.locator("#link-url").fill(f"{app_url}/no-such-page-here")
    page.locator("#test-link-url").click()
    expect(page.get_by_text("Not reachable: the page answered 404")).to_be_visible()
    page.locator("#link-url").fill("https://www.example.com/autumn")
    page.locator("#link-creative").fill("Hero 1")
    page.locator("#save-link").click()
    links = page.locator("#detail-links")
    expect(links).to_contain_text(f"utm_campaign={campaign_id}")
    expect(links).to_contain_text("utm_content=hero_1")
    expect(links.locator("svg").first).to_be_visible()  # the QR code
    with page.expect_download() as qr:
        page.get_by_role("button", name="QR (PNG)").click()
    assert Path(qr.value.path()).read_bytes().startswith(b"\x89PNG")

    # A visit through the short link is counted on the campaign page (no outside request:
    # the redirect itself is what counts).
    short = context.request.get(f"{app_url}/api/campaigns/{campaign_id}/utm").json()[0]
    visit = context.request.get(f"{app_url}{short['short_path']}", max_redirects=0)
    assert visit.status == 302
    page.reload()
    expect(page.locator("#clicks-total")).to_have_text("1 clicks")
    expect(page.locator("#clicks-charts")).to_be_visible()

    page.locator("#act-pause").click()
    expect(page.locator("#act-resume")).to_be_visible()
    expect(page.locator("#detail-history")).to_contain_text("PAUSE")
    page.locator("#act-archive").click()
    expect(page.locator("#act-restore")).to_be_visible()

    page.goto("/campaigns")
    expect(page.locator("#campaigns-empty")).to_be_visible()  # archived ones are not listed
    page.locator("#show-archived").click()
    expect(page.locator("#campaign-table")).to_contain_text(campaign_id)

    page.locator("#export-menu").click()
    with page.expect_download() as download:
        page.get_by_role("menuitem", name="GA4 data import (CSV)").click()
    exported = Path(download.value.path()).read_text()
    assert exported.startswith("campaign_id,campaign_name,source,medium")
    assert campaign_id in exported


def test_another_teams_campaign_is_not_shown(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, browser, app_database_url: str
) -> None:
    signed_in(page, context, app_url, smtp_sink, app_database_url)
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    made = context.request.post(
        f"{app_url}/api/campaigns",
        headers={"X-CSRF-Token": csrf},
        data={
            "name": "Secret",
            "manager_name": "Grace",
            "website_url": "https://e.com",
            "platform": "TikTok",
            "objective": "Reach",
            "start_date": "2027-01-01",
            "budget": "1",
        },
    )
    campaign_id = made.json()["campaign_id"]
    other = browser.new_context(base_url=app_url)
    try:
        signed_in(other.new_page(), other, app_url, smtp_sink)
        stranger = other.new_page()
        stranger.goto(f"/campaigns/{campaign_id}")
        expect(stranger.locator("#campaign-missing")).to_be_visible()
        expect(stranger.get_by_text("Secret")).to_have_count(0)
    finally:
        other.close()
