"""/api/teams/branding: the team's white-label logo and colours (Enterprise)."""

from __future__ import annotations

from fastapi import APIRouter

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.branding import BrandingIn, BrandingPublic
from konduct.services import branding

router = APIRouter(prefix="/teams/branding", tags=["teams"])


@router.get("", response_model=BrandingPublic, summary="The team's branding")
def get_branding(ctx: CurrentUser, session: DbSession) -> BrandingPublic:
    """Every member may read it; ``enabled`` is false when the plan lacks white-label."""
    return branding.get_branding(session, ctx=ctx)


@router.put("", response_model=BrandingPublic, summary="Replace the team's branding")
def put_branding(
    data: BrandingIn, ctx: CurrentUser, session: DbSession, client: Client
) -> BrandingPublic:
    """Admins only, on Enterprise. ``logo_url`` must be https; colours are ``#rrggbb``.
    An empty or missing value clears that setting. A bad value is a 422 naming the field."""
    return branding.put_branding(
        session,
        ctx=ctx,
        logo_url=data.logo_url,
        primary_color=data.primary_color,
        accent_color=data.accent_color,
        client=client,
    )
