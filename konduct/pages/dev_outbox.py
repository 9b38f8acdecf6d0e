"""/dev/outbox: the mail the app would have sent, for developers without an SMTP server.

The HTML part is shown in an ``<iframe sandbox srcdoc>``: no script runs, nothing reaches
the page's DOM or cookies. Disabled in production.
"""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import site_page
from konduct.state.dev_outbox import DevOutboxState, OutboxRow

TITLE = "Dev outbox | Konduct"


def banner() -> rx.Component:
    return rx.match(
        DevOutboxState.status,
        (
            "outbox",
            rx.callout(
                "Development outbox: mail is not sent because SMTP_HOST is not set.",
                icon="flask-conical",
                color_scheme="orange",
                id="outbox-banner",
            ),
        ),
        (
            "smtp",
            rx.callout(
                "Development outbox: SMTP_HOST is set, so new mail goes to the mail server. "
                "Mail kept before that is listed here.",
                icon="info",
                color_scheme="indigo",
                id="outbox-banner",
            ),
        ),
        rx.fragment(),
    )


def row_item(row: OutboxRow) -> rx.Component:
    selected = DevOutboxState.selected_id == row.id
    return rx.el.li(
        rx.el.button(
            rx.text(row.subject, weight="bold", size="2", as_="div", trim="end"),
            rx.text(row.recipient, size="2", as_="div", color=tokens.MUTED_TEXT),
            rx.text(row.sent_at, size="1", as_="div", color=tokens.MUTED_TEXT),
            on_click=DevOutboxState.open_message(row.id),
            id="outbox-item-" + row.id,
            aria_current=rx.cond(selected, "true", "false"),
            width="100%",
            text_align="left",
            padding="0.75rem",
            cursor="pointer",
            border="none",
            border_radius="var(--radius-3)",
            color="inherit",
            font="inherit",
            background=rx.cond(selected, tokens.PRIMARY_SOFT, "transparent"),
            _hover={"background": rx.cond(selected, tokens.PRIMARY_SOFT, "var(--gray-a3)")},
        ),
        list_style="none",
    )


def message_list() -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.heading("Newest first", as_="h2", size="3"),
            rx.hstack(
                rx.button(
                    rx.icon("refresh-cw", size=14),
                    "Refresh",
                    on_click=DevOutboxState.load,
                    variant="soft",
                    size="1",
                    id="outbox-refresh",
                ),
                rx.button(
                    rx.icon("trash-2", size=14),
                    "Clear",
                    on_click=DevOutboxState.clear,
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    id="outbox-clear",
                    disabled=DevOutboxState.rows.length() == 0,
                ),
                spacing="2",
            ),
            justify="between",
            align="center",
            margin_bottom="0.5rem",
        ),
        rx.cond(
            DevOutboxState.rows.length() > 0,
            rx.el.ul(
                rx.foreach(DevOutboxState.rows, row_item),
                id="outbox-list",
                margin="0",
                padding="0",
                display="flex",
                flex_direction="column",
                gap="0.25rem",
            ),
            rx.text(
                "No mail yet. Mail the app sends appears here.",
                size="2",
                color=tokens.MUTED_TEXT,
                id="outbox-empty",
            ),
        ),
        width="100%",
    )


def open_message() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(DevOutboxState.subject, as_="h2", size="5", id="outbox-subject"),
                rx.icon_button(
                    rx.icon("x", size=16),
                    on_click=DevOutboxState.close_message,
                    variant="ghost",
                    color_scheme="gray",
                    aria_label="Close mail",
                ),
                justify="between",
                align="start",
                width="100%",
            ),
            rx.text(
                "To ",
                rx.el.span(DevOutboxState.recipient, id="outbox-to"),
                " · ",
                DevOutboxState.sent_at,
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.cond(
                DevOutboxState.links.length() > 0,
                rx.vstack(
                    rx.text("Links in this mail", size="2", weight="medium"),
                    rx.foreach(
                        DevOutboxState.links,
                        lambda link: rx.link(
                            link, href=link, is_external=True, size="2", word_break="break-all"
                        ),
                    ),
                    spacing="1",
                    id="outbox-links",
                ),
                rx.fragment(),
            ),
            rx.text("HTML part", size="2", weight="medium", margin_top="0.5rem"),
            # sandbox="" allows nothing: no script, no same-origin access, no navigation out.
            rx.el.iframe(
                src_doc=DevOutboxState.html,
                sandbox="",
                title="HTML part of the mail",
                referrer_policy="no-referrer",
                id="outbox-html",
                width="100%",
                height="48rem",
                border=tokens.BORDER,
                border_radius="var(--radius-3)",
                background="white",
            ),
            rx.text("Plain-text part", size="2", weight="medium", margin_top="0.5rem"),
            rx.el.pre(
                DevOutboxState.text,
                id="outbox-text",
                width="100%",
                margin="0",
                padding="1rem",
                font_family=tokens.MONO_FONT,
                font_size="0.85rem",
                white_space="pre-wrap",
                word_break="break-word",
                border_radius="var(--radius-3)",
                background="var(--gray-a3)",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="outbox-message",
    )


def outbox() -> rx.Component:
    return rx.grid(
        message_list(),
        rx.cond(
            DevOutboxState.selected_id != "",
            open_message(),
            rx.center(
                rx.text("Pick a mail to read it.", size="2", color=tokens.MUTED_TEXT),
                padding="2rem",
                border="1px dashed var(--gray-a6)",
                border_radius="var(--radius-3)",
                display=["none", "none", "flex"],
            ),
        ),
        grid_template_columns=rx.breakpoints(initial="1fr", md="minmax(16rem, 22rem) 1fr"),
        gap="1.5rem",
        align_items="start",
        width="100%",
    )


@rx.page(
    route="/dev/outbox",
    title=TITLE,
    on_load=DevOutboxState.load,
    meta=[{"name": "robots", "content": "noindex"}],
)
def dev_outbox() -> rx.Component:
    return site_page(
        rx.vstack(
            rx.heading("Dev outbox", as_="h1", size="8", font_family=tokens.HEADING_FONT),
            rx.match(
                DevOutboxState.status,
                (
                    "disabled",
                    rx.callout(
                        "The outbox is disabled in production.",
                        icon="lock",
                        color_scheme="gray",
                        id="outbox-disabled",
                    ),
                ),
                ("", rx.text("Loading…", size="2", color=tokens.MUTED_TEXT)),
                rx.vstack(banner(), outbox(), spacing="5", width="100%"),
            ),
            spacing="5",
            width="100%",
        ),
    )
