"""/reports: the team's campaigns as charts, by start-date range, exportable."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX, site_page
from konduct.state.reports import ReportsState


def count_chart(title: str, data, chart_id: str, color: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, as_="h2", size="3"),
            # Horizontal bars: platform and objective names stay readable on a phone.
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="count", fill=color, name="Campaigns", max_bar_size=32),
                rx.recharts.x_axis(type_="number", allow_decimals=False),
                rx.recharts.y_axis(data_key="label", type_="category", width=110, font_size=12),
                rx.recharts.graphing_tooltip(),
                data=data,
                layout="vertical",
                height=240,
                width="100%",
            ),
            width="100%",
            spacing="2",
        ),
        id=chart_id,
        width="100%",
    )


def export_buttons() -> rx.Component:
    s = ReportsState

    def download(label: str, fmt: str, **props) -> rx.Component:
        return rx.el.a(
            rx.button(rx.icon("download", size=14), label, variant="soft", size="2", **props),
            href="/api/reports/summary/export?format=" + fmt + "&" + s.export_query,
            download="",
            reload_document=True,
            id=f"report-export-{fmt}",
        )

    return rx.hstack(
        download("JSON", "json"),
        rx.cond(
            s.csv_allowed,
            download("CSV", "csv"),
            rx.tooltip(
                rx.button("CSV", size="2", variant="soft", disabled=True),
                content="CSV export is part of Professional",
            ),
        ),
        spacing="2",
    )


def range_filter() -> rx.Component:
    s = ReportsState
    return rx.flex(
        rx.box(
            form_field(
                "Starting from",
                rx.input(
                    type="date",
                    value=s.date_from,
                    on_change=lambda v: s.set_range("date_from", v),
                    disabled=~s.custom_allowed,
                    id="report-from",
                ),
                html_for="report-from",
            ),
            width="11rem",
        ),
        rx.box(
            form_field(
                "Starting until",
                rx.input(
                    type="date",
                    value=s.date_to,
                    on_change=lambda v: s.set_range("date_to", v),
                    disabled=~s.custom_allowed,
                    id="report-to",
                ),
                html_for="report-to",
            ),
            width="11rem",
        ),
        rx.button("All time", variant="ghost", on_click=s.clear_range, align_self="end"),
        rx.cond(
            s.custom_allowed,
            rx.fragment(),
            rx.text(
                "Date ranges are part of Professional. ",
                rx.link("Upgrade", href="/settings/billing"),
                size="1",
                color=tokens.MUTED_TEXT,
                align_self="end",
            ),
        ),
        gap="0.75rem",
        wrap="wrap",
        align="end",
        width="100%",
    )


def budget_chart() -> rx.Component:
    s = ReportsState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Budget by start month", as_="h2", size="3"),
                rx.spacer(),
                rx.select(
                    s.currencies,
                    value=s.currency,
                    on_change=s.pick_currency,
                    size="1",
                    aria_label="Currency",
                    id="report-currency",
                ),
                width="100%",
                align="center",
            ),
            rx.recharts.bar_chart(
                rx.recharts.bar(
                    data_key="budget", fill="var(--orange-9)", name=s.currency, max_bar_size=56
                ),
                rx.recharts.x_axis(data_key="month"),
                rx.recharts.y_axis(width=64),
                rx.recharts.graphing_tooltip(),
                data=s.months,
                height=260,
                width="100%",
            ),
            rx.flex(
                rx.foreach(
                    s.totals,
                    lambda t: rx.badge(t["text"], variant="soft", size="2"),
                ),
                gap="0.5rem",
                wrap="wrap",
            ),
            width="100%",
            spacing="2",
        ),
        id="report-budget",
        width="100%",
    )  # fmt: skip


@rx.page(
    route="/reports",
    title="Reports | Konduct",
    meta=NO_INDEX,
    on_load=ReportsState.open_reports,
)
def reports_page() -> rx.Component:
    s = ReportsState
    return site_page(
        rx.vstack(
            rx.hstack(
                rx.heading("Reports", as_="h1", size="7", font_family=tokens.HEADING_FONT),
                rx.spacer(),
                export_buttons(),
                width="100%",
                align="center",
                wrap="wrap",
                gap="0.75rem",
            ),
            range_filter(),
            rx.cond(
                s.error != "",
                rx.callout(s.error, icon="triangle_alert", color_scheme="red", width="100%"),
                rx.fragment(),
            ),
            rx.text(
                rx.text.strong(s.total, id="report-total"),
                " campaigns (deleted ones are left out; the range selects by start date).",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.cond(
                s.total > 0,
                rx.vstack(
                    rx.grid(
                        count_chart(
                            "By platform", s.by_platform, "report-platform", "var(--indigo-9)"
                        ),
                        count_chart(
                            "By objective", s.by_objective, "report-objective", "var(--violet-9)"
                        ),
                        count_chart("By status", s.by_status, "report-status", "var(--teal-9)"),
                        budget_chart(),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="4",
                        width="100%",
                    ),
                    width="100%",
                ),
                rx.cond(
                    s.loading,
                    rx.spinner(),
                    rx.callout(
                        "No campaigns to report on yet. Create one, or import a CSV.",
                        icon="chart-bar",
                        id="report-empty",
                        width="100%",
                    ),
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
