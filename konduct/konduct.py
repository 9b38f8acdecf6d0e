"""Reflex entry point: the pages, the theme, and the REST API in front of them."""

import asyncio
import logging

import reflex as rx

import konduct.pages.dev_outbox  # noqa: F401  (registers /dev/outbox)
from konduct.api import create_api
from konduct.components.perf import font_preloads

# Each page module registers its routes through @rx.page when imported.
from konduct.pages import (  # noqa: F401
    account,
    admin_analytics,
    admin_requests,
    billing,
    branding,
    bulk_import,
    campaigns,
    dashboard,
    decode,
    generate,
    landing,
    legal,
    naming_rules,
    pricing,
    reports,
    resources,
    settings,
    shared_campaign,
    team,
    templates,
    visitor_requests,
)
from konduct.services.clicks import flush_now
from konduct.services.scheduled_mail import send_scheduled_mail_forever
from konduct.settings import get_settings

CLICK_FLUSH_SECONDS = 3


async def write_clicks_in_batches() -> None:
    """Every few seconds, move counted clicks from the queue into the database."""
    config = get_settings()
    while True:
        await asyncio.sleep(CLICK_FLUSH_SECONDS)
        try:
            await asyncio.to_thread(flush_now, config)
        except Exception:  # the batch went back to the queue; the next round retries it
            logging.getLogger("konduct.clicks").exception("click flush failed")


app = rx.App(
    api_transformer=create_api(),
    stylesheets=["/fonts/fonts.css", "/styles/konduct.css", "/styles/landing.css"],
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        *font_preloads(),
        rx.script(src="/js/konduct.js"),
        rx.script(src="/js/konduct-analytics.js"),
    ],
)

app.register_lifespan_task(write_clicks_in_batches)
app.register_lifespan_task(send_scheduled_mail_forever)
