"""How a plan limit looks in the pages: the reason and a way to lift it."""

from __future__ import annotations

import reflex as rx

from konduct.domain.plans import UPGRADE_PATH


def upgrade_link(label: str = "See plans and upgrade", *, id: str = "upgrade-link") -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("sparkles", size=14), rx.text(label), align="center", spacing="1"),
        href=UPGRADE_PATH,
        weight="medium",
        id=id,
    )


def plan_limit_callout(message: rx.Var[str], *, id: str = "plan-limit") -> rx.Component:
    """Shown while ``message`` is set: what the plan does not allow, and the upgrade link."""
    return rx.cond(
        message != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("lock")),
            rx.callout.text(
                rx.vstack(
                    rx.text(message, id=f"{id}-text"),
                    upgrade_link(id=f"{id}-upgrade"),
                    spacing="1",
                )
            ),
            color_scheme="amber",
            role="alert",
            id=id,
            width="100%",
        ),
        rx.fragment(),
    )


def locked_callout(text: str, *, id: str) -> rx.Component:
    """A feature the team's plan does not include: why, and the way to lift it."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("lock")),
        rx.callout.text(rx.vstack(rx.text(text), upgrade_link(id=f"{id}-upgrade"), spacing="1")),
        color_scheme="amber",
        id=id,
    )
