"""/api/campaigns/import: many campaigns from one CSV, all or none."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile, status

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.api.problems import Problem
from konduct.domain.bulk_import import MAX_IMPORT_BYTES, CsvRejected, template_csv
from konduct.schemas.campaign_tools import ImportResult
from konduct.services import bulk_import

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


def rejected(failure: CsvRejected) -> Problem:
    """The rows and columns that stopped the import, as one problem document."""
    rows = [{"row": p.row, "column": p.column, "reason": p.reason} for p in failure.rows]
    first = failure.rows[0]
    where = f"row {first.row}, column {first.column}" if first.row else first.column
    return Problem(
        413 if failure.too_large else 422,
        f"Nothing was imported: {len(rows)} problem(s), the first at {where}: {first.reason}.",
        slug="csv-too-large" if failure.too_large else "csv-rejected",
        title="CSV too large" if failure.too_large else "CSV not imported",
        problems=failure.problems,
        extra={"rows": rows},
    )


@router.post("/import", response_model=ImportResult, status_code=status.HTTP_201_CREATED)
async def import_campaigns(
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    file: Annotated[UploadFile, File(description="UTF-8 CSV, header first; see /import/template")],
    allow_duplicates: bool = False,
) -> ImportResult:
    """Every row is checked first and every problem reported by row and column (422);
    only a file without problems is created, each campaign with its ID and a default
    tracking link. Larger than 512 KB: 413. More than 500 rows: 422."""
    content = await file.read(MAX_IMPORT_BYTES + 1)
    try:
        return bulk_import.import_csv(
            session, ctx=ctx, content=content, client=client, allow_duplicates=allow_duplicates
        )
    except CsvRejected as failure:
        raise rejected(failure) from failure


@router.get("/import/template", summary="A CSV with the expected columns and one example row")
def import_template() -> Response:
    return Response(
        template_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="konduct-import-template.csv"'},
    )
