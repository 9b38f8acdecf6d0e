"""The landing page's sections, top to bottom. Words live in domain/landing_content.py.

Built lean on purpose (the page must score >= 95 in Lighthouse on a phone): what never
changes is static HTML that React does not hydrate (components/static_html.py), styled
by assets/styles/landing.css; the FAQ is native <details>; the hero image is sized,
preloaded and served as WebP. Interactive parts live in landing_tools.py.
"""

from __future__ import annotations

import reflex as rx

from konduct.components.static_html import Html, h, icon, join, static
from konduct.domain import landing_content as content

HERO_IMAGE = "/images/dashboard-preview"  # .webp in 640 and 1280 widths, .png fallback
HERO_IMAGE_SIZE = (1280, 800)
HERO_SRCSET = f"{HERO_IMAGE}-640.webp 640w, {HERO_IMAGE}-1280.webp 1280w"
HERO_SIZES = "(min-width: 62em) 36rem, 100vw"
HERO_ALT = (
    "Konduct's campaign list with eight sample campaigns on Facebook, Google Ads, LinkedIn, "
    "TikTok, YouTube, Instagram and X, each with its campaign ID, objective, status, budget "
    "and creation date, under a search box and filters."
)


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
    """A link that looks like a button (Reflex); ``data-track`` names it for click analytics."""
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


def button_link(
    label: str, href: str, track: str, *, kind: str = "solid", icon_name: str | None = None
) -> Html:
    """The static twin of ``cta``: a plain link styled as a button."""
    return h(
        "a",
        *([icon(icon_name, 18)] if icon_name else []),
        label,
        href=href,
        class_=f"lp-btn lp-btn-{kind}",
        data_track=track,
    )


def section_header(anchor: str, eyebrow: str, title: str, lead: str) -> Html:
    return h(
        "div",
        h("p", eyebrow, class_="lp-eyebrow"),
        h("h2", title, id=f"{anchor}-title", class_="lp-h2"),
        h("p", lead, class_="lp-lead"),
        class_="lp-section-header",
    )


def section(anchor: str, eyebrow: str, title: str, lead: str, *children) -> rx.Component:
    """A section with a static header and interactive (Reflex) content below it."""
    return rx.el.section(
        static(section_header(anchor, eyebrow, title, lead)),
        *children,
        id=anchor,
        aria_labelledby=f"{anchor}-title",
        class_name="lp-section",
    )


def static_section(anchor: str, eyebrow: str, title: str, lead: str, *body: str) -> Html:
    return h(
        "section",
        section_header(anchor, eyebrow, title, lead),
        *body,
        id=anchor,
        aria_labelledby=f"{anchor}-title",
        class_="lp-section",
    )


def tile(icon_name: str, color: str = "indigo") -> Html:
    return h("span", icon(icon_name), class_=f"lp-tile lp-{color}")


def check_list(points, color: str = "indigo") -> Html:
    return h(
        "ul",
        *[h("li", icon("check", 16, f"lp-icon lp-{color}-text"), h("span", p)) for p in points],
        class_="lp-checks",
    )


# --- hero ------------------------------------------------------------------------


def hero_preload() -> rx.Component:
    """The hero image is the largest paint on a phone: preloaded at high priority
    (React 19 hoists this <link> into <head>) rather than found late by the parser."""
    return rx.el.link(
        rel="preload",
        type="image/webp",
        custom_attrs={
            "as": "image",
            "imageSrcSet": HERO_SRCSET,
            "imageSizes": HERO_SIZES,
            "fetchPriority": "high",
        },
    )


def hero() -> rx.Component:
    width, height = HERO_IMAGE_SIZE
    text = h(
        "div",
        h("span", "Campaign IDs, UTM links and QR codes", class_="lp-badge"),
        h("h1", content.HEADLINE, class_="lp-h1"),
        h("p", content.SUBHEADLINE, class_="lp-subheadline"),
        h(
            "ul",
            *[
                h("li", icon(name, 18, "lp-icon lp-indigo-text"), h("span", label))
                for name, label in content.KEY_FEATURES
            ],
            id="key-features",
            class_="lp-key-features",
        ),
        h(
            "div",
            button_link("Start Free Trial", "/start-trial", "hero-start-trial", icon_name="rocket"),
            button_link(
                "Schedule Demo",
                "/demo",
                "hero-schedule-demo",
                kind="outline",
                icon_name="calendar",
            ),
            class_="lp-actions",
        ),
        h("p", "The Free plan is free for good. No card needed to start.", class_="lp-note"),
        class_="lp-hero-text",
    )
    picture = h(
        "picture",
        h("source", type="image/webp", srcset=HERO_SRCSET, sizes=HERO_SIZES),
        h(
            "img",
            src=f"{HERO_IMAGE}-1280.png",
            alt=HERO_ALT,
            width=width,
            height=height,
            decoding="async",
            fetchpriority="high",
            class_="lp-hero-image",
        ),
    )
    return rx.fragment(
        hero_preload(),
        static(h("section", text, picture, id="top", class_="lp-hero")),
    )


# --- value proposition --------------------------------------------------------------


