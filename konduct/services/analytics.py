"""First-party analytics of the public site: record events, roll them up, report.

Two ways in:

* the browser posts batches to ``POST /api/analytics/track`` (``track``): page views,
  CTA clicks (elements with ``data-track``), Web Vitals, engagement time, and the
  conversions a page confirms;
* the trial, demo and contact flows call :func:`record_conversion` on the server
  when a request is stored.

A visitor who converts is counted once per kind and day, whether the browser, the server
or both reported it. ``landing_page_analytics`` keeps one row of counters per UTC day;
a day is rolled up again until it has been over for ``SETTLE`` (late beacons), and the
current day on every report.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import distinct, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from konduct.domain import analytics as rules
from konduct.domain.enums import AnalyticsEventType as Kind
from konduct.domain.errors import ValidationFailed
from konduct.models.base import utcnow
from konduct.models.landing import AnalyticsEvent, LandingPageAnalytics
from konduct.schemas.analytics import TrackBatch
from konduct.services.auth import AuthContext
from konduct.services.staff import require_staff
from konduct.settings import Settings

SETTLE = timedelta(minutes=10)
MAX_VITAL_SAMPLES = 50_000
CONVERSION_KINDS = tuple(rules.CONVERSIONS.values())
SESSION_KINDS = (Kind.PAGE_VIEW, Kind.ENGAGEMENT, *CONVERSION_KINDS)
_ROLLUP_FIELDS = {
    Kind.TRIAL_SIGNUP: "trial_signups",
    Kind.DEMO_REQUEST: "demo_requests",
    Kind.CONTACT_REQUEST: "contact_requests",
}


def track(session: Session, batch: TrackBatch, *, user_agent: str, site_hosts: list[str]) -> int:
    """Store a browser's events; returns how many were recorded (0 for a bot)."""
    if rules.is_bot(user_agent):
        return 0
    now = utcnow()
    for event in batch.events:
        session.add(
            AnalyticsEvent(
                event_type=rules.BROWSER_EVENTS[event.type],
                path=event.path,
                visitor_id=batch.visitor_id,
                session_key=batch.session_id,
                referrer=rules.clean_referrer(event.referrer, site_hosts),
                label=event.label,
                value=event.value,
                properties=event.properties or {},
                created_at=now,
            )
        )
    session.flush()
    return len(batch.events)


# The first-party visitor cookie that assets/js/konduct-analytics.js sets.
VISITOR_COOKIE = "konduct_vid"


def record_conversion(
    session: Session,
    kind: str,
    *,
    visitor_id: str | None = None,
    session_id: str | None = None,
    path: str = "/",
    label: str | None = None,
) -> AnalyticsEvent:
    """For the trial, demo and contact services: count one conversion.

    ``kind``: ``"trial_signup"``, ``"demo_request"`` or ``"contact_request"``.
    ``visitor_id``: the ``konduct_vid`` cookie when the request came from a browser, so
    the conversion joins that visitor's visits (and is not counted twice when the page
    reports it as well). Without it the conversion still counts, as its own visitor.
    """
    if kind not in rules.CONVERSIONS:
        raise ValidationFailed.single("kind", "must be one of " + ", ".join(rules.CONVERSIONS))
    if not visitor_id or not rules.VISITOR_ID.match(visitor_id):
        visitor_id = f"server-{uuid.uuid4().hex}"
    if session_id is not None and not rules.VISITOR_ID.match(session_id):
        session_id = None
    event = AnalyticsEvent(
        event_type=rules.CONVERSIONS[kind],
        path=rules.clean_path(path) if path.startswith("/") else "/",
        visitor_id=visitor_id,
        session_key=session_id,
        label=label,
        properties={"source": "server"},
    )
    session.add(event)
    session.flush()
    return event


# --- Rollups -----------------------------------------------------------------------------


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def _in_range(start: datetime, end: datetime):
    return (col(AnalyticsEvent.created_at) >= start, col(AnalyticsEvent.created_at) < end)


