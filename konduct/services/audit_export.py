"""Audit log export (Enterprise): the team's own audit trail, newest first, as CSV or JSON.

Admins only: the trail names members, IP addresses and browsers. Rows of other teams
never appear (the query is bound to the caller's team). CSV cells go through
``exports.table_csv`` so a crafted user agent cannot run as a spreadsheet formula.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlmodel import Session, col, select

from konduct.domain.enums import TeamRole
from konduct.domain.errors import NotFound, ValidationFailed
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, require_feature
from konduct.models import AuditLog, User
from konduct.services.auth import AuthContext
from konduct.services.exports import table_csv
from konduct.services.plans import plan_of

MAX_ROWS = 10_000
COLUMNS = (
    "created_at", "action", "user_email", "target_type", "target_id", "ip_address",
    "user_agent", "details",
)  # fmt: skip
ExportFormat = Literal["csv", "json"]


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def rows(
    session: Session,
    *,
    ctx: AuthContext,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[dict[str, Any]]:
    """The team's audit rows between the two days (both included, UTC), newest first."""
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    team_id: uuid.UUID | None = ctx.team_id
    if team_id is None:
        raise NotFound("team")
    require_feature(plan_of(session, team_id), Feature.AUDIT_EXPORT)
    if date_from and date_to and date_from > date_to:
        raise ValidationFailed.single("from", "must be on or before 'to'")
    query = (
        select(AuditLog, User.email)
        .join(User, col(User.id) == col(AuditLog.user_id), isouter=True)
        .where(AuditLog.team_id == team_id)
    )
    if date_from:
        query = query.where(col(AuditLog.created_at) >= _start(date_from))
    if date_to:
        query = query.where(col(AuditLog.created_at) < _start(date_to + timedelta(days=1)))
    query = query.order_by(col(AuditLog.created_at).desc(), col(AuditLog.id)).limit(MAX_ROWS)
    return [
        {
            "created_at": entry.created_at.isoformat(),
            "action": entry.action,
            "user_email": email,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "ip_address": entry.ip_address,
            "user_agent": entry.user_agent,
            "details": entry.details or {},
        }
        for entry, email in session.exec(query).all()
    ]


def render(items: list[dict[str, Any]], export_format: ExportFormat) -> tuple[str, str]:
    """(body, media type) of the download."""
    if export_format == "json":
        return json.dumps(items, indent=2), "application/json"
    flat = [{**item, "details": json.dumps(item["details"], sort_keys=True)} for item in items]
    return table_csv(COLUMNS, flat), "text/csv; charset=utf-8"
