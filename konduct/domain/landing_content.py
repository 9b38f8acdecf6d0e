"""The words of the landing page, kept as data: the page renders them and the JSON-LD
(FAQPage) is built from the same FAQ, so what Google reads is what visitors read.

Plan numbers come from the plans table, never typed here. Social proof is sample
content until real customers agree to be quoted, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from konduct.domain.catalog import PLATFORMS
from konduct.domain.enums import Plan
from konduct.domain.plans import PLAN_LIMITS

HEADLINE = "Streamline Your Marketing Campaigns with Smart ID Generation"
SUBHEADLINE = "Generate, track, and manage campaign IDs across multiple platforms with ease"

KEY_FEATURES = (
    ("mouse-pointer-click", "One-click campaign ID generation"),
    ("layers", "Multi-platform support"),
    ("crosshair", "Advanced targeting capabilities"),
    ("activity", "Real-time analytics"),
)


@dataclass(frozen=True)
class Benefit:
    icon: str
    title: str
    points: tuple[str, ...]
    figure: str  # the visual: one number that sums it up
    figure_caption: str


BENEFITS = (
    Benefit(
        "timer",
        "Save Time",
        (
            "Automated ID generation: platform, objective, time and fingerprint in one click",
            "Quick campaign setup with a guided wizard and templates",
            "Bulk operations support on Professional: act on many campaigns at once",
        ),
        "1 click",
        "from campaign details to an ID and a tagged link",
    ),
    Benefit(
        "shield-check",
        "Reduce Errors",
        (
            "Consistent ID format: PLT-OBJ-TIMESTAMP-HASH, everywhere",
            "Validation checks on every UTM field, against GA4's channel rules",
            "Duplicate prevention: the same campaign never gets two IDs",
        ),
        "0",
        "links filed as Unassigned in GA4 when the checks pass",
    ),
    Benefit(
        "folder-kanban",
        "Improve Organization",
        (
            "Centralized campaign management for the whole team",
            "Easy search and filtering by ID, platform, objective and date",
            "Campaign history tracking: who changed what, and when",
        ),
        "1 place",
        "for every campaign, link and QR code",
    ),
)


@dataclass(frozen=True)
class Showcase:
    icon: str
    title: str
    text: str
    points: tuple[str, ...]


SHOWCASE = (
    Showcase(
        "list-checks",
        "Campaign management",
        "A tabbed wizard takes a campaign from idea to launch with budget, dates and "
        "audience, and gives it an ID nobody has to invent.",
        ("Draft, active, paused and archived states", "Search a million campaigns in ms"),
    ),
    Showcase(
        "chart-column",
        "Analytics and reporting",
        "Short links count clicks by day and by link; exports in JSON, CSV or GA4's "
        "data-import format join your ad costs to the same ID.",
        ("Clicks per campaign and link", "GA4 cost import keyed on utm_id"),
    ),
    Showcase(
        "users",
        "Team collaboration",
        "Owners, admins, editors and viewers each see and do what their role allows, and "
        "every change lands in the campaign's history.",
        ("Roles and invitations", "Audit log of every change"),
    ),
)

INTEGRATION_BENEFITS = (
    "Source, medium and utm_source_platform proposed per platform",
    "GA4's default channel grouping checked before a link goes out",
    "The same ID in utm_campaign and utm_id, so cost data joins up",
)


def supported_platforms() -> list[tuple[str, str]]:
    """(code, name) of every platform with a known source; 'Other' is shown apart."""
    return [(p.code, p.name) for p in PLATFORMS if p.utm_source]


@dataclass(frozen=True)
class PlanCard:
    plan: Plan
    tagline: str
    features: tuple[str, ...]
    cta: str
    cta_href: str
    cta_track: str
    highlighted: bool = False


def plan_cards() -> tuple[PlanCard, ...]:
    free = PLAN_LIMITS[Plan.FREE]
    pro = PLAN_LIMITS[Plan.PROFESSIONAL]
    free_platforms = " and ".join(p.name for p in PLATFORMS if p.code in (free.platforms or ()))
    return (
        PlanCard(
            Plan.FREE,
            "For one marketer getting campaigns in order.",
            (
                f"Up to {free.campaigns_per_month} campaigns per month",
                "Basic campaign ID generation",
                f"Support for {len(free.platforms or ())} platforms ({free_platforms})",
                "Basic analytics dashboard",
                "Email support",
                "Community forum access",
            ),
            "Start free",
            "/register",
            "pricing-free",
        ),
        PlanCard(
            Plan.PROFESSIONAL,
            "For teams that run campaigns every week.",
            (
                "Unlimited campaigns",
                "All platform support",
                "Advanced targeting options",
                f"Team collaboration (up to {pro.max_members} members)",
                "Priority email support",
                "Advanced analytics",
                "Custom report builder",
                f"API access (limited, {pro.api_requests_per_month:,} requests a month)",
                "Bulk operations",
                "Campaign templates",
                "24/7 email support, monthly usage reports, training webinars",
            ),
            "Start Free Trial",
            "/start-trial",
            "pricing-professional",
            highlighted=True,
        ),
        PlanCard(
            Plan.ENTERPRISE,
            "For organisations with many teams and brands.",
            (
                "All Professional features",
                "Unlimited team members",
                "Custom integrations",
                "Dedicated account manager",
                "SLA guarantees",
                "Advanced security features",
                "Custom API endpoints",
                "White-label options",
                "On-premise deployment",
                "Custom training sessions",
            ),
            "Talk to Sales",
            "/contact-sales",
            "pricing-enterprise",
        ),
    )


def annual_saving_months(plan: Plan) -> int:
    """How many months an annual subscription gives for free (0 when not priced)."""
    limits = PLAN_LIMITS[plan]
    if not limits.monthly_price or limits.annual_price is None:
        return 0
    return int((limits.monthly_price * 12 - limits.annual_price) / limits.monthly_price)


# --- social proof (sample content) ----------------------------------------------

SAMPLE_NOTICE = (
    "Sample content: these quotes, stories, logos and figures show how this section will "
    "look. They are not real customers yet."
)

STATS = (
    ("12,400+", "campaign IDs generated"),
    ("38", "marketing teams"),
    ("7", "ad platforms covered"),
    ("99.9%", "links passing GA4 checks"),
)

TESTIMONIALS = (
    (
        "We stopped arguing about campaign names. The ID tells everyone where it runs and "
        "what it is for.",
        "Alex Rivera",
        "Performance marketing lead, sample retailer",
    ),
    (
        "Our GA4 reports finally line up with ad spend: the cost import just works because "
        "every link carries the same ID.",
        "Priya Natarajan",
        "Marketing analyst, sample SaaS company",
    ),
    (
        "Onboarding a new agency took an afternoon instead of a week of spreadsheet rules.",
        "Jonas Berg",
        "Head of growth, sample travel brand",
    ),
)

CASE_STUDIES = (
    (
        "Sample retailer",
        "Moved 1,200 campaigns from a shared spreadsheet into Konduct in a day, and "
        "cut untagged traffic in GA4 from 18% to under 1%.",
    ),
    (
        "Sample agency",
        "Runs 14 client teams with their own roles and naming rules, and sends each client "
        "a monthly report exported from the same IDs.",
    ),
)

CLIENT_LOGOS = ("Northwind", "Acme Goods", "Blue Harbor", "Lumen Labs", "Fjord Travel")


# --- FAQ: topic, question, answer ------------------------------------------------

FAQ = (
    (
        "Compatibility",
        "Which advertising platforms does Konduct support?",
        "Facebook, Instagram, Google Ads, TikTok, LinkedIn, Twitter/X and YouTube, each with "
        "its own ID code and suggested UTM source and medium; any other platform works as "
        "'Other' with a source you choose. Links are checked against Google Analytics 4's "
        "default channel grouping.",
    ),
    (
        "Pricing",
        "How much does Konduct cost?",
        f"Free costs $0 and covers {PLAN_LIMITS[Plan.FREE].campaigns_per_month} campaigns a "
        f"month. Professional costs ${PLAN_LIMITS[Plan.PROFESSIONAL].monthly_price} a month, "
        f"or ${PLAN_LIMITS[Plan.PROFESSIONAL].annual_price} a year, with unlimited campaigns "
        "and up to 5 team members. Enterprise is priced per contract. You can change or "
        "cancel a plan at any time; downgrading never deletes your campaigns.",
    ),
    (
        "Technical requirements",
        "What do I need to use Konduct?",
        "A current web browser (Chrome, Edge, Firefox or Safari) on a computer or phone. "
        "Nothing to install. Developers can use the REST API with an API key; "
        "an OpenAPI description is published at /openapi.json.",
    ),
    (
        "Security",
        "How does Konduct keep our data safe?",
        "Passwords are hashed with bcrypt, sign-in supports two-factor authentication, "
        "sessions live in HttpOnly cookies with CSRF protection, repeated failed sign-ins "
        "are slowed down, and every team sees only its own campaigns. Traffic is encrypted "
        "with TLS.",
    ),
    (
        "Support",
        "How do I get help?",
        "Every plan includes email support; Professional gets priority and 24/7 email "
        "support, Enterprise a dedicated account manager. The resource center has guides, "
        "and you can book a demo or talk to sales at any time.",
    ),
)


def faq_questions() -> list[tuple[str, str]]:
    return [(question, answer) for _, question, answer in FAQ]
