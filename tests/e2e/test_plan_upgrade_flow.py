"""Issue 7's "done means" in Chromium, end to end: a Free team's admin hits the monthly
campaign limit in the wizard, follows the upgrade link, upgrades in offline mode, comes back
and the next campaign saves."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.test_accounts import api_account, onboarded
from tests.e2e.test_teams import fill_wizard, make_campaign


def test_a_free_user_hits_the_limit_upgrades_offline_and_the_next_campaign_saves(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink, role="ADMIN")  # admins change the plan
    onboarded(context, app_url, email)
    for n in range(5):
        assert make_campaign(context, app_url, f"Launch {n}").status == 201

    fill_wizard(page, "The sixth launch")
    page.locator("#wizard-save-draft").click()
    limit = page.locator("#wizard-plan-limit")
    expect(limit).to_contain_text("5 new campaigns per calendar month")
    expect(limit).to_contain_text("Upgrade to Professional")
    page.locator("#wizard-plan-limit-upgrade").click()

    expect(page).to_have_url(re.compile(r"/settings/billing/?$"))
    expect(page.locator("#current-plan")).to_have_text("Free")
    expect(page.locator("#usage-campaigns")).to_contain_text("5 of 5")
    expect(page.locator("#usage-api")).to_contain_text("Not on this plan")
    page.locator("#choose-professional").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text("Upgrade to Professional")
    expect(dialog).to_contain_text("no card is charged")
    page.locator("#confirm-change").click()
    expect(page.locator("#current-plan")).to_have_text("Professional")
    expect(page.locator("#usage-campaigns")).to_contain_text("unlimited")
    expect(page.locator("#usage-api")).to_contain_text("0 of 10,000")

    # Back to the wizard: the answers are still there, the old refusal is not.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/campaigns/new/?$"))
    expect(page.locator("#wizard-save-draft")).to_be_visible()
    expect(page.locator("#wizard-plan-limit")).to_have_count(0)
    page.locator("#wizard-save-draft").click()
    expect(page).to_have_url(re.compile(r"/campaigns/FBK-"))
    expect(page.get_by_text("The sixth launch").first).to_be_visible()
    assert context.request.get(f"{app_url}/api/campaigns").json()["total"] == 6
    assert page.js_errors == []
