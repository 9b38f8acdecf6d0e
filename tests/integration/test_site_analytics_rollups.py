"""Analytics events on PostgreSQL: daily rollups, conversions counted once, the report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from konduct.domain.enums import AnalyticsEventType as Kind
from konduct.domain.errors import ValidationFailed
from konduct.models.landing import AnalyticsEvent, LandingPageAnalytics
from konduct.schemas.analytics import TrackBatch
from konduct.services import analytics

DAY = date(2031, 5, 4)  # far from today: no other test writes there
NOON = datetime(2031, 5, 4, 12, tzinfo=UTC)
LATER = NOON + timedelta(days=2)


def vid(n: int) -> str:
    return f"visitor-{n:04d}-abcdefghij"


def event(session: Session, kind: Kind, visitor: int, *, sess: int | None = None, **fields):
    session.add(
        AnalyticsEvent(
            event_type=kind,
            path=fields.pop("path", "/"),
            visitor_id=vid(visitor),
            session_key=vid(sess if sess is not None else visitor),
            created_at=fields.pop("at", NOON),
            **fields,
        )
    )


def test_a_day_rolls_up_views_visitors_and_conversions_once_per_visitor(
    db_session: Session,
) -> None:
    for visitor in (1, 1, 2, 3):
        event(db_session, Kind.PAGE_VIEW, visitor)
    event(db_session, Kind.PAGE_VIEW, 4, at=NOON + timedelta(days=1))  # the next day
    # Visitor 1 signs up; the page and the server both say so: one signup.
    event(db_session, Kind.TRIAL_SIGNUP, 1)
    event(db_session, Kind.TRIAL_SIGNUP, 1)
    event(db_session, Kind.DEMO_REQUEST, 2)
    event(db_session, Kind.CONTACT_REQUEST, 3)
    event(db_session, Kind.CTA_CLICK, 3, label="hero-start-trial")
    db_session.flush()

    row = analytics.rollup_day(db_session, DAY)
    assert (row.page_views, row.unique_visitors) == (4, 3)
    assert (row.trial_signups, row.demo_requests, row.contact_requests) == (1, 1, 1)

    again = analytics.rollup_day(db_session, DAY)  # idempotent: the same row, updated
    assert again.id == row.id
    assert (
        len(
            db_session.exec(
                select(LandingPageAnalytics).where(LandingPageAnalytics.day == DAY)
            ).all()
        )
        == 1
    )


def test_settled_days_are_kept_and_open_days_counted_again(db_session: Session) -> None:
    event(db_session, Kind.PAGE_VIEW, 1)
    db_session.flush()
    rows = analytics.rollups(db_session, DAY, DAY, now=NOON + timedelta(hours=1))
    assert rows[0].page_views == 1
    event(db_session, Kind.PAGE_VIEW, 2, at=NOON + timedelta(hours=2))
    db_session.flush()
    # Still the same day: counted again.
    rows = analytics.rollups(db_session, DAY, DAY, now=NOON + timedelta(hours=3))
    assert rows[0].page_views == 2
    # Long over: rolled up once more after the day settled, then kept as it is.
    rows = analytics.rollups(db_session, DAY, DAY, now=LATER)
    assert rows[0].page_views == 2
    event(db_session, Kind.PAGE_VIEW, 3, at=NOON + timedelta(hours=3))  # a very late beacon
    db_session.flush()
    assert analytics.rollups(db_session, DAY, DAY, now=LATER)[0].page_views == 2


def test_the_report_computes_rates_engagement_vitals_and_tops(db_session: Session) -> None:
    # Session 1: one page, 3 s: a bounce. Session 2: two pages. Session 3: converts.
    event(db_session, Kind.PAGE_VIEW, 1, path="/")
    event(db_session, Kind.ENGAGEMENT, 1, value=3000.0)
    event(db_session, Kind.PAGE_VIEW, 2, path="/")
    event(db_session, Kind.PAGE_VIEW, 2, path="/pricing")
    event(db_session, Kind.ENGAGEMENT, 2, value=20000.0)
    event(db_session, Kind.PAGE_VIEW, 3, path="/pricing")
    event(db_session, Kind.CTA_CLICK, 3, label="pricing-start-trial")
    event(db_session, Kind.TRIAL_SIGNUP, 3)
    for n, lcp in enumerate((1000, 2000, 3000, 4000)):
        event(db_session, Kind.WEB_VITAL, n + 1, label="LCP", value=float(lcp))
    db_session.flush()

    report = analytics.landing_report(db_session, DAY, DAY, now=LATER)
    assert report["totals"]["page_views"] == 4
    assert report["totals"]["unique_visitors"] == 3
    assert report["totals"]["trial_signups"] == 1 and report["totals"]["cta_clicks"] == 1
    assert report["conversion_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["sessions"] == 3 and report["engaged_sessions"] == 2
    assert report["bounce_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["pages_per_session"] == pytest.approx(4 / 3, abs=0.01)
    assert report["average_engagement_seconds"] == pytest.approx(23 / 3, abs=0.1)
    lcp = next(v for v in report["web_vitals"] if v["name"] == "LCP")
    assert (lcp["p50"], lcp["p75"], lcp["samples"]) == (2500, 3250, 4)
    assert lcp["rating"] == "needs improvement"
    assert report["top_ctas"] == [{"name": "pricing-start-trial", "count": 1, "visitors": 1}]
    assert report["top_pages"][0] == {"name": "/", "count": 2, "visitors": 2}
    assert [d["day"] for d in report["daily"]] == ["2031-05-04"]


def test_record_conversion_for_the_other_flows(db_session: Session) -> None:
    known = analytics.record_conversion(
        db_session, "demo_request", visitor_id=vid(9), path="/demo?x=1"
    )
    assert known.event_type == Kind.DEMO_REQUEST and known.visitor_id == vid(9)
    assert known.path == "/demo"
    anonymous = analytics.record_conversion(db_session, "contact_request")
    assert anonymous.visitor_id.startswith("server-")
    with pytest.raises(ValidationFailed):
        analytics.record_conversion(db_session, "purchase")


def test_track_stores_a_batch_and_ignores_bots(db_session: Session) -> None:
    batch = TrackBatch(
        visitor_id=vid(5),
        session_id=vid(6),
        events=[
            {"type": "page_view", "path": "/pricing?email=a@b.c",
             "referrer": "https://news.example.com/story"},
            {"type": "cta_click", "path": "/pricing", "label": "pricing-start-trial"},
        ],
    )  # fmt: skip
    browser = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"
    assert analytics.track(db_session, batch, user_agent=browser, site_hosts=["x"]) == 2
    stored = db_session.exec(
        select(AnalyticsEvent).where(AnalyticsEvent.visitor_id == vid(5))
    ).all()
    view = next(e for e in stored if e.event_type == Kind.PAGE_VIEW)
    assert view.path == "/pricing" and view.referrer == "https://news.example.com"
    assert view.session_key == vid(6)
    assert analytics.track(db_session, batch, user_agent="Googlebot/2.1", site_hosts=["x"]) == 0
