"""Radix Themes with only the colour scales Konduct uses.

Reflex's RadixThemesPlugin imports ``@radix-ui/themes/styles.css``: every one of the
31 colour scales in light, dark, alpha and P3 variants, 35 KB of the 84 KB (gzip) of
render-blocking CSS each page waits for. Radix ships the same CSS in parts, so this
plugin imports the parts and the scales below only. A unit test checks that every
``color_scheme``/``var(--<scale>-N)`` in the code names a scale listed here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

# The theme's gray and accent (rxconfig.py), then the colours pages ask for.
COLOR_SCALES = (
    "gray",
    "slate",
    "indigo",
    "violet",
    "orange",
    "red",
    "green",
    "amber",
    "blue",
    "purple",
    "cyan",
    "teal",
)


@dataclasses.dataclass
class LeanRadixThemesPlugin(rx.plugins.RadixThemesPlugin):
    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            *(f"@radix-ui/themes/tokens/colors/{scale}.css" for scale in COLOR_SCALES),
            "@radix-ui/themes/tokens/base.css",
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )
