"""Decode any campaign ID or tagged link."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import site_page
from konduct.components.seo import breadcrumbs, public_page
from konduct.state.decode import DecodeState, Meaning


def meaning_row(row: Meaning) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.key, weight="medium", size="2")),
        rx.table.cell(rx.code(row.value, size="2", word_break="break-all")),
        rx.table.cell(rx.text(row.meaning, size="2", color=tokens.MUTED_TEXT)),
    )


@public_page(
    "/decode",
    "Decode a campaign ID or UTM link | Konduct",
    "Paste a campaign ID or a UTM-tagged link and see what every part means, "
    "including the Google Analytics 4 channel it lands in.",
    breadcrumb="Decode",
    priority=0.7,
    on_load=DecodeState.load,
)
def decode_page() -> rx.Component:
    s = DecodeState
    return site_page(
        breadcrumbs(("Decode", "/decode")),
        rx.vstack(
            rx.heading(
                "Decode an ID or a link", as_="h1", size="7", font_family=tokens.HEADING_FONT
            ),
            rx.text(
                "Paste a campaign ID or a tagged link. Signed in, Konduct also tells you "
                "which of your team's campaigns it belongs to.",
                color=tokens.MUTED_TEXT,
            ),
            rx.form(
                rx.hstack(
                    rx.input(
                        value=s.text,
                        on_change=s.set_text,
                        id="decode-text",
                        size="3",
                        flex="1",
                        placeholder="FBK-TRF-20270301093000-9F86D081 or https://…",
                    ),
                    rx.button("Decode", type="submit", size="3", id="decode-submit"),
                    width="100%",
                ),
                on_submit=s.decode,
                width="100%",
            ),
            rx.cond(
                s.error != "",
                rx.callout(s.error, icon="triangle_alert", color_scheme="red", id="decode-error"),
                rx.fragment(),
            ),
            rx.cond(
                s.kind != "",
                rx.vstack(
                    rx.cond(
                        s.your_campaign != "",
                        rx.callout(
                            rx.text(
                                "Your campaign: ",
                                rx.link(s.your_campaign, href="/campaigns/" + s.your_campaign_id),
                            ),
                            icon="folder_check",
                            color_scheme="green",
                            id="decode-yours",
                        ),
                        rx.fragment(),
                    ),
                    rx.cond(
                        s.channel != "",
                        rx.hstack(
                            rx.text("GA4 channel", size="2"),
                            rx.badge(s.channel, id="decode-channel"),
                            align="center",
                        ),
                        rx.fragment(),
                    ),
                    rx.cond(
                        s.landing_url != "",
                        rx.text("Landing page: ", rx.code(s.landing_url), size="2"),
                        rx.fragment(),
                    ),
                    rx.table.root(
                        rx.table.body(rx.foreach(s.parts, meaning_row)),
                        variant="surface",
                        width="100%",
                        id="decode-parts",
                    ),
                    width="100%",
                    spacing="3",
                ),
                rx.fragment(),
            ),
            spacing="4",
            width="100%",
            max_width="52rem",
        ),
    )
