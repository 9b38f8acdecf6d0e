"""White-label branding (Enterprise): read and set the team's logo and colours, and
tell the pages which logo to show.

Stored on the team row (``logo_url``, ``brand_colors``). A team that leaves Enterprise
keeps its branding but it is no longer shown.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session

from konduct.domain.branding import parse_branding, stored_branding
from konduct.domain.enums import TeamRole
from konduct.domain.errors import NotFound
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, limits_for, require_feature
from konduct.models import Team
from konduct.schemas.branding import BrandingPublic
from konduct.services import audit
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import plan_of


def _team(session: Session, team_id: uuid.UUID | None, *, for_update: bool = False) -> Team:
    team = session.get(Team, team_id, with_for_update=for_update) if team_id else None
    if team is None:
        raise NotFound("team")
    return team


def enabled(session: Session, team_id: uuid.UUID) -> bool:
    return limits_for(plan_of(session, team_id)).has(Feature.WHITE_LABEL)


def _public(session: Session, team: Team) -> BrandingPublic:
    branding = stored_branding(team.logo_url, team.brand_colors)
    return BrandingPublic(
        logo_url=branding.logo_url,
        primary_color=branding.primary_color,
        accent_color=branding.accent_color,
        enabled=enabled(session, team.id),
    )


def get_branding(session: Session, *, ctx: AuthContext) -> BrandingPublic:
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_VIEW)
    return _public(session, _team(session, ctx.team_id))


def put_branding(
    session: Session,
    *,
    ctx: AuthContext,
    logo_url: str | None,
    primary_color: str | None,
    accent_color: str | None,
    client: ClientInfo | None,
) -> BrandingPublic:
    """Replace the team's branding (admins only, Enterprise)."""
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    team = _team(session, ctx.team_id, for_update=True)
    require_feature(plan_of(session, team.id), Feature.WHITE_LABEL)
    branding = parse_branding(logo_url, primary_color, accent_color)
    team.logo_url = branding.logo_url
    team.brand_colors = branding.colors()
    session.add(team)
    session.flush()
    audit.record(
        session,
        action="team.branding",
        client=client,
        user_id=ctx.user.id,
        team_id=team.id,
        details={"logo": branding.logo_url is not None, "colors": branding.colors()},
    )
    return _public(session, team)


def shown_logo(session: Session, team_id: uuid.UUID | None) -> str:
    """The logo the team's pages show: empty unless set and the plan has white-label."""
    team = session.get(Team, team_id) if team_id else None
    if team is None or not team.logo_url or not enabled(session, team.id):
        return ""
    return stored_branding(team.logo_url, team.brand_colors).logo_url or ""