def count_day(session: Session, day: date) -> dict[str, int]:
    """The day's counters, straight from the events."""
    start, end = day_bounds(day)
    rows = session.exec(
        select(
            AnalyticsEvent.event_type,
            func.count(),
            func.count(distinct(AnalyticsEvent.visitor_id)),
        )
        .where(*_in_range(start, end))
        .where(col(AnalyticsEvent.event_type).in_([Kind.PAGE_VIEW, *CONVERSION_KINDS]))
        .group_by(AnalyticsEvent.event_type)
    ).all()
    counters = dict.fromkeys(("page_views", "unique_visitors", *_ROLLUP_FIELDS.values()), 0)
    for kind, total, visitors in rows:
        if kind == Kind.PAGE_VIEW:
            counters["page_views"], counters["unique_visitors"] = total, visitors
        else:  # one conversion of a kind per visitor and day
            counters[_ROLLUP_FIELDS[Kind(kind)]] = visitors
    return counters


def rollup_day(session: Session, day: date, *, now: datetime | None = None) -> LandingPageAnalytics:
    counters = count_day(session, day)
    now = now or utcnow()
    try:
        # Two reports may roll up the same day at once: the second one updates.
        with session.begin_nested():
            row = session.exec(
                select(LandingPageAnalytics).where(LandingPageAnalytics.day == day)
            ).first() or LandingPageAnalytics(day=day)
            _fill(row, counters, now)
            session.add(row)
    except IntegrityError:
        row = session.exec(
            select(LandingPageAnalytics).where(LandingPageAnalytics.day == day)
        ).one()
        _fill(row, counters, now)
        session.add(row)
        session.flush()
    return row


def _fill(row: LandingPageAnalytics, counters: dict[str, int], now: datetime) -> None:
    for name, value in counters.items():
        setattr(row, name, value)
    row.timestamp = now  # when counted: a day counted after it settled is final


def rollups(
    session: Session, start: date, end: date, *, now: datetime | None = None
) -> list[LandingPageAnalytics]:
    """One row per day of the range; days not yet settled are counted again."""
    now = now or utcnow()
    kept = {
        row.day: row
        for row in session.exec(
            select(LandingPageAnalytics).where(
                col(LandingPageAnalytics.day) >= start, col(LandingPageAnalytics.day) <= end
            )
        ).all()
    }
    result = []
    for day in rules.days(start, end):
        _, day_end = day_bounds(day)
        if day_end > now + timedelta(days=1):
            break  # the future has no visitors yet
        row = kept.get(day)
        stamp = row.timestamp if row else None
        if stamp is not None and stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        if row is None or stamp < day_end + SETTLE:
            row = rollup_day(session, day, now=now)
        result.append(row)
    return result


# --- The report --------------------------------------------------------------------------


def _sessions(session: Session, start: datetime, end: datetime) -> list[rules.SessionFacts]:
    rows = session.exec(
        select(
            AnalyticsEvent.session_key,
            AnalyticsEvent.event_type,
            func.count(),
            func.coalesce(func.sum(AnalyticsEvent.value), 0.0),
        )
        .where(*_in_range(start, end))
        .where(col(AnalyticsEvent.session_key).is_not(None))
        .where(col(AnalyticsEvent.event_type).in_(SESSION_KINDS))
        .group_by(AnalyticsEvent.session_key, AnalyticsEvent.event_type)
    ).all()
    facts: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"page_views": 0, "engagement_ms": 0.0, "converted": False}
    )
    for key, kind, count, total in rows:
        entry = facts[key]
        if kind == Kind.PAGE_VIEW:
            entry["page_views"] = count
        elif kind == Kind.ENGAGEMENT:
            entry["engagement_ms"] = float(total)
        else:
            entry["converted"] = True
    # A session is a visit: one without a page view (a stray beacon) is not counted.
    return [rules.SessionFacts(**f) for f in facts.values() if f["page_views"] > 0]


def _distinct_visitors(session: Session, start: datetime, end: datetime, kinds) -> int:
    return session.exec(
        select(func.count(distinct(AnalyticsEvent.visitor_id)))
        .where(*_in_range(start, end))
        .where(col(AnalyticsEvent.event_type).in_(kinds))
    ).one()


