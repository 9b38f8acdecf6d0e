"""Team reports: campaigns by platform, objective and status, budget by month and currency.

Every figure is a GROUP BY in the database; nothing is summed in Python. The
all-time report reads the rollup a trigger keeps on PostgreSQL (a few rows per
team and month, however many campaigns); a date range reads the campaigns of
that range from a covering index. Deleted campaigns are left out; archived ones
count (they ran). The date range selects campaigns by start date.

Plans: every team gets the all-time report and its JSON export. A date range
(a custom report) needs Custom reports, and CSV export a plan that exports CSV
(both Professional and up).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import extract, func
from sqlmodel import Session, select

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.errors import NotFound
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, check_export_format, require_feature
from konduct.models import Campaign, CampaignReportBucket
from konduct.schemas.campaign_tools import (
    CountRow,
    CurrencyTotal,
    MonthBudget,
    ReportFilters,
    ReportSummary,
)
from konduct.services.auth import AuthContext
from konduct.services.exports import table_csv
from konduct.services.plans import plan_of

PLATFORM_NAMES = {p.code: p.name for p in PLATFORMS}
OBJECTIVE_NAMES = {o.code: o.name for o in OBJECTIVES}
CSV_COLUMNS = ("section", "key", "label", "currency", "count", "budget")


@dataclass(frozen=True)
class _Source:
    """Where the figures come from: the rollup (all time, PostgreSQL) or the campaigns."""

    table: Any
    month: Any  # a date column: the start date or the bucket's month
    count: Any
    budget: Any
    conditions: tuple[Any, ...]

    def column(self, name: str) -> Any:
        return getattr(self.table, name)


def _source(session: Session, ctx: AuthContext, filters: ReportFilters) -> _Source:
    if ctx.team_id is None:
        raise NotFound("team")
    if not filters.custom and session.get_bind().dialect.name == "postgresql":
        bucket = CampaignReportBucket
        return _Source(
            bucket,
            bucket.month,
            func.sum(bucket.campaigns),
            func.sum(bucket.budget),
            (bucket.team_id == ctx.team_id, bucket.campaigns > 0),
        )
    conditions: list[Any] = [Campaign.team_id == ctx.team_id, Campaign.deleted_at.is_(None)]
    if filters.date_from:
        conditions.append(Campaign.start_date >= filters.date_from)
    if filters.date_to:
        conditions.append(Campaign.start_date <= filters.date_to)
    return _Source(
        Campaign, Campaign.start_date, func.count(), func.sum(Campaign.budget), tuple(conditions)
    )


def _counts(session: Session, source: _Source, name: str, names: dict[str, str]) -> list[CountRow]:
    column = source.column(name)
    rows = session.exec(
        select(column, source.count)
        .where(*source.conditions)
        .group_by(column)
        .order_by(source.count.desc(), column)
    ).all()
    return [
        CountRow(key=str(key), label=names.get(str(key), str(key)), count=int(n)) for key, n in rows
    ]


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def summary(session: Session, *, ctx: AuthContext, filters: ReportFilters) -> ReportSummary:
    require(ctx.team_role, Action.REPORTS_VIEW)
    if filters.custom:
        require_feature(plan_of(session, ctx.team_id), Feature.CUSTOM_REPORTS)
    source = _source(session, ctx, filters)
    currency = source.column("currency")
    year, month = extract("year", source.month), extract("month", source.month)
    monthly = session.exec(
        select(year, month, currency, source.budget, source.count)
        .where(*source.conditions)
        .group_by(year, month, currency)
        .order_by(year, month, currency)
    ).all()
    currencies = session.exec(
        select(currency, source.budget, source.count)
        .where(*source.conditions)
        .group_by(currency)
        .order_by(source.count.desc(), currency)
    ).all()
    return ReportSummary(
        date_from=filters.date_from,
        date_to=filters.date_to,
        total=sum(int(n) for _, _, n in currencies),
        by_platform=_counts(session, source, "platform", PLATFORM_NAMES),
        by_objective=_counts(session, source, "objective", OBJECTIVE_NAMES),
        by_status=_counts(session, source, "status", {}),
        budget_by_currency=[
            CurrencyTotal(currency=c, budget=_money(b), count=int(n)) for c, b, n in currencies
        ],
        budget_by_month=[
            MonthBudget(
                month=f"{int(y):04d}-{int(m):02d}", currency=c, budget=_money(b), count=int(n)
            )
            for y, m, c, b, n in monthly
        ],
    )


def export(
    session: Session, *, ctx: AuthContext, filters: ReportFilters, export_format: str
) -> tuple[str, str]:
    """The summary as (body, media type): JSON, or one flat CSV table of every figure."""
    check_export_format(plan_of(session, ctx.team_id), export_format)
    report = summary(session, ctx=ctx, filters=filters)
    if export_format == "json":
        return json.dumps(report.model_dump(mode="json"), indent=2), "application/json"
    rows: list[dict[str, Any]] = []
    for section, counts in (
        ("platform", report.by_platform),
        ("objective", report.by_objective),
        ("status", report.by_status),
    ):
        rows += [{"section": section, **c.model_dump()} for c in counts]
    rows += [
        {"section": "currency", "key": t.currency, "label": t.currency, **t.model_dump()}
        for t in report.budget_by_currency
    ]
    rows += [
        {"section": "month", "key": m.month, "label": m.month, **m.model_dump()}
        for m in report.budget_by_month
    ]
    return table_csv(CSV_COLUMNS, rows), "text/csv; charset=utf-8"


def file_name(filters: ReportFilters) -> str:
    parts = ["konduct-report"]
    for bound in (filters.date_from, filters.date_to):
        parts.append(bound.isoformat() if isinstance(bound, date) else "all")
    return "-".join(parts)
