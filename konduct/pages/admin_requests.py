"""/admin/requests: staff move demo requests, sales contacts and support tickets along."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.request_forms import NATIVE_SELECT_STYLE
from konduct.domain import demo_slots
from konduct.state.admin_requests import AdminRequestsState

S = AdminRequestsState
# Short enough for the three tabs to fit side by side on a phone.
TAB_LABELS = (("demo", "Demos"), ("contact", "Sales contacts"), ("tickets", "Tickets"))
BADGE_COLORS = (
    ("PENDING", "amber"),
    ("NEW", "amber"),
    ("OPEN", "amber"),
    ("SCHEDULED", "indigo"),
    ("IN_PROGRESS", "indigo"),
    ("COMPLETED", "green"),
    ("RESOLVED", "green"),
)


def badge(row) -> rx.Component:
    return rx.match(
        row["status"],
        *[
            (name, rx.badge(row["status_label"], color_scheme=color))
            for name, color in BADGE_COLORS
        ],
        rx.badge(row["status_label"], color_scheme="gray"),
    )


def action(row, flag: str, label: str, status: str, **props) -> rx.Component:
    return rx.cond(
        row[flag] == "1",
        rx.button(label, size="1", variant="soft", on_click=S.move(row["id"], status), **props),
        rx.fragment(),
    )


def actions(row) -> rx.Component:
    demo = rx.fragment(
        rx.cond(
            row["can_scheduled"] == "1",
            rx.button(
                rx.cond(row["status"] == "SCHEDULED", "Reschedule", "Schedule"),
                size="1",
                on_click=S.start_scheduling(row["id"], row["slot_local"]),
                class_name="act-schedule",
            ),
            rx.fragment(),
        ),
        action(row, "can_completed", "Mark completed", "COMPLETED", class_name="act-complete"),
        action(
            row, "can_cancelled", "Cancel", "CANCELLED", color_scheme="red", class_name="act-cancel"
        ),
    )
    other = rx.fragment(
        action(row, "can_in_progress", "Start", "IN_PROGRESS", class_name="act-progress"),
        action(
            row,
            "can_resolved",
            "Resolve",
            "RESOLVED",
            color_scheme="green",
            class_name="act-resolve",
        ),
    )
    return rx.flex(rx.cond(S.tab == "demo", demo, other), gap="0.5rem", wrap="wrap")


def request_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(row["who"], weight="bold", size="3"),
                badge(row),
                justify="between",
                align="center",
                width="100%",
                wrap="wrap",
                spacing="2",
            ),
            rx.text(row["detail"], size="2"),
            rx.cond(
                S.tab == "demo",
                rx.text("Sales time: ", row["sales_time"], size="1", color=tokens.MUTED_TEXT),
                rx.fragment(),
            ),
            rx.cond(
                row["note"] != "",
                rx.text(row["note"], size="2", color=tokens.MUTED_TEXT, white_space="pre-wrap"),
                rx.fragment(),
            ),
            rx.hstack(
                rx.link(row["email"], href="mailto:" + row["email"], size="2"),
                rx.text("· received ", row["created"], " UTC", size="1", color=tokens.MUTED_TEXT),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            actions(row),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="request-row",
    )


def schedule_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Schedule the demo"),
            rx.dialog.description(
                f"The time in the sales team's zone ({demo_slots.SALES_TIMEZONE}). "
                "The visitor gets a confirmation with an updated calendar invite.",
                size="2",
            ),
            rx.vstack(
                rx.el.label(
                    rx.text("Date and time", size="2", weight="medium"), html_for="schedule-at"
                ),
                rx.el.input(
                    type="datetime-local",
                    id="schedule-at",
                    value=S.schedule_at,
                    step="1800",
                    on_change=S.set_schedule_at,
                    style=NATIVE_SELECT_STYLE,
                ),
                rx.cond(
                    S.schedule_error != "",
                    rx.text(S.schedule_error, size="1", color="var(--red-11)", role="alert"),
                    rx.fragment(),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                    rx.button("Schedule", on_click=S.confirm_schedule, id="confirm-schedule"),
                    justify="end",
                    width="100%",
                    spacing="2",
                ),
                spacing="3",
                padding_top="1rem",
            ),
            max_width="28rem",
        ),
        open=S.scheduling != "",
        on_open_change=S.stop_scheduling,
    )


def staff_view() -> rx.Component:
    return rx.vstack(
        rx.tabs.root(
            rx.tabs.list(
                *[
                    rx.tabs.trigger(label, value=value, id=f"tab-{value}")
                    for value, label in TAB_LABELS
                ]
            ),
            value=S.tab,
            on_change=S.set_tab,
            width="100%",
        ),
        rx.hstack(
            rx.el.label(rx.text("Status", size="2"), html_for="status-filter"),
            rx.el.select(
                rx.foreach(
                    S.status_options,
                    lambda value: rx.el.option(
                        rx.cond(value == "all", "All", value.replace("_", " ").lower()), value=value
                    ),
                ),
                id="status-filter",
                value=S.status_filter,
                on_change=S.set_status_filter,
                style={**NATIVE_SELECT_STYLE, "width": "12rem"},
            ),
            rx.spacer(),
            rx.text(S.page_label, size="2", color=tokens.MUTED_TEXT),
            align="center",
            spacing="3",
            width="100%",
            wrap="wrap",
        ),
        rx.cond(
            S.rows.length() > 0,
            rx.vstack(
                rx.foreach(S.rows, request_card), spacing="3", width="100%", id="request-list"
            ),
            rx.callout(
                "Nothing here yet. Requests from /demo, /contact-sales and /support appear "
                "here as they arrive.",
                icon="inbox",
                id="empty-requests",
            ),
        ),
        rx.hstack(
            rx.button(
                "Previous", variant="soft", disabled=~S.has_previous, on_click=S.turn_page(-1)
            ),
            rx.button("Next", variant="soft", disabled=~S.has_next, on_click=S.turn_page(1)),
            spacing="2",
        ),
        schedule_dialog(),
        spacing="4",
        width="100%",
    )


@rx.page(
    route="/admin/requests",
    title="Visitor requests | Konduct",
    meta=NO_INDEX,
    on_load=AdminRequestsState.open,
)
def admin_requests() -> rx.Component:
    return site_page(
        rx.vstack(
            rx.heading("Visitor requests", as_="h1", size="7", font_family=tokens.HEADING_FONT),
            rx.match(
                S.allowed,
                ("yes", staff_view()),
                (
                    "no",
                    rx.callout(
                        "This page does not exist.",
                        icon="search_x",
                        color_scheme="gray",
                        id="not-staff",
                    ),
                ),
                rx.hstack(rx.spinner(), rx.text("Loading…"), spacing="2"),
            ),
            spacing="4",
            width="100%",
        )
    )
