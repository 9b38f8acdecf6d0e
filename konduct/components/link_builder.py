"""The campaign page's tracking-link form and QR variants, shaped by the team's rules."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.state.link_builder import LinkBuilderState

S = LinkBuilderState

LABELS = {
    "source": "Source",
    "medium": "Medium",
    "creative": "Creative (utm_content)",
    "term": "Term (optional)",
    "creative_format": "Creative format",
    "marketing_tactic": "Marketing tactic",
}
PLACEHOLDERS = {
    "medium": "paid_social",
    "creative": "carousel_2",
    "term": "running shoes",
    "creative_format": "video, carousel, banner",
}


def _dom_id(name: str) -> str:
    return "link-" + name.replace("_", "-")


def rule_field(name: str) -> rx.Component:
    """A select of the allowed values where the team has a list, else free text."""
    dom_id = _dom_id(name)
    placeholder: rx.Var | str = PLACEHOLDERS.get(name, "")
    if name == "source":
        placeholder = S.default_source + " (from the platform)"
    if name == "marketing_tactic":
        placeholder = S.default_tactic + " (from the audience)"
    control = rx.cond(
        S.options[name].length() > 0,
        rx.select(
            S.options[name],
            value=getattr(S, name),
            on_change=lambda v: [S.set_value(name, v), S.check],
            placeholder="Choose one",
            id=dom_id,
            width="100%",
        ),
        rx.input(
            value=getattr(S, name),
            on_change=lambda v: [S.set_value(name, v), S.check.debounce(300)],
            placeholder=placeholder,
            id=dom_id,
            width="100%",
        ),
    )
    return form_field(
        LABELS[name], control, html_for=dom_id, hint=S.hints[name], error=S.errors.get(name, "")
    )


def _two(*children: rx.Component) -> rx.Component:
    return rx.grid(
        *children, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"
    )


def link_builder_form() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.editing_id != "",
            rx.callout(
                rx.fragment(
                    "Editing ",
                    rx.text.strong(S.editing_label),
                    ": its short link and QR code stay the same, the new tags apply to the "
                    "next visit.",
                ),
                icon="pencil",
                size="1",
                width="100%",
                id="editing-link",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.rules_enforced,
            rx.callout(
                rx.fragment(
                    "Your team's naming rules apply: lists offer only the allowed values. ",
                    rx.link("See the rules", href="/settings/naming-rules"),
                ),
                icon="list-checks",
                size="1",
                width="100%",
                id="rules-in-force",
            ),
            rx.fragment(),
        ),
        _two(
            form_field(
                "Landing page",
                rx.input(
                    value=S.url,
                    id="link-url",
                    width="100%",
                    on_change=lambda v: [S.set_value("url", v), S.check.debounce(300)],
                    placeholder="https://www.example.com/spring",
                ),
                html_for="link-url",
                error=S.errors.get("url", ""),
            ),
            form_field(
                "Label",
                rx.input(
                    value=S.label,
                    id="link-label",
                    width="100%",
                    on_change=lambda v: S.set_value("label", v),
                    placeholder="Story ad, week 1",
                ),
                html_for="link-label",
            ),
        ),
        _two(rule_field("source"), rule_field("medium")),
        _two(rule_field("creative"), rule_field("creative_format")),
        _two(rule_field("marketing_tactic"), rule_field("term")),
        rx.cond(
            S.preview != "",
            rx.vstack(
                rx.hstack(
                    rx.text("Preview", size="1", weight="bold", color=tokens.MUTED_TEXT),
                    rx.cond(
                        S.channel != "",
                        rx.badge("GA4: ", S.channel, variant="soft", size="1"),
                        rx.fragment(),
                    ),
                    align="center",
                ),
                rx.code(S.preview, size="1", word_break="break-all", id="link-preview"),
                spacing="1",
                width="100%",
            ),
            rx.fragment(),
        ),
        rx.hstack(
            rx.button(
                rx.cond(S.editing_id != "", "Update link", "Save tracking link"),
                on_click=S.save,
                loading=S.saving,
                id="save-link",
            ),
            rx.button("Test URL", variant="soft", on_click=S.test_url, id="test-link-url"),
            rx.cond(
                S.editing_id != "",
                rx.button("Cancel", variant="ghost", on_click=S.cancel_edit, id="cancel-edit"),
                rx.fragment(),
            ),
            spacing="2",
            wrap="wrap",
        ),
        width="100%",
        spacing="3",
        id="link-form",
    )


def edit_link_button(link_id: rx.Var[str]) -> rx.Component:
    return rx.button(
        rx.icon("pencil", size=14),
        "Edit",
        size="1",
        variant="soft",
        on_click=S.edit_link(link_id),
        title="Change this link's tags; its short link stays the same",
    )


def qr_variant_button(link_id: rx.Var[str]) -> rx.Component:
    return rx.button(
        rx.icon("qr-code", size=14),
        "QR variant",
        size="1",
        variant="soft",
        on_click=S.open_qr_variant(link_id),
        title="A QR code that tags itself, so scans report apart from clicks",
    )


def qr_variant_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("A QR code that tags itself"),
            rx.dialog.description(
                "Scans of a printed code should not count as clicks on the ad. The variant is a "
                "link of its own: same landing page and values, but its own tag and its own short "
                "link. Its QR code points at that short link, so each scan is counted here as its "
                "own link, then lands on the page tagged for GA4.",
                size="2",
            ),
            rx.vstack(
                form_field(
                    "Where will it be printed? (optional)",
                    rx.input(
                        value=S.qr_label,
                        on_change=S.set_qr_label,
                        placeholder="flyer, poster, packaging",
                        id="qr-label",
                        max_length=60,
                        width="100%",
                    ),
                    html_for="qr-label",
                ),
                form_field(
                    "The tag that tells scans apart",
                    rx.radio_group.root(
                        rx.vstack(
                            rx.hstack(
                                rx.radio_group.item(value="content", id="qr-vary-content"),
                                rx.text("utm_content = ", rx.code(S.qr_value), size="2"),
                                align="center",
                            ),
                            rx.hstack(
                                rx.radio_group.item(value="medium", id="qr-vary-medium"),
                                rx.text("utm_medium = ", rx.code(S.qr_value), size="2"),
                                align="center",
                            ),
                            spacing="2",
                        ),
                        value=S.qr_vary,
                        on_change=S.set_qr_vary,
                    ),
                    html_for="qr-vary-content",
                    hint="utm_content keeps GA4's channel (e.g. Paid Social); utm_medium=qr "
                    "makes scans a channel of their own.",
                ),
                rx.cond(
                    S.qr_error != "",
                    rx.callout(
                        S.qr_error,
                        icon="triangle-alert",
                        color_scheme="red",
                        size="1",
                        id="qr-error",
                        width="100%",
                    ),
                    rx.fragment(),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray")),
                    rx.button("Make QR variant", on_click=S.create_qr_variant, id="qr-create"),
                    justify="end",
                    width="100%",
                    spacing="2",
                ),
                spacing="3",
                width="100%",
                margin_top="1rem",
            ),
            max_width="30rem",
        ),
        open=S.qr_link_id != "",
        on_open_change=S.close_qr_variant,
    )