def value_proposition() -> rx.Component:
    colors = ("indigo", "violet", "orange")
    cards = [
        h(
            "article",
            h("div", tile(b.icon, c), h("h3", b.title, class_="lp-h3"), class_="lp-card-head"),
            h(
                "div",
                h("div", b.figure, class_=f"lp-figure lp-{c}-text"),
                h("div", b.figure_caption, class_="lp-muted lp-small"),
                class_=f"lp-figure-box lp-{c}-soft",
            ),
            check_list(b.points, c),
            class_="lp-card",
        )
        for b, c in zip(content.BENEFITS, colors, strict=True)
    ]
    return static(
        static_section(
            "benefits",
            "Why Konduct",
            "Less busywork, fewer mistakes, one source of truth",
            "Campaign names invented by hand drift apart, and GA4 files mistyped links as "
            "Unassigned. Konduct makes the right way the quick way.",
            h("div", *cards, class_="lp-grid lp-grid-3"),
        )
    )


# --- features showcase (its live demo is in landing_tools) ---------------------------


def features_intro() -> rx.Component:
    cards = [
        h(
            "article",
            tile(item.icon, "violet"),
            h("h3", item.title, class_="lp-h3"),
            h("p", item.text, class_="lp-muted"),
            h("div", *[h("span", p, class_="lp-chip") for p in item.points], class_="lp-chips"),
            class_="lp-feature",
        )
        for item in content.SHOWCASE
    ]
    return static(h("div", *cards, class_="lp-grid lp-grid-3 lp-features"))


# --- social proof -----------------------------------------------------------------------


def social_proof() -> rx.Component:
    stats = h(
        "dl",
        *[
            h("div", h("dt", label, class_="lp-muted lp-small"), h("dd", figure, class_="lp-stat"))
            for figure, label in content.STATS
        ],
        id="user-stats",
        class_="lp-stats",
    )
    quotes = h(
        "div",
        *[
            h(
                "figure",
                h("blockquote", h("p", f"“{quote}”")),
                h("figcaption", h("strong", name), h("span", role, class_="lp-muted lp-small")),
                class_="lp-card lp-quote",
            )
            for quote, name, role in content.TESTIMONIALS
        ],
        id="testimonials",
        class_="lp-grid lp-grid-3",
    )
    cases = h(
        "div",
        *[
            h("article", h("h4", company), h("p", story, class_="lp-muted"), class_="lp-case")
            for company, story in content.CASE_STUDIES
        ],
        id="case-studies",
        class_="lp-grid lp-grid-2",
    )
    logos = h(
        "ul",
        *[h("li", name) for name in content.CLIENT_LOGOS],
        id="client-logos",
        class_="lp-logos",
        aria_label="Client logos (sample)",
    )
    notice = h(
        "p",
        icon("info", 16),
        h("span", content.SAMPLE_NOTICE),
        id="sample-notice",
        role="note",
        class_="lp-notice",
    )
    return static(
        static_section(
            "customers",
            "Social proof",
            "Teams that stopped guessing campaign names",
            "What marketers say once every campaign carries an ID everyone can read.",
            notice,
            stats,
            quotes,
            h("h3", "Case studies", class_="lp-h3 lp-spaced"),
            cases,
            logos,
        )
    )


# --- FAQ -----------------------------------------------------------------------------------


def faq() -> rx.Component:
    items = [
        h(
            "details",
            h(
                "summary",
                h("span", topic, class_="lp-faq-topic"),
                h("span", question, class_="lp-faq-q"),
                class_="faq-question",
            ),
            h("p", answer, class_="faq-answer"),
            class_="faq-item",
        )
        for topic, question, answer in content.FAQ
    ]
    return static(
        static_section(
            "faq",
            "FAQ",
            "Questions teams ask before they start",
            "Compatibility, pricing, what you need, how your data is kept safe, and where to "
            "get help.",
            h("div", *items, id="faq-list", class_="lp-faq"),
        )
    )


# --- final call to action ------------------------------------------------------------------


def final_cta() -> rx.Component:
    return static(
        h(
            "section",
            h("h2", "Start Your Free Trial", id="get-started-title", class_="lp-h2"),
            h(
                "p",
                "Try Professional with your own campaigns, then stay on it or keep the Free "
                "plan. Prefer a walk-through first? Book a demo or talk to our sales team.",
                class_="lp-lead",
            ),
            h(
                "div",
                button_link(
                    "Start Your Free Trial",
                    "/start-trial",
                    "final-start-trial",
                    kind="light",
                    icon_name="rocket",
                ),
                button_link("Schedule Demo", "/demo", "final-schedule-demo", kind="ghost"),
                button_link(
                    "Talk to Sales",
                    "/contact-sales",
                    "final-talk-to-sales",
                    kind="ghost",
                    icon_name="message-circle",
                ),
                class_="lp-actions lp-center",
            ),
            id="get-started",
            aria_labelledby="get-started-title",
            class_="final-cta",
        )
    )


def integration_overview() -> rx.Component:
    chips = h(
        "ul",
        *[
            h("li", h("code", code), h("span", name), class_="lp-platform")
            for code, name in content.supported_platforms()
        ],
        id="supported-platforms",
        class_="lp-platforms",
    )
    benefits = h(
        "ul",
        *[h("li", tile("check", "green"), h("span", b)) for b in content.INTEGRATION_BENEFITS],
        class_="lp-grid lp-grid-3 lp-benefits",
    )
    return static(
        join(
            chips,
            h(
                "p",
                "Anything else works as Other (OTH), with the source your team picks.",
                class_="lp-muted lp-small lp-center",
            ),
            benefits,
        )
    )
