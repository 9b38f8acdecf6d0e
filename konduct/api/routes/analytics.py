"""/api/analytics: the site's first-party tracking and its report (staff only)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep, rate_limit
from konduct.api.problems import Problem
from konduct.api.session_cookies import check_origin
from konduct.schemas.analytics import TrackBatch
from konduct.services import analytics

router = APIRouter(prefix="/analytics", tags=["analytics"])

TRACK_LIMIT = "60/minute"
MAX_TRACK_BYTES = 8192


def site_hosts(settings) -> list[str]:
    return [origin.split("://", 1)[1] for origin in settings.allowed_origins]


@router.get("/config", summary="What the page's tracking script needs to know")
def config(settings: SettingsDep) -> dict:
    """``ga_measurement_id`` is empty when Google Analytics is off; the script loads gtag
    only when it is set and the visitor accepted cookies."""
    return {"ga_measurement_id": settings.ga_measurement_id, "first_party": True}


@router.post(
    "/track",
    status_code=202,
    summary="Record page views, CTA clicks, Web Vitals and conversions (anonymous)",
    dependencies=[rate_limit("analytics", TRACK_LIMIT)],
)
async def track(
    request: Request, session: DbSession, settings: SettingsDep, client: Client
) -> dict:
    """Up to 20 events a request and 8 KB a body, from this site's pages only. Requests
    from robots are accepted and not recorded."""
    check_origin(request, settings)
    body = await request.body()
    if len(body) > MAX_TRACK_BYTES:
        raise Problem(
            413,
            f"A tracking request carries at most {MAX_TRACK_BYTES} bytes.",
            slug="payload-too-large",
            extra={"max_bytes": MAX_TRACK_BYTES},
        )
    try:
        batch = TrackBatch.model_validate_json(body or b"{}")
    except ValidationError as invalid:  # answered as the API answers any bad body
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in invalid.errors()]
        ) from invalid
    recorded = analytics.track(
        session, batch, user_agent=client.user_agent, site_hosts=site_hosts(settings)
    )
    return {"recorded": recorded}


@router.get("/landing", summary="The landing site's report over a date range (staff only)")
def landing(
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    start: Annotated[date | None, Query(description="First day (UTC); 30 days ago")] = None,
    end: Annotated[date | None, Query(description="Last day (UTC); today")] = None,
) -> dict:
    """Page views, unique visitors, conversions by day (the LandingPageAnalytics rows),
    conversion and bounce rates, engagement, Web Vitals percentiles, top CTAs and pages."""
    return analytics.report_for_staff(session, ctx=ctx, settings=settings, start=start, end=end)
