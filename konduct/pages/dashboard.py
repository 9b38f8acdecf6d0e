"""The signed-in home: banners that need action, next steps, and a replayable tour."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.state.account_settings import DashboardState
from konduct.state.session import SessionState

T = SessionState.t

TOUR = (
    (
        "sparkles",
        "Generate campaign IDs",
        "Pick a platform and an objective: Konduct writes a PLT-OBJ-TIMESTAMP-HASH ID "
        "that sorts by time and never clashes.",
    ),
    (
        "link",
        "Tag every link",
        "Turn a landing page into a UTM-tagged link that Google Analytics 4 reads "
        "correctly, with the campaign ID as utm_campaign and utm_id.",
    ),
    (
        "users",
        "Work as a team",
        "Your account came with its own team. Invite colleagues and everyone sees the "
        "same campaigns and naming rules.",
    ),
    (
        "shield-check",
        "Keep it safe",
        "Turn on two-factor sign-in and check where you are signed in from Security in the account "
        "menu.",
    ),
)


def banners() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ~SessionState.email_verified,
            rx.callout.root(
                rx.callout.icon(rx.icon("mail_warning")),
                rx.callout.text(
                    T["banner.unverified"],
                    " ",
                    rx.cond(
                        DashboardState.verification_resent,
                        rx.text.em("Sent: check your inbox."),
                        rx.link(
                            T["banner.resend"],
                            href="#",
                            on_click=DashboardState.resend_verification,
                            id="resend-verification",
                        ),
                    ),
                ),
                color_scheme="amber",
                id="unverified-banner",
                width="100%",
            ),
            rx.fragment(),
        ),
        rx.cond(
            SessionState.password_expired,
            rx.callout(
                T["banner.password_expired"], icon="key_round", color_scheme="amber", width="100%"
            ),
            rx.fragment(),
        ),
        width="100%",
        spacing="3",
    )


def next_step(icon: str, title: str, text: str, href: str, step_id: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.center(
                    rx.icon(icon, size=20),
                    width="2.5rem",
                    height="2.5rem",
                    flex_shrink="0",
                    border_radius="var(--radius-3)",
                    background=tokens.PRIMARY_SOFT,
                    color=tokens.PRIMARY,
                ),
                rx.vstack(
                    rx.text(title, weight="bold"),
                    rx.text(text, size="2", color=tokens.MUTED_TEXT),
                    spacing="1",
                ),
                spacing="3",
                align="start",
            ),
            width="100%",
            _hover={"box_shadow": tokens.CARD_SHADOW},
        ),
        href=href,
        underline="none",
        color="inherit",
        id=step_id,
    )


def tour_dialog() -> rx.Component:
    last = len(TOUR) - 1
    return rx.dialog.root(
        rx.dialog.content(
            rx.match(
                DashboardState.tour_step,
                *[
                    (
                        index,
                        rx.vstack(
                            rx.center(
                                rx.icon(icon, size=28),
                                width="3.5rem",
                                height="3.5rem",
                                border_radius="var(--radius-4)",
                                background=tokens.SECONDARY_SOFT,
                                color=tokens.SECONDARY,
                            ),
                            rx.dialog.title(title, as_="h2"),
                            rx.dialog.description(text, size="2"),
                            spacing="3",
                        ),
                    )
                    for index, (icon, title, text) in enumerate(TOUR)
                ],
                rx.fragment(),
            ),
            rx.hstack(
                rx.text(
                    DashboardState.tour_step + 1,
                    f" / {len(TOUR)}",
                    size="1",
                    color=tokens.MUTED_TEXT,
                ),
                rx.spacer(),
                rx.button(
                    "Skip", variant="ghost", on_click=DashboardState.close_tour, id="tour-skip"
                ),
                rx.cond(
                    DashboardState.tour_step > 0,
                    rx.button("Back", variant="soft", on_click=DashboardState.previous_step),
                    rx.fragment(),
                ),
                rx.cond(
                    DashboardState.tour_step < last,
                    rx.button("Next", on_click=DashboardState.next_step, id="tour-next"),
                    rx.button("Done", on_click=DashboardState.close_tour, id="tour-done"),
                ),
                margin_top="1.25rem",
                align="center",
                width="100%",
            ),
            max_width="28rem",
            id="tour",
        ),
        open=DashboardState.tour_open,
    )


@rx.page(
    route="/dashboard",
    title="Dashboard | Konduct",
    meta=NO_INDEX,
    on_load=DashboardState.open_dashboard,
)
def dashboard() -> rx.Component:
    return site_page(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading(
                        T["dashboard.welcome"],
                        ", ",
                        SessionState.user_name,
                        as_="h1",
                        size="7",
                        font_family=tokens.HEADING_FONT,
                        id="dashboard-heading",
                    ),
                    rx.text(
                        SessionState.team_name,
                        " · ",
                        rx.match(
                            SessionState.team_role,
                            ("ADMIN", T["role.ADMIN"]),
                            ("MANAGER", T["role.MANAGER"]),
                            ("MEMBER", T["role.MEMBER"]),
                            SessionState.team_role,
                        ),
                        size="2",
                        color=tokens.MUTED_TEXT,
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.button(
                    rx.icon("compass", size=16),
                    T["dashboard.tour"],
                    variant="soft",
                    on_click=DashboardState.start_tour,
                    id="tour-replay",
                ),
                width="100%",
                align="center",
                wrap="wrap",
                gap="1rem",
            ),
            banners(),
            rx.grid(
                next_step(
                    "sparkles",
                    "Generate a campaign ID",
                    "One click, with every part explained.",
                    "/",
                    "step-generate",
                ),
                next_step(
                    "shield-check",
                    "Secure your account",
                    rx.cond(
                        SessionState.mfa_enabled,
                        "Two-factor sign-in is on.",
                        "Turn on two-factor sign-in.",
                    ),
                    "/settings/security",
                    "step-security",
                ),
                next_step(
                    "key-round",
                    "Connect your tools",
                    "Create an API key for scripts and BI tools.",
                    "/settings/api-keys",
                    "step-api-keys",
                ),
                next_step(
                    "user-round-pen",
                    "Your profile",
                    "Name, notifications, theme and language.",
                    "/settings/profile",
                    "step-profile",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            tour_dialog(),
            spacing="5",
            width="100%",
        )
    )
