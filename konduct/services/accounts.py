"""Accounts: sign-up with its own team, email verification, passwords, profile.

Answers never reveal whether an address has an account: sign-up and password
reset say "check your inbox" either way, and the mail tells the owner what
happened.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from konduct.domain.enums import ApiKeyStatus, MemberStatus, TeamRole, UserStatus
from konduct.domain.errors import EmailNotVerified, FieldProblem, TooManyAttempts, ValidationFailed
from konduct.domain.passwords import context_words, password_problems
from konduct.domain.permissions import SIGN_UP_ROLE_TO_TEAM_ROLE, Action, require
from konduct.domain.tokens import new_token, token_digest
from konduct.models import (
    ApiKey,
    EmailVerification,
    PasswordHistory,
    PasswordReset,
    Team,
    TeamMember,
    User,
)
from konduct.models.base import utcnow
from konduct.schemas.accounts import (
    ProfileUpdate,
    RegisterRequest,
    TeamMembership,
    Usage,
    UserPublic,
)
from konduct.services import audit, mail_templates, trials
from konduct.services.audit import ClientInfo
from konduct.services.auth import (
    AuthContext,
    check_password_again,
    find_user_by_email,
    revoke_all_sessions,
)
from konduct.services.kv import store_for
from konduct.services.outgoing import queue_mail
from konduct.services.passwords import burn_equal_time, hash_password, verify_password
from konduct.settings import Settings

VERIFICATION_TTL = timedelta(hours=24)
RESET_TTL = timedelta(minutes=30)
PASSWORD_HISTORY_DEPTH = 5
INVALID_LINK = "This link is invalid, already used or expired. Ask for a new one."


# --- sign-up ---------------------------------------------------------------


def register(
    session: Session, *, data: RegisterRequest, client: ClientInfo, settings: Settings
) -> User | None:
    """Create the account and its team, and send the verification mail.

    Returns None when the address already has an account: the owner gets a
    mail about it instead, and the caller answers exactly as for a new one.
    """
    email = data.email.strip().lower()
    problems = password_problems(
        data.password, context=context_words(email, data.full_name, data.company)
    )
    if problems:
        raise ValidationFailed(problems)
    existing = find_user_by_email(session, email)
    if existing is not None:
        burn_equal_time(data.password)  # as long as hashing a new password: timing tells nothing
        queue_mail(
            session,
            mail_templates.account_exists_mail(
                existing.email,
                existing.full_name,
                f"{settings.app_url}/login",
                f"{settings.app_url}/forgot-password",
            ),
            settings,
        )
        audit.record(session, action="auth.register_existing", client=client, user_id=existing.id)
        return None

    now = utcnow()
    password_hash = hash_password(data.password)
    try:
        with session.begin_nested():
            team = Team(
                name=_team_name(data), slug=_unique_slug(session, data.company or data.full_name)
            )
            session.add(team)
            session.flush()
            user = User(
                email=email,
                full_name=data.full_name.strip(),
                company=(data.company or "").strip() or None,
                role=data.role,
                password_hash=password_hash,
                password_changed_at=now,
                default_team_id=team.id,
            )
            session.add(user)
            session.flush()
    except IntegrityError:
        # The same address (or team slug) was taken a moment ago by a parallel sign-up:
        # answer as for any existing address rather than fail.
        return None
    session.add(
        TeamMember(
            team_id=team.id,
            user_id=user.id,
            role=SIGN_UP_ROLE_TO_TEAM_ROLE[data.role],
            status=MemberStatus.ACTIVE,
            invited_at=now,
            joined_at=now,
        )
    )
    session.add(PasswordHistory(user_id=user.id, password_hash=password_hash))
    _send_verification(session, user=user, email=email, settings=settings)
    audit.record(
        session,
        action="auth.register",
        client=client,
        user_id=user.id,
        team_id=team.id,
        details={"role": data.role.value},
    )
    session.flush()
    return user


def _team_name(data: RegisterRequest) -> str:
    return (data.company or f"{data.full_name.strip()}'s workspace").strip()[:120]


def _unique_slug(session: Session, base: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:48] or "team"
    candidate = slug
    while session.exec(select(Team.id).where(Team.slug == candidate)).first() is not None:
        candidate = f"{slug}-{new_token(4).lower().replace('_', '').replace('-', '')[:6]}"
    return candidate


# --- email verification ----------------------------------------------------


def _send_verification(
    session: Session, *, user: User, email: str, settings: Settings, change: bool = False
) -> None:
    token = new_token()
    session.add(
        EmailVerification(
            user_id=user.id,
            email=email,
            token_hash=token_digest(token),
            expires_at=utcnow() + VERIFICATION_TTL,
        )
    )
    link = f"{settings.app_url}/verify-email?token={token}"
    template = mail_templates.email_change_mail if change else mail_templates.verification_mail
    queue_mail(session, template(email, user.full_name, link), settings)


MAILS_PER_HOUR = 5


def _mail_quota(user: User, purpose: str, settings: Settings) -> None:
    """At most a few mails of one kind an hour per account, whichever door asks."""
    counter = store_for(settings.redis_url, settings.redis_key_prefix)
    if counter.incr(f"mail:{purpose}:{user.id}", 3600) > MAILS_PER_HOUR:
        raise TooManyAttempts(
            counter.ttl(f"mail:{purpose}:{user.id}") or 3600,
            "We already sent several of these mails this hour. Check your inbox and spam "
            "folder, or try again later.",
        )


def resend_verification(session: Session, *, ctx: AuthContext, settings: Settings) -> None:
    if ctx.user.email_verified:
        return
    _mail_quota(ctx.user, "verification", settings)
    _send_verification(session, user=ctx.user, email=ctx.user.email, settings=settings)


def verify_email(session: Session, *, token: str, client: ClientInfo, settings: Settings) -> User:
    """Use a verification link once: confirms the address (or switches to the new one)."""
    row = session.exec(
        select(EmailVerification)
        .where(EmailVerification.token_hash == token_digest(token))
        .with_for_update()  # a second use waits, then sees it used
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise ValidationFailed.single("token", INVALID_LINK)
    user = session.get(User, row.user_id)
    if user is None:
        raise ValidationFailed.single("token", INVALID_LINK)
    changed = row.email != user.email
    if changed and find_user_by_email(session, row.email) is not None:
        raise ValidationFailed.single("token", "That address now belongs to another account.")
    row.used_at = utcnow()
    user.email = row.email
    user.email_verified = True
    user.email_verified_at = row.used_at
    session.add_all([row, user])
    audit.record(
        session,
        action="auth.email_changed" if changed else "auth.email_verified",
        client=client,
        user_id=user.id,
        details={"email": row.email},
    )
    trials.address_confirmed(session, email=user.email, settings=settings)
    return user


def request_email_change(
    session: Session,
    *,
    ctx: AuthContext,
    new_email: str,
    password: str,
    client: ClientInfo,
    settings: Settings,
) -> None:
    """Send a link to the new address; the change happens when it is opened."""
    if not check_password_again(
        session, user=ctx.user, password=password, client=client, settings=settings
    ):
        raise ValidationFailed.single("password", "that is not your current password")
    _mail_quota(ctx.user, "email-change", settings)
    new_email = new_email.strip().lower()
    if new_email == ctx.user.email:
        raise ValidationFailed.single("new_email", "that is already your address")
    if find_user_by_email(session, new_email) is None:
        _send_verification(session, user=ctx.user, email=new_email, settings=settings, change=True)
    audit.record(session, action="auth.email_change_requested", client=client, user_id=ctx.user.id)


# --- passwords -------------------------------------------------------------


def request_password_reset(
    session: Session, *, email: str, client: ClientInfo, settings: Settings
) -> None:
    """Mail a 30-minute, single-use reset link if the address has an account; say nothing else."""
    user = find_user_by_email(session, email)
    if user is None or user.status != UserStatus.ACTIVE:
        return
    try:
        _mail_quota(user, "password-reset", settings)
    except TooManyAttempts:
        return  # say nothing different: the answer must not depend on the address
    token = new_token()
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=token_digest(token),
            expires_at=utcnow() + RESET_TTL,
            requested_ip=client.ip[:45],
        )
    )
    link = f"{settings.app_url}/reset-password?token={token}"
    queue_mail(
        session,
        mail_templates.password_reset_mail(
            user.email, user.full_name, link, int(RESET_TTL.total_seconds() // 60)
        ),
        settings,
    )
    audit.record(session, action="auth.reset_requested", client=client, user_id=user.id)


def reset_password(
    session: Session, *, token: str, new_password: str, client: ClientInfo, settings: Settings
) -> User:
    row = session.exec(
        select(PasswordReset)
        .where(PasswordReset.token_hash == token_digest(token))
        .with_for_update()  # a second use waits, then sees it used
    ).first()
    if row is None or row.used or row.expires_at <= utcnow():
        raise ValidationFailed.single("token", INVALID_LINK)
    user = session.get(User, row.user_id)
    if user is None:
        raise ValidationFailed.single("token", INVALID_LINK)
    _set_password(session, user=user, new_password=new_password, field="new_password")
    row.used, row.used_at = True, utcnow()
    session.add(row)
    revoke_all_sessions(session, user=user, reason="password reset", client=client)
    # A reset is how an owner takes an account back: keys made by whoever had it go too.
    for key in session.exec(
        select(ApiKey).where(ApiKey.user_id == user.id, ApiKey.status == ApiKeyStatus.ACTIVE)
    ):
        key.status, key.revoked_at = ApiKeyStatus.INACTIVE, utcnow()
        session.add(key)
    audit.record(session, action="auth.password_reset", client=client, user_id=user.id)
    queue_mail(
        session,
        mail_templates.password_changed_mail(
            user.email, user.full_name, client.ip, settings=settings
        ),
        settings,
    )
    return user


def change_password(
    session: Session,
    *,
    ctx: AuthContext,
    current_password: str,
    new_password: str,
    client: ClientInfo,
    settings: Settings,
) -> int:
    """Change the password; every other session ends. Returns how many ended."""
    if not check_password_again(
        session, user=ctx.user, password=current_password, client=client, settings=settings
    ):
        raise ValidationFailed.single("current_password", "that is not your current password")
    _set_password(session, user=ctx.user, new_password=new_password, field="new_password")
    ended = revoke_all_sessions(
        session, user=ctx.user, reason="password changed", client=client, keep=ctx.session_id
    )
    audit.record(session, action="auth.password_changed", client=client, user_id=ctx.user.id)
    queue_mail(
        session,
        mail_templates.password_changed_mail(
            ctx.user.email, ctx.user.full_name, client.ip, settings=settings
        ),
        settings,
    )
    return ended


def _set_password(session: Session, *, user: User, new_password: str, field: str) -> None:
    problems = [
        FieldProblem(field, p.reason)
        for p in password_problems(
            new_password, context=context_words(user.email, user.full_name, user.company)
        )
    ]
    if problems:
        raise ValidationFailed(problems)
    recent = session.exec(
        select(PasswordHistory)
        .where(PasswordHistory.user_id == user.id)
        .order_by(PasswordHistory.created_at.desc())
        .limit(PASSWORD_HISTORY_DEPTH)
    ).all()
    if any(verify_password(new_password, old.password_hash) for old in recent):
        raise ValidationFailed.single(
            field, f"choose a password you have not used for your last {PASSWORD_HISTORY_DEPTH}"
        )
    password_hash = hash_password(new_password)
    user.password_hash = password_hash
    user.password_changed_at = utcnow()
    session.add(user)
    session.add(PasswordHistory(user_id=user.id, password_hash=password_hash))


def password_expired(session: Session, *, user: User) -> bool:
    """Whether the team's expiry policy (days, set by an admin) asks for a new password."""
    team = session.get(Team, user.default_team_id) if user.default_team_id else None
    days = (team.settings or {}).get("password_expiry_days") if team else None
    if not days or user.password_changed_at is None:
        return False
    return utcnow() - user.password_changed_at > timedelta(days=int(days))


