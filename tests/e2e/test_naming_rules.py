"""Team naming rules and QR variants in Chromium: an admin sets rules, the builder obeys them."""

from __future__ import annotations

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from konduct.domain.enums import Plan
from tests.e2e.conftest import visitor_address
from tests.e2e.test_accounts import PASSWORD, mailed_link, new_email, onboarded
from tests.plan_helpers import put_on_plan


def admin_on_professional(app_url: str, sink, database_url: str) -> str:
    email = new_email("rules")
    answer = httpx.post(
        f"{app_url}/api/auth/register",
        headers={"X-Forwarded-For": visitor_address()},
        json={
            "email": email,
            "password": PASSWORD,
            "full_name": "Ada Admin",
            "company": "Conventions Ltd",
            "role": "ADMIN",
            "accept_terms": True,
        },
    )
    assert answer.status_code == 202, answer.text
    token = mailed_link(sink, email, "confirm your email", "/verify-email").split("token=")[1]
    assert httpx.post(f"{app_url}/api/auth/verify-email", json={"token": token}).status_code == 200
    put_on_plan(database_url, email, Plan.PROFESSIONAL)
    return email


def test_admin_rules_shape_the_builder_and_qr_variants_tag_themselves(
    page: Page, context: BrowserContext, app_url: str, smtp_sink, app_database_url: str
) -> None:
    email = admin_on_professional(app_url, smtp_sink, app_database_url)
    onboarded(context, app_url, email)
    csrf = {
        "X-CSRF-Token": next(c["value"] for c in context.cookies() if c["name"] == "konduct_csrf")
    }
    made = context.request.post(
        f"{app_url}/api/campaigns",
        headers=csrf,
        data={
            "name": "Rules test",
            "manager_name": "Ada",
            "website_url": "https://www.example.com",
            "platform": "Facebook",
            "objective": "Traffic",
            "start_date": "2027-09-01",
            "budget": "100",
        },
    )
    assert made.status == 201, made.text()
    campaign_id = made.json()["campaign_id"]
    old = context.request.post(
        f"{app_url}/api/campaigns/{campaign_id}/utm",
        headers=csrf,
        data={"url": "https://www.example.com/old", "medium": "social", "label": "Old post"},
    )
    assert old.status == 201, old.text()

    # The admin allows two mediums and refuses capitals.
    page.goto("/settings/naming-rules")
    expect(page.locator("#violations-empty")).to_be_visible()
    page.locator("#rule-medium-allowed").fill("paid_social, Email")
    page.locator("#rule-lowercase").click()
    page.locator("#save-rules").click()
    expect(page.get_by_text("Naming rules saved. 1 existing link break them.")).to_be_visible()
    violations = page.locator("#violations")
    expect(violations).to_contain_text("Rules test")
    expect(violations).to_contain_text("'social' is not on the team's medium list")
    expect(page.locator("#rule-medium-allowed")).to_have_value("paid_social, email")

    # The old link is fixed from the list: same short link, new tags.
    violations.get_by_role("button", name="Fix").click()
    expect(page.locator("#editing-link")).to_contain_text("Old post")
    page.locator("#link-medium").click()
    expect(page.get_by_role("option")).to_have_text(["paid_social", "email"])
    page.get_by_role("option", name="email").click()
    page.locator("#save-link").click()
    expect(page.get_by_text("Tracking link updated.")).to_be_visible()
    expect(page.locator("#detail-links")).to_contain_text("utm_medium=email")
    fixed = context.request.get(f"{app_url}/api/campaigns/{campaign_id}/utm").json()[0]
    assert fixed["short_path"] == old.json()["short_path"]
    assert fixed["params"]["utm_medium"] == "email"

    # The builder offers only the allowed mediums and refuses a value typed in capitals.
    page.goto(f"/campaigns/{campaign_id}")
    expect(page.locator("#rules-in-force")).to_be_visible()
    page.locator("#link-medium").click()
    options = page.get_by_role("option")
    expect(options).to_have_text(["paid_social", "email"])
    page.get_by_role("option", name="paid_social").click()
    expect(page.locator("#link-medium")).to_contain_text("paid_social")
    page.locator("#link-url").fill("https://www.example.com/autumn")
    page.locator("#link-creative").fill("Hero")
    expect(page.locator("#link-creative-error")).to_contain_text("lowercase")
    page.locator("#save-link").click()
    expect(page.get_by_text("Not saved: must be typed in lowercase")).to_be_visible()
    expect(page.locator("#links-empty")).to_have_count(0)  # the old link is there
    page.locator("#link-creative").fill("hero")
    expect(page.locator("#link-preview")).to_contain_text("utm_content=hero")
    page.locator("#save-link").click()
    links = page.locator("#detail-links")
    expect(links).to_contain_text("utm_medium=paid_social&utm_campaign=")
    expect(links).to_contain_text("utm_content=hero")

    # A QR variant of the new link: its own link, tagged qr-flyer, with its own short code.
    new_card = page.locator("#detail-links > div").filter(has_text="utm_content=hero").first
    new_card.get_by_role("button", name="QR variant").click()
    page.locator("#qr-label").fill("Flyer")
    expect(page.get_by_role("dialog")).to_contain_text("utm_content = qr-flyer")
    page.locator("#qr-create").click()
    expect(links).to_contain_text("utm_content=qr-flyer")
    expect(links.get_by_text("QR variant", exact=True).first).to_be_visible()
    listed = context.request.get(f"{app_url}/api/campaigns/{campaign_id}/utm").json()
    variant = next(link for link in listed if link["variant_of"])
    assert variant["params"]["utm_content"] == "qr-flyer"
    assert variant["params"]["utm_medium"] == "paid_social"
    assert page.js_errors == []
