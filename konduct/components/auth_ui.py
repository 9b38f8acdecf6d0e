"""Pieces of the sign-in and sign-up pages: the centred card and the password meter."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.layout import logo
from konduct.state.account_forms import PasswordMeterState
from konduct.state.session import SessionState

METER_COLORS = ("red", "red", "amber", "green", "green")


def auth_card(
    *children: rx.Component, title: rx.Var | str, subtitle: rx.Var | str = ""
) -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                logo(),
                rx.heading(title, as_="h1", size="6", font_family=tokens.HEADING_FONT),
                rx.cond(
                    subtitle != "",
                    rx.text(subtitle, size="2", color=tokens.MUTED_TEXT),
                    rx.fragment(),
                ),
                *children,
                spacing="4",
                width="100%",
            ),
            size="4",
            width="100%",
            max_width="28rem",
            box_shadow=tokens.CARD_SHADOW,
        ),
        padding_y=["1.5rem", "3rem"],
        width="100%",
    )


def password_meter(score: rx.Var[int], label: rx.Var[str], advice: rx.Var[str]) -> rx.Component:
    """Four bars filled by the estimated strength, with the label and advice below."""
    bars = [
        rx.box(
            height="6px",
            flex="1",
            border_radius="3px",
            background=rx.cond(
                score > index,
                rx.match(
                    score,
                    *[(i, f"var(--{color}-9)") for i, color in enumerate(METER_COLORS)],
                    "var(--gray-6)",
                ),
                "var(--gray-a4)",
            ),
        )
        for index in range(4)
    ]
    return rx.vstack(
        rx.hstack(*bars, spacing="1", width="100%", aria_hidden="true"),
        rx.hstack(
            rx.text(label, size="1", weight="medium", id="password-strength"),
            rx.text(advice, size="1", color=tokens.MUTED_TEXT, id="password-advice"),
            spacing="2",
            wrap="wrap",
        ),
        spacing="1",
        width="100%",
        aria_live="polite",
    )


def new_password_field(label: rx.Var | str, name: str, *, error: rx.Var | str = "") -> rx.Component:
    """A new-password input with the live strength meter and the policy hint."""
    return form_field(
        label,
        rx.vstack(
            rx.input(
                name=name,
                id=name,
                type="password",
                auto_complete="new-password",
                size="3",
                width="100%",
                required=True,
                max_length=1024,
                on_change=PasswordMeterState.measure.debounce(200),
            ),
            password_meter(
                PasswordMeterState.meter_score,
                PasswordMeterState.meter_label,
                PasswordMeterState.meter_advice,
            ),
            width="100%",
            spacing="2",
        ),
        html_for=name,
        hint=SessionState.t["password.hint"],
        error=error,
    )


def form_error(message: rx.Var[str], element_id: str = "form-error") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", id=element_id),
        rx.fragment(),
    )


def text_link(label: rx.Var | str, href: str, **props) -> rx.Component:
    return rx.link(label, href=href, size="2", **props)
