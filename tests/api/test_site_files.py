"""/sitemap.xml and /robots.txt as the REST app serves them, from the registry of public pages."""

import xml.etree.ElementTree as ET

# Importing the page modules registers their public pages, as konduct.konduct does.
import konduct.pages.decode  # noqa: F401
import konduct.pages.generate  # noqa: F401
import konduct.pages.landing  # noqa: F401
import konduct.pages.legal  # noqa: F401
from konduct.api.clean_urls import page_path
from konduct.api.static_cache import IMMUTABLE, WEEK, cache_control_for
from konduct.domain.seo import PUBLIC_PAGES

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_public_page_at_the_apps_own_address(make_client) -> None:
    client = make_client(app_url="https://konduct.example.com")
    answer = client.get("/sitemap.xml")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    locs = [loc.text for loc in ET.fromstring(answer.text).findall("s:url/s:loc", NS)]
    assert locs[0] == "https://konduct.example.com/"
    assert set(locs) == {f"https://konduct.example.com{route}" for route in PUBLIC_PAGES}
    assert {"/", "/generate", "/decode", "/terms", "/privacy"} <= set(PUBLIC_PAGES)
    assert not any("/campaigns" in loc or "/dev/" in loc or "/login" in loc for loc in locs)


def test_robots_txt_disallows_app_pages_and_points_at_the_sitemap(make_client) -> None:
    answer = make_client(app_url="https://konduct.example.com").get("/robots.txt")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    lines = answer.text.splitlines()
    assert "Allow: /" in lines
    assert {"Disallow: /campaigns", "Disallow: /settings", "Disallow: /dashboard"} <= set(lines)
    assert {"Disallow: /admin"} <= set(lines)
    assert "Sitemap: https://konduct.example.com/sitemap.xml" in lines


def test_cache_rules_for_built_files() -> None:
    assert cache_control_for("/assets/entry.client-DAbZKoE_.js") == IMMUTABLE
    assert cache_control_for("/fonts/inter-latin-wght-normal.woff2") == WEEK
    assert cache_control_for("/images/dashboard-preview-640.webp") == WEEK
    # Pages, konduct.js (same name across releases) and the API keep their own rules.
    for path in ("/", "/generate", "/js/konduct.js", "/api/health", "/r/abc", "/docs"):
        assert cache_control_for(path) is None


def test_prerendered_pages_answer_at_their_clean_url(tmp_path) -> None:
    (tmp_path / "generate").mkdir()
    (tmp_path / "generate" / "index.html").write_text("<h1>Generator</h1>")
    assert page_path("/generate", tmp_path) == "/generate/"
    for untouched in ("/", "/generate/", "/missing", "/api/health", "/logo.svg", "/a/../b"):
        assert page_path(untouched, tmp_path) is None, untouched
