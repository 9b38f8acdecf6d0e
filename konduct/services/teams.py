"""Team management: invitations, members and their roles, the current team.

Each account has a current team (``app_user.default_team_id``): pages and the
REST API both act in it (``auth.context_for``), and the team switcher changes
it. API keys act in the team they were made for.

Admins invite by address; the mail carries a signed link that expires
(``domain.invites``). The invitee signs in or registers with that address and
accepts. Seats are counted against the plan (active and invited people) under
a lock on the team row, and a team always keeps at least one active admin.
Another team's members are "not found", never "forbidden".
"""

from __future__ import annotations

import uuid

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from konduct.domain.enums import ApiKeyStatus, MemberStatus, TeamRole
from konduct.domain.errors import Conflict, NotFound, ValidationFailed
from konduct.domain.invites import INVITE_TTL, read_invite, sign_invite, verify_invite
from konduct.domain.permissions import Action, require
from konduct.models import ApiKey, Team, TeamMember, User
from konduct.models.base import utcnow
from konduct.schemas.teams import (
    InvitationPreview,
    InviteRequest,
    MemberPage,
    MemberPublic,
    MemberUpdate,
    TeamChoice,
)
from konduct.services import audit, limits, team_mails
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.outgoing import queue_mail
from konduct.settings import Settings

INVALID_INVITE = "This invitation is invalid, already used or expired. Ask for a new one."
INVITE_PATH = "/invite"


def _team_id(ctx: AuthContext) -> uuid.UUID:
    if ctx.team_id is None:
        raise NotFound("team")
    return ctx.team_id


def _public(member: TeamMember, user: User | None) -> MemberPublic:
    # Until someone joins, the team knows only the address it invited: whether that address
    # has a Konduct account, and under which name, is not the inviting team's business.
    joined = MemberStatus(member.status) != MemberStatus.INVITED
    return MemberPublic(
        id=member.id,
        user_id=member.user_id if joined else None,
        email=user.email if user else (member.invite_email or ""),
        full_name=user.full_name if user and joined else None,
        role=TeamRole(member.role),
        status=MemberStatus(member.status),
        invited_by=member.invited_by,
        invited_at=member.invited_at,
        joined_at=member.joined_at,
    )


# --- the current team --------------------------------------------------------


def memberships(session: Session, *, user: User) -> list[TeamChoice]:
    """The teams this person is an active member of, for the team switcher."""
    rows = session.exec(
        select(TeamMember, Team)
        .join(Team, Team.id == TeamMember.team_id)
        .where(TeamMember.user_id == user.id, TeamMember.status == MemberStatus.ACTIVE)
        .order_by(func.lower(Team.name))
        .limit(100)
    ).all()
    return [
        TeamChoice(
            id=team.id, name=team.name, role=member.role, current=team.id == user.default_team_id
        )
        for member, team in rows
    ]


def switch_team(
    session: Session, *, ctx: AuthContext, team_id: uuid.UUID, client: ClientInfo
) -> TeamChoice:
    """Make another of the person's teams the current one (for every door at once)."""
    member = _active_membership(session, user_id=ctx.user.id, team_id=team_id)
    if member is None:
        raise NotFound("team")
    ctx.user.default_team_id = team_id
    session.add(ctx.user)
    audit.record(
        session,
        action="team.switch",
        client=client,
        user_id=ctx.user.id,
        team_id=team_id,
    )
    team = session.get(Team, team_id)
    return TeamChoice(id=team.id, name=team.name, role=member.role, current=True)


def _active_membership(
    session: Session, *, user_id: uuid.UUID, team_id: uuid.UUID
) -> TeamMember | None:
    return session.exec(
        select(TeamMember).where(
            TeamMember.team_id == team_id,
            TeamMember.user_id == user_id,
            TeamMember.status == MemberStatus.ACTIVE,
        )
    ).first()


def _move_current_team_away(session: Session, *, user_id: uuid.UUID, team_id: uuid.UUID) -> None:
    """Someone left ``team_id``: their current team becomes another of theirs (or none)."""
    user = session.get(User, user_id)
    if user is None or user.default_team_id != team_id:
        return
    other = session.exec(
        select(TeamMember.team_id)
        .where(
            TeamMember.user_id == user_id,
            TeamMember.status == MemberStatus.ACTIVE,
            TeamMember.team_id != team_id,
        )
        .order_by(TeamMember.joined_at)
    ).first()
    user.default_team_id = other
    session.add(user)


# --- invitations -------------------------------------------------------------


def invite_link(member: TeamMember, settings: Settings) -> str:
    token = sign_invite(settings.session_secret, member.id, member.invited_at)
    return f"{settings.app_url}{INVITE_PATH}?token={token}"


