"""Campaign pages: the list with search, the wizard, and one campaign."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.campaign_tools import campaign_list_tools, campaign_tools_bar
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX, site_page
from konduct.components.link_builder import (
    link_builder_form,
    qr_variant_button,
    qr_variant_dialog,
)
from konduct.components.plan_ui import plan_limit_callout
from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.enums import CampaignStatus, Device
from konduct.domain.plans import UPGRADE_PATH
from konduct.state.campaign_wizard import Choice, WizardState
from konduct.state.campaigns import (
    CampaignDetailState,
    CampaignListState,
    CampaignRow,
    HistoryRow,
    LinkRow,
)
from konduct.state.link_builder import LinkBuilderState
from konduct.state.session import SessionState

STATUS_COLORS = {"DRAFT": "gray", "ACTIVE": "green", "PAUSED": "amber", "COMPLETED": "indigo"}


def status_badge(status: rx.Var[str]) -> rx.Component:
    return rx.match(
        status,
        *[(s, rx.badge(s.title(), color_scheme=c)) for s, c in STATUS_COLORS.items()],
        rx.badge(status),
    )


# --- list ------------------------------------------------------------------


def campaign_row(row: CampaignRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.link(row.name, href="/campaigns/" + row.campaign_id, weight="medium"),
                rx.code(row.campaign_id, size="1", variant="ghost"),
                spacing="0",
            )
        ),
        rx.table.cell(rx.text(row.platform, size="2")),
        rx.table.cell(rx.text(row.objective, size="2")),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(rx.text(row.budget, size="2", white_space="nowrap")),
        rx.table.cell(rx.text(row.created, size="2", white_space="nowrap")),
    )


def export_item(fmt: str, label: str, query: rx.Var[str]) -> rx.Component:
    download = rx.dropdown_menu.item(
        rx.el.a(
            label,
            href="/api/campaigns/export?format=" + fmt + "&" + query,
            reload_document=True,
            download="",
        ),
        as_child=True,
    )
    if fmt == "json":  # every plan exports JSON
        return download
    # Free exports JSON only: say so, and where to lift it.
    locked = rx.dropdown_menu.item(
        rx.el.a(
            rx.hstack(
                rx.icon("lock", size=14),
                rx.text(label),
                rx.badge("Professional", size="1", color_scheme="amber"),
                align="center",
                spacing="2",
            ),
            href=UPGRADE_PATH,
            id=f"export-{fmt}-upgrade",
            title=f"{label} export is part of Professional: upgrade to use it",
        ),
        as_child=True,
    )
    return rx.cond(SessionState.plan == "FREE", locked, download)


def export_menu() -> rx.Component:
    """Download what the filters show: JSON, CSV, or GA4's data-import CSV."""
    query = CampaignListState.export_query
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(
            rx.button(
                rx.icon("download", size=16), "Export", variant="soft", size="3", id="export-menu"
            ),
        ),
        rx.dropdown_menu.content(
            *[
                export_item(fmt, label, query)
                for fmt, label in (
                    ("json", "JSON"),
                    ("csv", "CSV"),
                    ("ga4", "GA4 data import (CSV)"),
                )
            ],
        ),
    )


