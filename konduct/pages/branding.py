"""/settings/branding: the team's white-label logo and colours (Enterprise admins)."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX
from konduct.pages.branding_sso import sso_section
from konduct.pages.settings import section, settings_page
from konduct.state.branding import BrandingState
from konduct.state.session import SessionState
from konduct.state.sso import SsoState

S = BrandingState


def _input(field: str, label: str, placeholder: str, hint: str) -> rx.Component:
    element_id = f"branding-{field.replace('_', '-')}"
    return form_field(
        label,
        rx.input(
            value=getattr(S, field),
            on_change=getattr(S, f"set_{field}"),
            placeholder=placeholder,
            disabled=~S.can_edit,
            id=element_id,
            width="100%",
        ),
        html_for=element_id,
        hint=hint,
        error=S.errors.get(field, ""),
    )


@rx.page(
    route="/settings/branding",
    title="Branding | Konduct",
    meta=NO_INDEX,
    on_load=[S.open_branding, SsoState.open_sso],
)
def branding_page() -> rx.Component:
    return settings_page(
        "/settings/branding",
        SessionState.t["nav.branding"],
        rx.text(
            "Your logo next to the team name in the account menu and on shared campaign "
            "pages, for everyone in the team.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        rx.cond(
            S.loaded & ~S.enabled,
            rx.callout(
                rx.fragment(
                    "White-label branding is part of the Enterprise plan. ",
                    rx.link("See plans", href="/settings/billing"),
                ),
                icon="sparkles",
                id="branding-locked",
            ),
            rx.fragment(),
        ),
        section(
            "Logo and colours",
            _input(
                "logo_url", "Logo address", "https://cdn.example.com/logo.png",
                "An https image address; leave empty for no logo.",
            ),
            rx.grid(
                _input("primary_color", "Primary colour", "#1a2b3c", "Like #1a2b3c"),
                _input("accent_color", "Accent colour", "#ff8800", "Like #ff8800"),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                S.logo_url != "",
                rx.hstack(
                    rx.image(
                        src=S.logo_url, alt="Logo preview", height="40px", max_width="160px",
                        object_fit="contain", id="branding-preview",
                    ),
                    rx.box(width="24px", height="24px", border_radius="4px",
                           background=S.primary_color, aria_hidden="true"),
                    rx.box(width="24px", height="24px", border_radius="4px",
                           background=S.accent_color, aria_hidden="true"),
                    spacing="3", align="center",
                ),
                rx.fragment(),
            ),
            rx.cond(
                S.can_edit,
                rx.button("Save branding", on_click=S.save, loading=S.saving,
                          id="branding-save"),
                rx.text("Only the team's admins change the branding, on Enterprise.",
                        size="1", color=tokens.MUTED_TEXT),
            ),
        ),
        sso_section(),
    )  # fmt: skip
