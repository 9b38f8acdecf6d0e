"""The landing page's sections, top to bottom. Words live in domain/landing_content.py.

Built lean on purpose (the page must score >= 95 in Lighthouse on a phone): native
<details> for the FAQ, plain images with their size and lazy loading, few Radix widgets.
"""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.domain import landing_content as content

HERO_IMAGE = "/images/dashboard-preview"  # .webp in 640 and 1280 widths, .png fallback
HERO_IMAGE_SIZE = (1280, 800)


def cta(
    label: str,
    href: str,
    track: str,
    *,
    variant: str = "solid",
    size: str = "3",
    icon: str | None = None,
    **props,
) -> rx.Component:
    """A link that looks like a button; ``data-track`` names it for click analytics."""
    return rx.button(
        rx.link(
            *([rx.icon(icon, size=18, aria_hidden="true")] if icon else []),
            label,
            href=href,
            underline="none",
            custom_attrs={"data-track": track},
        ),
        as_child=True,
        variant=variant,
        size=size,
        **props,
    )


def section(anchor: str, eyebrow: str, title: str, lead: str, *children, **props) -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.text(
                eyebrow,
                size="2",
                weight="bold",
                color="var(--indigo-11)",
                text_transform="uppercase",
                letter_spacing="0.08em",
            ),
            rx.heading(
                title,
                as_="h2",
                size=rx.breakpoints(initial="7", md="8"),
                font_family=tokens.HEADING_FONT,
                id=f"{anchor}-title",
            ),
            rx.text(lead, size="4", color=tokens.MUTED_TEXT, max_width="44rem"),
            spacing="3",
            align="center",
            text_align="center",
            margin_bottom="2.5rem",
        ),
        *children,
        id=anchor,
        aria_labelledby=f"{anchor}-title",
        padding_y=["3.5rem", "4.5rem"],
        scroll_margin_top="4rem",
        **props,
    )


def icon_tile(icon: str, *, color: str = "indigo") -> rx.Component:
    return rx.center(
        rx.icon(icon, size=20, aria_hidden="true"),
        width="2.5rem",
        height="2.5rem",
        flex_shrink="0",
        border_radius="var(--radius-3)",
        background=f"var(--{color}-3)",
        color=f"var(--{color}-11)",
    )


# --- hero ------------------------------------------------------------------------


HERO_SRCSET = f"{HERO_IMAGE}-640.webp 640w, {HERO_IMAGE}-1280.webp 1280w"
HERO_SIZES = "(min-width: 62em) 36rem, 100vw"


def dashboard_preview() -> rx.Component:
    """The hero image: the largest paint on a phone, so it is preloaded at high priority
    (React 19 hoists the <link> into <head>) rather than found late by the parser."""
    width, height = HERO_IMAGE_SIZE
    return rx.el.picture(
        rx.el.link(
            rel="preload",
            type="image/webp",
            custom_attrs={
                "as": "image",
                "imageSrcSet": HERO_SRCSET,
                "imageSizes": HERO_SIZES,
                "fetchPriority": "high",
            },
        ),
        rx.el.source(type="image/webp", src_set=HERO_SRCSET, sizes=HERO_SIZES),
        rx.el.img(
            src=f"{HERO_IMAGE}-1280.png",
            alt="Konduct's campaign list with eight sample campaigns on Facebook, Google Ads, "
            "LinkedIn, TikTok, YouTube, Instagram and X, each with its campaign ID, objective, "
            "status, budget and creation date, under a search box and filters.",
            width=str(width),
            height=str(height),
            decoding="async",
            custom_attrs={"fetchPriority": "high"},
            style={
                "width": "100%",
                "height": "auto",
                "display": "block",
                "borderRadius": "var(--radius-4)",
                "border": tokens.BORDER,
                "boxShadow": tokens.CARD_SHADOW,
            },
        ),
    )


