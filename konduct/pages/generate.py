"""The campaign ID generator: the first thing a visitor can do with Konduct."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.id_generator import generator_card
from konduct.components.layout import site_page
from konduct.components.seo import breadcrumbs, public_page
from konduct.components.utm_builder import utm_builder_section
from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.state.id_generator import IdGeneratorState
from konduct.state.session import SessionState

TITLE = "Campaign ID generator | Konduct"
DESCRIPTION = (
    "Generate consistent PLT-OBJ-TIMESTAMP-HASH campaign IDs for Facebook, Instagram, "
    "Google Ads, TikTok, LinkedIn, X and YouTube in one click, and see what every part means."
)
API_EXAMPLE = """curl -X POST http://localhost:3000/api/campaigns/generate-id \\
  -H 'Content-Type: application/json' \\
  -d '{"platform": "Facebook", "objective": "Traffic", "name": "Spring sale"}'"""


def promise(icon: str, title: str, text: str) -> rx.Component:
    return rx.hstack(
        rx.center(
            rx.icon(icon, size=18),
            width="2.25rem",
            height="2.25rem",
            flex_shrink="0",
            border_radius="var(--radius-3)",
            background=tokens.PRIMARY_SOFT,
            color=tokens.PRIMARY,
        ),
        rx.vstack(
            rx.text(title, weight="bold", size="3"),
            rx.text(text, size="2", color=tokens.MUTED_TEXT),
            spacing="0",
        ),
        spacing="3",
        align="start",
    )


def intro() -> rx.Component:
    return rx.vstack(
        rx.badge(
            "Free campaign ID generator",
            color_scheme="orange",
            variant="soft",
            size="2",
            high_contrast=True,  # orange-11 on orange-3 is below 4.5:1 at this size
        ),
        rx.heading(
            "One click, one campaign ID ",
            rx.el.span("everyone can read", class_name="konduct-gradient-text"),
            as_="h1",
            size=rx.breakpoints(initial="8", md="9"),
            font_family=tokens.HEADING_FONT,
            line_height="1.1",
        ),
        rx.text(
            "Konduct names every campaign the same way across platforms: where it runs, what it "
            "is for, when it was made, and a fingerprint of its settings.",
            size="4",
            color=tokens.MUTED_TEXT,
        ),
        rx.vstack(
            promise("eye", "Readable at a glance", "Platform and objective codes lead the ID."),
            promise(
                "arrow-down-wide-narrow", "Sorts by time", "A UTC timestamp sits in the middle."
            ),
            promise(
                "shield-check",
                "Never clashes",
                "Same data, same second, same ID; anything else differs.",
            ),
            spacing="4",
            padding_top="0.5rem",
        ),
        spacing="4",
        align="start",
    )


def code_table(title: str, rows: list[tuple[str, str]], table_id: str) -> rx.Component:
    return rx.box(
        rx.heading(title, as_="h3", size="4", margin_bottom="0.75rem"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Code"), rx.table.column_header_cell("Means")
                )
            ),
            rx.table.body(
                *[
                    rx.table.row(
                        rx.table.cell(rx.code(code)),
                        rx.table.cell(name),
                    )
                    for code, name in rows
                ]
            ),
            variant="surface",
            size="1",
            id=table_id,
        ),
        width="100%",
    )


def format_explained() -> rx.Component:
    return rx.el.section(
        rx.heading("How an ID is built", as_="h2", size="7", font_family=tokens.HEADING_FONT),
        rx.text(
            rx.code("PLT-OBJ-YYYYMMDDHHMMSS-HASH", size="3"),
            ": a three-letter platform code, a three-letter objective code, the UTC time of "
            "creation to the second, and the first eight hex digits of the MD5 of the campaign's "
            "data. The ID goes into utm_campaign and utm_id, so Google Analytics 4 can join cost "
            "data to it.",
            size="3",
            color=tokens.MUTED_TEXT,
            margin_y="1rem",
        ),
        rx.grid(
            code_table("Platforms", [(p.code, p.name) for p in PLATFORMS], "platform-codes"),
            code_table("Objectives", [(o.code, o.name) for o in OBJECTIVES], "objective-codes"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="6",
        ),
        rx.heading(
            "From your own tools",
            as_="h2",
            size="6",
            margin_top="2.5rem",
            font_family=tokens.HEADING_FONT,
        ),
        rx.text(
            "The same generator answers over REST. See the ",
            rx.link("API reference", href="/docs", reload_document=True, underline="always"),
            " for every field.",
            size="3",
            color=tokens.MUTED_TEXT,
            margin_y="0.75rem",
        ),
        rx.el.pre(
            rx.el.code(API_EXAMPLE),
            font_family=tokens.MONO_FONT,
            font_size="0.85rem",
            padding="1rem",
            border_radius="var(--radius-3)",
            background="var(--gray-a3)",
            white_space="pre-wrap",
            word_break="break-word",
        ),
        margin_top="4rem",
    )


@public_page(
    "/generate",
    TITLE,
    DESCRIPTION,
    breadcrumb="ID generator",
    priority=0.8,
    on_load=SessionState.load,
)
def generate() -> rx.Component:
    return site_page(
        breadcrumbs(("ID generator", "/generate")),
        rx.grid(
            intro(),
            generator_card(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="8",
            align="center",
        ),
        rx.cond(IdGeneratorState.campaign_id != "", utm_builder_section(), rx.fragment()),
        format_explained(),
    )