def invite(
    session: Session,
    *,
    ctx: AuthContext,
    data: InviteRequest,
    client: ClientInfo,
    settings: Settings,
) -> MemberPublic:
    """Invite an address (again, if already invited: the earlier link stops working)."""
    require(ctx.team_role, Action.TEAM_INVITE)
    require_verified(ctx)
    team_id = _team_id(ctx)
    email = str(data.email).strip().lower()
    user = session.exec(select(User).where(User.email == email)).first()
    existing = session.exec(
        select(TeamMember).where(
            TeamMember.team_id == team_id,
            (TeamMember.user_id == user.id) if user else (TeamMember.invite_email == email),
        )
    ).first()
    if existing is None and user is not None:
        # An invitation sent before this address had an account.
        existing = session.exec(
            select(TeamMember).where(
                TeamMember.team_id == team_id, TeamMember.invite_email == email
            )
        ).first()
    if existing is not None and existing.status == MemberStatus.ACTIVE:
        raise Conflict(f"{email} is already a member of this team.")
    if existing is not None and existing.status == MemberStatus.INACTIVE:
        raise Conflict(f"{email} is a deactivated member: reactivate them instead.")
    if existing is None:
        limits.check_new_seat(session, team_id=team_id)
        member = TeamMember(
            team_id=team_id,
            user_id=user.id if user else None,
            invite_email=email,
            role=data.role,
            status=MemberStatus.INVITED,
            invited_by=ctx.user.id,
        )
    else:
        member = existing
        member.role, member.invited_by, member.invited_at = data.role, ctx.user.id, utcnow()
    session.add(member)
    session.flush()
    team = session.get(Team, team_id)
    queue_mail(
        session,
        team_mails.invitation_mail(
            email,
            team_name=team.name,
            inviter=ctx.user.full_name,
            role=data.role.value,
            link=invite_link(member, settings),
            expires_days=INVITE_TTL.days,
        ),
        settings,
    )
    audit.record(
        session,
        action="team.invite",
        client=client,
        user_id=ctx.user.id,
        team_id=team_id,
        target_type="team_member",
        target_id=str(member.id),
        details={"email": email, "role": data.role.value},
    )
    return _public(member, user)


def _invitation(session: Session, token: str, settings: Settings) -> TeamMember:
    claim = read_invite(token)
    member = session.get(TeamMember, claim.member_id) if claim else None
    if (
        member is None
        or member.status != MemberStatus.INVITED
        or not verify_invite(settings.session_secret, token, member.invited_at, utcnow())
    ):
        raise ValidationFailed.single("token", INVALID_INVITE)
    return member


def invitation(session: Session, *, token: str, settings: Settings) -> InvitationPreview:
    """What an invite link offers; anyone holding the link may see it."""
    member = _invitation(session, token, settings)
    team = session.get(Team, member.team_id)
    inviter = session.get(User, member.invited_by) if member.invited_by else None
    claim = read_invite(token)
    return InvitationPreview(
        team_name=team.name,
        invited_by=inviter.full_name if inviter else None,
        email=member.invite_email or "",
        role=member.role,
        expires_at=claim.expires_at,
    )


def accept(
    session: Session, *, ctx: AuthContext, token: str, client: ClientInfo, settings: Settings
) -> TeamChoice:
    """Join the team the link invites to; it becomes the person's current team.

    The link went to one address: only the account with that address may use it. Opening
    it proves the mailbox, so it also confirms the address."""
    member = _invitation(session, token, settings)
    session.refresh(member, with_for_update=True)  # two tabs accepting: the second sees it used
    if member.status != MemberStatus.INVITED:
        raise ValidationFailed.single("token", INVALID_INVITE)
    if (member.invite_email or "").lower() != ctx.user.email:
        raise ValidationFailed.single(
            "token",
            f"This invitation is for {member.invite_email}. Sign in with that address to accept.",
        )
    if _active_membership(session, user_id=ctx.user.id, team_id=member.team_id):
        raise Conflict("You are already a member of this team.")
    now = utcnow()
    member.user_id, member.status, member.joined_at = ctx.user.id, MemberStatus.ACTIVE, now
    ctx.user.default_team_id = member.team_id
    if not ctx.user.email_verified:
        ctx.user.email_verified, ctx.user.email_verified_at = True, now
    session.add_all([member, ctx.user])
    audit.record(
        session,
        action="team.join",
        client=client,
        user_id=ctx.user.id,
        team_id=member.team_id,
        target_type="team_member",
        target_id=str(member.id),
    )
    team = session.get(Team, member.team_id)
    return TeamChoice(id=team.id, name=team.name, role=member.role, current=True)


# --- members -----------------------------------------------------------------


