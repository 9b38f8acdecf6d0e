"""The staff dashboard of the site's analytics (the service of GET /api/analytics/landing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import reflex as rx

from konduct.domain import analytics as rules
from konduct.domain.errors import NotFound, ValidationFailed
from konduct.models.base import utcnow
from konduct.services import analytics
from konduct.settings import get_settings
from konduct.state.session import SessionState


@dataclass
class VitalRow:
    name: str
    p50: str
    p75: str
    p95: str
    samples: int
    rating: str
    color: str


@dataclass
class TopRow:
    name: str
    count: int
    visitors: int


RATING_COLORS = {"good": "green", "needs improvement": "amber", "poor": "red", "no data": "gray"}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _vital_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f} {unit}" if unit else f"{value:.3f}"


class AdminAnalyticsState(SessionState):
    allowed: bool = False
    checked: bool = False
    loading: bool = False
    start: str = ""
    end: str = ""
    error: str = ""

    page_views: int = 0
    unique_visitors: int = 0
    cta_clicks: int = 0
    conversions: int = 0
    conversion_rate: str = "—"
    bounce_rate: str = "—"
    pages_per_session: str = "—"
    engagement: str = "—"
    sessions: int = 0
    daily: list[dict] = []
    vital_chart: list[dict] = []
    vitals: list[VitalRow] = []
    top_ctas: list[TopRow] = []
    top_pages: list[TopRow] = []

    @rx.event
    async def open_dashboard(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        self.allowed = self.signed_in and self.is_staff
        self.checked = True
        if not self.allowed:
            return None
        if not self.end:
            today = utcnow().date()
            self.start, self.end = (today - timedelta(days=29)).isoformat(), today.isoformat()
        return AdminAnalyticsState.refresh

    @rx.event
    def set_start(self, value: str):
        self.start = value

    @rx.event
    def set_end(self, value: str):
        self.end = value

    @rx.event
    def last_days(self, count: int):
        today = utcnow().date()
        self.start, self.end = (today - timedelta(days=count - 1)).isoformat(), today.isoformat()
        return AdminAnalyticsState.refresh

    @rx.event
    async def refresh(self):
        self.error = ""
        try:
            first, last = rules.date_range(
                date.fromisoformat(self.start), date.fromisoformat(self.end), today=utcnow().date()
            )
        except ValueError:
            self.error = "Pick a start and an end date."
            return
        except ValidationFailed as failure:
            self.error = failure.problems[0].reason.capitalize() + "."
            return
        self.loading = True
        yield
        settings = get_settings()

        def work(session, ctx):
            try:  # checked again on every load: staff can change
                return analytics.report_for_staff(
                    session, ctx=ctx, settings=settings, start=first, end=last
                )
            except NotFound:
                return None

        report = await self.with_user(work)
        self.loading = False
        if report is None:
            self.allowed = False
            return
        self._show_report(report)

    def _show_report(self, report: dict) -> None:
        totals = report["totals"]
        self.page_views = totals["page_views"]
        self.unique_visitors = totals["unique_visitors"]
        self.cta_clicks = totals["cta_clicks"]
        self.conversions = (
            totals["trial_signups"] + totals["demo_requests"] + totals["contact_requests"]
        )
        self.conversion_rate = _percent(report["conversion_rate"])
        self.bounce_rate = _percent(report["bounce_rate"])
        pps = report["pages_per_session"]
        self.pages_per_session = "—" if pps is None else f"{pps:.2f}"
        seconds = report["average_engagement_seconds"]
        self.engagement = (
            "—" if seconds is None else f"{int(seconds // 60)} min {seconds % 60:.0f} s"
        )
        self.sessions = report["sessions"]
        self.daily = [
            {
                "day": row["day"][5:],
                "Page views": row["page_views"],
                "Visitors": row["unique_visitors"],
                "Trials": row["trial_signups"],
                "Demos": row["demo_requests"],
                "Sales contacts": row["contact_requests"],
            }
            for row in report["daily"]
        ]
        self.vital_chart = [
            {"name": v["name"], "p50": v["p50"] or 0, "p75": v["p75"] or 0, "p95": v["p95"] or 0}
            for v in report["web_vitals"]
            if v["unit"] == "ms"
        ]
        self.vitals = [
            VitalRow(
                name=v["name"],
                p50=_vital_text(v["p50"], v["unit"]),
                p75=_vital_text(v["p75"], v["unit"]),
                p95=_vital_text(v["p95"], v["unit"]),
                samples=v["samples"],
                rating=v["rating"],
                color=RATING_COLORS[v["rating"]],
            )
            for v in report["web_vitals"]
        ]
        self.top_ctas = [TopRow(**row) for row in report["top_ctas"]]
        self.top_pages = [TopRow(**row) for row in report["top_pages"]]
