"""Two-factor sign-in with TOTP (authenticator apps) and one-time recovery codes.

The TOTP secret is stored encrypted (Fernet, key derived from SESSION_SECRET:
rotating that secret means everyone re-enrols), recovery codes only as
digests. Enrolment is two steps: the secret is kept but MFA stays off until a
first code proves the app has it.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import or_, update
from sqlmodel import Session, select

from konduct.domain.errors import Conflict, ValidationFailed
from konduct.domain.tokens import normalize_recovery_code, recovery_code, same_secret, token_digest
from konduct.models import MfaRecoveryCode, User
from konduct.models.base import utcnow
from konduct.schemas.accounts import MfaSetup
from konduct.services import audit, mail_templates
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext, check_password_again
from konduct.services.outgoing import queue_mail
from konduct.services.qr import qr_svg
from konduct.settings import Settings

ISSUER = "Konduct"
RECOVERY_CODE_COUNT = 10


def _fernet(settings: Settings) -> Fernet:
    key = hashlib.sha256(f"konduct-mfa:{settings.session_secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _secret(user: User, settings: Settings) -> str | None:
    if not user.mfa_secret_encrypted:
        return None
    try:
        return _fernet(settings).decrypt(user.mfa_secret_encrypted.encode()).decode()
    except InvalidToken:
        return None


def _accept_totp(session: Session, user: User, secret: str, code: str) -> bool:
    """A code of the current step or a neighbour, newer than any accepted before.

    The newest step is claimed with a conditional UPDATE, so the same code can
    neither be replayed later nor used twice by two requests at once.
    """
    totp = pyotp.TOTP(secret)
    now = datetime.now(UTC)
    for offset in (0, -1, 1):
        step = totp.timecode(now + timedelta(seconds=offset * totp.interval))
        if same_secret(totp.generate_otp(step), code):
            claimed = session.execute(
                update(User)
                .where(
                    User.id == user.id,
                    or_(User.mfa_last_step.is_(None), User.mfa_last_step < step),
                )
                .values(mfa_last_step=step)
                .execution_options(synchronize_session=False)
            )
            return claimed.rowcount == 1
    return False


def _tell_owner(session: Session, user: User, on: bool, client: ClientInfo, settings: Settings):
    queue_mail(
        session,
        mail_templates.mfa_changed_mail(
            user.email, user.full_name, on, client.ip, settings=settings
        ),
        settings,
    )


def begin_enrolment(session: Session, *, ctx: AuthContext, settings: Settings) -> MfaSetup:
    user = ctx.user
    require_verified(ctx)
    if user.mfa_enabled:
        raise Conflict("Two-factor sign-in is already on. Turn it off first to re-enrol.")
    secret = pyotp.random_base32()
    user.mfa_secret_encrypted = _fernet(settings).encrypt(secret.encode()).decode()
    session.add(user)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return MfaSetup(secret=secret, otpauth_uri=uri, qr_svg=qr_svg(uri))


def confirm_enrolment(
    session: Session, *, ctx: AuthContext, code: str, client: ClientInfo, settings: Settings
) -> list[str]:
    """Switch MFA on once a code from the app matches; returns the recovery codes (once)."""
    user = ctx.user
    if user.mfa_enabled:
        raise Conflict("Two-factor sign-in is already on.")
    secret = _secret(user, settings)
    if secret is None:
        raise ValidationFailed.single("code", "start the set-up first: scan the QR code")
    if not _accept_totp(session, user, secret, code.replace(" ", "")):
        raise ValidationFailed.single("code", "that code does not match; try the newest one")
    user.mfa_enabled = True
    session.add(user)
    codes = _new_recovery_codes(session, user)
    audit.record(session, action="auth.mfa_enabled", client=client, user_id=user.id)
    _tell_owner(session, user, True, client, settings)
    return codes


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    for old in session.exec(select(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user.id)):
        session.delete(old)
    codes = [recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        session.add(MfaRecoveryCode(user_id=user.id, code_hash=token_digest(code)))
    return codes


def verify_code(session: Session, *, user: User, code: str, settings: Settings) -> bool:
    """A current TOTP code, or an unused recovery code (which is then used up)."""
    secret = _secret(user, settings)
    cleaned = code.replace(" ", "")
    if cleaned.isdigit():
        return bool(secret) and _accept_totp(session, user, secret, cleaned)
    # A recovery code is used up in the same statement that checks it.
    used = session.execute(
        update(MfaRecoveryCode)
        .where(
            MfaRecoveryCode.user_id == user.id,
            MfaRecoveryCode.code_hash == token_digest(normalize_recovery_code(code)),
            MfaRecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return used.rowcount == 1


def disable(
    session: Session,
    *,
    ctx: AuthContext,
    password: str,
    code: str,
    client: ClientInfo,
    settings: Settings,
) -> None:
    user = ctx.user
    if not user.mfa_enabled:
        raise Conflict("Two-factor sign-in is already off.")
    if not check_password_again(
        session, user=user, password=password, client=client, settings=settings
    ):
        raise ValidationFailed.single("password", "that is not your current password")
    if not verify_code(session, user=user, code=code, settings=settings):
        raise ValidationFailed.single("code", "that code does not match")
    user.mfa_enabled = False
    user.mfa_secret_encrypted = None
    session.add(user)
    for old in session.exec(select(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user.id)):
        session.delete(old)
    audit.record(session, action="auth.mfa_disabled", client=client, user_id=user.id)
    _tell_owner(session, user, False, client, settings)


def remaining_recovery_codes(session: Session, *, user: User) -> int:
    return len(
        session.exec(
            select(MfaRecoveryCode.id).where(
                MfaRecoveryCode.user_id == user.id, MfaRecoveryCode.used_at.is_(None)
            )
        ).all()
    )
