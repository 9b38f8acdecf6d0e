"""The team's white-label mark: its logo beside its name, when the plan shows branding."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.state.session import SessionState


def team_brand(element_id: str) -> rx.Component:
    """Nothing unless the team has a logo and white-label (SessionState.team_logo)."""
    return rx.cond(
        SessionState.team_logo != "",
        rx.hstack(
            rx.image(
                src=SessionState.team_logo,
                alt=SessionState.team_name + " logo",
                height="24px",
                max_width="96px",
                object_fit="contain",
                id=f"{element_id}-logo",
            ),
            rx.text(SessionState.team_name, size="1", color=tokens.MUTED_TEXT),
            spacing="2",
            align="center",
            padding="0.25rem 0.75rem",
            id=element_id,
        ),
        rx.fragment(),
    )
