"""Buttons and dialogs that pass a campaign on (template, mail, share), and list tools."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.state.campaign_tools import CampaignToolsState, ShareRow


def campaign_list_tools() -> rx.Component:
    """Beside "New campaign" on the list: import a CSV, start from a template. A fragment, so
    the list's button row wraps them with its other buttons on a phone."""
    return rx.fragment(
        rx.link(
            rx.button(rx.icon("upload", size=16), "Import CSV", variant="soft", size="3"),
            href="/campaigns/import",
            id="open-import",
        ),
        rx.link(
            rx.button(rx.icon("layout-template", size=16), "Templates", variant="soft", size="3"),
            href="/templates",
            id="open-templates",
        ),
    )


def _dialog(trigger: rx.Component, title: str, *body: rx.Component, **props) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(trigger),
        rx.dialog.content(
            rx.dialog.title(title),
            rx.vstack(*body, spacing="3", width="100%"),
            max_width="32rem",
        ),
        **props,
    )


def _close(label: str = "Close") -> rx.Component:
    return rx.dialog.close(rx.button(label, variant="soft", color_scheme="gray"))


def save_template_dialog() -> rx.Component:
    s = CampaignToolsState
    return _dialog(
        rx.button(
            rx.icon("layout-template", size=16),
            "Save as template",
            variant="soft",
            id="act-save-template",
        ),
        "Save as template",
        rx.text(
            "Keeps this campaign's setup and targeting (not its dates or ID), so a new "
            "campaign can start from it.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        form_field(
            "Template name",
            rx.input(
                value=s.template_name,
                on_change=lambda v: s.set_value("template_name", v),
                id="template-name",
                placeholder="Always-on retargeting",
                width="100%",
            ),
            html_for="template-name",
        ),
        rx.hstack(
            _close("Cancel"),
            rx.dialog.close(
                rx.button("Save template", on_click=s.save_template, id="template-save")
            ),
            justify="end",
            width="100%",
        ),
    )


def email_dialog() -> rx.Component:
    s = CampaignToolsState
    return _dialog(
        rx.button(rx.icon("mail", size=16), "Email details", variant="soft", id="act-email"),
        "Email campaign details",
        rx.text(
            "Sends a summary of this campaign with its tracking links.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        form_field(
            "Send to",
            rx.input(
                value=s.email_to,
                on_change=lambda v: s.set_value("email_to", v),
                id="email-to",
                type="email",
                placeholder="colleague@example.com",
                width="100%",
            ),
            html_for="email-to",
            error=s.email_error,
        ),
        form_field(
            "Note (optional)",
            rx.text_area(
                value=s.email_note,
                on_change=lambda v: s.set_value("email_note", v),
                id="email-note",
                max_length=1000,
                width="100%",
            ),
            html_for="email-note",
        ),
        rx.hstack(
            _close(),
            rx.button("Send", on_click=s.send_email, loading=s.sending, id="email-send"),
            justify="end",
            width="100%",
        ),
    )


def share_row(row: ShareRow) -> rx.Component:
    return rx.hstack(
        rx.icon("link", size=14),
        rx.text("Link made ", row.created, size="2"),
        rx.spacer(),
        rx.button(
            "Revoke",
            size="1",
            variant="soft",
            color_scheme="red",
            on_click=CampaignToolsState.revoke(row.id),
        ),
        width="100%",
        align="center",
    )


def share_dialog() -> rx.Component:
    s = CampaignToolsState
    return _dialog(
        rx.button(
            rx.icon("share-2", size=16),
            "Share",
            variant="soft",
            id="act-share",
            on_click=s.open_sharing,
        ),
        "Share a read-only link",
        rx.text(
            "Only signed-in members of your team can open it, and only to read. "
            "Revoke it any time.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        rx.cond(
            s.share_url != "",
            rx.hstack(
                rx.code(s.share_url, size="1", word_break="break-all", id="share-url"),
                rx.button(
                    rx.icon("copy", size=14),
                    "Copy",
                    size="1",
                    variant="soft",
                    on_click=s.copy_share,
                ),
                align="center",
                width="100%",
            ),
            rx.button(
                rx.icon("link", size=16),
                "Create share link",
                on_click=s.create_share,
                id="share-create",
            ),
        ),
        rx.cond(
            s.shares.length() > 0,
            rx.vstack(
                rx.text("Live links", size="2", weight="bold"),
                rx.foreach(s.shares, share_row),
                width="100%",
                id="share-list",
            ),
            rx.fragment(),
        ),
        rx.hstack(_close(), justify="end", width="100%"),
    )


def campaign_tools_bar() -> rx.Component:
    """On the campaign page, beside the lifecycle buttons."""
    return rx.fragment(save_template_dialog(), email_dialog(), share_dialog())
