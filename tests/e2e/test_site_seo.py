"""What a crawler gets from the served app: every page of the sitemap with its own title,
description, canonical URL, social cards and one h1; JSON-LD on the landing page; robots."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import httpx
import pytest

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class Head(HTMLParser):
    """The tags that matter for SEO, collected from prerendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.title, self.meta, self.links = "", {}, {}
        self.h1, self.images, self.json_ld = 0, [], []
        self._in_title = self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("name") or a.get("property")] = a.get("content", "")
        elif tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href", "")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "img":
            self.images.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_ld:
            self.json_ld[-1] += data


def parsed(url: str) -> Head:
    answer = httpx.get(url)
    assert answer.status_code == 200, url
    head = Head()
    head.feed(answer.text)
    return head


@pytest.fixture(scope="module")
def public_routes(app_url: str) -> list[str]:
    sitemap = httpx.get(f"{app_url}/sitemap.xml")
    assert sitemap.status_code == 200
    locs = [loc.text for loc in ET.fromstring(sitemap.text).findall("s:url/s:loc", NS)]
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in locs]


def test_every_public_page_has_its_own_metadata_and_one_h1(
    app_url: str, public_routes: list[str]
) -> None:
    assert {"/", "/generate", "/decode", "/terms", "/privacy"} <= set(public_routes)
    titles = set()
    for route in public_routes:
        head = parsed(app_url + route)
        assert head.title.endswith("Konduct") or head.title.startswith("Konduct"), route
        titles.add(head.title)
        assert 50 <= len(head.meta["description"]) <= 170, route  # what a result shows
        assert head.links["canonical"].endswith(route), route
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert head.meta.get(key), (route, key)
        assert head.meta["og:url"] == head.links["canonical"]
        assert head.h1 == 1, route
        assert all("alt" in image for image in head.images), route
        assert "noindex" not in head.meta.get("robots", "")
    assert len(titles) == len(public_routes)  # no two pages share a title


def test_landing_page_json_ld_describes_organization_product_offers_and_faq(app_url: str) -> None:
    documents = {doc["@type"]: doc for doc in map(json.loads, parsed(app_url + "/").json_ld)}
    assert set(documents) == {"Organization", "SoftwareApplication", "FAQPage"}
    offers = {o["name"]: o["price"] for o in documents["SoftwareApplication"]["offers"]}
    assert offers == {"Free": "0.00", "Professional": "49.00"}
    assert len(documents["FAQPage"]["mainEntity"]) == 5
    image = httpx.get(parsed(app_url + "/").meta["og:image"].replace("localhost", "127.0.0.1"))
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"


def test_app_pages_are_kept_out_of_search(app_url: str) -> None:
    robots = httpx.get(f"{app_url}/robots.txt").text
    assert (
        "Disallow: /campaigns" in robots
        and f"Sitemap: {app_url.replace('127.0.0.1', 'localhost')}/sitemap.xml" in robots
    )
    for route in ("/campaigns", "/dashboard", "/login"):
        answer = httpx.get(app_url + route)
        if answer.is_redirect:  # signed out: sent to sign in, nothing to index
            assert "/login" in answer.headers["location"], route
            continue
        head = Head()
        head.feed(answer.text)
        assert head.meta.get("robots") == "noindex", route


def test_built_files_are_cached_and_pages_revalidated(app_url: str) -> None:
    page = httpx.get(app_url + "/")
    assert "immutable" not in page.headers.get("cache-control", "")
    script = re.search(r'"(/assets/[^"]+\.js)"', page.text).group(1)
    answer = httpx.get(app_url + script, headers={"Accept-Encoding": "gzip"})
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["content-encoding"] == "gzip"
    # Scripts wait behind the first paint: on the landing page until after it, elsewhere
    # at low priority.
    assert "whenPainted" in page.text and 'rel="modulepreload"' not in page.text
    assert 'rel="modulepreload" fetchpriority="low"' in httpx.get(app_url + "/generate").text
    font = httpx.get(app_url + "/fonts/inter-latin-wght-normal.woff2")
    assert font.headers["cache-control"] == "public, max-age=604800"