def list_members(
    session: Session, *, ctx: AuthContext, limit: int = 50, offset: int = 0
) -> MemberPage:
    """Active members first (admins, managers, members), then invited, then deactivated."""
    require(ctx.team_role, Action.TEAM_VIEW)
    team_id = _team_id(ctx)
    total = session.exec(
        select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team_id)
    ).one()
    status_order = {MemberStatus.ACTIVE: 0, MemberStatus.INVITED: 1, MemberStatus.INACTIVE: 2}
    role_order = {TeamRole.ADMIN: 0, TeamRole.MANAGER: 1, TeamRole.MEMBER: 2}
    rows = session.exec(
        select(TeamMember, User)
        .join(User, User.id == TeamMember.user_id, isouter=True)
        .where(TeamMember.team_id == team_id)
        .order_by(
            case(status_order, value=TeamMember.status),
            case(role_order, value=TeamMember.role),
            func.lower(func.coalesce(User.full_name, TeamMember.invite_email)),
            TeamMember.id,
        )
        .offset(offset)
        .limit(limit)
    ).all()
    return MemberPage(
        items=[_public(member, user) for member, user in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def _member_of_team(session: Session, *, team_id: uuid.UUID, member_id: uuid.UUID) -> TeamMember:
    member = session.get(TeamMember, member_id, with_for_update=True)
    if member is None or member.team_id != team_id:
        raise NotFound("team member")
    return member


def _other_active_admins(session: Session, member: TeamMember) -> int:
    return session.exec(
        select(func.count())
        .select_from(TeamMember)
        .where(
            TeamMember.team_id == member.team_id,
            TeamMember.status == MemberStatus.ACTIVE,
            TeamMember.role == TeamRole.ADMIN,
            TeamMember.id != member.id,
        )
    ).one()


def _keep_an_admin(session: Session, member: TeamMember) -> None:
    if (
        member.status == MemberStatus.ACTIVE
        and member.role == TeamRole.ADMIN
        and _other_active_admins(session, member) == 0
    ):
        raise Conflict("A team needs at least one active admin: make someone else admin first.")


def _revoke_keys(session: Session, *, user_id: uuid.UUID | None, team_id: uuid.UUID) -> None:
    """Someone who left a team (or was deactivated) keeps no key that acts in it."""
    if user_id is None:
        return
    for key in session.exec(
        select(ApiKey).where(
            ApiKey.user_id == user_id,
            ApiKey.team_id == team_id,
            ApiKey.status == ApiKeyStatus.ACTIVE,
        )
    ):
        key.status, key.revoked_at = ApiKeyStatus.INACTIVE, utcnow()
        session.add(key)


def update_member(
    session: Session,
    *,
    ctx: AuthContext,
    member_id: uuid.UUID,
    data: MemberUpdate,
    client: ClientInfo,
) -> MemberPublic:
    require(ctx.team_role, Action.TEAM_MANAGE)
    team_id = _team_id(ctx)
    limits.lock_team(session, team_id)  # "last admin" and seats are counted under the lock
    member = _member_of_team(session, team_id=team_id, member_id=member_id)
    changes: dict[str, dict[str, str]] = {}
    demoted = data.role is not None and data.role != TeamRole.ADMIN
    deactivated = data.status == MemberStatus.INACTIVE
    if demoted or deactivated:
        _keep_an_admin(session, member)
    if data.status is not None and data.status != member.status:
        if member.status == MemberStatus.INVITED:
            raise Conflict("This person has not joined yet: remove the invitation instead.")
        if data.status == MemberStatus.ACTIVE:
            limits.check_new_seat(session, team_id=team_id)
        changes["status"] = {"from": member.status, "to": data.status}
        member.status = data.status
        if deactivated:
            _revoke_keys(session, user_id=member.user_id, team_id=team_id)
            _move_current_team_away(session, user_id=member.user_id, team_id=team_id)
    if data.role is not None and data.role != member.role:
        changes["role"] = {"from": member.role, "to": data.role}
        member.role = data.role
    if changes:
        session.add(member)
        audit.record(
            session,
            action="team.member_update",
            client=client,
            user_id=ctx.user.id,
            team_id=team_id,
            target_type="team_member",
            target_id=str(member.id),
            details=changes,
        )
    user = session.get(User, member.user_id) if member.user_id else None
    return _public(member, user)


def remove_member(
    session: Session, *, ctx: AuthContext, member_id: uuid.UUID, client: ClientInfo
) -> None:
    """Remove a member (their campaigns stay the team's) or withdraw an invitation."""
    require(ctx.team_role, Action.TEAM_MANAGE)
    team_id = _team_id(ctx)
    limits.lock_team(session, team_id)
    member = _member_of_team(session, team_id=team_id, member_id=member_id)
    _keep_an_admin(session, member)
    _revoke_keys(session, user_id=member.user_id, team_id=team_id)
    if member.user_id is not None:
        _move_current_team_away(session, user_id=member.user_id, team_id=team_id)
    audit.record(
        session,
        action="team.member_remove",
        client=client,
        user_id=ctx.user.id,
        team_id=team_id,
        target_type="team_member",
        target_id=str(member.id),
        details={"email": member.invite_email or "", "status": member.status},
    )
    session.delete(member)


def active_member_ids(session: Session, team_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.exec(
            select(TeamMember.user_id).where(
                TeamMember.team_id == team_id,
                col(TeamMember.user_id).is_not(None),
                TeamMember.status == MemberStatus.ACTIVE,
            )
        ).all()
    )
