"""/api/resources: search the resource center, download its checklist and template."""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from starlette.responses import Response

from konduct.domain.errors import NotFound
from konduct.services import resources

router = APIRouter(prefix="/resources", tags=["resource center"])


@router.get("/search", summary="Full-text search over the resource center's pages")
def search(
    q: str = Query(default="", max_length=resources.MAX_QUERY, description="Words to find"),
    limit: int = Query(default=10, ge=1, le=50),
) -> dict:
    """Ranked pages, best first, each with a snippet whose ``snippet_parts`` mark the
    matched words. An empty query answers no results."""
    results = resources.search(q, limit=limit)
    return {"query": q, "count": len(results), "results": results}


@router.get(
    "/downloads/{filename}",
    summary="Download the UTM naming checklist (PDF) or the campaign template (CSV)",
    responses={200: {"content": {"application/pdf": {}, "text/csv": {}}}},
)
def download(
    filename: str = PathParam(
        max_length=64, examples=[resources.CHECKLIST_FILE, resources.TEMPLATE_FILE]
    ),
) -> Response:
    if filename not in resources.DOWNLOADS:
        raise NotFound("Download")
    media_type, make = resources.DOWNLOADS[filename]
    return Response(
        make(),
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "public, max-age=3600",
        },
    )
