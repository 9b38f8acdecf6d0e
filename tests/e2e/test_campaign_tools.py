"""Templates, CSV import, reports, mailed details and share links, in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.test_accounts import api_account, onboarded
from tests.plan_helpers import put_on_plan
from tests.team_member_helpers import join_team

CSV_HEADER = "name,manager_name,website_url,platform,objective,start_date,budget,countries"


def professional(context: BrowserContext, app_url: str, smtp_sink, database_url: str) -> str:
    email = api_account(app_url, smtp_sink)
    put_on_plan(database_url, email, Plan.PROFESSIONAL)
    onboarded(context, app_url, email)
    return email


def api(context: BrowserContext, app_url: str, method: str, path: str, **kwargs):
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    return context.request.fetch(
        f"{app_url}{path}", method=method, headers={"X-CSRF-Token": csrf}, **kwargs
    )


def new_campaign(context: BrowserContext, app_url: str, **changes) -> dict:
    body = {
        "name": "Winter launch",
        "manager_name": "Grace",
        "website_url": "https://www.example.com/winter",
        "platform": "Instagram",
        "objective": "Reach",
        "start_date": "2027-12-01",
        "budget": "750",
        "currency": "EUR",
        "targeting": {"demographics": {"age_range": [21, 39], "locations": {"countries": ["DE"]}}},
        **changes,
    }
    made = api(context, app_url, "POST", "/api/campaigns", data=body)
    assert made.status == 201, made.text()
    return made.json()


def test_save_as_template_then_start_a_new_campaign_from_it(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    professional(context, app_url, smtp_sink, app_database_url)
    campaign = new_campaign(context, app_url)
    page.goto(f"/campaigns/{campaign['campaign_id']}")
    page.locator("#act-save-template").click()
    page.locator("#template-name").fill("Winter playbook")
    page.locator("#template-save").click()
    expect(page.get_by_text("Saved as template 'Winter playbook'")).to_be_visible()

    page.goto("/templates")
    card = page.locator(".template-card", has_text="Winter playbook")
    expect(card).to_contain_text("Instagram")
    expect(card).to_contain_text("Ages 21–39")
    card.get_by_role("button", name="Use template").click()

    expect(page).to_have_url(re.compile(r"/campaigns/new/?$"))
    expect(page.locator("#wizard-name")).to_have_value("Winter launch")
    expect(page.locator("#wizard-website_url")).to_have_value("https://www.example.com/winter")
    expect(page.locator("#wizard-start_date")).to_have_value("")  # dates are each campaign's
    page.locator("#wizard-name").fill("Winter launch 2028")
    page.locator("#wizard-start_date").fill("2028-12-01")
    page.locator("#to-audience").click()
    expect(page.locator("#wizard-age-label")).to_contain_text("21–39")
    page.locator("#to-review").click()
    expect(page.locator("#wizard-summary")).to_contain_text("DE")
    page.locator("#wizard-save-draft").click()
    expect(page).to_have_url(re.compile(r"/campaigns/IGM-RCH-"))
    expect(page.get_by_role("heading", name="Winter launch 2028")).to_be_visible()
    assert page.js_errors == []


def test_import_refuses_a_bad_file_whole_then_imports_a_good_one_with_progress(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    professional(context, app_url, smtp_sink, app_database_url)
    page.goto("/campaigns/import")
    with page.expect_download() as template:
        page.locator("#import-template").click()
    assert Path(template.value.path()).read_text().startswith("name,manager_name,website_url")

    good = [
        "Alpha,Ada,https://www.example.com/a,Facebook,Traffic,2027-04-01,100,FR",
        "Beta,Ada,https://www.example.com/b,Google Ads,Conversions,2027-05-01,200,BE;NL",
        "Gamma,Ada,https://www.example.com/c,LinkedIn,Lead Generation,2027-06-01,300,",
    ]
    bad = [good[0], "Broken,Ada,https://www.example.com/x,Facebook,Traffic,2027-04-01,-5,FR"]
    upload = page.locator("input[type=file]")
    upload.set_input_files(
        {
            "name": "bad.csv",
            "mimeType": "text/csv",
            "buffer": "\n".join([CSV_HEADER, *bad]).encode(),
        }
    )
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("budget")
    expect(problems.locator("tbody tr").first).to_contain_text("3")
    expect(page.locator("#import-failure")).to_contain_text("Nothing was imported")
    listed = api(context, app_url, "GET", "/api/campaigns").json()
    assert listed["total"] == 0

    upload.set_input_files(
        {
            "name": "good.csv",
            "mimeType": "text/csv",
            "buffer": "\n".join([CSV_HEADER, *good]).encode(),
        }
    )
    expect(page.locator("#import-progress")).to_be_visible()
    expect(page.locator("#import-status")).to_contain_text("Imported good.csv: 3 of 3")
    expect(page.locator("#import-problems")).to_have_count(0)
    results = page.locator("#import-results")
    for name in ("Alpha", "Beta", "Gamma"):
        expect(results).to_contain_text(name)
    expect(results).to_contain_text("GAD-CNV-")

    page.goto("/campaigns")
    table = page.locator("#campaign-table")
    for name in ("Alpha", "Beta", "Gamma"):
        expect(table).to_contain_text(name)
    assert page.js_errors == []


def test_reports_show_charts_and_export(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    professional(context, app_url, smtp_sink, app_database_url)
    new_campaign(context, app_url, name="One")
    new_campaign(context, app_url, name="Two", platform="TikTok", start_date="2028-01-15")
    page.goto("/reports")
    expect(page.locator("#report-total")).to_have_text("2")
    for chart in ("#report-platform", "#report-objective", "#report-status", "#report-budget"):
        expect(page.locator(f"{chart} .recharts-surface")).to_be_visible()
    expect(page.locator("#report-budget")).to_contain_text("EUR 1,500.00 · 2 campaigns")

    page.locator("#report-from").fill("2028-01-01")
    expect(page.locator("#report-total")).to_have_text("1")
    with page.expect_download() as as_json:
        page.locator("#report-export-json").click()
    report = json.loads(Path(as_json.value.path()).read_text())
    assert report["total"] == 1 and report["date_from"] == "2028-01-01"
    with page.expect_download() as as_csv:
        page.locator("#report-export-csv").click()
    assert "platform,TTK,TikTok,,1," in Path(as_csv.value.path()).read_text()
    assert page.js_errors == []


def test_email_details_reach_the_inbox(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    professional(context, app_url, smtp_sink, app_database_url)
    campaign = new_campaign(context, app_url, name="Mailed <b>campaign</b>")
    page.goto(f"/campaigns/{campaign['campaign_id']}")
    page.locator("#act-email").click()
    page.locator("#email-to").fill("not an address")
    page.locator("#email-send").click()
    expect(page.locator("#email-to-error")).to_be_visible()
    page.locator("#email-to").fill("director@example.com")
    page.locator("#email-note").fill("For Monday")
    page.locator("#email-send").click()
    expect(page.get_by_text("Campaign details sent to director@example.com")).to_be_visible()
    mail = smtp_sink.wait_for("director@example.com", "Campaign details")
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert campaign["campaign_id"] in html and "For Monday" in html
    assert "<b>campaign</b>" not in html and "&lt;b&gt;campaign&lt;/b&gt;" in html


def test_a_share_link_opens_read_only_for_a_teammate_and_not_for_an_outsider(
    page: Page,
    context: BrowserContext,
    browser: Browser,
    app_url: str,
    smtp_sink,
    app_database_url: str,
) -> None:
    owner = professional(context, app_url, smtp_sink, app_database_url)
    campaign = new_campaign(context, app_url, name="Shared spring")
    page.goto(f"/campaigns/{campaign['campaign_id']}")
    page.locator("#act-share").click()
    page.locator("#share-create").click()
    share_url = page.locator("#share-url")
    expect(share_url).to_contain_text("/campaigns/shared/")
    path = "/campaigns/shared/" + share_url.inner_text().strip().split("/campaigns/shared/")[1]
    expect(page.locator("#share-list")).to_contain_text("Link made")

    mate_email = api_account(app_url, smtp_sink, full_name="Mary Jackson")
    join_team(app_database_url, mate_email, owner)
    mate = browser.new_context(base_url=app_url)
    outsider = browser.new_context(base_url=app_url)
    try:
        onboarded(mate, app_url, mate_email)
        mate_page = mate.new_page()
        mate_page.goto(path)
        expect(mate_page.locator("#shared-campaign-id")).to_have_text(campaign["campaign_id"])
        expect(mate_page.locator("#shared-read-only")).to_contain_text("Read-only")
        expect(mate_page.get_by_role("button", name="Delete")).to_have_count(0)
        expect(mate_page.get_by_role("button", name="Archive")).to_have_count(0)

        onboarded(outsider, app_url, api_account(app_url, smtp_sink))
        outsider_page = outsider.new_page()
        outsider_page.goto(path)
        expect(outsider_page.locator("#shared-missing")).to_be_visible()
        expect(outsider_page.get_by_text("Shared spring")).to_have_count(0)
        token = path.rsplit("/", 1)[1]
        assert outsider.request.get(f"{app_url}/api/shared/{token}").status == 404

        # Revoked: the teammate's next visit finds nothing.
        page.get_by_role("button", name="Revoke").click()
        expect(page.get_by_text("Link revoked")).to_be_visible()
        mate_page.reload()
        expect(mate_page.locator("#shared-missing")).to_be_visible()
    finally:
        mate.close()
        outsider.close()
