"""After generating an ID, a visitor tags a landing page with it and copies the link."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_id_generator import choose  # noqa: E402


def test_tag_a_landing_page_with_the_new_id(page: Page) -> None:
    page.goto("/generate")
    choose(page, "platform", "Google Ads")
    page.locator("#generate-id").click()
    expect(page.locator("#campaign-id")).to_have_text(re.compile(r"^GAD-"))
    campaign_id = page.locator("#campaign-id").inner_text().strip()

    # Source and medium are proposed from the platform.
    expect(page.locator("#utm-source")).to_have_attribute("placeholder", "google")
    expect(page.locator("#utm-medium")).to_have_attribute("placeholder", "cpc")

    page.locator("#utm-url").fill("https://www.example.com/spring?ref=nav#offers")
    tagged = page.locator("#tagged-url")
    expect(tagged).to_contain_text(f"utm_campaign={campaign_id}")
    expect(tagged).to_contain_text("?ref=nav&utm_source=google&utm_medium=cpc")
    expect(tagged).to_contain_text(re.compile(r"#offers$"))

    page.locator("#utm-creative").fill("Hero Banner")
    expect(tagged).to_contain_text("utm_content=hero_banner")
    page.get_by_role("radio", name="utm_creative").click()
    expect(tagged).to_contain_text("utm_creative=hero_banner")

    page.locator("#copy-link").click()
    expect(page.get_by_text("Tracking link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == tagged.inner_text().strip()
    assert page.js_errors == []


def test_bad_input_is_explained_next_to_the_field(page: Page) -> None:
    page.goto("/generate")
    page.locator("#generate-id").click()
    expect(page.locator("#campaign-id")).to_have_text(re.compile(r"^FBK-"))

    page.locator("#utm-url").fill("javascript:alert(document.domain)")
    expect(page.locator("#utm-url-error")).to_contain_text("only http:// and https://")
    expect(page.locator("#tagged-url")).to_have_count(0)

    page.locator("#utm-url").fill("https://www.example.com/?utm_source=google")
    expect(page.locator("#utm-url-error")).to_contain_text("utm_source")

    page.locator("#utm-url").fill("https://www.example.com/")
    expect(page.locator("#utm-url-error")).to_have_count(0)
    expect(page.locator("#tagged-url")).to_contain_text("utm_source=facebook")