def hero() -> rx.Component:
    return rx.el.section(
        rx.grid(
            rx.vstack(
                rx.badge(
                    "Campaign IDs, UTM links and QR codes",
                    color_scheme="orange",
                    variant="soft",
                    size="2",
                    high_contrast=True,  # orange-11 on orange-3 is below 4.5:1 at this size
                ),
                rx.heading(
                    content.HEADLINE,
                    as_="h1",
                    size=rx.breakpoints(initial="8", md="9"),
                    font_family=tokens.HEADING_FONT,
                    line_height="1.1",
                ),
                rx.text(content.SUBHEADLINE, size="5", color=tokens.MUTED_TEXT),
                rx.el.ul(
                    *[
                        rx.el.li(
                            rx.icon(icon, size=18, color="var(--indigo-11)", aria_hidden="true"),
                            rx.text(label, size="3", weight="medium", as_="span"),
                            display="flex",
                            align_items="center",
                            gap="0.6rem",
                        )
                        for icon, label in content.KEY_FEATURES
                    ],
                    display="grid",
                    grid_template_columns=["1fr", "1fr 1fr"],
                    gap="0.75rem 1.5rem",
                    list_style="none",
                    padding="0",
                    margin="0.5rem 0",
                    id="key-features",
                ),
                rx.flex(
                    cta("Start Free Trial", "/start-trial", "hero-start-trial", icon="rocket"),
                    cta(
                        "Schedule Demo",
                        "/demo",
                        "hero-schedule-demo",
                        variant="outline",
                        icon="calendar",
                    ),
                    gap="0.75rem",
                    wrap="wrap",
                ),
                rx.text(
                    "The Free plan is free for good. No card needed to start.",
                    size="2",
                    color=tokens.MUTED_TEXT,
                ),
                spacing="4",
                align="start",
            ),
            dashboard_preview(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="8",
            align="center",
        ),
        id="top",
        padding_top=["0.5rem", "1.5rem"],
        padding_bottom="2rem",
    )


# --- value proposition --------------------------------------------------------------


def benefit_card(benefit: content.Benefit, color: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                icon_tile(benefit.icon, color=color),
                rx.heading(benefit.title, as_="h3", size="5"),
                align="center",
                spacing="3",
            ),
            rx.box(
                rx.text(
                    benefit.figure,
                    size="8",
                    weight="bold",
                    font_family=tokens.HEADING_FONT,
                    color=f"var(--{color}-11)",
                    as_="div",
                ),
                rx.text(benefit.figure_caption, size="2", color=tokens.MUTED_TEXT, as_="div"),
                padding="0.75rem 1rem",
                border_radius="var(--radius-3)",
                background=f"var(--{color}-2)",
                width="100%",
            ),
            rx.el.ul(
                *[
                    rx.el.li(
                        rx.icon("check", size=16, color=f"var(--{color}-11)", aria_hidden="true"),
                        rx.text(point, size="2", as_="span"),
                        display="flex",
                        gap="0.5rem",
                        align_items="start",
                    )
                    for point in benefit.points
                ],
                list_style="none",
                padding="0",
                margin="0",
                display="grid",
                gap="0.6rem",
            ),
            spacing="4",
        ),
        size="3",
    )


def value_proposition() -> rx.Component:
    colors = ("indigo", "violet", "orange")
    return section(
        "benefits",
        "Why Konduct",
        "Less busywork, fewer mistakes, one source of truth",
        "Campaign names invented by hand drift apart, and GA4 files mistyped links as "
        "Unassigned. Konduct makes the right way the quick way.",
        rx.grid(
            *[benefit_card(b, c) for b, c in zip(content.BENEFITS, colors, strict=True)],
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="5",
        ),
    )


# --- features showcase ---------------------------------------------------------------


def showcase_card(item: content.Showcase) -> rx.Component:
    return rx.vstack(
        icon_tile(item.icon, color="violet"),
        rx.heading(item.title, as_="h3", size="5"),
        rx.text(item.text, size="3", color=tokens.MUTED_TEXT),
        rx.flex(
            *[
                rx.badge(point, variant="soft", color_scheme="gray", size="2")
                for point in item.points
            ],
            gap="0.4rem",
            wrap="wrap",
        ),
        spacing="3",
        align="start",
    )


def features_intro() -> rx.Component:
    return rx.grid(
        *[showcase_card(item) for item in content.SHOWCASE],
        columns=rx.breakpoints(initial="1", md="3"),
        spacing="6",
        margin_bottom="3rem",
    )


# --- social proof -----------------------------------------------------------------------