def set_password_policy(
    session: Session, *, ctx: AuthContext, expiry_days: int | None, client: ClientInfo
) -> None:
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    if expiry_days is not None and not 30 <= expiry_days <= 730:
        raise ValidationFailed.single("expiry_days", "choose between 30 and 730 days, or none")
    # Locked: team.settings is one JSON document that other settings (naming rules) write too.
    team = session.get(Team, ctx.team_id, with_for_update=True)
    team.settings = {**(team.settings or {}), "password_expiry_days": expiry_days}
    session.add(team)
    audit.record(
        session,
        action="team.password_policy",
        client=client,
        user_id=ctx.user.id,
        team_id=team.id,
        details={"expiry_days": expiry_days},
    )


# --- profile ---------------------------------------------------------------


def update_profile(
    session: Session, *, ctx: AuthContext, data: ProfileUpdate, client: ClientInfo
) -> User:
    user = ctx.user
    changed: list[str] = []
    if data.full_name is not None and data.full_name.strip() != user.full_name:
        user.full_name = data.full_name.strip()
        changed.append("full_name")
    if data.company is not None and (data.company.strip() or None) != user.company:
        user.company = data.company.strip() or None
        changed.append("company")
    if data.preferences is not None:
        # A new dict, not an edit in place: JSON columns do not track mutation. Merged, so
        # keys the form does not show (e.g. whether the tour was seen) survive.
        user.preferences = {**(user.preferences or {}), **data.preferences.model_dump(mode="json")}
        changed.append("preferences")
    if changed:
        user.updated_at = utcnow()
        session.add(user)
        audit.record(
            session,
            action="user.profile_updated",
            client=client,
            user_id=user.id,
            details={"fields": changed},
        )
    return user


