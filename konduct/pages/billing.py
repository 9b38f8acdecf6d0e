"""Settings → Billing (the upgrade link of every plan limit) and the printable invoice page."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.auth_ui import form_error
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX, site_page
from konduct.domain.billing import CARD_BRANDS, format_money
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.plans import FEATURE_NAMES, UPGRADE_PATH, limits_for
from konduct.pages.settings import section, settings_page
from konduct.state.billing import BillingState, InvoiceRow, InvoiceState
from konduct.state.session import SessionState

S = BillingState
STATUS_COLORS = {"PAID": "green", "PENDING": "amber", "FAILED": "red", "REFUNDED": "gray"}
PLAN_BLURBS = {
    Plan.FREE: "For trying Konduct on Facebook and Instagram.",
    Plan.PROFESSIONAL: "For teams running campaigns on every platform.",
    Plan.ENTERPRISE: "For organisations that need SSO, white-label and audit exports.",
}


def _price(plan: Plan, cycle: BillingCycle) -> str:
    price = limits_for(plan).price(cycle)
    if price is None:
        return "Custom"
    per = "year" if cycle == BillingCycle.ANNUAL else "month"
    return f"{format_money(price).removesuffix('.00')} / {per}"


def _plan_facts(plan: Plan) -> list[str]:
    limits = limits_for(plan)
    facts = [
        "Unlimited campaigns"
        if limits.campaigns_per_month is None
        else f"{limits.campaigns_per_month} campaigns a month",
        "Every platform" if limits.platforms is None else "Facebook and Instagram",
        "Unlimited team members"
        if limits.max_members is None
        else ("Just you" if limits.max_members == 1 else f"Up to {limits.max_members} people"),
        "No API access"
        if not limits.api_requests_per_month
        else f"{limits.api_requests_per_month:,} API requests a month",
        "Export: " + ", ".join(sorted(f.upper() for f in limits.export_formats)),
    ]
    extras = sorted(FEATURE_NAMES[f] for f in limits.features)
    return facts + extras[:4]


def mode_banner() -> rx.Component:
    return rx.cond(
        S.mode == "offline",
        rx.callout.root(
            rx.callout.icon(rx.icon("plug-zap")),
            rx.callout.text(
                rx.text.strong("Offline mode. "),
                "No payment provider is connected to this Konduct server: plan changes apply at "
                "once and invoices are made here, marked “offline mode”. No card is charged.",
            ),
            color_scheme="amber",
            id="billing-mode",
        ),
        rx.fragment(),
    )


def read_only_banner() -> rx.Component:
    return rx.cond(
        S.loaded & ~S.can_manage,
        rx.callout.root(
            rx.callout.icon(rx.icon("lock")),
            rx.callout.text(
                "You can see the team's plan, but only team admins can change it or the "
                "payment method. Ask an admin of ",
                rx.text.strong(S.team_name),
                " if the team needs more.",
                rx.cond(
                    ~S.can_view_invoices,
                    " Invoices are visible to admins and managers.",
                    "",
                ),
            ),
            color_scheme="gray",
            id="billing-read-only",
        ),
        rx.fragment(),
    )


def usage_meter(
    label: str, used: rx.Var, limit: rx.Var, percent: rx.Var, id_: str, shown=None
) -> rx.Component:
    """``shown``: (used, limit) as text, when the numbers need thousands separators."""
    used_text, limit_text = shown or (used, limit)
    return rx.vstack(
        rx.hstack(
            rx.text(label, size="2"),
            rx.spacer(),
            rx.text(
                used_text,
                rx.cond(limit > 0, rx.text.span(" of ", limit_text), rx.text.span(" · unlimited")),
                size="2",
                weight="medium",
            ),
            width="100%",
        ),
        rx.cond(
            limit > 0,
            rx.progress(
                value=percent,
                color_scheme=rx.cond(percent >= 100, "amber", "indigo"),
                aria_label=label,
            ),
            rx.fragment(),
        ),
        spacing="1",
        width="100%",
        id=id_,
    )


def current_plan() -> rx.Component:
    return section(
        "Current plan",
        rx.hstack(
            rx.heading(S.plan_name, as_="h3", size="6", id="current-plan"),
            rx.badge(
                rx.cond(S.cancel_at_period_end, "Ends with this period", "Active"),
                color_scheme=rx.cond(S.cancel_at_period_end, "amber", "green"),
            ),
            rx.spacer(),
            rx.text(S.price_label, size="3", weight="medium", id="current-price"),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.text(S.period_label, size="2", color=tokens.MUTED_TEXT, id="current-period"),
        usage_meter(
            "Campaigns this month",
            S.campaigns_used,
            S.campaigns_limit,
            S.campaigns_percent,
            "usage-campaigns",
        ),
        usage_meter(
            "Team members", S.members_used, S.members_limit, S.members_percent, "usage-members"
        ),
        rx.cond(
            S.api_limit > 0,
            usage_meter(
                "API calls this month",
                S.api_used,
                S.api_limit,
                S.api_percent,
                "usage-api",
                shown=(S.api_used_text, S.api_limit_text),
            ),
            rx.hstack(
                rx.text("API calls this month", size="2"),
                rx.spacer(),
                rx.text("Not on this plan", size="2", color=tokens.MUTED_TEXT),
                width="100%",
                id="usage-api",
            ),
        ),
        rx.cond(
            S.over_limit.length() > 0,
            rx.text(
                "The team has more than this plan allows: everything is kept, and what is over "
                "the limit is read-only until you upgrade.",
                size="2",
                color="var(--amber-11)",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.can_manage & (S.subscription_id != ""),
            rx.cond(
                S.cancel_at_period_end,
                rx.button(
                    "Keep my plan",
                    on_click=S.resume_plan,
                    variant="soft",
                    id="resume-plan",
                    width="fit-content",
                ),
                rx.button(
                    "Cancel at period end",
                    on_click=S.ask_cancel,
                    variant="soft",
                    color_scheme="red",
                    id="cancel-plan",
                    width="fit-content",
                ),
            ),
            rx.fragment(),
        ),
    )


def plan_card(plan: Plan) -> rx.Component:
    action = S.card_actions[plan.value]
    current = action == "Current plan"
    button = rx.cond(
        action == "Contact sales",
        rx.link(
            rx.button("Contact sales", variant="soft", width="100%"),
            href="/contact-sales",  # the landing site's sales form
        ),
        rx.button(
            action,
            on_click=S.choose(plan.value),
            disabled=current | (action == "Moving at period end"),
            variant=rx.cond(action == "Upgrade", "solid", "soft"),
            width="100%",
            id=f"choose-{plan.value.lower()}",
        ),
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(limits_for(plan).name, as_="h3", size="4"),
                rx.cond(current, rx.badge("Current", color_scheme="indigo"), rx.fragment()),
                align="center",
                spacing="2",
            ),
            rx.text(
                rx.cond(
                    S.chosen_cycle == "ANNUAL",
                    _price(plan, BillingCycle.ANNUAL),
                    _price(plan, BillingCycle.MONTHLY),
                ),
                size="5",
                weight="bold",
            ),
            rx.text(PLAN_BLURBS[plan], size="2", color=tokens.MUTED_TEXT),
            rx.el.ul(
                *[
                    rx.el.li(
                        rx.hstack(
                            rx.icon("check", size=14, color="var(--green-10)"),
                            rx.text(fact, size="2"),
                            spacing="2",
                            align="center",
                        )
                    )
                    for fact in _plan_facts(plan)
                ],
                style={"listStyle": "none", "padding": 0, "margin": 0},
            ),
            rx.spacer(),
            rx.cond(action != "", button, rx.fragment()),
            spacing="2",
            height="100%",
        ),
        id=f"plan-{plan.value.lower()}",
        border=rx.cond(current, "2px solid var(--accent-9)", "none"),
    )


def plans() -> rx.Component:
    return section(
        "Plans",
        rx.hstack(
            rx.segmented_control.root(
                rx.segmented_control.item("Monthly", value="MONTHLY"),
                rx.segmented_control.item("Annual", value="ANNUAL"),
                value=S.chosen_cycle,
                on_change=S.set_chosen_cycle,
                id="billing-cycle",
            ),
            rx.badge("Annual: 2 months free", color_scheme="green", variant="soft"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.grid(
            *[plan_card(plan) for plan in Plan],
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
        description="Upgrade or downgrade at any time: what is left of the current period is "
        "credited, and the confirm step shows the exact amount first.",
    )


def confirm_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(S.preview_title),
            rx.alert_dialog.description(
                "Check the amount before you confirm.", size="2", color=tokens.MUTED_TEXT
            ),
            rx.box(
                rx.cond(
                    S.preview_error != "",
                    rx.text(S.preview_error, color="var(--red-11)", id="preview-error"),
                    rx.vstack(
                        rx.text(S.preview_due, size="5", weight="bold", id="preview-due"),
                        rx.text(S.preview_summary, size="2", id="preview-summary"),
                        rx.text(S.preview_period, size="2", color=tokens.MUTED_TEXT),
                        rx.cond(
                            S.mode == "offline",
                            rx.text(
                                "Offline mode: the invoice is made here and no card is charged.",
                                size="1",
                                color=tokens.MUTED_TEXT,
                            ),
                            rx.fragment(),
                        ),
                        spacing="2",
                    ),
                ),
                margin_top="0.75rem",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Not now", variant="soft", color_scheme="gray")),
                rx.cond(
                    S.preview_error == "",
                    rx.button(
                        "Confirm",
                        on_click=S.confirm_change,
                        loading=S.busy,
                        id="confirm-change",
                    ),
                    rx.fragment(),
                ),
                spacing="3",
                justify="end",
                margin_top="1rem",
            ),
            id="confirm-dialog",
        ),
        open=S.confirm_open,
        on_open_change=S.close_confirm,
    )


def cancel_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Cancel at the end of this period?"),
            rx.alert_dialog.description(
                "The team keeps ",
                S.plan_name,
                " until the period ends, then moves to Free. All campaigns and links are kept; "
                "what is over Free's limits becomes read-only. You can change your mind until "
                "then.",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Keep the plan", variant="soft")),
                rx.button(
                    "Cancel at period end",
                    color_scheme="red",
                    on_click=S.cancel_plan,
                    id="confirm-cancel",
                ),
                spacing="3",
                justify="end",
                margin_top="1rem",
            ),
        ),
        open=S.cancel_open,
        on_open_change=S.close_cancel,
    )


def payment_method() -> rx.Component:
    on_file = rx.cond(
        S.payment_summary != "",
        rx.hstack(
            rx.icon("credit-card", size=18),
            rx.text(S.payment_summary, id="payment-summary"),
            align="center",
            spacing="2",
        ),
        rx.text(
            "No payment method on file.", size="2", color=tokens.MUTED_TEXT, id="payment-summary"
        ),
    )
    offline_form = rx.form(
        rx.grid(
            form_field(
                "Card brand",
                rx.select.root(
                    rx.select.trigger(id="card-brand"),
                    rx.select.content(*[rx.select.item(b, value=b) for b in CARD_BRANDS]),
                    name="brand",
                    default_value="Visa",
                ),
                html_for="card-brand",
            ),
            form_field(
                "Last 4 digits",
                rx.input(name="last4", id="card-last4", max_length=4, input_mode="numeric"),
                html_for="card-last4",
            ),
            form_field(
                "Expiry month",
                rx.input(name="exp_month", id="card-exp-month", input_mode="numeric"),
                html_for="card-exp-month",
            ),
            form_field(
                "Expiry year",
                rx.input(name="exp_year", id="card-exp-year", input_mode="numeric"),
                html_for="card-exp-year",
            ),
            columns=rx.breakpoints(initial="2", sm="4"),
            spacing="2",
            width="100%",
        ),
        form_error(S.payment_error, "payment-error"),
        rx.button("Save payment method", type="submit", variant="soft", margin_top="0.5rem"),
        on_submit=S.save_payment_method,
        width="100%",
    )
    return rx.cond(
        S.can_view_invoices,
        section(
            "Payment method",
            on_file,
            rx.cond(
                S.can_manage,
                rx.cond(
                    S.mode == "stripe",
                    rx.button(
                        "Manage cards and cancellation in Stripe",
                        on_click=S.open_portal,
                        variant="soft",
                        width="fit-content",
                        id="open-portal",
                    ),
                    rx.cond(S.subscription_id != "", offline_form, rx.fragment()),
                ),
                rx.fragment(),
            ),
            description=rx.cond(
                S.mode == "stripe",
                "Stripe keeps the card; Konduct only sees its brand and last four digits.",
                "Offline mode: record how the team pays, as invoices should show it. Only the "
                "last four digits are kept, never a card number.",
            ),
        ),
        rx.fragment(),
    )


def invoice_row(row: InvoiceRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.number, href=row.href, weight="medium", white_space="nowrap")),
        rx.table.cell(rx.text(row.date, size="2")),
        rx.table.cell(rx.text(row.description, size="2")),
        rx.table.cell(rx.text(row.amount, size="2", weight="medium")),
        rx.table.cell(
            rx.match(
                row.status,
                *[(s, rx.badge(s.title(), color_scheme=c)) for s, c in STATUS_COLORS.items()],
                rx.badge(row.status),
            )
        ),
    )


def history() -> rx.Component:
    return rx.cond(
        S.can_view_invoices,
        section(
            "Billing history",
            rx.cond(
                S.invoices.length() > 0,
                rx.vstack(
                    rx.box(
                        rx.table.root(
                            rx.table.header(
                                rx.table.row(
                                    *[
                                        rx.table.column_header_cell(h)
                                        for h in ("Invoice", "Date", "Description", "Amount", "")
                                    ]
                                )
                            ),
                            rx.table.body(rx.foreach(S.invoices, invoice_row)),
                            variant="surface",
                            size="1",
                            width="100%",
                            id="invoices-table",
                        ),
                        overflow_x="auto",
                        width="100%",
                    ),
                    rx.hstack(
                        rx.text(S.history_label, size="1", color=tokens.MUTED_TEXT),
                        rx.spacer(),
                        rx.button(
                            rx.icon("chevron-left", size=14),
                            "Newer",
                            size="1",
                            variant="soft",
                            disabled=S.invoices_offset == 0,
                            on_click=S.history_page(-1),
                        ),
                        rx.button(
                            "Older",
                            rx.icon("chevron-right", size=14),
                            size="1",
                            variant="soft",
                            disabled=S.invoices_offset + 10 >= S.invoices_total,
                            on_click=S.history_page(1),
                        ),
                        width="100%",
                        align="center",
                    ),
                    width="100%",
                ),
                rx.text(
                    "No invoices yet. The first one appears here when the team chooses a paid "
                    "plan.",
                    size="2",
                    color=tokens.MUTED_TEXT,
                    id="invoices-empty",
                ),
            ),
        ),
        rx.fragment(),
    )


@rx.page(route=UPGRADE_PATH, title="Billing | Konduct", meta=NO_INDEX, on_load=S.open_billing)
def billing_page() -> rx.Component:
    return settings_page(
        "/settings/billing",
        SessionState.t["nav.billing"],
        mode_banner(),
        rx.cond(
            S.notice != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("info")), rx.callout.text(S.notice), color_scheme="blue"
            ),
            rx.fragment(),
        ),
        rx.cond(S.error != "", form_error(S.error, "billing-error"), rx.fragment()),
        read_only_banner(),
        rx.cond(
            S.loaded,
            rx.vstack(
                current_plan(),
                plans(),
                payment_method(),
                history(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="3rem", width="100%"),
        ),
        confirm_dialog(),
        cancel_dialog(),
    )


def _fact(label: str, value: rx.Var | str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color=tokens.MUTED_TEXT),
        rx.text(value, size="2", weight="medium", **props),
        spacing="0",
    )


I = InvoiceState  # noqa: E741


def invoice_document() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading("Konduct", size="6", font_family=tokens.HEADING_FONT),
                    rx.text("Invoice", size="3", color=tokens.MUTED_TEXT),
                    spacing="0",
                ),
                rx.spacer(),
                rx.vstack(
                    rx.text(I.number, weight="bold", id="invoice-number"),
                    rx.text(I.date, size="2"),
                    rx.badge(I.status, id="invoice-status"),
                    align="end",
                    spacing="1",
                ),
                width="100%",
            ),
            rx.divider(),
            rx.grid(
                _fact("Bill to", I.team_name),
                _fact("Contact", I.bill_to_name + " · " + I.bill_to_email),
                _fact("Plan", I.plan_line),
                _fact("Payment", I.payment_method),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Description"),
                        rx.table.column_header_cell("Period"),
                        rx.table.column_header_cell("Amount", justify="end"),
                    )
                ),
                rx.table.body(
                    rx.table.row(
                        rx.table.cell(I.description, id="invoice-description"),
                        rx.table.cell(I.period),
                        rx.table.cell(I.amount, justify="end"),
                    ),
                    rx.table.row(
                        rx.table.cell(rx.text("Total", weight="bold")),
                        rx.table.cell(""),
                        rx.table.cell(
                            rx.text(I.amount, weight="bold", id="invoice-total"), justify="end"
                        ),
                    ),
                ),
                width="100%",
                variant="ghost",
            ),
            rx.cond(
                I.offline,
                rx.text(
                    "Offline mode: this invoice was made by this Konduct server; no card was "
                    "charged.",
                    size="1",
                    color=tokens.MUTED_TEXT,
                    id="invoice-offline",
                ),
                rx.fragment(),
            ),
            spacing="4",
            width="100%",
        ),
        width="100%",
        max_width="48rem",
        class_name="invoice-document",
    )


@rx.page(
    route="/settings/billing/invoices/[invoice_id]",
    title="Invoice | Konduct",
    meta=NO_INDEX,
    on_load=I.open_invoice,
)
def invoice_page() -> rx.Component:
    return site_page(
        # Paper gets the invoice only: no site header, footer or buttons.
        rx.el.style(
            "@media print { header, footer, nav, .no-print { display: none !important; } }"
        ),
        rx.vstack(
            rx.hstack(
                rx.link(
                    rx.hstack(rx.icon("arrow-left", size=16), rx.text("Billing"), spacing="1"),
                    href=UPGRADE_PATH,
                ),
                rx.spacer(),
                rx.cond(
                    I.found,
                    rx.hstack(
                        rx.button(
                            rx.icon("printer", size=16),
                            "Print",
                            variant="soft",
                            on_click=rx.call_script("window.print()"),
                            id="invoice-print",
                        ),
                        rx.link(
                            rx.button(rx.icon("download", size=16), "PDF", variant="soft"),
                            href=I.pdf_url,
                            reload_document=True,
                            id="invoice-pdf",
                        ),
                        rx.cond(
                            I.stripe_url != "",
                            rx.link(
                                rx.button("Stripe receipt", variant="soft"),
                                href=I.stripe_url,
                                is_external=True,
                            ),
                            rx.fragment(),
                        ),
                        spacing="2",
                    ),
                    rx.fragment(),
                ),
                width="100%",
                class_name="no-print",
            ),
            rx.cond(
                I.found,
                invoice_document(),
                rx.cond(
                    I.missing,
                    rx.callout.root(
                        rx.callout.icon(rx.icon("file-question")),
                        rx.callout.text(
                            "No such invoice in your team. Invoices are visible to team admins "
                            "and managers."
                        ),
                        color_scheme="gray",
                        id="invoice-missing",
                    ),
                    rx.center(rx.spinner(size="3"), padding="3rem", width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
            align="center",
        ),
    )
