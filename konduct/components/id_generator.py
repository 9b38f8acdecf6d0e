"""The campaign ID generator's form and result: on /generate and in the landing page demo."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.state.id_generator import (
    OBJECTIVE_NAMES,
    PLATFORM_NAMES,
    IdGeneratorState,
    IdPart,
)
from konduct.state.utm_builder import UtmBuilderState


def picker(choices: list[str], value, on_change, field_id: str, label: str, native: bool):
    """Radix's select, or (``native``) the browser's own: lighter to hydrate, and the
    phone's own picker."""
    if native:
        return rx.el.select(
            *[rx.el.option(choice, value=choice) for choice in choices],
            value=value,
            on_change=on_change,
            id=field_id,
            class_name="native-select",
        )
    return rx.select(
        choices,
        value=value,
        on_change=on_change,
        id=field_id,
        aria_label=label,
        size="3",
        width="100%",
    )


def generator_form(*, native: bool = False) -> rx.Component:
    """``native``: the landing page's demo, where every component costs load time."""
    s = IdGeneratorState
    return rx.vstack(
        rx.grid(
            form_field(
                "Platform",
                picker(PLATFORM_NAMES, s.platform, s.set_platform, "platform", "Platform", native),
                html_for="platform",
            ),
            form_field(
                "Objective",
                picker(
                    OBJECTIVE_NAMES, s.objective, s.set_objective, "objective", "Objective", native
                ),
                html_for="objective",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        form_field(
            "Campaign name (optional)",
            rx.input(
                value=IdGeneratorState.name,
                on_change=IdGeneratorState.set_name,
                placeholder="e.g. Spring sale 2027",
                id="campaign-name",
                max_length=200,
                size="3",
                width="100%",
            ),
            hint="Part of the fingerprint: two campaigns with different names never share an ID.",
            html_for="campaign-name",
        ),
        rx.button(
            rx.icon("sparkles", size=18),
            "Generate ID",
            # A new ID must also reach the tracking link built from the previous one.
            on_click=[IdGeneratorState.generate, UtmBuilderState.refresh_preview],
            size="3",
            width="100%",
            id="generate-id",
        ),
        rx.cond(
            IdGeneratorState.error != "",
            rx.callout(
                IdGeneratorState.error, icon="triangle_alert", color_scheme="red", role="alert"
            ),
            rx.fragment(),
        ),
        spacing="4",
        width="100%",
    )


def part_tile(part: IdPart) -> rx.Component:
    return rx.box(
        rx.text(part.label, size="1", weight="medium", color=tokens.MUTED_TEXT, as_="div"),
        rx.match(
            part.kind,
            *[
                (
                    kind,
                    rx.badge(
                        part.value,
                        color_scheme=color,
                        size="2",
                        variant="soft",
                        font_family=tokens.MONO_FONT,
                    ),
                )
                for kind, color in tokens.ID_PART_COLORS.items()
            ],
            rx.badge(part.value, size="2"),
        ),
        rx.text(part.meaning, size="2", as_="div", margin_top="0.35rem"),
        padding="0.75rem",
        border=tokens.BORDER,
        border_radius="var(--radius-3)",
    )


def generated_id() -> rx.Component:
    return rx.vstack(
        rx.text("Your campaign ID", size="2", weight="medium", color=tokens.MUTED_TEXT),
        rx.hstack(
            rx.code(
                IdGeneratorState.campaign_id,
                id="campaign-id",
                size="5",
                variant="ghost",
                weight="bold",
                word_break="break-all",
            ),
            rx.button(
                rx.icon("copy", size=16),
                "Copy",
                on_click=IdGeneratorState.copy_id,
                variant="soft",
                id="copy-id",
            ),
            justify="between",
            align="center",
            width="100%",
            wrap="wrap",
            gap="0.75rem",
        ),
        rx.grid(
            rx.foreach(IdGeneratorState.parts, part_tile),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
            id="id-parts",
        ),
        spacing="3",
        width="100%",
        aria_live="polite",
    )


def empty_result() -> rx.Component:
    return rx.hstack(
        rx.icon("fingerprint", size=22, color=tokens.SECONDARY),
        rx.text(
            "Your ID appears here. Pick a platform and an objective, then press Generate ID.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        align="center",
        spacing="3",
        padding="1rem",
        border="1px dashed var(--gray-a6)",
        border_radius="var(--radius-3)",
        width="100%",
    )


def generator_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            generator_form(),
            rx.separator(size="4"),
            rx.cond(IdGeneratorState.campaign_id != "", generated_id(), empty_result()),
            spacing="5",
        ),
        size="3",
        width="100%",
        box_shadow=tokens.CARD_SHADOW,
        id="generator",
    )
