"""Onboarding and the account settings: profile, security, API keys."""

from __future__ import annotations

import reflex as rx
from reflex_base.style import set_color_mode

from konduct.components import tokens
from konduct.components.auth_ui import form_error, new_password_field
from konduct.components.forms import form_field
from konduct.components.i18n import LANGUAGE_NAMES
from konduct.components.layout import ACCOUNT_SETTINGS, NO_INDEX, TEAM_SETTINGS, site_page
from konduct.components.plan_ui import locked_callout
from konduct.state.account_settings import (
    ApiKeysState,
    KeyRow,
    ProfileState,
    SecurityState,
    SessionRow,
)
from konduct.state.session import SessionState

T = SessionState.t
SECTION_GROUPS = (("nav.group_account", ACCOUNT_SETTINGS), ("nav.group_team", TEAM_SETTINGS))


def section(title: str, *children: rx.Component, description: str = "", **props) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, as_="h2", size="4"),
            rx.cond(
                description != "",
                rx.text(description, size="2", color=tokens.MUTED_TEXT),
                rx.fragment(),
            ),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
        **props,
    )


def _nav_link(key: str, href: str, icon: str, current: str) -> rx.Component:
    here = href == current
    return rx.link(
        rx.hstack(rx.icon(icon, size=16), rx.text(T[key]), align="center", spacing="2"),
        href=href,
        size="2",
        weight="medium" if here else "regular",
        color="var(--accent-11)" if here else "var(--gray-12)",
        background="var(--accent-a3)" if here else "transparent",
        padding="0.4rem 0.6rem",
        border_radius="var(--radius-2)",
        _hover={"background": "var(--accent-a4)" if here else "var(--gray-a3)"},
        aria_current="page" if here else None,
        white_space="nowrap",
    )


