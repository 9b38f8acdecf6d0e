"""/api/teams/audit-log/export: the team's audit trail as a download (Enterprise admins)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from konduct.api.deps import CurrentUser, DbSession
from konduct.services import audit_export

router = APIRouter(prefix="/teams/audit-log", tags=["teams"])


@router.get("/export", summary="Download the team's audit log (CSV or JSON)")
def export_audit_log(
    ctx: CurrentUser,
    session: DbSession,
    format: audit_export.ExportFormat = "csv",  # noqa: A002  (the query parameter's public name)
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    """Enterprise admins only (402 on other plans, 403 for members). Newest first, at most
    10,000 rows; ``from``/``to`` are days (UTC), both included."""
    items = audit_export.rows(session, ctx=ctx, date_from=date_from, date_to=date_to)
    body, media = audit_export.render(items, format)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="konduct-audit-log.{format}"'},
    )
