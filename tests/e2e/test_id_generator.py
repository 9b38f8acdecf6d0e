"""A visitor opens Konduct, switches the theme, generates a campaign ID and copies it."""

import re

import httpx
from playwright.sync_api import Page, expect

ID_SHAPE = re.compile(r"^IGM-LEA-\d{14}-[0-9A-F]{8}$")


def choose(page: Page, select_id: str, option: str) -> None:
    page.locator(f"#{select_id}").click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f"#{select_id}")).to_contain_text(option)


def test_theme_switch_is_applied_and_remembered(page: Page) -> None:
    page.goto("/generate")
    page.locator("#theme-menu").click()
    page.locator("#theme-dark").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bdark\b"))

    page.reload()
    expect(page.locator("html")).to_have_class(re.compile(r"\bdark\b"))

    page.locator("#theme-menu").click()
    page.locator("#theme-light").click()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bdark\b"))
    assert page.js_errors == []


def test_generate_copy_and_explain_an_id(page: Page, app_url: str) -> None:
    page.goto("/generate")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Your ID appears here")).to_be_visible()

    choose(page, "platform", "Instagram")
    choose(page, "objective", "Lead Generation")
    page.locator("#campaign-name").fill("Spring sale 2027")
    page.locator("#generate-id").click()

    campaign_id = page.locator("#campaign-id")
    expect(campaign_id).to_have_text(ID_SHAPE)
    generated = campaign_id.inner_text().strip()

    parts = page.locator("#id-parts")
    expect(parts).to_contain_text("Instagram")
    expect(parts).to_contain_text("Lead Generation")
    expect(parts).to_contain_text(generated.split("-")[3])

    page.locator("#copy-id").click()
    expect(page.get_by_text(f"Copied {generated}")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == generated

    # The REST door reads the same ID back with the same core.
    answer = httpx.get(f"{app_url}/api/campaigns/validate-id/{generated}").json()
    assert answer["valid"] is True
    assert answer["parts"]["platform"] == {"code": "IGM", "name": "Instagram"}
    assert answer["parts"]["objective"]["code"] == "LEA"
    assert page.js_errors == []


def test_phone_navigation_opens_and_leads_to_the_api_reference(browser, app_url: str) -> None:
    context = browser.new_context(
        base_url=app_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/generate")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.get_by_role("button", name="Open navigation").click()
    page.get_by_role("menuitem", name="API reference").click()
    expect(page).to_have_url(f"{app_url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Konduct API")
    assert errors == []
    context.close()


def test_desktop_and_footer_links_to_api_pages_load_them(page: Page, app_url: str) -> None:
    page.goto("/generate")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API reference").click()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Konduct API")
    page.goto("/generate")
    page.get_by_role("navigation", name="Footer").get_by_role("link", name="Service status").click()
    expect(page).to_have_url(f"{app_url}/api/health")
    expect(page.locator("body")).to_contain_text('"status":"ok"')
