"""/pricing: the three plans side by side, and a calculator that prices a team."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.layout import site_page
from konduct.components.seo import breadcrumbs, public_page
from konduct.domain import pricing as rules
from konduct.domain.enums import Plan
from konduct.domain.plans import FEATURE_NAMES, PLAN_LIMITS, Feature
from konduct.state.pricing import Line, PricingState

PLAN_PITCH = {
    Plan.FREE: "For one marketer getting campaigns in order.",
    Plan.PROFESSIONAL: "For teams that run campaigns on every platform.",
    Plan.ENTERPRISE: "For larger teams with single sign-on and contracts.",
}
PLAN_CTA = {
    Plan.FREE: ("Start free", "/register", "pricing-start-free"),
    Plan.PROFESSIONAL: ("Start free trial", "/start-trial", "pricing-start-trial"),
    Plan.ENTERPRISE: ("Talk to sales", "/contact-sales", "pricing-contact-sales"),
}
HIGHLIGHTS = {
    Plan.FREE: ["1 person", "5 new campaigns a month", "Facebook and Instagram", "JSON export"],
    Plan.PROFESSIONAL: [
        "Up to 5 people",
        "Unlimited campaigns",
        "Every platform",
        "API access (10,000 requests a month)",
        "CSV and GA4 exports, templates, bulk operations",
    ],
    Plan.ENTERPRISE: [
        "Unlimited people",
        "Everything in Professional",
        "Single sign-on settings",
        "White-label branding",
        "Audit log export, 1,000,000 API requests",
    ],
}
# Features a visitor may say they need; the calculator moves to the plan that has them.
NEEDS = (Feature.API_ACCESS, Feature.SSO, Feature.WHITE_LABEL, Feature.AUDIT_EXPORT)


def price_text(plan: Plan) -> rx.Component:
    limits = PLAN_LIMITS[plan]
    annual = PricingState.billing == "ANNUAL"
    if limits.monthly_price is None:
        return rx.vstack(
            rx.text("Custom", size="8", weight="bold", font_family=tokens.HEADING_FONT),
            rx.text("from $199 a month, estimate below", size="2", color=tokens.MUTED_TEXT),
            spacing="0",
        )
    monthly, yearly = f"${limits.monthly_price:,.0f}", f"${limits.annual_price:,.0f}"
    return rx.vstack(
        rx.hstack(
            rx.text(
                rx.cond(annual, yearly, monthly),
                size="8",
                weight="bold",
                font_family=tokens.HEADING_FONT,
            ),
            rx.text(rx.cond(annual, "/year", "/month"), color=tokens.MUTED_TEXT),
            align="baseline",
            spacing="1",
        ),
        rx.text(
            rx.cond(
                annual,
                "billed once a year" if limits.annual_price else "free forever",
                "billed monthly" if limits.monthly_price else "free forever",
            ),
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        spacing="0",
    )


def plan_card(plan: Plan) -> rx.Component:
    label, href, track = PLAN_CTA[plan]
    featured = plan == Plan.PROFESSIONAL
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(PLAN_LIMITS[plan].name, as_="h3", size="5"),
                rx.badge("Most popular", color_scheme="orange") if featured else rx.fragment(),
                justify="between",
                width="100%",
            ),
            rx.text(PLAN_PITCH[plan], size="2", color=tokens.MUTED_TEXT),
            price_text(plan),
            rx.el.ul(
                *[
                    rx.el.li(
                        rx.hstack(
                            rx.icon("check", size=16, color="var(--green-11)"),
                            rx.text(item, size="2"),
                            spacing="2",
                            align="center",
                        ),
                        list_style="none",
                    )
                    for item in HIGHLIGHTS[plan]
                ],
                padding="0",
                margin="0",
                display="grid",
                gap="0.5rem",
            ),
            rx.spacer(),
            rx.link(
                rx.button(label, size="3", width="100%", variant="solid" if featured else "soft"),
                href=href,
                width="100%",
                data_track=track,
            ),
            spacing="4",
            height="100%",
        ),
        id=f"plan-{plan.value.lower()}",
        style={"border": "2px solid var(--accent-8)"} if featured else {},
    )


def billing_toggle() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item("Monthly", value="MONTHLY"),
        rx.segmented_control.item("Annual: 2 months free", value="ANNUAL"),
        value=PricingState.billing,
        on_change=PricingState.set_billing,
        id="billing-cycle",
        aria_label="Billing cycle",
    )


def number_input(value, on_change, element_id: str, **props) -> rx.Component:
    return rx.input(
        value=value,
        on_change=on_change.debounce(200),
        id=element_id,
        type="number",
        input_mode="numeric",
        min="0",
        size="3",
        width="100%",
        **props,
    )


def quote_line(line: Line) -> rx.Component:
    return rx.hstack(
        rx.text(line.label, size="2", color=tokens.MUTED_TEXT),
        rx.spacer(),
        rx.text(line.amount, size="2", weight="medium"),
        width="100%",
    )


def calculator_inputs() -> rx.Component:
    s = PricingState
    return rx.vstack(
        form_field(
            "Plan",
            rx.select.root(
                rx.select.trigger(id="calc-plan", width="100%"),
                rx.select.content(
                    *[rx.select.item(PLAN_LIMITS[p].name, value=p.value) for p in Plan]
                ),
                value=s.plan,
                on_change=s.set_plan,
                size="3",
            ),
            html_for="calc-plan",
        ),
        rx.grid(
            form_field(
                "Team size",
                number_input(s.team_size, s.set_team_size, "calc-team-size", max="100000"),
                html_for="calc-team-size",
                hint="People who will use Konduct",
            ),
            form_field(
                "Campaigns a month",
                number_input(s.campaigns, s.set_campaigns, "calc-campaigns"),
                html_for="calc-campaigns",
                hint="New campaigns, all platforms",
            ),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.vstack(
            rx.text("Billing", size="2", weight="medium"),
            billing_toggle(),
            spacing="1",
        ),
        rx.el.fieldset(
            rx.el.legend(rx.text("You also need", size="2", weight="medium")),
            rx.flex(
                *[
                    rx.el.label(
                        rx.hstack(
                            rx.checkbox(
                                checked=s.features.contains(feature.value),
                                on_change=s.toggle_feature(feature.value),
                                id=f"need-{feature.value}",
                            ),
                            rx.text(FEATURE_NAMES[feature], size="2"),
                            spacing="2",
                            align="center",
                        ),
                    )
                    for feature in NEEDS
                ],
                gap="0.5rem 1.25rem",
                wrap="wrap",
            ),
            border="none",
            padding="0",
            margin="0",
        ),
        spacing="4",
        width="100%",
    )


def quote_panel() -> rx.Component:
    s = PricingState
    return rx.card(
        rx.vstack(
            rx.cond(
                s.input_error != "",
                rx.callout(
                    s.input_error, icon="triangle_alert", color_scheme="red", id="calc-error"
                ),
                rx.fragment(),
            ),
            rx.cond(
                s.fits,
                rx.fragment(),
                rx.callout(
                    rx.vstack(
                        rx.text(
                            "Your team needs ",
                            rx.text.strong(s.quoted_name),
                            ":",
                            weight="medium",
                        ),
                        rx.foreach(s.reasons, lambda reason: rx.text(reason, size="2")),
                        spacing="1",
                    ),
                    icon="arrow_up_right",
                    color_scheme="orange",
                    id="calc-upgrade",
                ),
            ),
            rx.text(
                rx.cond(s.custom, "Estimated price, ", "Your price, "),
                s.quoted_name,
                size="2",
                color=tokens.MUTED_TEXT,
                id="calc-plan-name",
            ),
            rx.hstack(
                rx.text(s.total, size="8", weight="bold", id="calc-total"),
                rx.text("/", s.period, color=tokens.MUTED_TEXT),
                align="baseline",
                spacing="1",
            ),
            rx.cond(
                s.savings != "",
                rx.text(
                    "That is ",
                    s.monthly_equivalent,
                    " a month, and saves ",
                    s.savings,
                    " a year.",
                    size="2",
                    color="var(--green-11)",
                    id="calc-savings",
                ),
                rx.fragment(),
            ),
            rx.separator(),
            rx.vstack(rx.foreach(s.lines, quote_line), width="100%", spacing="1", id="calc-lines"),
            rx.cond(
                s.custom,
                rx.text(
                    "Enterprise is priced per contract: this estimate uses a $199 platform fee "
                    "with 10 seats, $15 per extra seat, and volume discounts from 50 seats. "
                    "Sales confirm it.",
                    size="1",
                    color=tokens.MUTED_TEXT,
                ),
                rx.fragment(),
            ),
            send_quote_form(),
            spacing="3",
            width="100%",
        ),
        id="quote",
        width="100%",
    )


def send_quote_form() -> rx.Component:
    s = PricingState
    error = lambda field: s.errors.get(field, "")  # noqa: E731
    return rx.form(
        rx.vstack(
            rx.heading(
                rx.cond(s.custom, "Get this quote", "Email me this quote"), as_="h3", size="3"
            ),
            rx.segmented_control.root(
                rx.segmented_control.item("Email it to me", value="me"),
                rx.segmented_control.item("Send it to sales", value="sales"),
                value=s.send_to,
                on_change=s.set_send_to,
                id="quote-send-to",
                aria_label="Who gets the quote",
            ),
            form_field(
                "Your email",
                rx.input(name="email", id="quote-email", type="email", required=True, width="100%"),
                html_for="quote-email",
                error=error("email"),
            ),
            rx.grid(
                form_field(
                    "Name",
                    rx.input(name="name", id="quote-name", auto_complete="name", width="100%"),
                    html_for="quote-name",
                ),
                form_field(
                    "Company",
                    rx.input(
                        name="company",
                        id="quote-company",
                        auto_complete="organization",
                        width="100%",
                    ),
                    html_for="quote-company",
                ),
                columns="2",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                s.send_to == "sales",
                form_field(
                    "Anything sales should know?",
                    rx.text_area(name="message", id="quote-message", rows="3", width="100%"),
                    html_for="quote-message",
                ),
                rx.fragment(),
            ),
            # Hidden from people (and from assistive technology); robots fill it in.
            rx.box(
                rx.el.label("Website", html_for="quote-website"),
                rx.el.input(name="website", id="quote-website", tab_index=-1, auto_complete="off"),
                aria_hidden="true",
                style={"position": "absolute", "left": "-10000px", "width": "1px", "height": "1px"},
            ),
            rx.cond(
                s.errors.contains("form"),
                rx.callout(error("form"), icon="triangle_alert", color_scheme="red"),
                rx.fragment(),
            ),
            rx.button(
                rx.cond(s.send_to == "sales", "Send to sales", "Email the quote"),
                type="submit",
                loading=s.sending,
                id="quote-send",
                data_track="pricing-send-quote",
                width="100%",
            ),
            rx.cond(
                s.sent_message != "",
                rx.callout(
                    s.sent_message, icon="mail_check", color_scheme="green", id="quote-sent"
                ),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
            position="relative",
        ),
        on_submit=s.send_quote,
        reset_on_submit=False,
        width="100%",
        padding_top="0.5rem",
    )


def comparison_table() -> rx.Component:
    header = rx.table.header(
        rx.table.row(
            rx.table.column_header_cell("Compare plans", scope="col"),
            *[
                rx.table.column_header_cell(
                    rx.hstack(
                        rx.text(PLAN_LIMITS[p].name),
                        rx.cond(
                            PricingState.quoted_plan == p.value,
                            rx.badge("Your fit", color_scheme="orange", size="1"),
                            rx.fragment(),
                        ),
                        spacing="2",
                        align="center",
                    ),
                    scope="col",
                    id=f"compare-{p.value.lower()}",
                )
                for p in rules.PLAN_ORDER
            ],
        )
    )

    def cell(text: str) -> rx.Component:
        if text == "Yes":
            return rx.table.cell(
                rx.icon("check", size=18, color="var(--green-11)", aria_label="Included")
            )
        if text == "—":
            return rx.table.cell(rx.text("—", color=tokens.MUTED_TEXT, aria_label="Not included"))
        return rx.table.cell(rx.text(text, size="2"))

    body = rx.table.body(
        *[
            rx.table.row(
                rx.table.row_header_cell(rx.text(row.label, weight="medium", size="2")),
                cell(row.free),
                cell(row.professional),
                cell(row.enterprise),
            )
            for row in rules.comparison()
        ]
    )
    return rx.box(
        rx.table.root(header, body, variant="surface", width="100%", id="comparison"),
        overflow_x="auto",
        width="100%",
    )


@public_page(
    "/pricing",
    "Pricing: Free, Professional $49/month, Enterprise | Konduct",
    "Free for one person, Professional at $49 a month for up to five people, Enterprise with "
    "single sign-on and unlimited seats. Price your team with the calculator.",
    breadcrumb="Pricing",
    priority=0.9,
    on_load=PricingState.open_calculator,
)
def pricing_page() -> rx.Component:
    return site_page(
        breadcrumbs(("Pricing", "/pricing")),
        rx.vstack(
            rx.vstack(
                rx.heading(
                    "Simple pricing for consistent campaigns",
                    as_="h1",
                    size="8",
                    font_family=tokens.HEADING_FONT,
                    text_align="center",
                ),
                rx.text(
                    "Start free. Upgrade when your team grows. Every plan names and tags "
                    "campaigns the same way.",
                    size="4",
                    color=tokens.MUTED_TEXT,
                    text_align="center",
                ),
                billing_toggle(),
                align="center",
                spacing="4",
                width="100%",
            ),
            rx.grid(
                *[plan_card(plan) for plan in rules.PLAN_ORDER],
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="4",
                width="100%",
            ),
            rx.vstack(
                rx.heading("Price your team", as_="h2", size="6", font_family=tokens.HEADING_FONT),
                rx.text(
                    "Tell us how many people and campaigns you have: the calculator picks the "
                    "plan that fits and shows what it costs.",
                    color=tokens.MUTED_TEXT,
                ),
                rx.grid(
                    calculator_inputs(),
                    quote_panel(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="6",
                    width="100%",
                    align_items="start",
                ),
                spacing="3",
                width="100%",
                id="calculator",
            ),
            rx.vstack(
                rx.heading("Every feature", as_="h2", size="6", font_family=tokens.HEADING_FONT),
                comparison_table(),
                spacing="3",
                width="100%",
            ),
            rx.text(
                "Questions about plans? Read the ",
                rx.link("FAQ", href="/resources/faq"),
                " or ",
                rx.link("talk to sales", href="/contact-sales", data_track="pricing-faq-sales"),
                ".",
                color=tokens.MUTED_TEXT,
            ),
            spacing="8",
            width="100%",
        ),
    )
