"""/api/reports: the team's campaigns by platform, objective, status and budget by month."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from konduct.api.deps import CurrentUser, DbSession
from konduct.schemas.campaign_tools import ReportExport, ReportFilters, ReportSummary
from konduct.services import reports

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/summary", response_model=ReportSummary)
def report_summary(
    ctx: CurrentUser, session: DbSession, filters: Annotated[ReportFilters, Query()]
) -> ReportSummary:
    """All time on every plan; a start-date range (``date_from``/``date_to``) is a custom
    report (Professional and up)."""
    return reports.summary(session, ctx=ctx, filters=filters)


@router.get("/summary/export", summary="Download the report (JSON, or CSV on paid plans)")
def export_report(
    ctx: CurrentUser,
    session: DbSession,
    request: Annotated[ReportExport, Query()],
) -> Response:
    """The same filters as the summary, plus ``format``."""
    filters = ReportFilters(date_from=request.date_from, date_to=request.date_to)
    body, media = reports.export(session, ctx=ctx, filters=filters, export_format=request.format)
    name = f"{reports.file_name(filters)}.{request.format}"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
