"""Team reports: campaigns by platform, objective and status, budget by month and currency.

Every figure is one GROUP BY in the database (indexed on team), so a report over
a million campaigns reads no campaign row into Python. Deleted campaigns are left
out; archived ones count (they ran). The date range selects campaigns by start date.

Plans: every team gets the all-time report and its JSON export. A date range
(a custom report) needs Custom reports, and CSV export a plan that exports CSV
(both Professional and up).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import extract, func
from sqlmodel import Session, select

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.errors import NotFound
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, check_export_format, require_feature
from konduct.models import Campaign
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


def _conditions(ctx: AuthContext, filters: ReportFilters) -> list[Any]:
    if ctx.team_id is None:
        raise NotFound("team")
    conditions: list[Any] = [Campaign.team_id == ctx.team_id, Campaign.deleted_at.is_(None)]
    if filters.date_from:
        conditions.append(Campaign.start_date >= filters.date_from)
    if filters.date_to:
        conditions.append(Campaign.start_date <= filters.date_to)
    return conditions


def _counts(session: Session, column, conditions, names: dict[str, str]) -> list[CountRow]:
    rows = session.exec(
        select(column, func.count())
        .where(*conditions)
        .group_by(column)
        .order_by(func.count().desc())
    ).all()
    return [CountRow(key=str(key), label=names.get(str(key), str(key)), count=n) for key, n in rows]


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def summary(session: Session, *, ctx: AuthContext, filters: ReportFilters) -> ReportSummary:
    require(ctx.team_role, Action.REPORTS_VIEW)
    conditions = _conditions(ctx, filters)
    if filters.custom:
        require_feature(plan_of(session, ctx.team_id), Feature.CUSTOM_REPORTS)
    total = session.exec(select(func.count()).select_from(Campaign).where(*conditions)).one()
    year = extract("year", Campaign.start_date)
    month = extract("month", Campaign.start_date)
    monthly = session.exec(
        select(year, month, Campaign.currency, func.sum(Campaign.budget), func.count())
        .where(*conditions)
        .group_by(year, month, Campaign.currency)
        .order_by(year, month, Campaign.currency)
    ).all()
    currencies = session.exec(
        select(Campaign.currency, func.sum(Campaign.budget), func.count())
        .where(*conditions)
        .group_by(Campaign.currency)
        .order_by(func.count().desc(), Campaign.currency)
    ).all()
    return ReportSummary(
        date_from=filters.date_from,
        date_to=filters.date_to,
        total=total,
        by_platform=_counts(session, Campaign.platform, conditions, PLATFORM_NAMES),
        by_objective=_counts(session, Campaign.objective, conditions, OBJECTIVE_NAMES),
        by_status=_counts(session, Campaign.status, conditions, {}),
        budget_by_currency=[
            CurrencyTotal(currency=c, budget=_money(b), count=n) for c, b, n in currencies
        ],
        budget_by_month=[
            MonthBudget(month=f"{int(y):04d}-{int(m):02d}", currency=c, budget=_money(b), count=n)
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
