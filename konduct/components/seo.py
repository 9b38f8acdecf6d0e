"""Public pages: one decorator gives each its title, description, social cards and a
place in ``/sitemap.xml``. App pages (signed-in) use ``rx.page`` with ``NO_INDEX``.

    @public_page("/pricing", "Pricing | Konduct", "Plans for ...", breadcrumb="Pricing")
    def pricing() -> rx.Component: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx

from konduct.settings import get_settings

SITE_NAME = "Konduct"
DEFAULT_IMAGE = "/logo.svg"


@dataclass(frozen=True)
class PublicPage:
    route: str
    title: str
    description: str
    breadcrumb: str  # the page's name in breadcrumbs and the sitemap
    priority: float = 0.5


# Filled as page modules are imported; /sitemap.xml lists exactly these.
PUBLIC_PAGES: dict[str, PublicPage] = {}


def absolute_url(path: str) -> str:
    return get_settings().app_url.rstrip("/") + path


def social_meta(page: PublicPage, image: str = DEFAULT_IMAGE) -> list[dict[str, str]]:
    url, image_url = absolute_url(page.route), absolute_url(image)
    return [
        {"property": "og:type", "content": "website"},
        {"property": "og:site_name", "content": SITE_NAME},
        {"property": "og:title", "content": page.title},
        {"property": "og:description", "content": page.description},
        {"property": "og:url", "content": url},
        {"property": "og:image", "content": image_url},
        {"name": "twitter:card", "content": "summary_large_image"},
        {"name": "twitter:title", "content": page.title},
        {"name": "twitter:description", "content": page.description},
        {"name": "twitter:image", "content": image_url},
    ]


def public_page(
    route: str,
    title: str,
    description: str,
    *,
    breadcrumb: str,
    priority: float = 0.5,
    image: str = DEFAULT_IMAGE,
    on_load=None,
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    page = PublicPage(route, title, description, breadcrumb, priority)
    PUBLIC_PAGES[route] = page
    return rx.page(
        route=route,
        title=title,
        description=description,
        image=image,
        meta=social_meta(page, image),
        on_load=on_load,
    )


def breadcrumbs(*trail: tuple[str, str]) -> rx.Component:
    """``breadcrumbs(("Resources", "/resources"), ("UTM guide", "/resources/utm-guide"))``;
    Home comes first by itself and the last item is the current page."""
    items = [("Home", "/"), *trail]
    parts: list[rx.Component] = []
    for index, (label, href) in enumerate(items):
        last = index == len(items) - 1
        if index:
            parts.append(rx.el.li("/", aria_hidden="true", color="var(--gray-9)"))
        parts.append(
            rx.el.li(
                rx.text(label, size="2", aria_current="page", color="var(--gray-11)")
                if last
                else rx.link(label, href=href, size="2", underline="hover")
            )
        )
    return rx.el.nav(
        rx.el.ol(
            *parts,
            display="flex",
            flex_wrap="wrap",
            gap="0.5rem",
            list_style="none",
            padding="0",
            margin="0",
        ),
        aria_label="Breadcrumb",
        margin_bottom="1rem",
    )
