"""A visitor pastes an ID or a tagged link and reads what every part means."""

from playwright.sync_api import Page, expect


def test_decode_a_tagged_link(page: Page) -> None:
    page.goto("/decode")
    link = (
        "https://www.example.com/spring?ref=nav&utm_source=facebook&utm_medium=paid_social"
        "&utm_campaign=FBK-TRF-20270301093000-9F86D081&utm_content=hero_1"
    )
    page.locator("#decode-text").fill(link)
    page.locator("#decode-submit").click()
    parts = page.locator("#decode-parts")
    expect(parts).to_contain_text("Facebook")
    expect(parts).to_contain_text("utm_content")
    expect(parts).to_contain_text("GA4 reads this one")
    expect(page.locator("#decode-channel")).to_have_text("Paid Social")
    assert page.js_errors == []


def test_nonsense_is_explained(page: Page) -> None:
    page.goto("/decode")
    page.locator("#decode-text").fill("hello there")
    page.locator("#decode-submit").click()
    expect(page.locator("#decode-error")).to_contain_text("neither a tagged link")