def _vitals(session: Session, start: datetime, end: datetime) -> list[dict[str, Any]]:
    samples: dict[str, list[float]] = defaultdict(list)
    for name, value in session.exec(
        select(AnalyticsEvent.label, AnalyticsEvent.value)
        .where(AnalyticsEvent.event_type == Kind.WEB_VITAL)
        .where(*_in_range(start, end))
        .order_by(col(AnalyticsEvent.created_at).desc())
        .limit(MAX_VITAL_SAMPLES)
    ).all():
        if name in rules.WEB_VITALS and value is not None:
            samples[name].append(value)
    report = []
    for name, vital in rules.WEB_VITALS.items():
        values = samples.get(name, [])
        p75 = rules.percentile(values, 75)
        report.append(
            {
                "name": name,
                "unit": vital.unit,
                "samples": len(values),
                "p50": _round(rules.percentile(values, 50), name),
                "p75": _round(p75, name),
                "p95": _round(rules.percentile(values, 95), name),
                "good": vital.good,
                "poor": vital.poor,
                "rating": rules.rating(name, p75),
            }
        )
    return report


def _round(value: float | None, name: str) -> float | None:
    if value is None:
        return None
    return round(value, 3) if name == "CLS" else round(value)


def _top(session: Session, start: datetime, end: datetime, kind: Kind, column, limit: int = 10):
    return [
        {"name": name, "count": count, "visitors": visitors}
        for name, count, visitors in session.exec(
            select(column, func.count(), func.count(distinct(AnalyticsEvent.visitor_id)))
            .where(AnalyticsEvent.event_type == kind)
            .where(*_in_range(start, end))
            .group_by(column)
            # Among equals, the most recently seen first: what is new shows before what is old.
            .order_by(func.count().desc(), func.max(AnalyticsEvent.created_at).desc(), column)
            .limit(limit)
        ).all()
    ]


def report_for_staff(
    session: Session,
    *,
    ctx: AuthContext | None,
    settings: Settings,
    start: date | None,
    end: date | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The report for the page and the API: staff only (404 for anyone else), over a date
    range checked by ``rules.date_range`` (defaults: the last 30 days)."""
    require_staff(ctx, settings, what="analytics report")
    now = now or utcnow()
    first, last = rules.date_range(start, end, today=now.date())
    return landing_report(session, first, last, now=now)


def landing_report(
    session: Session, start: date, end: date, *, now: datetime | None = None
) -> dict[str, Any]:
    """Everything the admin dashboard and ``GET /api/analytics/landing`` show."""
    now = now or utcnow()
    daily = rollups(session, start, end, now=now)
    range_start, range_end = day_bounds(start)[0], day_bounds(end)[1]
    visitors = _distinct_visitors(session, range_start, range_end, [Kind.PAGE_VIEW])
    converted = _distinct_visitors(session, range_start, range_end, list(CONVERSION_KINDS))
    engaged = rules.engagement(_sessions(session, range_start, range_end))
    totals = {
        "page_views": sum(r.page_views for r in daily),
        "unique_visitors": visitors,
        "trial_signups": sum(r.trial_signups for r in daily),
        "demo_requests": sum(r.demo_requests for r in daily),
        "contact_requests": sum(r.contact_requests for r in daily),
        "cta_clicks": session.exec(
            select(func.count())
            .where(AnalyticsEvent.event_type == Kind.CTA_CLICK)
            .where(*_in_range(range_start, range_end))
        ).one(),
    }
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "totals": totals,
        "conversion_rate": rules.rate(converted, visitors),
        "converted_visitors": converted,
        "sessions": engaged.sessions,
        "engaged_sessions": engaged.engaged_sessions,
        "bounce_rate": engaged.bounce_rate,
        "pages_per_session": engaged.pages_per_session,
        "average_engagement_seconds": engaged.average_engagement_s,
        "daily": [
            {
                "id": str(r.id),
                "day": r.day.isoformat(),
                "page_views": r.page_views,
                "unique_visitors": r.unique_visitors,
                "trial_signups": r.trial_signups,
                "demo_requests": r.demo_requests,
                "contact_requests": r.contact_requests,
                "timestamp": r.timestamp.isoformat(),
            }
            for r in daily
        ],
        "web_vitals": _vitals(session, range_start, range_end),
        "top_ctas": _top(session, range_start, range_end, Kind.CTA_CLICK, AnalyticsEvent.label),
        "top_pages": _top(session, range_start, range_end, Kind.PAGE_VIEW, AnalyticsEvent.path),
    }