def social_proof() -> rx.Component:
    return section(
        "customers",
        "Social proof",
        "Teams that stopped guessing campaign names",
        "What marketers say once every campaign carries an ID everyone can read.",
        rx.callout(
            content.SAMPLE_NOTICE,
            icon="info",
            color_scheme="amber",
            size="1",
            high_contrast=True,
            margin_bottom="2rem",
            id="sample-notice",
        ),
        rx.grid(
            *[
                rx.vstack(
                    rx.text(
                        figure,
                        size="8",
                        weight="bold",
                        font_family=tokens.HEADING_FONT,
                        color="var(--indigo-11)",
                    ),
                    rx.text(label, size="2", color=tokens.MUTED_TEXT),
                    spacing="1",
                    align="center",
                    text_align="center",
                )
                for figure, label in content.STATS
            ],
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="5",
            margin_bottom="2.5rem",
            id="user-stats",
        ),
        rx.grid(
            *[
                rx.card(
                    rx.el.figure(
                        rx.el.blockquote(
                            rx.text(f"“{quote}”", size="3"),
                            margin="0",
                        ),
                        rx.el.figcaption(
                            rx.text(name, weight="bold", size="2", as_="div"),
                            rx.text(role, size="2", color=tokens.MUTED_TEXT, as_="div"),
                            margin_top="1rem",
                        ),
                        margin="0",
                    ),
                    size="3",
                )
                for quote, name, role in content.TESTIMONIALS
            ],
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="5",
            id="testimonials",
        ),
        rx.heading("Case studies", as_="h3", size="5", margin_top="3rem", margin_bottom="1rem"),
        rx.grid(
            *[
                rx.box(
                    rx.text(company, weight="bold", size="3", as_="div"),
                    rx.text(story, size="3", color=tokens.MUTED_TEXT, as_="div"),
                    padding="1.25rem",
                    border=tokens.BORDER,
                    border_radius="var(--radius-4)",
                    border_left="4px solid var(--violet-9)",
                )
                for company, story in content.CASE_STUDIES
            ],
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            id="case-studies",
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.text(
                        name,
                        size="5",
                        weight="bold",
                        font_family=tokens.HEADING_FONT,
                        color=tokens.MUTED_TEXT,
                        letter_spacing="-0.02em",
                    )
                )
                for name in content.CLIENT_LOGOS
            ],
            aria_label="Client logos (sample)",
            display="flex",
            flex_wrap="wrap",
            justify_content="center",
            gap="1.5rem 3rem",
            list_style="none",
            padding="0",
            margin="3rem 0 0",
            id="client-logos",
        ),
    )


# --- FAQ -----------------------------------------------------------------------------------


def faq() -> rx.Component:
    return section(
        "faq",
        "FAQ",
        "Questions teams ask before they start",
        "Compatibility, pricing, what you need, how your data is kept safe, and where to get help.",
        rx.box(
            *[
                rx.el.details(
                    rx.el.summary(
                        rx.text(topic, size="1", weight="bold", color="var(--indigo-11)"),
                        rx.text(question, size="4", weight="medium", as_="span"),
                        class_name="faq-question",
                    ),
                    rx.text(answer, size="3", color=tokens.MUTED_TEXT, class_name="faq-answer"),
                    class_name="faq-item",
                )
                for topic, question, answer in content.FAQ
            ],
            max_width="48rem",
            margin_x="auto",
            id="faq-list",
        ),
    )


# --- final call to action ------------------------------------------------------------------


def final_cta() -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading(
                "Start Your Free Trial",
                as_="h2",
                size=rx.breakpoints(initial="7", md="8"),
                font_family=tokens.HEADING_FONT,
                id="get-started-title",
            ),
            rx.text(
                "Try Professional with your own campaigns, then stay on it or keep the Free "
                "plan. Prefer a walk-through first? Book a demo or talk to our sales team.",
                size="4",
                max_width="40rem",
            ),
            rx.flex(
                cta(
                    "Start Your Free Trial",
                    "/start-trial",
                    "final-start-trial",
                    icon="rocket",
                    class_name="cta-light",
                ),
                cta("Schedule Demo", "/demo", "final-schedule-demo", class_name="cta-outline"),
                cta(
                    "Talk to Sales",
                    "/contact-sales",
                    "final-talk-to-sales",
                    class_name="cta-outline",
                    icon="message-circle",
                ),
                gap="0.75rem",
                wrap="wrap",
                justify="center",
            ),
            spacing="4",
            align="center",
            text_align="center",
        ),
        id="get-started",
        aria_labelledby="get-started-title",
        class_name="final-cta",
        padding=["2.5rem 1.25rem", "4rem 2rem"],
        border_radius="var(--radius-5)",
        margin_y="3rem",
    )
