"""Reflex entry point: the pages, the theme, and the REST API in front of them."""

import reflex as rx

import konduct.pages.dev_outbox  # noqa: F401  (registers /dev/outbox)
from konduct.api import create_api

# Each page module registers its routes through @rx.page when imported.
from konduct.pages import account, campaigns, dashboard, index, settings  # noqa: F401

app = rx.App(
    api_transformer=create_api(),
    stylesheets=["/fonts/fonts.css", "/styles/konduct.css"],
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.script(src="/js/konduct.js"),
    ],
)
