"""Screenshots for the tutorial pages, taken from the real app with Playwright.

    .venv/bin/python scripts/resource_screenshots.py http://127.0.0.1:3000

No video can be recorded and hosted here, so each tutorial page shows these frames as a
walkthrough beside its transcript. Rerun after a UI change: the frames are overwritten
(WebP, 960 px wide) in ``assets/resources/videos/<tutorial>/``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent.parent / "assets" / "resources" / "videos"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTH = 960


def save(page: Page, folder: str, name: str, selector: str | None = None) -> None:
    target = page.locator(selector) if selector else page
    png = target.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)))
    path = OUT / folder / f"{name}.webp"
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "WEBP", quality=80, method=6)
    print(path.relative_to(OUT.parent.parent.parent), image.size)


def choose(page: Page, select_id: str, option: str) -> None:
    page.locator(f"#{select_id}").click()
    page.get_by_role("option", name=option, exact=True).click()


def first_campaign_id(page: Page) -> None:
    folder = "first-campaign-id"
    page.goto("/")
    page.wait_for_selector("#generate-id")
    save(page, folder, "01-open")
    choose(page, "platform", "Instagram")
    choose(page, "objective", "Lead Generation")
    page.locator("#campaign-name").fill("Spring sale 2027")
    save(page, folder, "02-choose")
    page.locator("#generate-id").click()
    page.wait_for_selector("#id-parts")
    page.wait_for_timeout(500)
    save(page, folder, "03-generated")
    page.locator("#utm-url").fill("https://www.example.com/spring-sale")
    page.locator("#utm-creative").fill("carousel_2")
    page.wait_for_selector("#tagged-url")
    page.locator("#utm-builder").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    save(page, folder, "04-link")


def decode_a_link(page: Page) -> None:
    folder = "decode-a-link"
    page.goto("/decode")
    page.wait_for_selector("#decode-text")
    save(page, folder, "01-open")
    page.locator("#decode-text").fill(
        "https://www.example.com/spring?utm_source=facebook&utm_medium=paid_social"
        "&utm_campaign=FBK-TRF-20270301093000-9F86D081&utm_content=hero_1"
    )
    save(page, folder, "02-paste")
    page.locator("#decode-submit").click()
    page.wait_for_selector("#decode-parts")
    page.wait_for_timeout(300)
    save(page, folder, "03-explained")


def main(base_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(
            base_url=base_url, viewport={"width": 1200, "height": 800}, color_scheme="light"
        )
        page = context.new_page()
        first_campaign_id(page)
        decode_a_link(page)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000")
