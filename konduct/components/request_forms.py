"""Pieces of the visitor request pages: the two-column frame, fields, the honeypot."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.seo import breadcrumbs

NATIVE_SELECT_STYLE = {
    "width": "100%",
    "height": "var(--space-7)",
    "padding": "0 0.75rem",
    "border_radius": "var(--radius-2)",
    "border": "1px solid var(--gray-a7)",
    "background": "var(--color-surface)",
    "color": "var(--gray-12)",
    "font_size": "var(--font-size-2)",
}


def request_frame(
    *,
    crumb: str,
    route: str,
    heading: str,
    intro: str,
    points: list[tuple[str, str, str]],
    card: rx.Component,
) -> rx.Component:
    """Pitch on the left (what happens next), the form card on the right; stacked on phones."""
    pitch = rx.vstack(
        rx.heading(
            heading,
            as_="h1",
            size=rx.breakpoints(initial="7", md="8"),
            font_family=tokens.HEADING_FONT,
        ),
        rx.text(intro, size="4", color=tokens.MUTED_TEXT),
        rx.vstack(
            *[
                rx.hstack(
                    rx.center(
                        rx.icon(icon, size=18, color=tokens.PRIMARY),
                        background=tokens.PRIMARY_SOFT,
                        border_radius="999px",
                        width="2.25rem",
                        height="2.25rem",
                        flex_shrink="0",
                    ),
                    rx.vstack(
                        rx.text(title, weight="bold", size="3"),
                        rx.text(text, size="2", color=tokens.MUTED_TEXT),
                        spacing="1",
                    ),
                    align="start",
                    spacing="3",
                )
                for icon, title, text in points
            ],
            spacing="4",
            padding_top="0.5rem",
        ),
        spacing="4",
    )
    return rx.box(
        breadcrumbs((crumb, route)),
        rx.grid(
            pitch,
            card,
            columns=rx.breakpoints(initial="1", md="2"),
            gap=rx.breakpoints(initial="1.5rem", md="3rem"),
            align_items="start",
            width="100%",
        ),
        width="100%",
    )


def form_card(*children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(*children, spacing="4", width="100%"),
        size=rx.breakpoints(initial="2", sm="4"),
        width="100%",
        box_shadow=tokens.CARD_SHADOW,
    )


def text_field(
    label: str,
    name: str,
    errors: rx.Var,
    *,
    input_type: str = "text",
    autocomplete: str = "off",
    required: bool = False,
    hint: str = "",
    max_length: int = 200,
    default_value: rx.Var | str | None = None,
) -> rx.Component:
    props = {"default_value": default_value} if default_value is not None else {}
    return form_field(
        label + ("" if required else " (optional)"),
        rx.input(
            name=name,
            id=name,
            type=input_type,
            auto_complete=autocomplete,
            required=required,
            max_length=max_length,
            size="3",
            width="100%",
            aria_invalid=rx.cond(errors.get(name, "") != "", "true", "false"),
            **props,
        ),
        html_for=name,
        hint=hint,
        error=errors.get(name, ""),
    )


def text_area(label: str, name: str, errors: rx.Var, *, required: bool = True, rows: str = "5"):
    return form_field(
        label + ("" if required else " (optional)"),
        rx.text_area(
            name=name,
            id=name,
            required=required,
            max_length=5000,
            rows=rows,
            size="3",
            width="100%",
        ),
        html_for=name,
        error=errors.get(name, ""),
    )


def select_field(
    label: str,
    name: str,
    options: list[tuple[str, str]],
    errors: rx.Var,
    *,
    default: str = "",
    placeholder: str = "",
) -> rx.Component:
    """A native select: keyboard and phone pickers work as people expect."""
    items = [rx.el.option(placeholder, value="")] if placeholder else []
    items += [rx.el.option(text, value=value) for value, text in options]
    return form_field(
        label,
        rx.el.select(*items, name=name, id=name, default_value=default, style=NATIVE_SELECT_STYLE),
        html_for=name,
        error=errors.get(name, ""),
    )


def honeypot() -> rx.Component:
    """A field people never see or reach; bots fill it, and their request is refused."""
    return rx.box(
        rx.el.label("Leave this field empty", html_for="website"),
        rx.el.input(name="website", id="website", type="text", tab_index=-1, auto_complete="off"),
        aria_hidden="true",
        position="absolute",
        left="-10000px",
        width="1px",
        height="1px",
        overflow="hidden",
    )


def form_problem(errors: rx.Var) -> rx.Component:
    return rx.cond(
        errors.get("form", "") != "",
        rx.callout(
            errors.get("form", ""),
            icon="triangle_alert",
            color_scheme="red",
            role="alert",
            id="form-error",
            width="100%",
        ),
        rx.fragment(),
    )


def submit_button(label: str, busy: rx.Var, element_id: str) -> rx.Component:
    return rx.button(label, type="submit", size="3", width="100%", loading=busy, id=element_id)


def email_field(errors: rx.Var, label: str = "Work email") -> rx.Component:
    """The visitor's address, as every request form asks for it."""
    return text_field(
        label,
        "email",
        errors,
        input_type="email",
        autocomplete="email",
        required=True,
        max_length=320,
    )


def name_field(errors: rx.Var, name: str = "name") -> rx.Component:
    return text_field("Your name", name, errors, autocomplete="name", required=True)
