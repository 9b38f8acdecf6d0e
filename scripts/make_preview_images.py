"""Make the landing page's dashboard preview from the real app.

Against a `make run` server on SQLite (its outbox and database in data/): signs up a
sample account, puts its team on Professional, creates sample campaigns through the
REST API, screenshots the signed-in campaigns page, and writes optimised images:

    assets/images/dashboard-preview-{640,1280}.webp, -1280.png, assets/og-image.png

    PORT=3943 make run &
    PYTHONPATH=. .venv/bin/python scripts/make_preview_images.py http://127.0.0.1:3943
"""

from __future__ import annotations

import io
import re
import sys
import time
import uuid
from datetime import date, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path

import httpx
from PIL import Image
from playwright.sync_api import sync_playwright

from konduct.services.mail import outbox_dir
from konduct.settings import PROJECT_ROOT, get_settings
from tests.plan_helpers import put_on_plan

PASSWORD = "Correct-Horse-Battery-9"
IMAGES = PROJECT_ROOT / "assets" / "images"
SAMPLE = [
    ("Spring sale 2027", "Facebook", "Conversions", "4200.00", "ACTIVE", "Maya Chen"),
    ("Brand search always-on", "Google Ads", "Traffic", "9800.00", "ACTIVE", "Tom Okafor"),
    ("B2B webinar series", "LinkedIn", "Lead Generation", "3500.00", "ACTIVE", "Maya Chen"),
    ("Summer creators", "TikTok", "Video Views", "2750.00", "DRAFT", "Lea Novak"),
    ("Product launch teaser", "YouTube", "Brand Awareness", "6100.00", "ACTIVE", "Tom Okafor"),
    ("Loyalty app push", "Instagram", "App Installs", "1900.00", "DRAFT", "Lea Novak"),
    ("Retargeting cart leavers", "Facebook", "Catalog Sales", "2400.00", "ACTIVE", "Maya Chen"),
    ("Event countdown", "Twitter/X", "Engagement", "800.00", "DRAFT", "Tom Okafor"),
]


def confirm_link(email: str) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for path in sorted(Path(outbox_dir()).glob("*.eml"), reverse=True):
            mail = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
            if mail["To"] and email in mail["To"]:
                body = mail.get_body(preferencelist=("plain",)).get_content()
                return re.search(r"token=([\w\-.~%]+)", body).group(1)
        time.sleep(0.5)
    raise RuntimeError("no confirmation mail in the outbox")


def main(base: str) -> int:
    email = f"preview-{uuid.uuid4().hex[:8]}@example.com"
    answer = httpx.post(
        f"{base}/api/auth/register",
        json={
            "email": email,
            "password": PASSWORD,
            "full_name": "Maya Chen",
            "company": "Northwind Outfitters",
            "role": "MANAGER",
            "accept_terms": True,
        },
    )
    answer.raise_for_status()
    httpx.post(f"{base}/api/auth/verify-email", json={"token": confirm_link(email)})
    put_on_plan(get_settings().database_url, email)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        ctx = browser.new_context(
            base_url=base, viewport={"width": 1280, "height": 800}, color_scheme="light"
        )
        ctx.request.post(
            "/api/auth/login", data={"email": email, "password": PASSWORD, "session": "cookie"}
        )
        csrf = next(c["value"] for c in ctx.cookies() if c["name"] == "konduct_csrf")
        headers = {"X-CSRF-Token": csrf}
        ctx.request.post("/api/users/me/onboarding", headers=headers)
        start = date.today()
        for i, (name, platform, objective, budget, status, manager) in enumerate(SAMPLE):
            made = ctx.request.post(
                "/api/campaigns",
                headers=headers,
                data={
                    "name": name,
                    "platform": platform,
                    "objective": objective,
                    "budget": budget,
                    "status": status,
                    "manager_name": manager,
                    "website_url": "https://www.northwind.example/"
                    + name.lower().replace(" ", "-"),
                    "start_date": (start + timedelta(days=i * 3)).isoformat(),
                    "end_date": (start + timedelta(days=30 + i * 5)).isoformat(),
                },
            )
            assert made.ok, made.text()
        page = ctx.new_page()
        page.goto("/campaigns")
        page.wait_for_selector("text=Spring sale 2027")
        page.wait_for_timeout(800)
        shot = Image.open(io.BytesIO(page.screenshot()))
        browser.close()

    IMAGES.mkdir(parents=True, exist_ok=True)
    shot = shot.convert("RGB")
    shot.save(IMAGES / "dashboard-preview-1280.png", optimize=True)
    shot.save(IMAGES / "dashboard-preview-1280.webp", quality=80, method=6)
    small = shot.resize((640, 400), Image.LANCZOS)
    small.save(IMAGES / "dashboard-preview-640.webp", quality=80, method=6)
    # Social card: 1200x630, the top of the same screenshot.
    card = shot.crop((40, 0, 1240, 630))
    card.save(PROJECT_ROOT / "assets" / "og-image.png", optimize=True)
    for path in sorted(IMAGES.glob("dashboard-preview-*")):
        print(path.relative_to(PROJECT_ROOT), path.stat().st_size // 1024, "KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000"))
