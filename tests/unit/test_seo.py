"""Sitemap, robots.txt and JSON-LD: what search engines are told, from one registry."""

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from konduct.build_tuning import (
    FORM_GUARD,
    defer_hydration,
    guard_forms,
    lower_script_priority,
    tune_build,
)
from konduct.components.theme_css import COLOR_SCALES
from konduct.domain import landing_content, seo
from konduct.domain.plans import PLAN_LIMITS

BASE = "https://konduct.example.com"
PAGES = {
    "/": seo.PublicPage("/", "Home | Konduct", "Landing", "Home", 1.0),
    "/terms": seo.PublicPage("/terms", "Terms | Konduct", "Terms", "Terms", 0.3),
}


def test_sitemap_lists_exactly_the_registered_pages_highest_priority_first() -> None:
    tree = ET.fromstring(seo.sitemap_xml(BASE, PAGES))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [loc.text for loc in tree.findall("s:url/s:loc", ns)] == [
        f"{BASE}/",
        f"{BASE}/terms",
    ]
    assert tree.find("s:url/s:priority", ns).text == "1.0"


def test_robots_allows_the_site_hides_app_pages_and_names_the_sitemap() -> None:
    robots = seo.robots_txt(BASE + "/")
    assert "User-agent: *\nAllow: /\n" in robots
    for prefix in ("/campaigns", "/settings", "/dashboard", "/admin", "/api/"):
        assert f"Disallow: {prefix}\n" in robots
    assert robots.rstrip().endswith(f"Sitemap: {BASE}/sitemap.xml")


def test_every_registered_page_has_a_description_a_search_result_can_show() -> None:
    import konduct.konduct  # noqa: F401  (imports every page module, registering them)

    assert seo.PUBLIC_PAGES, "no public page registered"
    with pytest.raises(ValueError, match="characters"):
        seo.register(seo.PublicPage("/too-long", "Too long", "x" * 171, breadcrumb="Too long"))


def test_an_app_page_cannot_be_registered_as_public() -> None:
    with pytest.raises(ValueError, match="app page"):
        seo.register(seo.PublicPage("/settings/billing", "x", "x", "x"))


def test_software_application_offers_come_from_the_plans_table() -> None:
    document = seo.software_application_ld(BASE, "Campaign IDs")
    assert document["@type"] == "SoftwareApplication"
    offers = {offer["name"]: offer["price"] for offer in document["offers"]}
    priced = {
        p.name: f"{p.monthly_price:.2f}"
        for p in PLAN_LIMITS.values()
        if p.monthly_price is not None
    }
    assert offers == priced == {"Free": "0.00", "Professional": "49.00"}
    json.dumps(document)  # serialisable as is


def test_faq_page_carries_the_faq_the_page_shows() -> None:
    document = seo.faq_page_ld(landing_content.faq_questions())
    assert document["@type"] == "FAQPage"
    topics = {topic for topic, _, _ in landing_content.FAQ}
    assert {"Compatibility", "Pricing", "Technical requirements", "Security", "Support"} <= topics
    assert len(document["mainEntity"]) == len(landing_content.FAQ)
    first = document["mainEntity"][0]
    assert first["@type"] == "Question" and first["acceptedAnswer"]["text"]


def test_organization_names_the_site() -> None:
    org = seo.organization_ld(BASE)
    assert (org["@type"], org["url"], org["logo"]) == (
        "Organization",
        f"{BASE}/",
        f"{BASE}/logo.svg",
    )


def test_plan_cards_read_their_numbers_from_the_plans_table() -> None:
    cards = {card.plan.value: card for card in landing_content.plan_cards()}
    assert "Up to 5 campaigns per month" in cards["FREE"].features
    assert "Support for 2 platforms (Facebook and Instagram)" in cards["FREE"].features
    assert "Team collaboration (up to 5 members)" in cards["PROFESSIONAL"].features
    assert landing_content.annual_saving_months(PLAN_LIMITS["PROFESSIONAL"].plan) == 2


def test_module_preloads_are_lowered_once_and_gzip_twins_follow(tmp_path: Path) -> None:
    html = '<head><link rel="modulepreload" href="/assets/a.js"/><link rel="stylesheet"/></head>'
    lowered = lower_script_priority(html)
    assert lowered.count('fetchpriority="low"') == 1
    assert lower_script_priority(lowered) == lowered

    page = tmp_path / "index.html"
    page.write_text(html)
    (tmp_path / "index.html.gz").write_bytes(b"stale")
    assert tune_build(tmp_path) == 1
    tuned = guard_forms(lowered)
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()).decode() == tuned
    assert tune_build(tmp_path) == 0


def test_forms_cannot_submit_natively_before_the_app_runs() -> None:
    """Pressing "Sign in" on the bare HTML must not send the password in a GET URL."""
    html = "<html><head><title>t</title></head><body><form></form></body></html>"
    guarded = guard_forms(html)
    assert guarded.endswith(FORM_GUARD + "</body></html>")
    assert guard_forms(guarded) == guarded  # once
    assert "preventDefault" in FORM_GUARD and 'hasAttribute("action")' in FORM_GUARD


# Names that look like colours in the pattern below but are other Radix tokens.
_NOT_SCALES = {"accent", "radius", "space", "inherit", "white", "black", "font", "color"}


def test_every_colour_the_code_asks_for_is_in_the_lean_theme_css() -> None:
    root = Path(__file__).resolve().parents[2] / "konduct"
    pattern = re.compile(r'color_scheme="([a-z]+)"|var\(--([a-z]+)-a?\d+\)|color="([a-z]+)"')
    asked = {
        next(group for group in match.groups() if group)
        for path in root.rglob("*.py")
        for match in pattern.finditer(path.read_text())
    }
    missing = asked - set(COLOR_SCALES) - _NOT_SCALES
    assert not missing, f"add {sorted(missing)} to COLOR_SCALES in konduct/components/theme_css.py"


ENTRY = (
    '<head><link rel="modulepreload" href="/assets/m.js"/>'
    '<link rel="modulepreload" href="/assets/root.js"/>'
    '<link rel="modulepreload" href="/assets/entry.client.js"/></head><body><h1>Hi</h1>'
    '<script type="module" async="">import "/assets/m.js";\n'
    'import * as route0 from "/assets/root.js";\n'
    'window.__reactRouterRouteModules = {"root":route0};\n'
    'import("/assets/entry.client.js");</script></body>'
)


def test_the_landing_page_hydrates_after_load_and_first_paint() -> None:
    html = defer_hydration(ENTRY)
    assert '<link rel="modulepreload"' not in html
    # Preloaded by the script instead, and evaluated one per task before the entry.
    assert '["/assets/m.js", "/assets/root.js", "/assets/entry.client.js"]' in html
    assert (
        'for (const href of ["/assets/m.js", "/assets/root.js"]) {\n  await import(href);' in html
    )
    assert 'await import("/assets/m.js");' in html
    assert 'const route0 = await import("/assets/root.js");' in html
    assert 'addEventListener("load", whenPainted' in html
    assert "import " not in html.split("const hydrate")[1].split("\n")[0]
    assert defer_hydration(html) == html  # once only


def test_an_entry_script_of_an_unknown_shape_is_left_alone() -> None:
    odd = ENTRY.replace('import * as route0 from "/assets/root.js";', "import {a} from './x.js';")
    assert defer_hydration(odd) == odd