def settings_page(current: str, title: rx.Var | str, *children: rx.Component) -> rx.Component:
    """A settings page: the side nav (the person's settings, then the team's; ``current`` is
    this page's route, marked in it) beside the page's sections."""
    nav = rx.el.nav(
        rx.flex(
            *[
                rx.flex(
                    rx.text(
                        T[group],
                        size="1",
                        weight="medium",
                        color=tokens.MUTED_TEXT,
                        padding="0 0.6rem",
                        # Only above the links (the column layout), not beside them in a row.
                        display=rx.breakpoints(initial="none", md="block"),
                    ),
                    *[_nav_link(key, href, icon, current) for key, href, icon in links],
                    direction=rx.breakpoints(initial="row", md="column"),
                    gap="0.25rem",
                    wrap="wrap",
                )
                for group, links in SECTION_GROUPS
            ],
            direction=rx.breakpoints(initial="row", md="column"),
            gap=rx.breakpoints(initial="0.25rem", md="1rem"),
            wrap="wrap",
        ),
        aria_label="Settings",
        min_width="12rem",
    )
    return site_page(
        rx.vstack(
            rx.heading(title, as_="h1", size="7", font_family=tokens.HEADING_FONT),
            rx.flex(
                nav,
                rx.vstack(*children, spacing="4", width="100%", max_width="44rem"),
                direction=rx.breakpoints(initial="column", md="row"),
                gap="1.5rem",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )


def switch_row(label: str, checked: rx.Var[bool], which: str) -> rx.Component:
    return rx.hstack(
        rx.switch(
            checked=checked,
            on_change=lambda value: ProfileState.set_notify(which, value),
            id=f"notify-{which}",
        ),
        rx.el.label(rx.text(label, size="2"), html_for=f"notify-{which}"),
        align="center",
        spacing="2",
    )


def profile_fields() -> rx.Component:
    return rx.vstack(
        form_field(
            T["field.full_name"],
            rx.input(
                value=ProfileState.full_name,
                on_change=ProfileState.set_full_name,
                id="profile-name",
                size="3",
                width="100%",
                max_length=200,
            ),
            html_for="profile-name",
        ),
        form_field(
            T["field.company"],
            rx.input(
                value=ProfileState.company,
                on_change=ProfileState.set_company,
                id="profile-company",
                size="3",
                width="100%",
                max_length=200,
            ),
            html_for="profile-company",
        ),
        spacing="3",
        width="100%",
    )


def preference_fields() -> rx.Component:
    return rx.vstack(
        form_field(
            T["field.theme"],
            rx.segmented_control.root(
                rx.segmented_control.item("Light", value="light"),
                rx.segmented_control.item("Dark", value="dark"),
                rx.segmented_control.item("System", value="system"),
                value=ProfileState.theme.lower(),
                # The browser applies it at once; the account remembers it for next time.
                on_change=lambda value: [set_color_mode(value), ProfileState.choose_theme(value)],
                id="profile-theme",
            ),
            html_for="profile-theme",
        ),
        form_field(
            T["field.language"],
            rx.select.root(
                rx.select.trigger(id="profile-language"),
                rx.select.content(
                    *[rx.select.item(name, value=code) for code, name in LANGUAGE_NAMES.items()]
                ),
                value=SessionState.language,
                on_change=ProfileState.choose_language,
            ),
            html_for="profile-language",
        ),
        rx.text("Notifications", size="2", weight="medium"),
        switch_row("Email", ProfileState.notify_email, "email"),
        switch_row("Push", ProfileState.notify_push, "push"),
        switch_row("Campaign updates", ProfileState.notify_campaigns, "campaigns"),
        switch_row("System updates", ProfileState.notify_system, "system"),
        spacing="3",
        width="100%",
    )


@rx.page(
    route="/onboarding",
    title="Set up your account | Konduct",
    meta=NO_INDEX,
    on_load=ProfileState.load_profile,
)
def onboarding() -> rx.Component:
    return site_page(
        rx.center(
            rx.vstack(
                rx.heading(
                    "Two minutes to set up", as_="h1", size="7", font_family=tokens.HEADING_FONT
                ),
                rx.text(
                    "Check your details and choose how Konduct looks and talks to you. You can "
                    "change all of it later in Settings.",
                    color=tokens.MUTED_TEXT,
                ),
                section("1 · Your profile", profile_fields()),
                section("2 · Preferences", preference_fields()),
                form_error(ProfileState.error),
                rx.button(
                    "Finish and open the dashboard",
                    size="3",
                    on_click=ProfileState.finish_onboarding,
                    id="finish-onboarding",
                ),
                spacing="4",
                max_width="40rem",
                width="100%",
            ),
            width="100%",
        )
    )


@rx.page(
    route="/settings/profile",
    title="Profile | Konduct",
    meta=NO_INDEX,
    on_load=ProfileState.load_profile,
)
def profile() -> rx.Component:
    return settings_page(
        "/settings/profile",
        T["nav.profile"],
        section(
            "Your details",
            profile_fields(),
            form_error(ProfileState.error),
            rx.button(
                T["settings.save"],
                on_click=ProfileState.save_profile,
                id="save-profile",
                width="fit-content",
            ),
        ),
        section(
            "Preferences",
            preference_fields(),
            rx.button(
                T["settings.save"],
                on_click=ProfileState.save_profile,
                variant="soft",
                width="fit-content",
            ),
        ),
        section(
            "Email address",
            rx.text("Signed in as ", rx.text.strong(SessionState.user_email), size="2"),
            rx.form(
                rx.vstack(
                    form_field(
                        "New address",
                        rx.input(
                            name="new_email",
                            id="new_email",
                            type="email",
                            size="3",
                            width="100%",
                            required=True,
                        ),
                        html_for="new_email",
                    ),
                    form_field(
                        T["field.current_password"],
                        rx.input(
                            name="password",
                            id="email-password",
                            type="password",
                            auto_complete="current-password",
                            size="3",
                            width="100%",
                            required=True,
                        ),
                        html_for="email-password",
                    ),
                    form_error(ProfileState.email_message, "email-error"),
                    rx.button(
                        "Send a confirmation link", type="submit", variant="soft", id="change-email"
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=ProfileState.change_email,
                reset_on_submit=True,
                width="100%",
            ),
            description="We mail a link to the new address; the change happens when you open it.",
        ),
    )


def session_row(row: SessionRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.hstack(
                    rx.text(row.device, weight="medium"),
                    rx.cond(
                        row.current, rx.badge("This device", color_scheme="green"), rx.fragment()
                    ),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                rx.text(
                    row.ip,
                    rx.cond(row.location != "", " · " + row.location, ""),
                    size="1",
                    color=tokens.MUTED_TEXT,
                ),
                spacing="0",
            )
        ),
        rx.table.cell(rx.text(row.signed_in, size="1")),
        rx.table.cell(rx.text(row.last_seen, size="1")),
        rx.table.cell(
            rx.cond(
                row.current,
                rx.fragment(),
                rx.button(
                    "Sign out",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=SecurityState.end_session(row.id),
                ),
            )
        ),
    )


def mfa_section() -> rx.Component:
    enrol = rx.cond(
        SecurityState.mfa_qr != "",
        rx.vstack(
            rx.text(
                "Scan this code with an authenticator app (1Password, Google Authenticator, "
                "Authy…), then type the 6-digit code it shows.",
                size="2",
            ),
            rx.box(
                rx.html(SecurityState.mfa_qr),
                width="180px",
                height="180px",
                background="white",
                padding="6px",
                border_radius="var(--radius-3)",
                id="mfa-qr",
            ),
            rx.text(
                "Can't scan? Enter this key: ",
                rx.code(SecurityState.mfa_secret, id="mfa-secret"),
                size="1",
            ),
            rx.form(
                rx.hstack(
                    rx.input(
                        name="code",
                        id="mfa-code",
                        placeholder="123456",
                        input_mode="numeric",
                        auto_complete="one-time-code",
                        size="3",
                    ),
                    rx.button("Turn on", type="submit", size="3", id="mfa-confirm"),
                    spacing="2",
                ),
                on_submit=SecurityState.confirm_mfa,
            ),
            spacing="3",
        ),
        rx.button(
            "Set up two-factor sign-in",
            on_click=SecurityState.start_mfa,
            id="mfa-start",
            width="fit-content",
        ),
    )
    disable = rx.form(
        rx.vstack(
            rx.text("To turn it off, confirm with your password and a current code.", size="2"),
            rx.hstack(
                rx.input(
                    name="password",
                    type="password",
                    placeholder=T["field.password"],
                    auto_complete="current-password",
                    id="mfa-off-password",
                ),
                rx.input(name="code", placeholder="Code", input_mode="numeric", id="mfa-off-code"),
                rx.button(
                    "Turn off", type="submit", color_scheme="red", variant="soft", id="mfa-disable"
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
        ),
        on_submit=SecurityState.disable_mfa,
    )
    codes = rx.callout.root(
        rx.callout.icon(rx.icon("key-round")),
        rx.callout.text(
            rx.text(
                "Two-factor sign-in is on. Save these recovery codes now: each works once if "
                "you lose your phone, and they are not shown again.",
                weight="medium",
            ),
            rx.grid(
                rx.foreach(SecurityState.recovery_codes, lambda code: rx.code(code)),
                columns="2",
                spacing="2",
                margin_y="0.5rem",
                id="recovery-codes",
            ),
            rx.button("I saved them", size="1", on_click=SecurityState.dismiss_recovery_codes),
        ),
        color_scheme="green",
    )
    return section(
        "Two-factor sign-in",
        rx.cond(SecurityState.recovery_codes.length() > 0, codes, rx.fragment()),
        rx.cond(
            SessionState.mfa_enabled,
            rx.hstack(
                rx.badge("On", color_scheme="green"),
                rx.text("A code from your app is needed at every sign-in.", size="2"),
                spacing="2",
                id="mfa-status",
            ),
            rx.badge("Off", color_scheme="gray", id="mfa-status"),
        ),
        rx.cond(SessionState.mfa_enabled, disable, enrol),
        form_error(SecurityState.mfa_error, "mfa-error"),
        description="A code from your phone on top of your password.",
    )


def password_policy_section() -> rx.Component:
    return section(
        "Team password policy",
        rx.form(
            rx.hstack(
                rx.select.root(
                    rx.select.trigger(id="policy-days"),
                    rx.select.content(
                        rx.select.item("Never expire", value="never"),
                        *[
                            rx.select.item(f"Every {d} days", value=str(d))
                            for d in (30, 90, 180, 365)
                        ],
                    ),
                    name="expiry_days",
                    default_value="never",
                ),
                rx.button("Apply to the team", type="submit", variant="soft", id="save-policy"),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=SecurityState.save_password_policy,
        ),
        description="Admins only. Members with an older password are asked for a new one.",
    )


@rx.page(
    route="/settings/security",
    title="Security | Konduct",
    meta=NO_INDEX,
    on_load=SecurityState.load_security,
)
def security() -> rx.Component:
    return settings_page(
        "/settings/security",
        T["nav.security"],
        section(
            "Password",
            rx.form(
                rx.vstack(
                    form_field(
                        T["field.current_password"],
                        rx.input(
                            name="current_password",
                            id="current_password",
                            type="password",
                            auto_complete="current-password",
                            size="3",
                            width="100%",
                            required=True,
                        ),
                        html_for="current_password",
                    ),
                    new_password_field(T["field.new_password"], "new_password"),
                    form_error(SecurityState.password_error, "password-error"),
                    rx.button("Change password", type="submit", id="change-password"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=SecurityState.change_password,
                reset_on_submit=True,
                width="100%",
            ),
            description="Changing it signs you out everywhere else.",
        ),
        mfa_section(),
        rx.cond(SessionState.team_role == "ADMIN", password_policy_section(), rx.fragment()),
        section(
            "Where you are signed in",
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Device"),
                        rx.table.column_header_cell("Signed in"),
                        rx.table.column_header_cell("Last active"),
                        rx.table.column_header_cell(""),
                    )
                ),
                rx.table.body(rx.foreach(SecurityState.sessions, session_row)),
                variant="surface",
                size="1",
                id="sessions-table",
                width="100%",
            ),
            rx.button(
                "Sign out everywhere else",
                variant="soft",
                color_scheme="red",
                on_click=SecurityState.end_other_sessions,
                id="end-other-sessions",
                width="fit-content",
            ),
        ),
    )


def key_row(key: KeyRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(key.name, weight="medium")),
        rx.table.cell(rx.code(key.prefix, "…")),
        rx.table.cell(rx.text(key.created, size="1")),
        rx.table.cell(rx.text(key.last_used, size="1")),
        rx.table.cell(
            rx.button(
                "Revoke",
                size="1",
                variant="soft",
                color_scheme="red",
                on_click=ApiKeysState.revoke_key(key.id),
            )
        ),
    )


def api_access_callout() -> rx.Component:
    return locked_callout(
        "API access is part of Professional: keys cannot be made or used on Free.",
        id="api-keys-plan",
    )


@rx.page(
    route="/settings/api-keys",
    title="API keys | Konduct",
    meta=NO_INDEX,
    on_load=ApiKeysState.load_keys,
)
def api_keys_page() -> rx.Component:
    return settings_page(
        "/settings/api-keys",
        T["nav.api_keys"],
        rx.cond(SessionState.plan == "FREE", api_access_callout(), rx.fragment()),
        rx.cond(
            ApiKeysState.new_key != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("key-round")),
                rx.callout.text(
                    rx.text(
                        "Your new key. Copy it now: Konduct keeps only a fingerprint and cannot "
                        "show it again.",
                        weight="medium",
                    ),
                    rx.code(ApiKeysState.new_key, id="new-api-key", word_break="break-all"),
                    rx.hstack(
                        rx.button("Copy", size="1", on_click=ApiKeysState.copy_new_key),
                        rx.button(
                            "Done", size="1", variant="soft", on_click=ApiKeysState.dismiss_new_key
                        ),
                        spacing="2",
                        margin_top="0.5rem",
                    ),
                ),
                color_scheme="green",
            ),
            rx.fragment(),
        ),
        section(
            "Create a key",
            rx.form(
                rx.hstack(
                    rx.input(
                        name="name",
                        id="api-key-name",
                        placeholder="e.g. Looker sync",
                        max_length=100,
                        size="3",
                        flex="1",
                    ),
                    rx.button("Create key", type="submit", size="3", id="create-api-key"),
                    spacing="2",
                    width="100%",
                ),
                on_submit=ApiKeysState.create_key,
                reset_on_submit=True,
                width="100%",
            ),
            form_error(ApiKeysState.error, "api-key-error"),
            description="Send it as the X-API-Key header. A key acts as you, in your team, "
            "with your role.",
        ),
        section(
            "Your keys",
            rx.cond(
                ApiKeysState.keys.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Name"),
                            rx.table.column_header_cell("Key"),
                            rx.table.column_header_cell("Created"),
                            rx.table.column_header_cell("Last used"),
                            rx.table.column_header_cell(""),
                        )
                    ),
                    rx.table.body(rx.foreach(ApiKeysState.keys, key_row)),
                    variant="surface",
                    size="1",
                    id="api-keys-table",
                    width="100%",
                ),
                rx.text(
                    "No keys yet. Create one for each tool that talks to Konduct, so you can "
                    "revoke them one by one.",
                    size="2",
                    color=tokens.MUTED_TEXT,
                    id="api-keys-empty",
                ),
            ),
        ),
    )
