"""The landing page's interactive parts: the live demo (the real generator and link
builder), the platform compatibility checker, and the pricing section with its toggle."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.id_generator import empty_result, generated_id, generator_form
from konduct.components.landing import (
    button_link,
    check_list,
    features_intro,
    integration_overview,
    section,
    static_section,
)
from konduct.components.static_html import Html, h, icon, join, static
from konduct.components.utm_builder import utm_form, utm_preview
from konduct.domain import landing_content as content
from konduct.domain.catalog import PLATFORMS
from konduct.domain.compatibility import NEEDS
from konduct.domain.enums import Plan
from konduct.domain.plans import PLAN_LIMITS
from konduct.state.id_generator import IdGeneratorState
from konduct.state.landing import CompatibilityState

# --- features showcase with the live demo ---------------------------------------------------


def live_demo() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(
                    "Live demo", color_scheme="green", variant="soft", size="2", high_contrast=True
                ),
                rx.text(
                    "This is the real generator: the ID and link below are made by Konduct itself.",
                    size="2",
                    color=tokens.MUTED_TEXT,
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            rx.grid(
                generator_form(native=True),
                rx.cond(IdGeneratorState.campaign_id != "", generated_id(), empty_result()),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="6",
                width="100%",
            ),
            rx.cond(
                IdGeneratorState.campaign_id != "",
                rx.vstack(
                    rx.separator(size="4"),
                    rx.heading("Now tag a landing page with it", as_="h3", size="4"),
                    rx.grid(
                        utm_form(),
                        utm_preview(),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="6",
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                    id="demo-link-builder",
                ),
                rx.fragment(),
            ),
            spacing="5",
            width="100%",
        ),
        size="3",
        box_shadow=tokens.CARD_SHADOW,
        id="demo",
    )


def features_showcase() -> rx.Component:
    return section(
        "features",
        "Features",
        "Everything a campaign needs, from its name to its report",
        "Campaign management, analytics and team collaboration in one place. Try the core of "
        "it right here: pick a platform and an objective, generate an ID, tag a link.",
        features_intro(),
        live_demo(),
    )


# --- platform integrations and the compatibility checker -------------------------------------


def pick(label: str, checked, on_change, box_id: str) -> rx.Component:
    # A native checkbox: 18 of them, and the page hydrates faster without Radix's.
    return rx.el.label(
        rx.el.input(type="checkbox", checked=checked, on_change=on_change, id=box_id),
        rx.el.span(label),
        class_name="pick",
        html_for=box_id,
    )


def compatibility_form() -> rx.Component:
    s = CompatibilityState
    return rx.vstack(
        rx.el.fieldset(
            rx.el.legend(rx.text("Your platforms", weight="bold", size="3")),
            rx.grid(
                *[
                    pick(
                        p.name,
                        s.platforms.contains(p.code),
                        lambda on, code=p.code: s.toggle_platform(code, on),
                        f"compat-platform-{p.code.lower()}",
                    )
                    for p in PLATFORMS
                ],
                columns="2",
                spacing="2",
                margin_top="0.5rem",
            ),
            class_name="plain-fieldset",
        ),
        rx.el.fieldset(
            rx.el.legend(rx.text("What you need", weight="bold", size="3")),
            rx.vstack(
                *[
                    pick(
                        info.label,
                        s.needs.contains(info.need.value),
                        lambda on, need=info.need.value: s.toggle_need(need, on),
                        f"compat-need-{info.need.value}",
                    )
                    for info in NEEDS
                ],
                spacing="2",
                margin_top="0.5rem",
            ),
            class_name="plain-fieldset",
        ),
        rx.button(
            rx.icon("circle-check", size=18, aria_hidden="true"),
            "Check compatibility",
            on_click=s.check,
            size="3",
            id="compat-check",
            custom_attrs={"data-track": "compatibility-check"},
        ),
        spacing="5",
        width="100%",
    )


def compatibility_report() -> rx.Component:
    s = CompatibilityState
    report = rx.vstack(
        rx.hstack(
            rx.text("Recommended plan", size="2", color=tokens.MUTED_TEXT),
            rx.badge(s.plan_name, size="3", color_scheme="indigo", id="compat-plan"),
            align="center",
            spacing="2",
        ),
        # A plain table in a scroll box that keyboards can reach (it scrolls on a phone).
        rx.el.div(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        *[
                            rx.el.th(h, scope="col")
                            for h in ("Platform", "utm_source / medium", "GA4 channel", "Plan")
                        ]
                    )
                ),
                rx.el.tbody(
                    rx.foreach(
                        s.platform_rows,
                        lambda row: rx.el.tr(
                            rx.el.td(rx.el.strong(row["name"]), " ", row["code"]),
                            rx.el.td(rx.el.code(row["source"]), " / ", rx.el.code(row["medium"])),
                            rx.el.td(row["channel"]),
                            rx.el.td(row["plan"]),
                        ),
                    )
                ),
                id="compat-platforms",
                class_name="lp-table",
            ),
            tab_index=0,
            role="region",
            aria_label="Platforms in the report",
            class_name="lp-table-scroll",
        ),
        rx.el.ul(
            rx.foreach(
                s.need_rows,
                lambda row: rx.el.li(
                    rx.text(row["label"], weight="bold", as_="span"),
                    f" ({row['plan']} and up): ",
                    row["how"],
                ),
            ),
            class_name="plain-list",
        ),
        rx.heading("Next steps", as_="h4", size="3"),
        rx.el.ol(
            rx.foreach(
                s.next_steps,
                lambda step: rx.el.li(
                    step["text"],
                    rx.cond(
                        step["href"] != "",
                        rx.fragment(
                            " ", rx.link(step["href"], href=step["href"], underline="always")
                        ),
                        rx.fragment(),
                    ),
                ),
            ),
            id="compat-next-steps",
        ),
        rx.flex(
            rx.text("Download the report:", size="2", color=tokens.MUTED_TEXT),
            *[
                rx.button(
                    rx.icon("download", size=16, aria_hidden="true"),
                    label,
                    on_click=s.download(fmt),
                    variant="soft",
                    size="2",
                    id=f"compat-download-{fmt}",
                )
                for fmt, label in (("md", "Markdown"), ("txt", "Text"), ("csv", "CSV"))
            ],
            gap="0.5rem",
            wrap="wrap",
            align="center",
        ),
        spacing="4",
        width="100%",
        id="compat-report",
    )
    placeholder = rx.vstack(
        rx.icon("plug-zap", size=28, color="var(--violet-11)", aria_hidden="true"),
        rx.text(
            "Pick your platforms and what you need, then press Check compatibility: you get "
            "the settings Konduct uses for each platform, the plan that covers it all, and "
            "what to do next.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        align="center",
        text_align="center",
        justify="center",
        spacing="3",
        padding="2rem",
        border="1px dashed var(--gray-a7)",
        border_radius="var(--radius-4)",
        height="100%",
    )
    return rx.box(
        rx.cond(s.checked, report, placeholder),
        rx.cond(
            s.error != "",
            rx.callout(s.error, icon="triangle_alert", color_scheme="red", role="alert"),
            rx.fragment(),
        ),
        aria_live="polite",
        width="100%",
    )


def integrations() -> rx.Component:
    return section(
        "integrations",
        "Platform integration",
        "Works with the platforms you already buy ads on",
        "Each platform has its own ID code and the UTM source, medium and "
        "utm_source_platform GA4 expects.",
        integration_overview(),
        rx.card(
            rx.heading(
                "Platform compatibility checker", as_="h3", size="5", margin_bottom="1.25rem"
            ),
            rx.grid(
                compatibility_form(),
                compatibility_report(),
                columns=rx.breakpoints(initial="1", md="5fr 7fr"),
                spacing="6",
            ),
            size="3",
            id="compatibility-checker",
        ),
    )


# --- pricing ------------------------------------------------------------------------------


def both_cycles(monthly: str, annual: str) -> Html:
    """Both texts in the page; CSS shows the one the billing toggle picks (no script)."""
    return join(
        h("span", monthly, class_="lp-when-monthly"), h("span", annual, class_="lp-when-annual")
    )


def price_tag(plan: Plan) -> Html:
    limits = PLAN_LIMITS[plan]
    if limits.monthly_price is None:
        return h("p", h("span", "Custom", class_="lp-price"), class_="lp-price-line")
    return h(
        "p",
        both_cycles(f"${limits.monthly_price:,.0f}", f"${limits.annual_price:,.0f}"),
        " ",
        h("span", both_cycles("/month", "/year"), class_="lp-muted lp-small"),
        class_="lp-price-line lp-price",
    )


def plan_card(card: content.PlanCard) -> Html:
    limits = PLAN_LIMITS[card.plan]
    months = content.annual_saving_months(card.plan)
    if limits.monthly_price is None:
        billing = h("span", "Priced per contract, billed yearly")
    elif months:
        billing = both_cycles(
            "Billed monthly, cancel any time", f"Billed yearly: {months} months free"
        )
    else:
        billing = h("span", "Always free")
    return h(
        "article",
        h(
            "div",
            h("h3", limits.name, class_="lp-h3"),
            h("span", "Most popular", class_="lp-popular") if card.highlighted else "",
            class_="lp-plan-head",
        ),
        h("p", card.tagline, class_="lp-muted lp-small"),
        h("div", price_tag(card.plan), id=f"price-{card.plan.value.lower()}"),
        h("p", billing, class_="lp-muted lp-tiny"),
        button_link(
            card.cta,
            card.cta_href,
            card.cta_track,
            kind="solid" if card.highlighted else "outline",
        ),
        check_list(card.features, "green"),
        id=f"plan-{card.plan.value.lower()}",
        class_="lp-card lp-plan" + (" lp-plan-highlighted" if card.highlighted else ""),
    )


def billing_toggle() -> Html:
    months = content.annual_saving_months(Plan.PROFESSIONAL)
    options = (("monthly", "Monthly"), ("annual", f"Annual ({months} months free)"))
    return h(
        "fieldset",
        h("legend", "Billing cycle", class_="sr-only"),
        *[
            join(
                h(
                    "input",
                    type="radio",
                    name="billing-cycle",
                    id=f"cycle-{value}",
                    value=value,
                    checked=value == "monthly",
                ),
                h("label", label, html_for=f"cycle-{value}"),
            )
            for value, label in options
        ],
        id="billing-cycle",
        class_="lp-cycle",
    )


def pricing() -> rx.Component:
    """All static: the monthly/annual toggle is two radio buttons and a CSS rule."""
    return static(
        static_section(
            "pricing",
            "Pricing",
            "Start free, grow into a team plan",
            "Every plan generates the same IDs and checked links. Pay for more campaigns, "
            "more platforms and more people.",
            h("div", billing_toggle(), class_="lp-center lp-cycle-row"),
            h(
                "div",
                *[plan_card(card) for card in content.plan_cards()],
                class_="lp-grid lp-grid-3 lp-plans",
            ),
            h(
                "p",
                h(
                    "a",
                    "Compare plans in detail and estimate your price with the calculator",
                    icon("arrow-right", 16),
                    href="/pricing",
                    data_track="pricing-calculator",
                    class_="lp-link",
                ),
                class_="lp-center lp-after-plans",
            ),
        )
    )
