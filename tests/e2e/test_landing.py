"""The landing page, on a desktop and on a phone: sections, navigation, the live demo, the
compatibility checker, the pricing toggle and the FAQ, with no console errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from konduct.domain.landing_content import HEADLINE
from tests.e2e.conftest import visitor_address

DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SECTIONS = (
    "top",
    "benefits",
    "features",
    "demo",
    "integrations",
    "compatibility-checker",
    "pricing",
    "customers",
    "faq",
    "get-started",
)


def open_landing(page: Page) -> None:
    """The landing page, hydrated: its scripts start only after the first paint
    (konduct/build_tuning.py), and konduct.js arrives with them."""
    page.goto("/")
    page.wait_for_function("() => window.konduct !== undefined")


@pytest.fixture(params=list(DEVICES))
def visitor(request, browser: Browser, app_url: str) -> Iterator[Page]:
    """A fresh visitor on a desktop or a phone; console errors are collected."""
    context = browser.new_context(
        base_url=app_url,
        extra_http_headers={"X-Forwarded-For": visitor_address()},
        accept_downloads=True,
        **DEVICES[request.param],
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors  # type: ignore[attr-defined]
    page.device = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def test_every_section_one_h1_alt_texts_and_tracked_ctas(visitor: Page) -> None:
    open_landing(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(visitor.locator("h1")).to_have_count(1)
    for anchor in SECTIONS:
        expect(visitor.locator(f"#{anchor}")).to_be_attached()
    expect(visitor.locator("#key-features li")).to_have_count(4)

    hero = visitor.locator("#top")
    expect(hero.get_by_role("link", name="Start Free Trial")).to_have_attribute(
        "href", "/start-trial"
    )
    expect(hero.get_by_role("link", name="Schedule Demo")).to_have_attribute("href", "/demo")
    final = visitor.locator("#get-started")
    expect(final.get_by_role("link", name="Talk to Sales")).to_have_attribute(
        "href", "/contact-sales"
    )
    expect(final.locator("[data-track]")).to_have_count(3)
    assert visitor.locator("[data-track]").count() >= 10

    preview = visitor.get_by_role("img", name=re.compile("campaign list"))
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.complete && img.naturalWidth > 0")
    # Every image says what it shows (or is marked decorative with an empty alt).
    assert visitor.locator("img:not([alt])").count() == 0

    expect(visitor.locator("#sample-notice")).to_contain_text("Sample content")
    expect(visitor.locator("link[rel=canonical]")).to_have_attribute("href", re.compile(r"/$"))
    visitor.locator("#get-started").scroll_into_view_if_needed()
    assert visitor.console_errors == []


def test_navigation_menu_footer_and_breadcrumbs(visitor: Page, app_url: str) -> None:
    open_landing(visitor)
    if visitor.device == "phone":
        expect(visitor.get_by_role("navigation", name="Main")).to_be_hidden()
        visitor.get_by_role("button", name="Open navigation").click()
        expect(visitor.get_by_role("menuitem", name="Pricing")).to_be_visible()
        visitor.get_by_role("menuitem", name="ID generator").click()
    else:
        visitor.get_by_role("navigation", name="Main").get_by_role(
            "link", name="ID generator"
        ).click()
    expect(visitor).to_have_url(f"{app_url}/generate")
    crumbs = visitor.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs).to_contain_text("Home")
    expect(crumbs.locator("[aria-current=page]")).to_have_text("ID generator")
    expect(visitor.locator("h1")).to_have_count(1)

    footer = visitor.get_by_role("navigation", name="Footer")
    for group in ("Product", "Resources", "Company", "Legal"):
        expect(footer.get_by_role("heading", name=group)).to_be_visible()
    footer.get_by_role("link", name="Privacy policy").click()
    expect(visitor).to_have_url(f"{app_url}/privacy")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Privacy policy")
    visitor.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").click()
    expect(visitor).to_have_url(f"{app_url}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    assert visitor.console_errors == []


def test_live_demo_makes_a_real_id_a_tagged_link_and_its_qr_code(
    visitor: Page, tmp_path: Path
) -> None:
    open_landing(visitor)
    demo = visitor.locator("#demo")
    demo.scroll_into_view_if_needed()
    expect(demo.get_by_text("Your ID appears here")).to_be_visible()
    # The demo uses the browser's own selects (lighter than Radix's on this page).
    visitor.get_by_label("Platform", exact=True).select_option("LinkedIn")
    visitor.get_by_label("Objective", exact=True).select_option("Lead Generation")
    visitor.locator("#generate-id").click()
    campaign_id = visitor.locator("#campaign-id")
    expect(campaign_id).to_have_text(re.compile(r"^LNK-LEA-\d{14}-[0-9A-F]{8}$"))
    generated = campaign_id.inner_text().strip()

    visitor.locator("#utm-url").fill("https://www.example.com/webinar")
    tagged = visitor.locator("#tagged-url")
    expect(tagged).to_contain_text(f"utm_campaign={generated}")
    expect(tagged).to_contain_text("utm_source=linkedin")
    expect(visitor.locator("#ga4-channel")).to_have_text("Paid Social")
    expect(visitor.locator("#tagged-qr svg")).to_be_visible()

    with visitor.expect_download() as download:
        visitor.locator("#download-qr").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"{generated}.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert visitor.console_errors == []


def test_compatibility_checker_reports_and_downloads(visitor: Page, tmp_path: Path) -> None:
    open_landing(visitor)
    checker = visitor.locator("#compatibility-checker")
    checker.scroll_into_view_if_needed()
    # Facebook, Instagram and Google Ads are picked to start with; Google Ads needs Professional.
    # Controlled by page state: click, then wait for the state to answer.
    checker.get_by_label("Google Ads").click()
    expect(checker.get_by_label("Google Ads")).not_to_be_checked()
    visitor.locator("#compat-check").click()
    expect(visitor.locator("#compat-plan")).to_have_text("Free")
    rows = visitor.locator("#compat-platforms tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("facebook")
    expect(rows.first).to_contain_text("Paid Social")

    # The report follows the picks: a need beyond Free moves it to Professional at once.
    checker.get_by_label("REST API access").click()
    expect(checker.get_by_label("REST API access")).to_be_checked()
    expect(visitor.locator("#compat-plan")).to_have_text("Professional")
    steps = visitor.locator("#compat-next-steps")
    expect(steps).to_contain_text("Start a free trial of Professional")
    expect(steps.get_by_role("link", name="/start-trial")).to_have_attribute("href", "/start-trial")

    for fmt, marker in (("md", "**Recommended plan: Professional**"), ("csv", "kind,name,code")):
        with visitor.expect_download() as download:
            visitor.locator(f"#compat-download-{fmt}").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == f"konduct-compatibility.{fmt}"
        assert marker in saved.read_text()
    assert visitor.console_errors == []


def test_pricing_toggle_switches_between_monthly_and_annual(visitor: Page) -> None:
    open_landing(visitor)
    pricing = visitor.locator("#pricing")
    pricing.scroll_into_view_if_needed()
    professional = visitor.locator("#price-professional")
    # innerText: what is shown, not the other cycle's hidden figures.
    expect(professional).to_have_text("$49 /month", use_inner_text=True)
    expect(visitor.locator("#price-enterprise")).to_have_text("Custom", use_inner_text=True)

    pricing.get_by_role("radio", name=re.compile("Annual")).check()
    expect(professional).to_have_text("$490 /year", use_inner_text=True)
    expect(visitor.locator("#plan-professional")).to_contain_text(
        "Billed yearly: 2 months free", use_inner_text=True
    )
    expect(visitor.locator("#price-free")).to_have_text("$0 /year", use_inner_text=True)

    # By keyboard: arrow keys move between the two options of the radio group.
    visitor.keyboard.press("ArrowLeft")
    expect(pricing.get_by_role("radio", name="Monthly")).to_be_checked()
    expect(professional).to_have_text("$49 /month", use_inner_text=True)
    expect(pricing.get_by_role("link", name=re.compile("calculator"))).to_have_attribute(
        "href", "/pricing"
    )
    assert visitor.console_errors == []


def test_faq_opens_and_closes_from_the_keyboard(visitor: Page) -> None:
    open_landing(visitor)
    questions = visitor.locator("#faq-list summary")
    expect(questions).to_have_count(5)
    first_answer = visitor.locator("#faq-list details").first.locator(".faq-answer")
    expect(first_answer).to_be_hidden()

    questions.first.focus()
    visitor.keyboard.press("Enter")
    expect(first_answer).to_be_visible()
    expect(first_answer).to_contain_text("Facebook, Instagram, Google Ads")
    visitor.keyboard.press("Tab")
    expect(questions.nth(1)).to_be_focused()
    visitor.keyboard.press("Space")
    expect(visitor.locator("#faq-list details").nth(1)).to_have_attribute("open", "")
    questions.first.focus()
    visitor.keyboard.press("Enter")
    expect(first_answer).to_be_hidden()
    assert visitor.console_errors == []


def test_keyboard_users_get_a_visible_skip_link_first(page: Page) -> None:
    open_landing(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # moved on screen when focused
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert page.js_errors == []
