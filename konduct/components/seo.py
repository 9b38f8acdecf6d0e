"""Public pages: one decorator gives each its title, description, social cards and a
place in ``/sitemap.xml``. App pages (signed-in) use ``rx.page`` with ``NO_INDEX``.

    @public_page("/pricing", "Pricing | Konduct", "Plans for ...", breadcrumb="Pricing")
    def pricing() -> rx.Component: ...
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.scripts import Script

from konduct.domain.seo import PUBLIC_PAGES, SITE_NAME, PublicPage, register
from konduct.settings import get_settings

__all__ = ["PUBLIC_PAGES", "SITE_NAME", "PublicPage", "breadcrumbs", "json_ld", "public_page"]

DEFAULT_IMAGE = "/og-image.png"


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
    page = register(PublicPage(route, title, description, breadcrumb, priority))
    decorate = rx.page(
        route=route,
        title=title,
        description=description,
        image=image,
        meta=social_meta(page, image),
        on_load=on_load,
    )

    def wrap(render: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        @functools.wraps(render)
        def with_canonical() -> rx.Component:
            # React 19 hoists <link> into <head>, prerendered HTML included.
            return rx.fragment(rx.el.link(rel="canonical", href=absolute_url(route)), render())

        return decorate(with_canonical)

    return wrap


class _InlineScript(Script):
    """<script> whose text React writes as is (children would be HTML-escaped)."""

    dangerouslySetInnerHTML: Var[dict[str, str]]  # noqa: N815


def json_ld(document: dict) -> rx.Component:
    """A schema.org document as <script type="application/ld+json">, in the prerendered HTML."""
    # "</" must not end the script early, whatever the text says.
    text = json.dumps(document, ensure_ascii=False).replace("</", "<\\/")
    return _InlineScript.create(
        type="application/ld+json", dangerouslySetInnerHTML={"__html": text}
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
