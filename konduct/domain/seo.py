"""What search engines are told about the public site: the registry of public pages,
``/sitemap.xml``, ``/robots.txt`` and the JSON-LD documents.

One source of truth: a page enters ``PUBLIC_PAGES`` through ``public_page`` (components/seo.py)
and from there reaches the sitemap. Reflex's own SitemapPlugin is switched off (rxconfig.py):
it lists every route it finds, sign-in pages and the dev outbox included.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from konduct.domain.enums import Plan
from konduct.domain.plans import PLAN_LIMITS

SITE_NAME = "Konduct"
SITE_TAGLINE = "Campaign IDs and tracking links your whole team can trust."


@dataclass(frozen=True)
class PublicPage:
    route: str
    title: str
    description: str
    breadcrumb: str  # the page's name in breadcrumbs and the sitemap
    priority: float = 0.5


# Filled as page modules are imported; /sitemap.xml lists exactly these.
PUBLIC_PAGES: dict[str, PublicPage] = {}

# Signed-in and personal pages: never crawled, whatever links point at them.
DISALLOWED_PREFIXES = (
    "/campaigns",
    "/dashboard",
    "/settings",
    "/admin",
    "/onboarding",
    "/dev/",
    "/api/",
    "/r/",
    "/verify-email",
    "/reset-password",
)


# What a search result shows of a page's description, and the least worth showing.
DESCRIPTION_LENGTH = range(50, 171)


def register(page: PublicPage) -> PublicPage:
    if page.route.startswith(DISALLOWED_PREFIXES):
        raise ValueError(f"{page.route} is an app page; it cannot be public")
    if len(page.description) not in DESCRIPTION_LENGTH:
        raise ValueError(
            f"{page.route}: a description of {len(page.description)} characters; search "
            f"results show {DESCRIPTION_LENGTH.start}-{DESCRIPTION_LENGTH.stop - 1}"
        )
    PUBLIC_PAGES[page.route] = page
    return page


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def sitemap_xml(base_url: str, pages: dict[str, PublicPage] | None = None) -> str:
    pages = PUBLIC_PAGES if pages is None else pages
    entries = "".join(
        f"  <url>\n    <loc>{escape(absolute(base_url, page.route))}</loc>\n"
        f"    <priority>{page.priority:.1f}</priority>\n  </url>\n"
        for page in sorted(pages.values(), key=lambda p: (-p.priority, p.route))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def robots_txt(base_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in DISALLOWED_PREFIXES]
    lines += ["", f"Sitemap: {absolute(base_url, '/sitemap.xml')}"]
    return "\n".join(lines) + "\n"


# --- JSON-LD (schema.org) ------------------------------------------------------


def organization_ld(base_url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": SITE_NAME,
        "url": absolute(base_url, "/"),
        "logo": absolute(base_url, "/logo.svg"),
        "description": SITE_TAGLINE,
    }


def software_application_ld(base_url: str, description: str) -> dict:
    """The product with one Offer per plan that has a list price (Enterprise is quoted)."""
    offers = []
    for plan in Plan:
        limits = PLAN_LIMITS[plan]
        if limits.monthly_price is None:
            continue
        offers.append(
            {
                "@type": "Offer",
                "name": limits.name,
                "price": f"{limits.monthly_price:.2f}",
                "priceCurrency": "USD",
                "url": absolute(base_url, "/pricing"),
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "price": f"{limits.monthly_price:.2f}",
                    "priceCurrency": "USD",
                    "unitCode": "MON",
                },
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "SoftwareApplication",
        "name": SITE_NAME,
        "applicationCategory": "BusinessApplication",
        "operatingSystem": "Web",
        "url": absolute(base_url, "/"),
        "description": description,
        "offers": offers,
    }


def faq_page_ld(questions: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in questions
        ],
    }


def breadcrumb_ld(base_url: str, trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(base_url, href)}
            for i, (name, href) in enumerate(trail, start=1)
        ],
    }
