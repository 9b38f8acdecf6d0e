"""Signing in and staying signed in: passwords, lockout, sessions, tokens.

* A session (``user_session`` row) is one signed-in device. Its refresh token
  is opaque, stored as a SHA-256 digest, and rotated on every use; rotated
  tokens are kept as retired, and presenting one again ends the session.
* Access tokens are JWTs (HS256, JWT_SECRET) for 15 minutes, naming the user
  (``sub``) and the session (``sid``). Every check also reads the session row,
  so ending a session takes effect at once, not when a token expires.
* The web app keeps the access token in an HttpOnly cookie; there the row, not
  the token's ``exp``, decides (idle timeout and absolute lifetime), so an open
  tab does not need JavaScript to refresh anything.
* Failed sign-ins are counted per account and per IP in Redis; past the limit
  sign-in pauses with a backoff that doubles per lockout, and the owner gets a
  mail. Unknown addresses are counted and timed exactly like known ones.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from sqlmodel import Session, select

from konduct.domain.enums import MemberStatus, TeamRole, UserStatus
from konduct.domain.errors import AuthenticationFailed, NotFound, TooManyAttempts
from konduct.domain.sessions import (
    ACCOUNT_FAILURE_LIMIT,
    FAILURE_WINDOW,
    IP_FAILURE_LIMIT,
    SessionPolicy,
    SessionStatus,
    lock_duration,
    session_status,
)
from konduct.domain.tokens import new_token, token_digest
from konduct.models import RetiredRefreshToken, TeamMember, User, UserSession
from konduct.models.base import utcnow
from konduct.services import audit, mail_templates
from konduct.services.audit import ClientInfo
from konduct.services.devices import describe_device
from konduct.services.kv import KeyValueStore, store_for
from konduct.services.outgoing import queue_mail
from konduct.services.passwords import burn_equal_time, verify_password
from konduct.settings import Settings

POLICY = SessionPolicy()
JWT_ALGORITHM = "HS256"
MFA_CHALLENGE_TTL = timedelta(minutes=5)
MFA_CHALLENGE_ATTEMPTS = 5
IP_LOCK = timedelta(minutes=15)
SIGN_IN_FAILED = "Sign-in failed: check your email and password."


@dataclass(frozen=True)
class AuthContext:
    """Who is acting, in which team, through which door."""

    user: User
    team_id: uuid.UUID | None
    team_role: TeamRole | None
    via: str  # "cookie", "bearer" or "api_key"
    session_id: uuid.UUID | None = None
    api_key_id: uuid.UUID | None = None


@dataclass(frozen=True)
class IssuedSession:
    row: UserSession
    access_token: str
    access_expires_at: datetime
    refresh_token: str


@dataclass(frozen=True)
class MfaChallenge:
    """Password was right; a second factor is due. The token names the pending sign-in."""

    mfa_token: str


# --- lockout ---------------------------------------------------------------


def _kv(settings: Settings) -> KeyValueStore:
    return store_for(settings.redis_url, settings.redis_key_prefix)


def _account_key(email: str) -> str:
    # Digests, not addresses, in Redis keys.
    return token_digest(email.strip().lower())[:32]


def _refuse_if_locked(kv: KeyValueStore, email: str, ip: str) -> None:
    for key in (f"lock:acct:{_account_key(email)}", f"lock:ip:{ip}"):
        if seconds := kv.ttl(key):
            minutes = max(1, round(seconds / 60))
            raise TooManyAttempts(
                seconds,
                f"Too many failed sign-ins. Try again in {minutes} minute"
                f"{'s' if minutes != 1 else ''}, or reset your password.",
            )


def _count_attempt(kv: KeyValueStore, *, email: str, ip: str) -> int:
    """Count a sign-in attempt *before* checking it, so parallel guesses cannot all get in.

    Returns the account's attempts in the window; past the limit, refuse at once.
    """
    window = int(FAILURE_WINDOW.total_seconds())
    if kv.incr(f"fail:ip:{ip}", window) > IP_FAILURE_LIMIT:
        kv.set(f"lock:ip:{ip}", "1", int(IP_LOCK.total_seconds()))
        kv.delete(f"fail:ip:{ip}")
        _refuse_if_locked(kv, email, ip)
    attempts = kv.incr(f"fail:acct:{_account_key(email)}", window)
    if attempts > ACCOUNT_FAILURE_LIMIT:
        _refuse_if_locked(kv, email, ip)
    return attempts


def _failed(
    session: Session,
    kv: KeyValueStore,
    *,
    email: str,
    attempts: int,
    user: User | None,
    client: ClientInfo,
    settings: Settings,
) -> None:
    """After a wrong secret: lock the account at the limit (and tell its owner)."""
    if attempts < ACCOUNT_FAILURE_LIMIT:
        return
    account = _account_key(email)
    lockouts = kv.incr(f"lockouts:acct:{account}", 86400)
    duration = lock_duration(lockouts)
    kv.set(f"lock:acct:{account}", "1", int(duration.total_seconds()))
    kv.delete(f"fail:acct:{account}")
    if user is not None:
        minutes = int(duration.total_seconds() // 60)
        audit.record(
            session,
            action="auth.locked",
            client=client,
            user_id=user.id,
            details={"minutes": minutes},
        )
        queue_mail(
            session,
            mail_templates.lockout_mail(
                user.email, user.full_name, client.ip, minutes, settings=settings
            ),
            settings,
        )


def _succeeded(kv: KeyValueStore, *, email: str) -> None:
    kv.delete(f"fail:acct:{_account_key(email)}")


def check_password_again(
    session: Session, *, user: User, password: str, client: ClientInfo, settings: Settings
) -> bool:
    """A password re-prompt (change password or email, MFA off) counts like a sign-in."""
    kv = _kv(settings)
    _refuse_if_locked(kv, user.email, client.ip)
    attempts = _count_attempt(kv, email=user.email, ip=client.ip)
    if verify_password(password, user.password_hash):
        _succeeded(kv, email=user.email)
        return True
    _failed(
        session,
        kv,
        email=user.email,
        attempts=attempts,
        user=user,
        client=client,
        settings=settings,
    )
    audit.record(session, action="auth.reprompt_failed", client=client, user_id=user.id)
    session.commit()
    return False


# --- signing in ------------------------------------------------------------


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def login(
    session: Session,
    *,
    email: str,
    password: str,
    remember_me: bool,
    client: ClientInfo,
    settings: Settings,
    web: bool = False,
) -> IssuedSession | MfaChallenge:
    """Check the password (and lockout); start a session or ask for the second factor.

    A failure commits its own bookkeeping (counters, audit, lockout mail)
    before raising, because the caller's transaction will roll back.
    """
    kv = _kv(settings)
    _refuse_if_locked(kv, email, client.ip)
    attempts = _count_attempt(kv, email=email, ip=client.ip)
    user = find_user_by_email(session, email)
    if user is None:
        burn_equal_time(password)
        _failed(
            session, kv, email=email, attempts=attempts, user=None, client=client, settings=settings
        )
        raise AuthenticationFailed(SIGN_IN_FAILED)
    if not verify_password(password, user.password_hash):
        _failed(
            session, kv, email=email, attempts=attempts, user=user, client=client, settings=settings
        )
        audit.record(session, action="auth.login_failed", client=client, user_id=user.id)
        session.commit()
        raise AuthenticationFailed(SIGN_IN_FAILED)
    if user.status != UserStatus.ACTIVE:
        raise AuthenticationFailed("This account is not active. Ask your team's admin.")
    if user.mfa_enabled:
        # The failure count stays until the second factor is right too.
        token = new_token()
        pending = json.dumps({"user_id": str(user.id), "remember_me": remember_me, "web": web})
        kv.set(f"mfa:{token_digest(token)}", pending, int(MFA_CHALLENGE_TTL.total_seconds()))
        return MfaChallenge(token)
    _succeeded(kv, email=email)
    return start_session(
        session, user=user, remember_me=remember_me, client=client, settings=settings, web=web
    )


def complete_mfa_login(
    session: Session, *, mfa_token: str, code: str, client: ClientInfo, settings: Settings
) -> IssuedSession:
    """The second step. Wrong codes count against the account like wrong passwords, each
    pending sign-in allows five tries, and a pending sign-in is used up by its success."""
    from konduct.services import mfa  # mfa imports this module's helpers

    kv = _kv(settings)
    key = f"mfa:{token_digest(mfa_token)}"
    pending = kv.get(key)
    expired = AuthenticationFailed("This sign-in step has expired. Start again.")
    if pending is None:
        raise expired
    data = json.loads(pending)
    user = session.get(User, uuid.UUID(data["user_id"]))
    if user is None or user.status != UserStatus.ACTIVE:
        raise expired
    _refuse_if_locked(kv, user.email, client.ip)
    tries = kv.incr(f"{key}:tries", int(MFA_CHALLENGE_TTL.total_seconds()))
    if tries > MFA_CHALLENGE_ATTEMPTS:
        kv.delete(key)
        raise expired
    attempts = _count_attempt(kv, email=user.email, ip=client.ip)
    if not mfa.verify_code(session, user=user, code=code, settings=settings):
        _failed(
            session,
            kv,
            email=user.email,
            attempts=attempts,
            user=user,
            client=client,
            settings=settings,
        )
        audit.record(session, action="auth.mfa_failed", client=client, user_id=user.id)
        session.commit()
        raise AuthenticationFailed("That code is not right. Try the newest code from your app.")
    if kv.take(key) is None:  # a parallel request used this pending sign-in first
        raise expired
    kv.delete(f"{key}:tries")
    _succeeded(kv, email=user.email)
    return start_session(
        session,
        user=user,
        remember_me=bool(data["remember_me"]),
        client=client,
        settings=settings,
        web=bool(data.get("web")),
    )


def start_session(
    session: Session,
    *,
    user: User,
    remember_me: bool,
    client: ClientInfo,
    settings: Settings,
    web: bool = False,
) -> IssuedSession:
    """``web``: the token goes into the browser cookie (and nowhere else)."""
    now = utcnow()
    device = describe_device(client.user_agent)
    first_time_here = _is_new_device(session, user=user, device=device, country=client.country)
    session_id = uuid.uuid4()
    refresh_token = new_token()
    absolute = POLICY.absolute_expiry(now, remember_me)
    row = UserSession(
        id=session_id,
        family_id=session_id,
        user_id=user.id,
        refresh_token_hash=token_digest(refresh_token),
        remember_me=remember_me,
        expires_at=absolute,
        absolute_expires_at=absolute,
        created_at=now,
        last_activity=now,
        user_agent=(client.user_agent or "")[:500] or None,
        ip_address=client.ip[:45],
        device_label=device,
        location=client.country,
    )
    session.add(row)
    user.last_login = now
    session.add(user)
    access_token, access_expires = _access_token(
        user, row, settings, now, kind=WEB if web else ACCESS
    )
    audit.record(
        session,
        action="auth.login",
        client=client,
        user_id=user.id,
        target_type="session",
        target_id=str(session_id),
        details={"device": device},
    )
    if first_time_here:
        queue_mail(
            session,
            mail_templates.new_device_mail(
                user.email,
                user.full_name,
                device,
                client.ip,
                client.country or "unknown",
                now.strftime("%d %b %Y %H:%M UTC"),
                settings=settings,
            ),
            settings,
        )
    session.flush()
    return IssuedSession(row, access_token, access_expires, refresh_token)


def _is_new_device(session: Session, *, user: User, device: str, country: str | None) -> bool:
    """A device (or country) this person has not signed in from before; never the first sign-in."""
    earlier = session.exec(
        select(UserSession.device_label, UserSession.location).where(UserSession.user_id == user.id)
    ).all()
    if not earlier:
        return False
    devices = {d for d, _ in earlier}
    countries = {c for _, c in earlier if c}
    return device not in devices or (country is not None and country not in countries)


# Two kinds of token: "access" for API clients (15 minutes, refreshed), "web" for the
# browser cookie (lasts as long as its session). Each door accepts only its own kind,
# and only the session's newest token (its jti is kept on the row).
ACCESS, WEB = "access", "web"


def _access_token(
    user: User, row: UserSession, settings: Settings, now: datetime, *, kind: str = ACCESS
) -> tuple[str, datetime]:
    expires = now + POLICY.access_token_ttl if kind == ACCESS else row.absolute_expires_at
    jti = new_token(12)
    row.access_jti = jti
    claims = {
        "sub": str(user.id),
        "sid": str(row.id),
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": jti,
        "typ": kind,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=JWT_ALGORITHM), expires


# --- staying signed in -----------------------------------------------------


def _status(row: UserSession, now: datetime) -> SessionStatus:
    return session_status(
        now=now,
        last_activity=row.last_activity,
        absolute_expires_at=row.absolute_expires_at,
        revoked_at=row.revoked_at,
        remember_me=row.remember_me,
        policy=POLICY,
    )


def refresh(
    session: Session, *, refresh_token: str, client: ClientInfo, settings: Settings
) -> IssuedSession:
    """Swap a refresh token for new tokens. A token seen before ends its session."""
    now = utcnow()
    digest = token_digest(refresh_token)
    row = session.exec(
        select(UserSession).where(UserSession.refresh_token_hash == digest).with_for_update()
    ).first()
    if row is None:
        retired = session.get(RetiredRefreshToken, digest)
        if retired is not None:
            family = session.get(UserSession, retired.session_id)
            if family is not None and family.revoked_at is None:
                _revoke(family, now, "refresh token reused")
                session.add(family)
                audit.record(
                    session,
                    action="auth.refresh_reuse",
                    client=client,
                    user_id=family.user_id,
                    target_type="session",
                    target_id=str(family.id),
                )
            session.commit()
            raise AuthenticationFailed(
                "This sign-in was ended for safety: an old refresh token was used. Sign in again."
            )
        raise AuthenticationFailed("The refresh token is not valid.")
    if _status(row, now) != SessionStatus.ACTIVE:
        raise AuthenticationFailed("This sign-in has ended. Sign in again.")
    user = session.get(User, row.user_id)
    if user is None or user.status != UserStatus.ACTIVE:
        raise AuthenticationFailed("This sign-in has ended. Sign in again.")
    session.add(RetiredRefreshToken(token_hash=digest, session_id=row.id, retired_at=now))
    new_refresh = new_token()
    row.previous_token_hash = digest
    row.refresh_token_hash = token_digest(new_refresh)
    row.last_activity = now
    access_token, access_expires = _access_token(user, row, settings, now)
    session.add(row)
    session.flush()
    return IssuedSession(row, access_token, access_expires, new_refresh)


def authenticate_access_token(
    session: Session, *, token: str, settings: Settings, via: str = "bearer"
) -> AuthContext:
    """The person behind a token, if its session is still alive.

    The browser cookie must hold a "web" token, a Bearer header an "access"
    token; either must be unexpired and the session's newest. The session row
    then decides (idle timeout, absolute lifetime, revocation).
    """
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "sid", "exp", "jti", "typ"]},
        )
        session_id = uuid.UUID(claims["sid"])
        if claims["typ"] != (WEB if via == "cookie" else ACCESS):
            raise jwt.InvalidTokenError("token of the wrong kind for this door")
    except jwt.ExpiredSignatureError as exc:
        raise AuthenticationFailed("The access token has expired; refresh it.") from exc
    except (jwt.InvalidTokenError, ValueError) as exc:
        raise AuthenticationFailed("The access token is not valid.") from exc
    row = session.get(UserSession, session_id)
    now = utcnow()
    if (
        row is None
        or str(row.user_id) != claims["sub"]
        or row.access_jti != claims["jti"]  # replaced by a refresh: no longer valid
        or _status(row, now) != SessionStatus.ACTIVE
    ):
        raise AuthenticationFailed("This sign-in has ended. Sign in again.")
    user = session.get(User, row.user_id)
    if user is None or user.status != UserStatus.ACTIVE:
        raise AuthenticationFailed("This sign-in has ended. Sign in again.")
    if now - row.last_activity > POLICY.activity_write_interval:
        row.last_activity = now
        session.add(row)
    return context_for(session, user, via=via, session_id=row.id)


def context_for(
    session: Session,
    user: User,
    *,
    via: str,
    session_id: uuid.UUID | None = None,
    api_key_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
) -> AuthContext:
    """The person in their current team (``default_team_id``, which the team switcher sets),
    or in ``team_id`` when given (an API key's team); no team if not an active member."""
    wanted = team_id or user.default_team_id
    team_id, role = None, None
    if wanted is not None:
        member = session.exec(
            select(TeamMember).where(
                TeamMember.team_id == wanted,
                TeamMember.user_id == user.id,
                TeamMember.status == MemberStatus.ACTIVE,
            )
        ).first()
        if member is not None:
            team_id, role = member.team_id, TeamRole(member.role)
    return AuthContext(user, team_id, role, via, session_id=session_id, api_key_id=api_key_id)


# --- ending sessions -------------------------------------------------------


def _revoke(row: UserSession, now: datetime, reason: str) -> None:
    row.revoked_at = now
    row.revoked_reason = reason


def logout(session: Session, *, ctx: AuthContext, client: ClientInfo) -> None:
    if ctx.session_id is None:
        return
    row = session.get(UserSession, ctx.session_id)
    if row is not None and row.revoked_at is None:
        _revoke(row, utcnow(), "signed out")
        session.add(row)
        audit.record(
            session,
            action="auth.logout",
            client=client,
            user_id=ctx.user.id,
            target_type="session",
            target_id=str(row.id),
        )


def active_sessions(
    session: Session, *, user: User, limit: int = 50, offset: int = 0
) -> list[UserSession]:
    now = utcnow()
    rows = session.exec(
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .order_by(UserSession.last_activity.desc())
    ).all()
    alive = [row for row in rows if _status(row, now) == SessionStatus.ACTIVE]
    return alive[offset : offset + limit]


def revoke_session(
    session: Session, *, ctx: AuthContext, session_id: uuid.UUID, client: ClientInfo
) -> None:
    """End one of the caller's own sessions; someone else's is simply not found."""
    row = session.get(UserSession, session_id)
    if row is None or row.user_id != ctx.user.id or row.revoked_at is not None:
        raise NotFound("session")
    _revoke(row, utcnow(), "ended by the user")
    session.add(row)
    audit.record(
        session,
        action="session.revoke",
        client=client,
        user_id=ctx.user.id,
        target_type="session",
        target_id=str(session_id),
    )


def revoke_all_sessions(
    session: Session,
    *,
    user: User,
    reason: str,
    client: ClientInfo,
    keep: uuid.UUID | None = None,
) -> int:
    """End every session of ``user`` but ``keep``; returns how many ended."""
    now = utcnow()
    rows = session.exec(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    ).all()
    ended = 0
    for row in rows:
        if row.id != keep:
            _revoke(row, now, reason)
            session.add(row)
            ended += 1
    audit.record(
        session,
        action="session.revoke_all",
        client=client,
        user_id=user.id,
        details={"ended": ended, "reason": reason},
    )
    return ended
