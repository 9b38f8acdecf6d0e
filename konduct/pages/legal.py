"""Terms of service and privacy policy: plain words about what Konduct does with data."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.layout import site_page
from konduct.components.seo import breadcrumbs, public_page

UPDATED = "1 December 2026"

TERMS = (
    (
        "The service",
        "Konduct generates campaign IDs and tracking links and stores the campaigns, links and "
        "click counts of your team. These terms apply to everyone with a Konduct account.",
    ),
    (
        "Your account",
        "Keep your password to yourself and turn on two-factor authentication. You are "
        "responsible for what happens under your account and your API keys; tell us at once "
        "if you think someone else used them.",
    ),
    (
        "Your data",
        "Campaigns, links and reports you create belong to your team. You can export them at "
        "any time. We do not sell them, and we use them only to run the service for you.",
    ),
    (
        "Acceptable use",
        "Do not use Konduct to tag links to malware, phishing or anything illegal, and do not "
        "try to break or overload the service. Short links that point to such pages are "
        "switched off.",
    ),
    (
        "Plans and payment",
        "The Free plan costs nothing. Paid plans are billed monthly or yearly in advance and "
        "renew until you cancel; cancelling stops the next renewal. Downgrading never deletes "
        "your campaigns: what is over the new plan's limits stays readable.",
    ),
    (
        "Availability and liability",
        "We work to keep Konduct available and your data safe, but the service is provided as "
        "is. Enterprise contracts may add service-level guarantees. Our liability is limited "
        "to what you paid us in the last twelve months.",
    ),
    (
        "Ending",
        "You can close your account at any time. We may suspend accounts that break these "
        "terms, after telling you why when the law allows.",
    ),
)

PRIVACY = (
    (
        "What we collect",
        "Your name, email address and password (stored only as a bcrypt hash), your team and "
        "its campaigns, and the sign-in sessions of your devices (browser and approximate "
        "place, so you can recognise them).",
    ),
    (
        "Visitors of the site",
        "We count page views and clicks on our own site without third parties. Google "
        "Analytics is loaded only if you accept cookies in the banner.",
    ),
    (
        "Clicks on short links",
        "When someone follows a Konduct short link, we count the click by day and link. We do "
        "not build profiles of the people who click.",
    ),
    (
        "Why we use it",
        "To run the service, to keep accounts secure (for example, to slow down repeated "
        "failed sign-ins), to send the mails you asked for, and to bill paid plans.",
    ),
    (
        "Who we share it with",
        "Only the processors needed to run Konduct: our hosting, our mail provider and, for "
        "paid plans, Stripe for payments. Each is bound to use the data only for us.",
    ),
    (
        "How long we keep it",
        "As long as your account exists. Expired sessions and one-time links are deleted; "
        "when you close your account, your data is deleted within 30 days, except invoices "
        "we must keep by law.",
    ),
    (
        "Your rights",
        "You can see, correct, export and delete your data. Write to the support address in "
        "the footer and we answer within 30 days.",
    ),
)


def legal_document(title: str, intro: str, items: tuple[tuple[str, str], ...]) -> rx.Component:
    return rx.el.article(
        rx.heading(title, as_="h1", size="8", font_family=tokens.HEADING_FONT),
        rx.text(f"Last updated {UPDATED}", size="2", color=tokens.MUTED_TEXT, margin_y="0.75rem"),
        rx.text(intro, size="4", color=tokens.MUTED_TEXT, margin_bottom="1.5rem"),
        *[
            rx.el.section(
                rx.heading(f"{i}. {heading}", as_="h2", size="5", margin_bottom="0.5rem"),
                rx.text(text, size="3", line_height="1.7"),
                margin_bottom="1.5rem",
            )
            for i, (heading, text) in enumerate(items, start=1)
        ],
        max_width="46rem",
    )


@public_page(
    "/terms",
    "Terms of service | Konduct",
    "The terms for using Konduct: your account, your data, plans and payment.",
    breadcrumb="Terms of service",
    priority=0.3,
)
def terms() -> rx.Component:
    return site_page(
        breadcrumbs(("Terms of service", "/terms")),
        legal_document(
            "Terms of service",
            "The rules for using Konduct, in plain words.",
            TERMS,
        ),
    )


@public_page(
    "/privacy",
    "Privacy policy | Konduct",
    "What personal data Konduct collects, why, who it is shared with and how long it is kept.",
    breadcrumb="Privacy policy",
    priority=0.3,
)
def privacy() -> rx.Component:
    return site_page(
        breadcrumbs(("Privacy policy", "/privacy")),
        legal_document(
            "Privacy policy",
            "What Konduct knows about you and your team, and what it does with it.",
            PRIVACY,
        ),
    )
