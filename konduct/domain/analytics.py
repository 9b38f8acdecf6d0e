"""First-party site analytics: what an event may carry, and the arithmetic of the reports.

Nothing here identifies a person. The browser sends a random visitor id (a first-party
cookie) and a session id; paths keep no query string (it can hold an address someone
typed), referrers keep only their site, and free-form properties are small and flat.

Reports follow Google Analytics 4's definitions, so the numbers read the same way:

* a session is **engaged** when it lasted 10 seconds or more in view, saw two or more
  pages, or converted; the **bounce rate** is the share of sessions not engaged;
* the **conversion rate** is the share of visitors who signed up for a trial or asked for
  a demo or a sales contact;
* Web Vitals are reported at the 75th percentile, as Google judges them, against
  Google's "good" and "poor" thresholds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from konduct.domain.enums import AnalyticsEventType
from konduct.domain.errors import FieldProblem, ValidationFailed

# What the browser may send, by the name it uses.
BROWSER_EVENTS: dict[str, AnalyticsEventType] = {
    "page_view": AnalyticsEventType.PAGE_VIEW,
    "cta_click": AnalyticsEventType.CTA_CLICK,
    "web_vital": AnalyticsEventType.WEB_VITAL,
    "engagement": AnalyticsEventType.ENGAGEMENT,
    "trial_signup": AnalyticsEventType.TRIAL_SIGNUP,
    "demo_request": AnalyticsEventType.DEMO_REQUEST,
    "contact_request": AnalyticsEventType.CONTACT_REQUEST,
}
CONVERSIONS: dict[str, AnalyticsEventType] = {
    "trial_signup": AnalyticsEventType.TRIAL_SIGNUP,
    "demo_request": AnalyticsEventType.DEMO_REQUEST,
    "contact_request": AnalyticsEventType.CONTACT_REQUEST,
}


@dataclass(frozen=True)
class Vital:
    name: str
    unit: str  # "ms" or "" (CLS is unitless)
    good: float  # at or below: good
    poor: float  # above: poor
    maximum: float  # larger values are measurement errors


WEB_VITALS: dict[str, Vital] = {
    v.name: v
    for v in (
        Vital("LCP", "ms", 2500, 4000, 120_000),
        Vital("CLS", "", 0.1, 0.25, 100),
        Vital("INP", "ms", 200, 500, 120_000),
        Vital("FID", "ms", 100, 300, 120_000),
        Vital("TTFB", "ms", 800, 1800, 120_000),
        Vital("FCP", "ms", 1800, 3000, 120_000),
    )
}

ENGAGED_SECONDS = 10
MAX_ENGAGEMENT_MS = 6 * 3600 * 1000  # one page in view for more than 6 h: a forgotten tab
MAX_EVENTS_PER_REQUEST = 20
MAX_PATH = 512
MAX_LABEL = 80
MAX_PROPERTIES = 8
MAX_PROPERTY_TEXT = 100
MAX_RANGE_DAYS = 366

VISITOR_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
LABEL = re.compile(r"^[A-Za-z0-9 _.:/#-]{1,80}$")
PROPERTY_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
# Crawlers, monitors, link previews, command-line clients and audit tools.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|"
    r"uptime|lighthouse|pagespeed|gtmetrix|curl\/|wget\/|"
    r"python-requests|python-httpx|httpx\/|aiohttp|go-http-client|okhttp|java\/|libwww",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """Obvious machines; an empty user agent counts as one (every browser sends one)."""
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def clean_path(value: str) -> str:
    """A site path without query or fragment; raises ValueError for anything else."""
    if not value.startswith("/") or value.startswith("//") or len(value) > MAX_PATH:
        raise ValueError("must be a path on this site, such as /pricing")
    path = urlsplit(value).path or "/"
    if any(ord(ch) < 32 for ch in path):
        raise ValueError("must not contain control characters")
    return path if path == "/" else path.rstrip("/") or "/"


def clean_referrer(value: str | None, site_hosts: Iterable[str]) -> str | None:
    """Only the referring site (``https://news.example``), or our own path when internal."""
    if not value:
        return None
    try:
        parts = urlsplit(value[:2048])
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.netloc.lower() in {h.lower() for h in site_hosts}:
        return clean_path(parts.path or "/") if (parts.path or "/").startswith("/") else None
    return f"{parts.scheme}://{parts.hostname.lower()}"


def clean_properties(value: dict | None) -> dict[str, str | float | bool]:
    if not value:
        return {}
    if len(value) > MAX_PROPERTIES:
        raise ValueError(f"at most {MAX_PROPERTIES} properties")
    cleaned: dict[str, str | float | bool] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not PROPERTY_KEY.match(key):
            raise ValueError(f"property name {str(key)[:40]!r} must be lowercase letters/digits/_")
        if isinstance(item, bool):
            cleaned[key] = item
        elif isinstance(item, int | float) and math.isfinite(item):
            cleaned[key] = float(item)
        elif isinstance(item, str) and len(item) <= MAX_PROPERTY_TEXT:
            cleaned[key] = item
        else:
            raise ValueError(
                f"property {key!r} must be a number, true/false or text of at most "
                f"{MAX_PROPERTY_TEXT} characters"
            )
    return cleaned


def check_vital(name: str | None, value: float | None) -> str:
    """The vital's canonical name; ValueError when it is unknown or out of range."""
    vital = WEB_VITALS.get((name or "").upper())
    if vital is None:
        raise ValueError("must name a Web Vital: " + ", ".join(WEB_VITALS))
    if value is None or not math.isfinite(value) or not 0 <= value <= vital.maximum:
        raise ValueError(f"{vital.name} must be a number between 0 and {vital.maximum:g}")
    return vital.name


def date_range(start: date | None, end: date | None, *, today: date) -> tuple[date, date]:
    """The report's days, both included; the last 30 days by default."""
    end = end or today
    start = start or end - timedelta(days=29)
    problems = []
    if start > end:
        problems.append(FieldProblem("start", "must be on or before the end date"))
    elif (end - start).days + 1 > MAX_RANGE_DAYS:
        problems.append(FieldProblem("start", f"a report covers at most {MAX_RANGE_DAYS} days"))
    if problems:
        raise ValidationFailed(problems)
    return start, end


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rating(name: str, value: float | None) -> str:
    """Google's verdict on a p75 value: good, needs improvement or poor."""
    if value is None:
        return "no data"
    vital = WEB_VITALS[name]
    if value <= vital.good:
        return "good"
    return "needs improvement" if value <= vital.poor else "poor"


@dataclass(frozen=True)
class SessionFacts:
    page_views: int
    engagement_ms: float
    converted: bool

    @property
    def engaged(self) -> bool:
        long_enough = self.engagement_ms >= ENGAGED_SECONDS * 1000
        return long_enough or self.page_views >= 2 or self.converted


@dataclass(frozen=True)
class Engagement:
    sessions: int
    engaged_sessions: int
    bounce_rate: float | None  # 0..1
    pages_per_session: float | None
    average_engagement_s: float | None  # time in view per session


def engagement(sessions: Iterable[SessionFacts]) -> Engagement:
    facts = list(sessions)
    if not facts:
        return Engagement(0, 0, None, None, None)
    engaged = sum(1 for s in facts if s.engaged)
    n = len(facts)
    return Engagement(
        sessions=n,
        engaged_sessions=engaged,
        bounce_rate=round(1 - engaged / n, 4),
        pages_per_session=round(sum(s.page_views for s in facts) / n, 2),
        average_engagement_s=round(sum(s.engagement_ms for s in facts) / n / 1000, 1),
    )


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
