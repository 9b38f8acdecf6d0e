"""Tag a landing page with the campaign ID: form on the left, live tracking link on the right."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.domain.utm import SUGGESTED_MEDIUMS
from konduct.state.utm_builder import UtmBuilderState

CREATIVE_PARAM_HELP = (
    "Google Analytics 4 reads the creative from utm_content and ignores utm_creative, so "
    "Konduct writes utm_content. Pick utm_creative only if another tool of yours expects it."
)


def labelled_input(
    label: str, field: str, value, on_change, *, placeholder, **props
) -> rx.Component:
    return form_field(
        label,
        rx.input(
            value=value,
            on_change=on_change.debounce(250),
            placeholder=placeholder,
            id=f"utm-{field}",
            size="3",
            width="100%",
            **props,
        ),
        html_for=f"utm-{field}",
        error=UtmBuilderState.errors.get(field, ""),
    )


def utm_form() -> rx.Component:
    return rx.vstack(
        labelled_input(
            "Landing page",
            "url",
            UtmBuilderState.landing_url,
            UtmBuilderState.set_landing_url,
            placeholder="https://www.example.com/spring-sale",
            type="url",
            input_mode="url",
        ),
        rx.grid(
            labelled_input(
                "Source",
                "source",
                UtmBuilderState.source,
                UtmBuilderState.set_source,
                placeholder=UtmBuilderState.default_source,
            ),
            labelled_input(
                "Medium",
                "medium",
                UtmBuilderState.medium,
                UtmBuilderState.set_medium,
                placeholder=UtmBuilderState.default_medium,
                list="utm-medium-options",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        rx.el.datalist(
            *[rx.el.option(value=m) for m in SUGGESTED_MEDIUMS], id="utm-medium-options"
        ),
        labelled_input(
            "Creative",
            "creative",
            UtmBuilderState.creative,
            UtmBuilderState.set_creative,
            placeholder="e.g. carousel_2",
        ),
        rx.vstack(
            rx.text("Write the creative as", size="2", weight="medium", id="creative-param-label"),
            rx.segmented_control.root(
                rx.segmented_control.item("utm_content", value="utm_content"),
                rx.segmented_control.item("utm_creative", value="utm_creative"),
                value=UtmBuilderState.creative_param,
                on_change=UtmBuilderState.set_creative_param,
                aria_labelledby="creative-param-label",
                id="creative-param",
            ),
            rx.text(CREATIVE_PARAM_HELP, size="1", color=tokens.MUTED_TEXT),
            spacing="1",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def utm_preview() -> rx.Component:
    return rx.vstack(
        rx.text("Tracking link", size="2", weight="medium", color=tokens.MUTED_TEXT),
        rx.cond(
            UtmBuilderState.tagged_url != "",
            rx.vstack(
                rx.code(
                    UtmBuilderState.tagged_url,
                    id="tagged-url",
                    variant="ghost",
                    size="2",
                    word_break="break-all",
                ),
                rx.hstack(
                    rx.text("GA4 channel", size="1", color=tokens.MUTED_TEXT),
                    rx.badge(
                        UtmBuilderState.channel,
                        color_scheme=rx.cond(
                            UtmBuilderState.channel == "Unassigned", "red", "green"
                        ),
                        id="ga4-channel",
                    ),
                    align="center",
                    spacing="2",
                ),
                rx.hstack(
                    rx.button(
                        rx.icon("copy", size=16),
                        "Copy link",
                        on_click=UtmBuilderState.copy_tagged_url,
                        variant="soft",
                        id="copy-link",
                    ),
                    rx.button(
                        rx.icon("download", size=16),
                        "QR code (PNG)",
                        on_click=UtmBuilderState.download_qr,
                        variant="soft",
                        color_scheme="gray",
                        id="download-qr",
                    ),
                    wrap="wrap",
                    spacing="2",
                ),
                rx.box(
                    rx.html(UtmBuilderState.qr),
                    id="tagged-qr",
                    role="img",
                    aria_label="QR code of the tracking link",
                    width="9rem",
                    height="9rem",
                    padding="0.25rem",
                    background="white",
                    border_radius="var(--radius-2)",
                    class_name="konduct-qr",
                ),
                rx.flex(
                    rx.foreach(
                        UtmBuilderState.utm_pairs,
                        lambda pair: rx.badge(
                            pair[0],
                            "=",
                            pair[1],
                            variant="surface",
                            color_scheme="gray",
                            font_family=tokens.MONO_FONT,
                        ),
                    ),
                    wrap="wrap",
                    gap="0.4rem",
                ),
                spacing="3",
                width="100%",
            ),
            rx.text(
                "Type the landing page and the tagged link appears here, checked as you type.",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
        ),
        rx.foreach(
            UtmBuilderState.warnings,
            lambda warning: rx.callout(
                warning, icon="info", color_scheme="amber", size="1", width="100%"
            ),
        ),
        spacing="3",
        width="100%",
        padding="1rem",
        border_radius="var(--radius-3)",
        background="var(--gray-a2)",
        border=tokens.BORDER,
        aria_live="polite",
    )


def utm_builder_section() -> rx.Component:
    return rx.el.section(
        rx.heading(
            "Tag a landing page with this ID", as_="h2", size="6", font_family=tokens.HEADING_FONT
        ),
        rx.text(
            "The ID becomes utm_campaign and utm_id, so Google Analytics 4 can join ad costs "
            "to it. Source and medium start from the platform; change them if your team uses "
            "others.",
            size="3",
            color=tokens.MUTED_TEXT,
            margin_y="0.75rem",
        ),
        rx.grid(
            utm_form(),
            utm_preview(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="6",
            width="100%",
        ),
        margin_top="3rem",
        id="utm-builder",
    )