@rx.page(
    route="/campaigns",
    title="Campaigns | Konduct",
    meta=NO_INDEX,
    on_load=CampaignListState.open_list,
)
def campaign_list() -> rx.Component:
    state = CampaignListState
    return site_page(
        rx.vstack(
            rx.hstack(
                rx.heading("Campaigns", as_="h1", size="7", font_family=tokens.HEADING_FONT),
                rx.spacer(),
                rx.hstack(
                    campaign_list_tools(),
                    export_menu(),
                    rx.link(
                        rx.button(rx.icon("plus", size=16), "New campaign", size="3"),
                        href="/campaigns/new",
                        id="new-campaign",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                width="100%",
                align="center",
                wrap="wrap",
                gap="0.75rem",
            ),
            rx.flex(
                rx.input(
                    placeholder="Search by name",
                    value=state.q,
                    id="campaign-search",
                    on_change=lambda v: state.set_filter("q", v).debounce(300),
                    flex="1",
                    min_width="12rem",
                ),
                rx.select(
                    ["", *[p.name for p in PLATFORMS]],
                    value=state.platform,
                    placeholder="All platforms",
                    on_change=lambda v: state.set_filter("platform", v),
                ),
                rx.select(
                    ["", *[s.value for s in CampaignStatus]],
                    value=state.status,
                    placeholder="Any status",
                    on_change=lambda v: state.set_filter("status", v),
                ),
                rx.hstack(
                    rx.switch(
                        checked=state.archived,
                        id="show-archived",
                        on_change=lambda v: state.set_filter("archived", v),
                    ),
                    rx.el.label(rx.text("Archived", size="2"), html_for="show-archived"),
                    align="center",
                ),
                gap="0.75rem",
                wrap="wrap",
                width="100%",
                align="center",
            ),
            rx.cond(
                state.total > 0,
                rx.vstack(
                    rx.box(
                        rx.table.root(
                            rx.table.header(
                                rx.table.row(
                                    *[
                                        rx.table.column_header_cell(h)
                                        for h in (
                                            "Campaign",
                                            "Platform",
                                            "Objective",
                                            "Status",
                                            "Budget",
                                            "Created",
                                        )
                                    ]
                                )
                            ),
                            rx.table.body(rx.foreach(state.rows, campaign_row)),
                            variant="surface",
                            width="100%",
                            id="campaign-table",
                        ),
                        overflow_x="auto",
                        width="100%",
                    ),
                    rx.hstack(
                        rx.text(state.page_label, size="2", color=tokens.MUTED_TEXT),
                        rx.spacer(),
                        rx.button(
                            "Newer",
                            variant="soft",
                            on_click=state.page(-1),
                            disabled=state.offset == 0,
                        ),
                        rx.button(
                            "Older",
                            variant="soft",
                            on_click=state.page(1),
                            disabled=state.offset + 20 >= state.total,
                        ),
                        width="100%",
                        align="center",
                    ),
                    width="100%",
                ),
                rx.callout(
                    "No campaigns match. Create one with New campaign, or clear the filters.",
                    icon="folder_open",
                    id="campaigns-empty",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )


# --- wizard ----------------------------------------------------------------


def error_of(field: str) -> rx.Var:
    return WizardState.errors.get(field, "")


def text_field(label: str, field: str, value: rx.Var, **props) -> rx.Component:
    return form_field(
        label,
        rx.input(
            value=value,
            on_change=lambda v: WizardState.set_field(field, v),
            id=f"wizard-{field}",
            size="3",
            width="100%",
            **props,
        ),
        html_for=f"wizard-{field}",
        error=error_of(field),
    )


def select_field(label: str, field: str, value: rx.Var, options: list[str]) -> rx.Component:
    return form_field(
        label,
        rx.select(
            options,
            value=value,
            on_change=lambda v: WizardState.set_field(field, v),
            id=f"wizard-{field}",
            size="3",
            width="100%",
        ),
        html_for=f"wizard-{field}",
        error=error_of(field),
    )


def two_columns(*children: rx.Component) -> rx.Component:
    return rx.grid(
        *children, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"
    )


def setup_tab() -> rx.Component:
    w = WizardState
    return rx.vstack(
        two_columns(
            text_field("Campaign name", "name", w.name, placeholder="Spring sale 2027"),
            text_field("Marketing manager", "manager_name", w.manager_name),
        ),
        text_field(
            "Website (full address)",
            "website_url",
            w.website_url,
            placeholder="https://www.example.com",
            type="url",
        ),
        two_columns(
            select_field("Platform", "platform", w.platform, [p.name for p in PLATFORMS]),
            select_field("Objective", "objective", w.objective, [o.name for o in OBJECTIVES]),
        ),
        two_columns(
            text_field("Start date", "start_date", w.start_date, type="date"),
            text_field("End date", "end_date", w.end_date, type="date"),
        ),
        two_columns(
            text_field(
                "Budget",
                "budget",
                w.budget,
                type="number",
                min="0",
                step="0.01",
                placeholder="1500.00",
            ),
            text_field("Currency", "currency", w.currency, max_length=3, placeholder="USD"),
        ),
        rx.hstack(
            rx.spacer(),
            rx.button("Next: audience", on_click=w.go_to("audience"), id="to-audience"),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def picker(kind: str, label: str, placeholder: str) -> rx.Component:
    """A searchable multi-select: picked options first (as ticked), then matches."""

    def option(choice: Choice) -> rx.Component:
        return rx.button(
            rx.cond(choice.selected, rx.icon("check", size=14), rx.fragment()),
            choice.label,
            size="1",
            variant=rx.cond(choice.selected, "solid", "outline"),
            on_click=WizardState.toggle_pick(kind, choice.value),
            type="button",
        )

    return form_field(
        label,
        rx.vstack(
            rx.input(
                placeholder=placeholder,
                value=WizardState.queries[kind],
                on_change=lambda v: WizardState.set_query(kind, v).debounce(200),
                id=f"wizard-{kind}-search",
                width="100%",
            ),
            rx.flex(
                rx.foreach(WizardState.choices[kind], option),
                gap="0.35rem",
                wrap="wrap",
                id=f"wizard-{kind}",
            ),
            width="100%",
            spacing="2",
        ),
        html_for=f"wizard-{kind}-search",
        error=error_of(f"targeting.demographics.{kind}"),
    )


def audience_tab() -> rx.Component:
    w = WizardState
    return rx.vstack(
        two_columns(
            form_field(
                "Age range",
                rx.vstack(
                    rx.slider(
                        default_value=w.age_range,
                        min=13,
                        max=65,
                        step=1,
                        on_value_commit=w.set_age_range,
                        id="wizard-age",
                    ),
                    rx.text(
                        w.age_range[0],
                        "–",
                        w.age_range[1],
                        " years",
                        size="2",
                        id="wizard-age-label",
                    ),
                    width="100%",
                ),
                html_for="wizard-age",
                error=error_of("targeting.demographics.age_range"),
            ),
            form_field(
                "Gender",
                rx.radio_group.root(
                    rx.hstack(
                        rx.radio_group.item(value="ALL"),
                        rx.text("All", size="2"),
                        rx.radio_group.item(value="FEMALE"),
                        rx.text("Female", size="2"),
                        rx.radio_group.item(value="MALE"),
                        rx.text("Male", size="2"),
                        align="center",
                        spacing="2",
                    ),
                    value=w.gender,
                    on_change=lambda v: w.set_field("gender", v),
                    aria_label="Gender",
                ),
                html_for="wizard-gender",
            ),
        ),
        form_field(
            "Devices",
            rx.flex(
                *[
                    rx.button(
                        d.value.title(),
                        size="2",
                        type="button",
                        variant=rx.cond(w.devices.contains(d.value), "solid", "outline"),
                        on_click=w.toggle_device(d.value),
                    )
                    for d in Device
                ],
                gap="0.5rem",
                wrap="wrap",
            ),
            html_for="wizard-devices",
        ),
        two_columns(
            picker("countries", "Countries", "Search countries"),
            picker("languages", "Languages", "Search languages"),
        ),
        two_columns(
            text_field("Regions (comma separated)", "regions", w.regions, placeholder="Bavaria"),
            text_field("Cities (comma separated)", "cities", w.cities, placeholder="Lyon, Ghent"),
        ),
        text_field(
            "Custom locations",
            "custom_locations",
            w.custom_locations,
            placeholder="Airports in the Benelux",
        ),
        two_columns(
            picker("interests", "Interests", "Search interests"),
            picker("behaviors", "Behaviours", "Search behaviours"),
        ),
        text_field(
            "Custom audience",
            "custom_audience",
            w.custom_audience,
            placeholder="Website visitors, last 30 days",
        ),
        two_columns(
            text_field("Custom criteria", "custom_criteria", w.custom_criteria),
            text_field("Special requirements", "special_requirements", w.special_requirements),
        ),
        rx.hstack(
            rx.button("Back", variant="soft", on_click=w.go_to("setup")),
            rx.spacer(),
            rx.button("Next: review", on_click=w.go_to("review"), id="to-review"),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def summary_line(label: str, value) -> rx.Component:
    return rx.hstack(
        rx.text(label, size="2", color=tokens.MUTED_TEXT, min_width="9rem"),
        rx.text(value, size="2", weight="medium"),
        align="start",
    )


def anything(values: rx.Var) -> rx.Var:
    """The picked values, or "any" when none are (no restriction)."""
    return rx.cond(values.length() > 0, values.join(", "), "any")


def review_tab() -> rx.Component:
    w = WizardState
    return rx.vstack(
        rx.card(
            rx.vstack(
                rx.heading(w.name, as_="h2", size="5"),
                summary_line("Platform · objective", w.platform + " · " + w.objective),
                summary_line("Website", w.website_url),
                summary_line(
                    "Dates", w.start_date + " → " + rx.cond(w.end_date != "", w.end_date, "open")
                ),
                summary_line("Budget", w.budget + " " + w.currency),
                summary_line(
                    "Audience", rx.text(w.age_range[0], "–", w.age_range[1], " · ", w.gender)
                ),
                summary_line("Countries", anything(w.picked["countries"])),
                summary_line("Languages", anything(w.picked["languages"])),
                summary_line("Interests", anything(w.picked["interests"])),
                spacing="2",
            ),
            width="100%",
            id="wizard-summary",
        ),
        rx.cond(
            w.generated_id != "",
            rx.hstack(
                rx.code(w.generated_id, size="5", weight="bold", id="wizard-campaign-id"),
                rx.button(
                    rx.icon("copy", size=14), "Copy", variant="soft", on_click=w.copy_generated_id
                ),
                align="center",
                wrap="wrap",
            ),
            rx.button(
                rx.icon("sparkles", size=16),
                "Generate campaign ID",
                size="3",
                on_click=w.generate_id,
                id="wizard-generate",
            ),
        ),
        rx.cond(
            w.duplicate_of != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("copy")),
                rx.callout.text(
                    "This duplicates campaign ",
                    rx.link(w.duplicate_of, href="/campaigns/" + w.duplicate_of),
                    ". Save it anyway?",
                ),
                rx.button("Save anyway", size="1", on_click=w.save_anyway, id="wizard-save-anyway"),
                color_scheme="amber",
                id="wizard-duplicate",
            ),
            rx.fragment(),
        ),
        plan_limit_callout(w.plan_limit, id="wizard-plan-limit"),
        rx.hstack(
            rx.button("Back", variant="soft", on_click=w.go_to("audience")),
            rx.spacer(),
            rx.button(
                "Save as draft",
                variant="soft",
                on_click=w.save("DRAFT"),
                loading=w.saving,
                id="wizard-save-draft",
            ),
            rx.button("Publish", on_click=w.save("ACTIVE"), loading=w.saving, id="wizard-publish"),
            width="100%",
            wrap="wrap",
            gap="0.5rem",
        ),
        spacing="4",
        width="100%",
    )


@rx.page(
    route="/campaigns/new",
    title="New campaign | Konduct",
    meta=NO_INDEX,
    on_load=WizardState.open_wizard,
)
def campaign_wizard() -> rx.Component:
    w = WizardState
    return site_page(
        rx.vstack(
            rx.hstack(
                rx.heading("New campaign", as_="h1", size="7", font_family=tokens.HEADING_FONT),
                rx.spacer(),
                rx.button("Start over", variant="ghost", on_click=w.start_over),
                width="100%",
                align="center",
            ),
            rx.text(
                "Your answers are kept while you work, even if you reload the page.",
                size="2",
                color=tokens.MUTED_TEXT,
            ),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger("1 · Setup", value="setup", id="tab-setup"),
                    rx.tabs.trigger("2 · Audience", value="audience", id="tab-audience"),
                    rx.tabs.trigger("3 · Review", value="review", id="tab-review"),
                ),
                rx.tabs.content(rx.box(setup_tab(), padding_top="1.25rem"), value="setup"),
                rx.tabs.content(rx.box(audience_tab(), padding_top="1.25rem"), value="audience"),
                rx.tabs.content(rx.box(review_tab(), padding_top="1.25rem"), value="review"),
                value=w.tab,
                on_change=w.go_to,
                width="100%",
            ),
            spacing="4",
            width="100%",
            max_width="56rem",
        )
    )


# --- one campaign ----------------------------------------------------------


def link_card(link: LinkRow) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.box(
                rx.html(link.qr),
                width="96px",
                height="96px",
                flex_shrink="0",
                background="white",
                padding="4px",
                border_radius="var(--radius-2)",
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(link.label, weight="bold"),
                    rx.cond(link.is_variant, rx.badge("QR variant", size="1"), rx.fragment()),
                    align="center",
                ),
                rx.code(link.tagged_url, size="1", word_break="break-all", variant="ghost"),
                rx.hstack(
                    rx.button(
                        "Copy link",
                        size="1",
                        variant="soft",
                        on_click=CampaignDetailState.copy_text(link.tagged_url),
                    ),
                    rx.button(
                        "QR (PNG)",
                        size="1",
                        variant="soft",
                        on_click=CampaignDetailState.download_qr(link.id, "png"),
                    ),
                    rx.button(
                        "QR (SVG)",
                        size="1",
                        variant="soft",
                        on_click=CampaignDetailState.download_qr(link.id, "svg"),
                    ),
                    rx.cond(link.is_variant, rx.fragment(), qr_variant_button(link.id)),
                    rx.text("Short link: ", rx.code(link.short_path), size="1"),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                spacing="2",
                width="100%",
            ),
            spacing="3",
            align="start",
        ),
        width="100%",
    )


def recent_sidebar() -> rx.Component:
    """The team's campaign history, newest first, beside the campaign on wide screens."""

    def item(row: CampaignRow) -> rx.Component:
        current = row.campaign_id == CampaignDetailState.campaign["campaign_id"]
        return rx.link(
            rx.vstack(
                rx.text(row.name, size="2", weight=rx.cond(current, "bold", "regular")),
                rx.text(row.platform, " · ", row.created, size="1", color=tokens.MUTED_TEXT),
                spacing="0",
            ),
            href="/campaigns/" + row.campaign_id,
            underline="none",
            color="inherit",
            padding="0.35rem 0.5rem",
            border_radius="var(--radius-2)",
            background=rx.cond(current, "var(--accent-a3)", "transparent"),
            _hover={"background": "var(--gray-a3)"},
        )

    return rx.el.aside(
        rx.vstack(
            rx.text("Recent campaigns", size="2", weight="bold", color=tokens.MUTED_TEXT),
            rx.foreach(CampaignDetailState.recent, item),
            rx.link("All campaigns →", href="/campaigns", size="2", padding_left="0.5rem"),
            spacing="1",
            width="100%",
        ),
        aria_label="Recent campaigns",
        id="recent-campaigns",
        display=["none", "none", "block"],
        min_width="14rem",
        max_width="16rem",
    )


def history_item(entry: HistoryRow) -> rx.Component:
    return rx.hstack(
        rx.badge(entry.action, variant="soft"),
        rx.vstack(
            rx.text(entry.who, " · ", entry.when, size="1", color=tokens.MUTED_TEXT),
            rx.text(entry.summary, size="2"),
            spacing="0",
        ),
        align="start",
        spacing="2",
    )


def performance() -> rx.Component:
    """Clicks through the campaign's short links, over time and by link."""
    s = CampaignDetailState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Performance", as_="h2", size="4"),
                rx.spacer(),
                rx.text(s.clicks_total, " clicks", weight="bold", id="clicks-total"),
                width="100%",
            ),
            rx.cond(
                s.clicks_total > 0,
                rx.grid(
                    rx.recharts.bar_chart(
                        rx.recharts.bar(data_key="clicks", fill="var(--indigo-9)", name="Clicks"),
                        rx.recharts.x_axis(data_key="date"),
                        rx.recharts.y_axis(allow_decimals=False),
                        rx.recharts.graphing_tooltip(),
                        data=s.clicks_by_day,
                        height=220,
                        width="100%",
                    ),
                    rx.recharts.bar_chart(
                        rx.recharts.bar(data_key="clicks", fill="var(--violet-9)", name="Clicks"),
                        rx.recharts.x_axis(data_key="label"),
                        rx.recharts.y_axis(allow_decimals=False),
                        rx.recharts.graphing_tooltip(),
                        data=s.clicks_by_link,
                        height=220,
                        width="100%",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                    id="clicks-charts",
                ),
                rx.text(
                    "No clicks yet. Share a link's short address (/r/…): every visit through it "
                    "is counted here, by day and by link.",
                    size="2",
                    color=tokens.MUTED_TEXT,
                ),
            ),
            width="100%",
            spacing="3",
        ),
        width="100%",
    )


@rx.page(
    route="/campaigns/[ref]",
    title="Campaign | Konduct",
    meta=NO_INDEX,
    on_load=[LinkBuilderState.open_builder, CampaignDetailState.open_campaign],
)
def campaign_detail() -> rx.Component:
    s = CampaignDetailState
    c = s.campaign
    actions = rx.flex(
        rx.match(
            c["status"],
            ("DRAFT", rx.button("Publish", on_click=s.act("publish"), id="act-publish")),
            (
                "ACTIVE",
                rx.fragment(
                    rx.button("Pause", variant="soft", on_click=s.act("pause"), id="act-pause"),
                    rx.button("Complete", variant="soft", on_click=s.act("complete")),
                ),
            ),
            (
                "PAUSED",
                rx.fragment(
                    rx.button("Resume", on_click=s.act("resume"), id="act-resume"),
                    rx.button("Complete", variant="soft", on_click=s.act("complete")),
                ),
            ),
            rx.fragment(),
        ),
        rx.cond(
            s.archived,
            rx.button("Restore", variant="soft", on_click=s.act("restore"), id="act-restore"),
            rx.button(
                "Archive",
                variant="soft",
                color_scheme="gray",
                on_click=s.act("archive"),
                id="act-archive",
            ),
        ),
        rx.button(
            "Delete", variant="soft", color_scheme="red", on_click=s.act("delete"), id="act-delete"
        ),
        campaign_tools_bar(),
        gap="0.5rem",
        wrap="wrap",
    )
    link_form = link_builder_form()
    return site_page(
        rx.cond(
            s.found,
            rx.flex(
                recent_sidebar(),
                rx.vstack(
                    rx.link("← All campaigns", href="/campaigns", size="2"),
                    rx.hstack(
                        rx.heading(c["name"], as_="h1", size="7", font_family=tokens.HEADING_FONT),
                        status_badge(c["status"]),
                        rx.cond(
                            s.archived, rx.badge("Archived", color_scheme="gray"), rx.fragment()
                        ),
                        align="center",
                        wrap="wrap",
                        gap="0.5rem",
                    ),
                    rx.code(c["campaign_id"], size="4", id="detail-campaign-id"),
                    actions,
                    rx.grid(
                        rx.card(
                            rx.vstack(
                                summary_line("Platform", c["platform"]),
                                summary_line("Objective", c["objective"]),
                                summary_line("Manager", c["manager"]),
                                summary_line("Website", c["website"]),
                                summary_line("Dates", c["dates"]),
                                summary_line("Budget", c["budget"]),
                                summary_line("Ages", c["ages"]),
                                spacing="2",
                            )
                        ),
                        rx.card(
                            rx.vstack(
                                rx.heading("History", as_="h2", size="4"),
                                rx.foreach(s.history, history_item),
                                spacing="3",
                                id="detail-history",
                            )
                        ),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="4",
                        width="100%",
                    ),
                    performance(),
                    rx.heading("Tracking links", as_="h2", size="5", margin_top="1rem"),
                    rx.card(link_form, width="100%"),
                    qr_variant_dialog(),
                    rx.cond(
                        s.links.length() > 0,
                        rx.vstack(rx.foreach(s.links, link_card), width="100%", id="detail-links"),
                        rx.text(
                            "No tracking links yet. Add one above: its utm_campaign and utm_id are "
                            "this campaign's ID, and it gets a QR code.",
                            size="2",
                            color=tokens.MUTED_TEXT,
                            id="links-empty",
                        ),
                    ),
                    spacing="4",
                    width="100%",
                ),
                gap="2rem",
                width="100%",
                align="start",
            ),
            rx.callout(
                "No campaign here: it does not exist, or it belongs to another team.",
                icon="search_x",
                id="campaign-missing",
            ),
        )
    )
