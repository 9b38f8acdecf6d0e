"""Form pieces shared by every page: a labelled field with its hint or error."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens


def form_field(
    label: str,
    control: rx.Component,
    *,
    html_for: str,
    hint: rx.Var[str] | str = "",
    error: rx.Var[str] | str = "",
) -> rx.Component:
    """Label above the control; below it the error when there is one, else the hint."""
    has_hint = isinstance(hint, rx.Var) or bool(hint)
    below = rx.text(hint, size="1", color=tokens.MUTED_TEXT) if has_hint else rx.fragment()
    if isinstance(error, rx.Var):
        below = rx.cond(
            error != "",
            rx.text(error, size="1", color="var(--red-11)", id=f"{html_for}-error", role="alert"),
            below,
        )
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=html_for),
        control,
        below,
        spacing="1",
        width="100%",
    )
