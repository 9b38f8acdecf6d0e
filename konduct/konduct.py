"""Reflex entry point: the pages, the theme, and the REST API in front of them."""

import reflex as rx

import konduct.pages.dev_outbox  # noqa: F401  (registers /dev/outbox)
from konduct.api import create_api
from konduct.pages import index  # noqa: F401  (registers the page through @rx.page)

app = rx.App(
    api_transformer=create_api(),
    stylesheets=["/fonts/fonts.css", "/styles/konduct.css"],
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml")],
)
