"""The landing page's interactive parts: the live demo (the real generator and link
builder), the platform compatibility checker, and the pricing section with its toggle."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.id_generator import empty_result, generated_id, generator_form
from konduct.components.landing import (
    cta,
    features_intro,
    integration_overview,
    plan_feature_list,
    section,
)
from konduct.components.utm_builder import utm_form, utm_preview
from konduct.domain import landing_content as content
from konduct.domain.catalog import PLATFORMS
from konduct.domain.compatibility import NEEDS
from konduct.domain.enums import Plan
from konduct.domain.plans import PLAN_LIMITS
from konduct.state.id_generator import IdGeneratorState
from konduct.state.landing import CompatibilityState, PricingToggleState

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
                generator_form(),
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
        rx.text(label, size="2", as_="span"),
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
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(h)
                            for h in ("Platform", "utm_source / medium", "GA4 channel", "Plan")
                        ]
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        s.platform_rows,
                        lambda row: rx.table.row(
                            rx.table.cell(rx.text(row["name"], weight="medium"), " ", row["code"]),
                            rx.table.cell(rx.code(row["source"]), " / ", rx.code(row["medium"])),
                            rx.table.cell(row["channel"]),
                            rx.table.cell(row["plan"]),
                        ),
                    )
                ),
                size="1",
                variant="surface",
                id="compat-platforms",
            ),
            overflow_x="auto",
            width="100%",
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
                        rx.fragment(" ", rx.link(step["href"], href=step["href"])),
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


def price_tag(plan: Plan) -> rx.Component:
    limits = PLAN_LIMITS[plan]
    if limits.monthly_price is None:
        return rx.text("Custom", size="8", weight="bold", font_family=tokens.HEADING_FONT)

    def amount(value, unit: str) -> rx.Component:
        return rx.hstack(
            rx.text(f"${value:,.0f}", size="8", weight="bold", font_family=tokens.HEADING_FONT),
            rx.text(unit, size="2", color=tokens.MUTED_TEXT),
            align="baseline",
            spacing="1",
        )

    return rx.cond(
        PricingToggleState.cycle == "annual",
        amount(limits.annual_price, "/year"),
        amount(limits.monthly_price, "/month"),
    )


def plan_card(card: content.PlanCard) -> rx.Component:
    limits = PLAN_LIMITS[card.plan]
    months = content.annual_saving_months(card.plan)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(limits.name, as_="h3", size="5"),
                rx.cond(
                    card.highlighted,
                    rx.badge("Most popular", color_scheme="indigo", variant="solid"),
                    rx.fragment(),
                ),
                justify="between",
                align="center",
                width="100%",
            ),
            rx.text(card.tagline, size="2", color=tokens.MUTED_TEXT),
            rx.box(price_tag(card.plan), id=f"price-{card.plan.value.lower()}"),
            rx.text(
                rx.cond(
                    PricingToggleState.cycle == "annual",
                    f"Billed yearly: {months} months free" if months else "Always free",
                    "Billed monthly, cancel any time" if months else "Always free",
                )
                if limits.monthly_price is not None
                else "Priced per contract, billed yearly",
                size="1",
                color=tokens.MUTED_TEXT,
            ),
            cta(
                card.cta,
                card.cta_href,
                card.cta_track,
                variant="solid" if card.highlighted else "outline",
                width="100%",
            ),
            plan_feature_list(card.features),
            spacing="4",
        ),
        size="3",
        border=f"2px solid {'var(--indigo-9)' if card.highlighted else 'transparent'}",
        id=f"plan-{card.plan.value.lower()}",
    )


def pricing() -> rx.Component:
    return section(
        "pricing",
        "Pricing",
        "Start free, grow into a team plan",
        "Every plan generates the same IDs and checked links. Pay for more campaigns, more "
        "platforms and more people.",
        rx.center(
            rx.segmented_control.root(
                rx.segmented_control.item("Monthly", value="monthly"),
                rx.segmented_control.item(
                    f"Annual ({content.annual_saving_months(Plan.PROFESSIONAL)} months free)",
                    value="annual",
                ),
                value=PricingToggleState.cycle,
                on_change=PricingToggleState.set_cycle,
                aria_label="Billing cycle",
                id="billing-cycle",
                size="2",
            ),
            margin_bottom="2rem",
        ),
        rx.grid(
            *[plan_card(card) for card in content.plan_cards()],
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="5",
            align="start",
        ),
        rx.center(
            rx.link(
                "Compare plans in detail and estimate your price with the calculator",
                rx.icon("arrow-right", size=16, aria_hidden="true"),
                href="/pricing",
                custom_attrs={"data-track": "pricing-calculator"},
                display="inline-flex",
                align_items="center",
                gap="0.35rem",
                weight="medium",
                underline="always",
            ),
            margin_top="2rem",
        ),
    )
