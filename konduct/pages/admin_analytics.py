"""/admin/analytics: the public site's traffic, conversions and speed, for Konduct staff."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import NO_INDEX, site_page
from konduct.state.admin_analytics import AdminAnalyticsState, TopRow, VitalRow

S = AdminAnalyticsState


def kpi(label: str, value, hint: str, element_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(label, size="2", color=tokens.MUTED_TEXT),
            rx.text(value, size="7", weight="bold", id=element_id),
            rx.text(hint, size="1", color=tokens.MUTED_TEXT),
            spacing="1",
        )
    )


def panel(title: str, *children, **props) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, as_="h2", size="4"), *children, spacing="3", width="100%"),
        width="100%",
        **props,
    )


def range_picker() -> rx.Component:
    return rx.flex(
        rx.el.label(
            rx.text("From", size="2", weight="medium"),
            rx.input(type="date", value=S.start, on_change=S.set_start, id="range-start"),
            display="grid",
            gap="0.25rem",
        ),
        rx.el.label(
            rx.text("To", size="2", weight="medium"),
            rx.input(type="date", value=S.end, on_change=S.set_end, id="range-end"),
            display="grid",
            gap="0.25rem",
        ),
        rx.button("Show", on_click=S.refresh, loading=S.loading, id="range-apply"),
        rx.hstack(
            *[
                rx.button(
                    f"{days} days",
                    variant="soft",
                    color_scheme="gray",
                    on_click=S.last_days(days),
                    size="2",
                )
                for days in (7, 30, 90)
            ],
            spacing="2",
        ),
        gap="0.75rem",
        align="end",
        wrap="wrap",
    )


def top_table(rows, first: str, element_id: str) -> rx.Component:
    def row(item: TopRow) -> rx.Component:
        return rx.table.row(
            rx.table.cell(rx.code(item.name, size="2")),
            rx.table.cell(item.count),
            rx.table.cell(item.visitors),
        )

    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(first),
                    rx.table.column_header_cell("Count"),
                    rx.table.column_header_cell("Visitors"),
                )
            ),
            rx.table.body(rx.foreach(rows, row)),
            size="1",
            width="100%",
            id=element_id,
        ),
        rx.text("Nothing in this range yet.", size="2", color=tokens.MUTED_TEXT),
    )


def vitals_table() -> rx.Component:
    def row(vital: VitalRow) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(rx.text(vital.name, weight="bold")),
            rx.table.cell(vital.p50),
            rx.table.cell(vital.p75),
            rx.table.cell(vital.p95),
            rx.table.cell(vital.samples),
            rx.table.cell(rx.badge(vital.rating, color_scheme=vital.color)),
        )

    return rx.table.root(
        rx.table.header(
            rx.table.row(
                *[
                    rx.table.column_header_cell(h)
                    for h in ("Metric", "p50", "p75", "p95", "Samples", "At p75")
                ]
            )
        ),
        rx.table.body(rx.foreach(S.vitals, row)),
        size="1",
        width="100%",
        id="vitals-table",
    )


def dashboard() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.vstack(
                rx.heading("Site analytics", as_="h1", size="7", font_family=tokens.HEADING_FONT),
                rx.text(
                    "First-party and anonymous: page views, visitors, CTA clicks, conversions "
                    "and Web Vitals from real browsers. Days are UTC.",
                    color=tokens.MUTED_TEXT,
                    size="2",
                ),
                spacing="1",
            ),
            range_picker(),
            justify="between",
            gap="1rem",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            S.error != "",
            rx.callout(S.error, icon="triangle_alert", color_scheme="red", id="range-error"),
            rx.fragment(),
        ),
        rx.grid(
            kpi("Page views", S.page_views, "all pages", "kpi-page-views"),
            kpi("Unique visitors", S.unique_visitors, "over the range", "kpi-visitors"),
            kpi("Conversion rate", S.conversion_rate, "visitors who converted", "kpi-conversion"),
            kpi("Bounce rate", S.bounce_rate, "sessions not engaged (GA4)", "kpi-bounce"),
            kpi("Time engaged", S.engagement, "in view, per session", "kpi-engagement"),
            kpi("Pages per session", S.pages_per_session, "", "kpi-pages"),
            kpi("CTA clicks", S.cta_clicks, "elements with data-track", "kpi-cta"),
            kpi("Conversions", S.conversions, "trials, demos, sales contacts", "kpi-conversions"),
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            S.page_views == 0,
            rx.callout(
                "No visits in this range yet. Every public page reports its views, clicks on "
                "elements with data-track and its Web Vitals; open one in a browser and "
                "press Show again.",
                icon="info",
                color_scheme="gray",
                id="analytics-empty",
            ),
            rx.fragment(),
        ),
        rx.grid(
            panel(
                "Traffic by day",
                rx.recharts.line_chart(
                    rx.recharts.line(data_key="Page views", stroke="var(--indigo-9)", dot=False),
                    rx.recharts.line(data_key="Visitors", stroke="var(--orange-9)", dot=False),
                    rx.recharts.x_axis(data_key="day"),
                    rx.recharts.y_axis(allow_decimals=False),
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3", stroke="var(--gray-a5)"),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.legend(),
                    data=S.daily,
                    height=260,
                    width="100%",
                ),
                id="traffic-chart",
            ),
            panel(
                "Conversions by day",
                rx.recharts.bar_chart(
                    rx.recharts.bar(data_key="Trials", stack_id="c", fill="var(--indigo-9)"),
                    rx.recharts.bar(data_key="Demos", stack_id="c", fill="var(--violet-9)"),
                    rx.recharts.bar(
                        data_key="Sales contacts", stack_id="c", fill="var(--orange-9)"
                    ),
                    rx.recharts.x_axis(data_key="day"),
                    rx.recharts.y_axis(allow_decimals=False),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.legend(),
                    data=S.daily,
                    height=260,
                    width="100%",
                ),
                id="conversion-chart",
            ),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        panel(
            "Page-load timings (Web Vitals)",
            rx.text(
                "Google judges a site at the 75th percentile: LCP under 2.5 s, INP under "
                "200 ms and CLS under 0.1 are good.",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="p50", fill="var(--indigo-7)", name="p50 (ms)"),
                rx.recharts.bar(data_key="p75", fill="var(--indigo-9)", name="p75 (ms)"),
                rx.recharts.bar(data_key="p95", fill="var(--orange-9)", name="p95 (ms)"),
                rx.recharts.x_axis(data_key="name"),
                rx.recharts.y_axis(),
                rx.recharts.graphing_tooltip(),
                rx.recharts.legend(),
                data=S.vital_chart,
                height=260,
                width="100%",
            ),
            rx.box(vitals_table(), overflow_x="auto", width="100%"),
            id="vitals",
        ),
        rx.grid(
            panel("Top calls to action", top_table(S.top_ctas, "data-track", "top-ctas")),
            panel("Top pages", top_table(S.top_pages, "Path", "top-pages")),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        spacing="5",
        width="100%",
        id="analytics-dashboard",
    )


@rx.page(
    route="/admin/analytics",
    title="Site analytics | Konduct admin",
    meta=NO_INDEX,
    on_load=AdminAnalyticsState.open_dashboard,
)
def admin_analytics() -> rx.Component:
    return site_page(
        rx.cond(
            S.allowed,
            dashboard(),
            rx.cond(
                S.checked,
                rx.callout(
                    "This page is for Konduct staff. Sign in with a staff account "
                    "(STAFF_EMAILS) to see the site's analytics.",
                    icon="lock",
                    color_scheme="red",
                    id="staff-only",
                ),
                rx.center(rx.spinner(size="3"), padding="4rem"),
            ),
        )
    )
