"""Static HTML for the parts of a page that never change after the server wrote them.

React hydrates every component it rendered: on the landing page that was some 800
elements, most of them marketing copy that never reacts to anything, and on a phone
that work blocked the main thread for over a second. Markup given to React as
``dangerouslySetInnerHTML`` (``rx.html``) is taken as it is, not walked. So the static
sections are written here as escaped HTML, styled by assets/styles/landing.css with the
Radix theme's colour tokens (light and dark alike), and only the interactive parts stay
Reflex components.
"""

from __future__ import annotations

from html import escape

import reflex as rx

from konduct.components.lucide_svg import ICONS

VOID = {"img", "source", "link", "br", "hr", "input"}


class Html(str):
    """Markup that is already safe; plain ``str`` children are escaped."""


def _attr(name: str) -> str:
    name = name.rstrip("_")  # class_ -> class
    return {"html_for": "for"}.get(name, name.replace("_", "-"))


def h(tag: str, *children: str, **attrs: object) -> Html:
    text = "".join(
        f' {_attr(k)}="{escape(str(v), quote=True)}"' if v is not True else f" {_attr(k)}"
        for k, v in attrs.items()
        if v is not None and v is not False
    )
    if tag in VOID:
        return Html(f"<{tag}{text}>")
    inner = "".join(c if isinstance(c, Html) else escape(c) for c in children)
    return Html(f"<{tag}{text}>{inner}</{tag}>")


def icon(name: str, size: int = 20, class_: str = "lp-icon") -> Html:
    return Html(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
        f'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" class="{class_}">'
        f"{ICONS[name]}</svg>"
    )


def join(*parts: str) -> Html:
    return Html("".join(p if isinstance(p, Html) else escape(p) for p in parts))


def static(*parts: str, **props) -> rx.Component:
    """Render markup that React leaves alone on hydration."""
    return rx.html(join(*parts), **props)