def complete_onboarding(session: Session, *, ctx: AuthContext) -> None:
    if ctx.user.onboarding_completed_at is None:
        ctx.user.onboarding_completed_at = utcnow()
        session.add(ctx.user)


def set_preference(session: Session, *, ctx: AuthContext, key: str, value: object) -> None:
    """One preference outside the profile form (the theme menu, the tour)."""
    ctx.user.preferences = {**(ctx.user.preferences or {}), key: value}
    session.add(ctx.user)


def public_user(session: Session, ctx: AuthContext) -> UserPublic:
    user = ctx.user
    team = session.get(Team, ctx.team_id) if ctx.team_id else None
    return UserPublic(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        company=user.company,
        role=user.role,
        status=user.status,
        email_verified=user.email_verified,
        mfa_enabled=user.mfa_enabled,
        password_expired=password_expired(session, user=user),
        last_login=user.last_login,
        created_at=user.created_at,
        updated_at=user.updated_at,
        preferences=user.preferences,
        usage=Usage(
            campaigns_created=user.campaigns_created,
            last_campaign_date=user.last_campaign_date,
            api_calls=user.api_calls,
        ),
        team=TeamMembership(id=team.id, name=team.name, role=ctx.team_role.value)
        if team and ctx.team_role
        else None,
    )


def get_user(session: Session, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


def require_verified(ctx: AuthContext) -> None:
    """Creating campaigns (and other writes to team data) needs a verified address."""
    if not ctx.user.email_verified:
        raise EmailNotVerified()
