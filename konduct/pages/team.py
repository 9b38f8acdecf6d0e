"""/settings/team (members, invitations, roles, usage with charts) and /invite (join a team)."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.auth_ui import form_error
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.plan_ui import plan_limit_callout, upgrade_link
from konduct.pages.settings import section, settings_page
from konduct.pages.team_audit import audit_export_section
from konduct.state.session import SessionState
from konduct.state.teams import InviteState, TeamState

ROLES = ("ADMIN", "MANAGER", "MEMBER")
ROLE_LABELS = {"ADMIN": "Admin", "MANAGER": "Manager", "MEMBER": "Member"}


def role_select(value: rx.Var, on_change, **props) -> rx.Component:
    """A role picker that reads "Manager", not the stored "MANAGER"."""
    return rx.select.root(
        rx.select.trigger(),
        rx.select.content(
            *[rx.select.item(ROLE_LABELS[role], value=role) for role in ROLES],
        ),
        value=value,
        on_change=on_change,
        **props,
    )


STATUS_COLORS = {"ACTIVE": "green", "INVITED": "amber", "INACTIVE": "gray"}


def status_badge(status: rx.Var[str]) -> rx.Component:
    return rx.match(
        status,
        *[
            (name, rx.badge(name.title(), color_scheme=color))
            for name, color in STATUS_COLORS.items()
        ],
        rx.badge(status),
    )


def member_actions(member: rx.Var[dict]) -> rx.Component:
    """Admins: role, deactivate/reactivate, remove. Everyone else sees the role."""
    role_control = rx.cond(
        TeamState.is_admin & (member["status"] != "INVITED"),
        role_select(
            member["role"],
            lambda role: TeamState.set_role(member["id"], role),
            size="1",
            aria_label="Role of " + member["email"],
        ),
        rx.badge(
            rx.match(member["role"].to(str), *ROLE_LABELS.items(), member["role"].to(str)),
            variant="soft",
        ),
    )
    admin_buttons = rx.hstack(
        rx.cond(
            member["status"] == "ACTIVE",
            rx.button(
                "Deactivate",
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=TeamState.set_status(member["id"], "INACTIVE"),
            ),
            rx.cond(
                member["status"] == "INACTIVE",
                rx.button(
                    "Reactivate",
                    size="1",
                    variant="soft",
                    on_click=TeamState.set_status(member["id"], "ACTIVE"),
                ),
                rx.fragment(),
            ),
        ),
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button(
                    rx.cond(member["status"] == "INVITED", "Withdraw", "Remove"),
                    size="1",
                    variant="soft",
                    color_scheme="red",
                ),
            ),
            rx.alert_dialog.content(
                rx.alert_dialog.title("Remove " + member["email"] + "?"),
                rx.alert_dialog.description(
                    "They lose access to the team at once. Campaigns they made stay the team's.",
                ),
                rx.hstack(
                    rx.alert_dialog.cancel(
                        rx.button("Cancel", variant="soft", color_scheme="gray")
                    ),
                    rx.alert_dialog.action(
                        rx.button(
                            "Remove", color_scheme="red", on_click=TeamState.remove(member["id"])
                        )
                    ),
                    justify="end",
                    spacing="2",
                    margin_top="1rem",
                ),
            ),
        ),
        spacing="2",
    )
    # Admins change others; their own role they may hand over (the last admin is kept).
    return rx.hstack(
        role_control,
        rx.cond(TeamState.is_admin & (member["is_me"] != "True"), admin_buttons, rx.fragment()),
        spacing="2",
    )


def member_row(member: rx.Var[dict]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(member["name"], weight="medium", size="2"),
                rx.text(member["email"], size="1", color=tokens.MUTED_TEXT),
                spacing="0",
            )
        ),
        rx.table.cell(status_badge(member["status"].to(str))),
        rx.table.cell(rx.text(member["since"], size="1", white_space="nowrap")),
        rx.table.cell(member_actions(member)),
        id="member-" + member["email"],
    )


def invite_section() -> rx.Component:
    return section(
        "Invite someone",
        rx.cond(
            SessionState.plan == "FREE",
            rx.callout.root(
                rx.callout.icon(rx.icon("users")),
                rx.callout.text(
                    rx.vstack(
                        rx.text("Working together is part of Professional (up to 5 people)."),
                        upgrade_link(id="team-upgrade"),
                        spacing="1",
                    )
                ),
                color_scheme="amber",
                id="team-plan",
            ),
            rx.fragment(),
        ),
        rx.form(
            rx.flex(
                rx.input(
                    value=TeamState.invite_email,
                    on_change=TeamState.set_invite_email,
                    placeholder="name@company.com",
                    type="email",
                    id="invite-email",
                    aria_label="Email address to invite",
                    size="3",
                    flex="1",
                    min_width="14rem",
                ),
                role_select(
                    TeamState.invite_role,
                    TeamState.set_invite_role,
                    size="3",
                    id="invite-role",
                    aria_label="Role",
                ),
                rx.button(
                    rx.icon("send", size=16),
                    "Send invitation",
                    type="submit",
                    size="3",
                    loading=TeamState.busy,
                    id="send-invite",
                ),
                gap="0.5rem",
                wrap="wrap",
                width="100%",
            ),
            on_submit=lambda _: TeamState.send_invite(),
            width="100%",
        ),
        form_error(TeamState.invite_error, "invite-error"),
        description="They get a mail with a link valid for 7 days, and join once they sign in "
        "or create an account with that address.",
    )


def stat_card(stat: rx.Var[dict]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(stat["label"], size="1", color=tokens.MUTED_TEXT),
            rx.text(stat["value"], size="5", weight="bold", id="stat-" + stat["id"]),
            spacing="1",
        ),
        width="100%",
    )


def usage_section() -> rx.Component:
    s = TeamState
    return section(
        "Usage",
        rx.grid(
            rx.foreach(s.stats, stat_card),
            columns=rx.breakpoints(initial="2", md="4"),
            gap="0.75rem",
            width="100%",
        ),  # fmt: skip
        rx.heading("The last six months", as_="h3", size="3"),
        rx.recharts.bar_chart(
            rx.recharts.bar(data_key="campaigns", fill="var(--indigo-9)", name="Campaigns"),
            rx.recharts.bar(data_key="links", fill="var(--violet-9)", name="Links"),
            rx.recharts.x_axis(data_key="month"),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            data=s.months,
            height=240,
            width="100%",
        ),
        rx.heading("API calls per month", as_="h3", size="3"),
        rx.recharts.line_chart(
            rx.recharts.line(data_key="api_calls", stroke="var(--orange-9)", name="API calls"),
            rx.recharts.x_axis(data_key="month"),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.graphing_tooltip(),
            data=s.months,
            height=180,
            width="100%",
        ),
        rx.heading("By member, this month", as_="h3", size="3"),
        rx.recharts.bar_chart(
            rx.recharts.bar(data_key="campaigns", fill="var(--indigo-9)", name="Campaigns"),
            rx.recharts.bar(data_key="links", fill="var(--violet-9)", name="Links"),
            rx.recharts.bar(data_key="api_calls", fill="var(--orange-9)", name="API calls"),
            rx.recharts.x_axis(data_key="name"),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            data=s.member_usage,
            layout="horizontal",
            height=240,
            width="100%",
        ),
        description="Campaigns created, tracking links and API calls, counted per calendar "
        "month (UTC). Admins get this as a mail at the start of each month on paid plans.",
        id="usage",
    )


@rx.page(
    route="/settings/team",
    title="Team | Konduct",
    meta=NO_INDEX,
    on_load=TeamState.open_team,
)
def team_page() -> rx.Component:
    s = TeamState
    return settings_page(
        "/settings/team",
        SessionState.t["nav.team"],
        rx.text(
            rx.text.strong(s.team_name),
            " · you are ",
            s.team_role.lower(),
            size="2",
            color=tokens.MUTED_TEXT,
        ),  # fmt: skip
        rx.cond(
            s.over_limit_text != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("info")),
                rx.callout.text(s.over_limit_text),
                color_scheme="amber",
                id="over-limit",
            ),
            rx.fragment(),
        ),
        plan_limit_callout(s.limit_message),
        form_error(s.action_error, "team-error"),
        rx.cond(s.is_admin, invite_section(), rx.fragment()),
        section(
            "People",
            rx.cond(
                s.members.length() > 0,
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Person"),
                                rx.table.column_header_cell("Status"),
                                rx.table.column_header_cell("Since"),
                                rx.table.column_header_cell("Role"),
                            )
                        ),
                        rx.table.body(rx.foreach(s.members, member_row)),
                        variant="surface",
                        size="1",
                        width="100%",
                        id="members-table",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
                rx.text("Nobody here yet.", size="2", color=tokens.MUTED_TEXT),
            ),
            rx.cond(
                s.members_total > 50,
                rx.hstack(
                    rx.button("Previous", size="1", variant="soft", on_click=s.page(-1)),
                    rx.button("Next", size="1", variant="soft", on_click=s.page(1)),
                    spacing="2",
                ),
                rx.fragment(),
            ),
            rx.cond(
                s.is_admin,
                rx.fragment(),
                rx.text(
                    "Only the team's admins invite people and change roles.",
                    size="1",
                    color=tokens.MUTED_TEXT,
                    id="admins-only",
                ),
            ),
        ),
        rx.cond(s.can_see_usage, usage_section(), rx.fragment()),
        audit_export_section(),
    )


@rx.page(
    route="/invite", title="Join a team | Konduct", meta=NO_INDEX, on_load=InviteState.open_invite
)
def invite_page() -> rx.Component:
    s = InviteState
    joined_text = rx.vstack(
        rx.heading(
            "Join ",
            s.team,
            " on Konduct",
            as_="h1",
            size="7",
            font_family=tokens.HEADING_FONT,
            id="invite-title",
        ),  # fmt: skip
        rx.text(
            s.inviter,
            " invited ",
            rx.text.strong(s.invited_email),
            " to join as ",
            s.role.lower(),
            ".",
            color=tokens.MUTED_TEXT,
        ),  # fmt: skip
        form_error(s.problem, "invite-problem"),
        rx.cond(
            s.signed_in,
            rx.vstack(
                rx.text("Signed in as ", rx.text.strong(s.user_email), size="2"),
                rx.button(
                    "Join the team", size="3", on_click=s.join, loading=s.joining, id="join-team"
                ),
                spacing="2",
            ),
            rx.vstack(
                rx.text(
                    "Sign in with that address to join, or create an account with it first.",
                    size="2",
                ),
                rx.hstack(
                    rx.link(
                        rx.button("Sign in to join", size="3"),
                        href=s.sign_in_href,
                        id="invite-sign-in",
                    ),  # fmt: skip
                    rx.link(
                        rx.button("Create an account", size="3", variant="soft"),
                        href=s.register_href,
                        id="invite-register",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="2",
            ),
        ),
        spacing="4",
    )
    return site_page(
        rx.center(
            rx.card(
                rx.cond(
                    s.valid,
                    joined_text,
                    rx.vstack(
                        rx.heading("This invitation cannot be used", as_="h1", size="6"),
                        rx.text(s.problem, id="invite-invalid"),
                        rx.link("Go to your dashboard", href="/dashboard"),
                        spacing="3",
                    ),
                ),
                max_width="36rem",
                width="100%",
                padding="2rem",
            ),
            width="100%",
        )
    )
