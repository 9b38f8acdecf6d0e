"""The reports page: the team's campaigns by platform, objective, status, and budget by month."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError
from konduct.domain.plans import Feature, limits_for
from konduct.schemas.campaign_tools import ReportFilters, ReportSummary
from konduct.schemas.errors import problem_text, validation_problems
from konduct.services import reports
from konduct.services.plans import plan_of
from konduct.state.session import SessionState


class ReportsState(SessionState):
    loading: bool = True
    date_from: str = ""
    date_to: str = ""
    error: str = ""
    total: int = 0
    by_platform: list[dict[str, str | int]] = []
    by_objective: list[dict[str, str | int]] = []
    by_status: list[dict[str, str | int]] = []
    currencies: list[str] = []
    currency: str = ""
    totals: list[dict[str, str]] = []
    _months: list[dict[str, str | float]] = []
    months: list[dict[str, str | float]] = []
    custom_allowed: bool = True
    csv_allowed: bool = True

    def _show_currency(self) -> None:
        self.months = [
            {"month": m["month"], "budget": m["budget"]}
            for m in self._months
            if m["currency"] == self.currency
        ]

    def _display(self, report: ReportSummary) -> None:
        def counts(rows) -> list[dict[str, str | int]]:
            return [{"label": r.label, "count": r.count} for r in rows]

        self.total = report.total
        self.by_platform = counts(report.by_platform)
        self.by_objective = counts(report.by_objective)
        self.by_status = [{"label": r.label.title(), "count": r.count} for r in report.by_status]
        self.currencies = [c.currency for c in report.budget_by_currency]
        self.totals = [
            {
                "currency": c.currency,
                "text": f"{c.currency} {c.budget:,.2f} · {c.count} "
                + ("campaign" if c.count == 1 else "campaigns"),
            }
            for c in report.budget_by_currency
        ]
        if self.currency not in self.currencies:
            self.currency = self.currencies[0] if self.currencies else ""
        self._months = [
            {"month": m.month, "currency": m.currency, "budget": float(m.budget)}
            for m in report.budget_by_month
        ]
        self._show_currency()

    async def _load(self) -> None:
        self.error = ""
        try:
            filters = ReportFilters(date_from=self.date_from or None, date_to=self.date_to or None)
        except ValidationError as invalid:
            self.error = validation_problems(invalid.errors())[0].reason
            return

        def read(session, ctx):
            limits = limits_for(plan_of(session, ctx.team_id))
            return (
                reports.summary(session, ctx=ctx, filters=filters),
                limits.has(Feature.CUSTOM_REPORTS),
                "csv" in limits.export_formats,
            )

        self.loading = True
        try:
            found = await self.with_user(read)
        except DomainError as failure:
            self.error, self.loading = problem_text(failure), False
            return
        self.loading = False
        if found is not None:
            report, self.custom_allowed, self.csv_allowed = found
            self._display(report)

    @rx.event
    async def open_reports(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        await self._load()
        return None

    @rx.event
    async def set_range(self, field: str, value: str):
        if field in ("date_from", "date_to"):
            setattr(self, field, value)
            await self._load()

    @rx.event
    async def clear_range(self):
        self.date_from = self.date_to = ""
        await self._load()

    @rx.event
    def pick_currency(self, currency: str):
        self.currency = currency
        self._show_currency()

    @rx.var
    def export_query(self) -> str:
        params = {"date_from": self.date_from, "date_to": self.date_to}
        return urlencode({k: v for k, v in params.items() if v})
