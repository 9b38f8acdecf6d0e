"""Plans and teams in Chromium: the Free campaign limit with its upgrade link, an invitation
mailed, opened, registered for and accepted, and what a plain member may not do."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.test_accounts import PASSWORD, api_account, mailed_link, new_email, onboarded
from tests.e2e.test_campaigns import open_wizard
from tests.plan_helpers import put_on_plan

BASIC = {
    "manager_name": "Grace",
    "website_url": "https://www.example.com",
    "platform": "Facebook",
    "objective": "Traffic",
    "start_date": "2027-04-01",
    "budget": "250",
}


def csrf(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")


def make_campaign(context: BrowserContext, app_url: str, name: str):
    return context.request.post(
        f"{app_url}/api/campaigns",
        headers={"X-CSRF-Token": csrf(context)},
        data={**BASIC, "name": name},
    )


def fill_wizard(page: Page, name: str) -> None:
    open_wizard(page)
    page.locator("#wizard-name").fill(name)
    page.locator("#wizard-website_url").fill("https://www.example.com")
    page.locator("#wizard-start_date").fill("2027-05-01")
    page.locator("#wizard-budget").fill("100")
    page.locator("#to-audience").click()
    page.locator("#to-review").click()


def test_a_free_team_reaches_its_monthly_campaign_limit(
    page: Page, context: BrowserContext, app_url: str, smtp_sink
) -> None:
    email = api_account(app_url, smtp_sink)
    onboarded(context, app_url, email)
    fill_wizard(page, "First of the month")
    page.locator("#wizard-save-draft").click()
    expect(page).to_have_url(re.compile(r"/campaigns/FBK-"))
    for n in range(4):
        assert make_campaign(context, app_url, f"Launch {n}").status == 201

    fill_wizard(page, "One too many")
    page.locator("#wizard-save-draft").click()
    limit = page.locator("#wizard-plan-limit")
    expect(limit).to_contain_text("5 new campaigns per calendar month")
    expect(limit).to_contain_text("Upgrade to Professional")
    upgrade = page.locator("#wizard-plan-limit-upgrade")
    expect(upgrade).to_have_attribute("href", "/settings/billing")
    expect(page).to_have_url(re.compile(r"/campaigns/new/?$"))  # nothing was saved
    assert context.request.get(f"{app_url}/api/campaigns").json()["total"] == 5

    # The export menu offers JSON and says where CSV and GA4 exports come from.
    page.goto("/campaigns")
    page.locator("#export-menu").click()
    expect(page.locator("#export-csv-upgrade")).to_have_attribute("href", "/settings/billing")
    expect(page.get_by_role("menuitem", name="JSON")).to_be_visible()
    assert page.js_errors == []


def test_an_admin_invites_a_member_who_registers_joins_and_sees_the_team_campaigns(
    page: Page,
    context: BrowserContext,
    app_url: str,
    smtp_sink,
    app_database_url: str,
    browser: Browser,
) -> None:
    admin = api_account(
        app_url, smtp_sink, full_name="Ada Lovelace", company="Analytical Engines", role="ADMIN"
    )
    put_on_plan(app_database_url, admin, Plan.PROFESSIONAL)
    onboarded(context, app_url, admin)
    made = make_campaign(context, app_url, "Team launch")
    assert made.status == 201, made.text()
    campaign_id = made.json()["campaign_id"]

    invitee = new_email("invitee")
    page.goto("/settings/team")
    page.locator("#invite-email").fill(invitee)
    page.locator("#send-invite").click()
    expect(page.get_by_text(f"Invitation sent to {invitee}")).to_be_visible()
    expect(page.locator("#members-table")).to_contain_text(invitee)
    expect(page.locator("#members-table")).to_contain_text("Invited")
    expect(page.locator("#stat-seats")).to_have_text("2 of 5")

    link = mailed_link(smtp_sink, invitee, "invited you", "/invite?token=")
    # The mail links to APP_URL's host (localhost), not app_url's 127.0.0.1: the member's
    # cookies live there, so the member stays on the host of the link.
    other = browser.new_context(base_url=re.match(r"https?://[^/]+", link).group(0))
    try:
        member = other.new_page()
        member.goto(link)
        expect(member.locator("#invite-title")).to_contain_text("Analytical Engines")
        member.locator("#invite-register").click()
        expect(member).to_have_url(re.compile(r"/register/?\?invite="))
        # The form knows the invited address, and its sign-in leads back to the invitation.
        expect(member.locator("#email")).to_have_value(invitee)
        member.locator("#full_name").fill("Grace Hopper")
        member.locator("#company").fill("Navy Labs")
        member.locator("#password").fill(PASSWORD)
        member.locator("#accept_terms").click()
        member.locator("#create-account").click()
        expect(member.locator("#register-done")).to_be_visible()

        member.locator("#register-done-sign-in").click()
        member.locator("#email").fill(invitee)
        member.locator("#password").fill(PASSWORD)
        member.locator("#sign-in").click()
        expect(member).to_have_url(re.compile(r"/invite/?\?token="))
        member.locator("#join-team").click()
        # A new account sets itself up first, then finds the team's campaigns.
        expect(member).to_have_url(re.compile(r"/onboarding/?$"))
        member.locator("#finish-onboarding").click()
        expect(member).to_have_url(re.compile(r"/dashboard/?$"))
        member.goto("/campaigns")
        expect(member.locator("#campaign-table")).to_contain_text(campaign_id)

        # Two teams now: the account menu switches between them.
        member.locator("#account-menu").click()
        expect(member.get_by_text("Teams", exact=True)).to_be_visible()
        member.get_by_role("menuitem", name="Navy Labs").click()
        expect(member.locator("#campaigns-empty")).to_be_visible()
    finally:
        other.close()

    page.reload()
    expect(page.locator("#members-table")).to_contain_text("Grace Hopper")
    expect(page.locator("#members-table")).to_contain_text("Active")
    assert page.js_errors == []


def test_a_member_cannot_invite(
    page: Page,
    context: BrowserContext,
    app_url: str,
    smtp_sink,
    app_database_url: str,
    browser: Browser,
) -> None:
    admin = api_account(app_url, smtp_sink, role="ADMIN")
    put_on_plan(app_database_url, admin, Plan.PROFESSIONAL)
    onboarded(context, app_url, admin)
    email = new_email("member")
    answer = context.request.post(
        f"{app_url}/api/teams/invite",
        headers={"X-CSRF-Token": csrf(context)},
        data={"email": email, "role": "MEMBER"},
    )
    assert answer.status == 201, answer.text()
    token = mailed_link(smtp_sink, email, "invited you", "/invite?token=").split("token=")[1]

    other = browser.new_context(base_url=app_url)
    try:
        member = api_account_with(app_url, smtp_sink, email)
        onboarded(other, app_url, member)
        joined = other.request.post(
            f"{app_url}/api/teams/invite/accept",
            headers={"X-CSRF-Token": csrf(other)},
            data={"token": token},
        )
        assert joined.status == 200, joined.text()
        page_b = other.new_page()
        page_b.goto("/settings/team")
        expect(page_b.locator("#members-table")).to_contain_text(email)
        expect(page_b.locator("#admins-only")).to_be_visible()
        expect(page_b.locator("#invite-email")).to_have_count(0)
        expect(page_b.locator("#usage")).to_have_count(0)
        refused = other.request.post(
            f"{app_url}/api/teams/invite",
            headers={"X-CSRF-Token": csrf(other)},
            data={"email": new_email(), "role": "MEMBER"},
        )
        assert refused.status == 403
    finally:
        other.close()


def api_account_with(app_url: str, smtp_sink, email: str) -> str:
    """An account for this address through the REST door (the UI sign-up is tested above)."""
    import httpx

    from tests.e2e.conftest import visitor_address

    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": email,
            "password": PASSWORD,
            "full_name": "Linus Member",
            "company": "Elsewhere",
            "role": "USER",
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    return email
