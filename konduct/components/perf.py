"""What the <head> of every page carries so the first paint does not wait."""

from __future__ import annotations

import reflex as rx

# Latin subsets only: the text of the pages. Preloaded so text swaps to them early.
PRELOADED_FONTS = (
    "/fonts/inter-latin-wght-normal.woff2",
    "/fonts/plus-jakarta-sans-latin-wght-normal.woff2",
)


def font_preloads() -> list[rx.Component]:
    return [
        rx.el.link(
            rel="preload",
            href=href,
            custom_attrs={"as": "font"},
            type="font/woff2",
            cross_origin="",
        )
        for href in PRELOADED_FONTS
    ]
