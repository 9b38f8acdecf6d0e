"""Enterprise in Chromium: an admin downloads the team's audit log from the team page, and
sets the team branding whose logo then shows in the account menu, and stores SSO settings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.test_accounts import onboarded
from tests.e2e.test_naming_rules import admin_on_professional
from tests.plan_helpers import put_on_plan


def test_an_enterprise_admin_downloads_the_audit_log(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    email = admin_on_professional(app_url, smtp_sink, app_database_url)
    onboarded(context, app_url, email)
    page.goto("/settings/team")
    expect(page.locator("#members-table")).to_be_visible()
    expect(page.locator("#audit-log")).to_have_count(0)  # Professional: no audit export

    put_on_plan(app_database_url, email, Plan.ENTERPRISE)
    csrf = {
        "X-CSRF-Token": next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    }
    saved = context.request.put(
        f"{app_url}/api/teams/naming-rules",
        headers=csrf,
        data={"fields": {"source": {"allowed": ["facebook"]}}},
    )
    assert saved.status == 200, saved.text()

    page.reload()
    download = page.locator("#audit-download")
    expect(download).to_be_visible()
    with page.expect_download() as got:
        download.click()
    assert got.value.suggested_filename == "konduct-audit-log.csv"
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text())))
    rules = [row for row in rows if row["action"] == "team.naming_rules"]
    assert rules and rules[0]["user_email"] == email

    page.goto("/settings/branding")
    page.locator("#branding-logo-url").fill("http://cdn.example.com/acme.png")
    page.locator("#branding-primary-color").fill("#1A2B3C")
    page.locator("#branding-accent-color").fill("orange")
    page.locator("#branding-save").click()
    expect(page.locator("#branding-logo-url-error")).to_contain_text("https://")
    expect(page.locator("#branding-accent-color-error")).to_contain_text("#1a2b3c")
    page.locator("#branding-logo-url").fill("https://cdn.example.com/acme.png")
    page.locator("#branding-accent-color").fill("#ff8800")
    page.locator("#branding-save").click()
    expect(page.get_by_text("Branding saved")).to_be_visible()
    expect(page.locator("#branding-primary-color")).to_have_value("#1a2b3c")

    # SSO-ready settings: stored, with the note that IdP sign-in is not on yet.
    expect(page.locator("#sso-not-yet")).to_contain_text("not switched on yet")
    page.locator("#sso-protocol").click()
    page.get_by_role("option", name="oidc").click()
    page.locator("#sso-issuer-url").fill("http://login.example.com")
    page.locator("#sso-client-id").fill("konduct-app")
    page.locator("#sso-client-secret").fill("shh-secret")
    page.locator("#sso-domains").fill("acme.com")
    page.locator("#sso-save").click()
    expect(page.locator("#sso-issuer-url-error")).to_contain_text("https")
    page.locator("#sso-issuer-url").fill("https://login.example.com")
    page.locator("#sso-save").click()
    expect(page.get_by_text("SSO settings saved")).to_be_visible()
    expect(page.get_by_text("A secret is saved (encrypted)")).to_be_visible()
    expect(page.locator("#sso-client-secret")).to_have_value("")

    page.reload()
    page.locator("#account-menu").click()
    logo = page.locator("#menu-team-brand-logo")
    expect(logo).to_have_attribute("src", "https://cdn.example.com/acme.png")
    assert page.js_errors == []
