"""/api/teams: the caller's teams, the current team's members, invitations and usage.

Everything acts on the current team (the one the team switcher chose); another
team's members answer 404.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status
from pydantic import Field

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep, rate_limit
from konduct.domain.invites import INVITE_PREVIEW_LIMIT
from konduct.schemas.common import StrictInput, problem_responses
from konduct.schemas.teams import (
    AcceptInvite,
    InvitationPreview,
    InviteRequest,
    MemberPage,
    MemberPublic,
    MemberUpdate,
    SwitchTeam,
    TeamChoice,
    TeamUsage,
)
from konduct.services import accounts, team_usage, teams

router = APIRouter(prefix="/teams", tags=["teams"], responses=problem_responses(402, 404))


class PasswordPolicy(StrictInput):
    expiry_days: int | None = Field(
        default=None, description="Days before members must choose a new password (30-730), or null"
    )


@router.put("/current/password-policy", response_model=PasswordPolicy)
def set_password_policy(
    data: PasswordPolicy, ctx: CurrentUser, session: DbSession, client: Client
) -> PasswordPolicy:
    """Admins only. Members whose password is older see a banner asking for a new one."""
    accounts.set_password_policy(session, ctx=ctx, expiry_days=data.expiry_days, client=client)
    return data


@router.get("", response_model=list[TeamChoice], summary="The teams you belong to")
def my_teams(ctx: CurrentUser, session: DbSession) -> list[TeamChoice]:
    """``current`` marks the team pages and the API act in."""
    return teams.memberships(session, user=ctx.user)


@router.post("/switch", response_model=TeamChoice, summary="Make another team the current one")
def switch_team(
    data: SwitchTeam, ctx: CurrentUser, session: DbSession, client: Client
) -> TeamChoice:
    """For the app and every Bearer token of yours; API keys stay in the team they were made
    for. A team you are not an active member of answers 404."""
    return teams.switch_team(session, ctx=ctx, team_id=data.team_id, client=client)


@router.post(
    "/invite",
    response_model=MemberPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Invite someone by email",
)
def invite(
    data: InviteRequest,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> MemberPublic:
    """Admins only. Mails a signed link valid for 7 days; inviting again sends a new one and
    retires the old. Counts against the plan's seats (402 when they are taken)."""
    return teams.invite(session, ctx=ctx, data=data, client=client, settings=settings)


@router.post(
    "/invite/preview",
    response_model=InvitationPreview,
    dependencies=[rate_limit("invitation preview", INVITE_PREVIEW_LIMIT)],
)
def preview_invitation(
    data: AcceptInvite, session: DbSession, settings: SettingsDep
) -> InvitationPreview:
    """What an invite link offers (team, inviter, address, role); no sign-in needed."""
    return teams.invitation(session, token=data.token, settings=settings)


@router.post("/invite/accept", response_model=TeamChoice, summary="Accept an invitation")
def accept_invitation(
    data: AcceptInvite,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> TeamChoice:
    """Signed in with the invited address: joins the team and makes it the current one."""
    return teams.accept(session, ctx=ctx, token=data.token, client=client, settings=settings)


@router.get("/members", response_model=MemberPage, summary="The current team's people")
def list_members(
    ctx: CurrentUser,
    session: DbSession,
    limit: int = Query(default=50, ge=1, le=100),
    offset: int = Query(default=0, ge=0),
) -> MemberPage:
    """Active members, pending invitations and deactivated members."""
    return teams.list_members(session, ctx=ctx, limit=limit, offset=offset)


@router.put("/members/{member_id}", response_model=MemberPublic)
def update_member(
    member_id: uuid.UUID, data: MemberUpdate, ctx: CurrentUser, session: DbSession, client: Client
) -> MemberPublic:
    """Admins only: change the role, deactivate (``INACTIVE``) or reactivate (``ACTIVE``).
    The last active admin cannot be demoted or deactivated (409)."""
    return teams.update_member(session, ctx=ctx, member_id=member_id, data=data, client=client)


@router.delete(
    "/members/{member_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response
)
def remove_member(
    member_id: uuid.UUID, ctx: CurrentUser, session: DbSession, client: Client
) -> Response:
    """Admins only: remove a member (their campaigns stay) or withdraw an invitation."""
    teams.remove_member(session, ctx=ctx, member_id=member_id, client=client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/usage", response_model=TeamUsage, summary="This month's usage, by member")
def usage(ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> TeamUsage:
    """Campaigns, tracking links and API calls this month, per member and for the last six
    months; the plan's limits beside them. Admins and managers."""
    return team_usage.usage(session, ctx=ctx, settings=settings)
