"""Accounts: users, their sessions, one-time tokens, MFA and API keys.

Secrets are never stored in the clear: the column names say what is kept
(``password_hash``, ``token_hash``, ``refresh_token_hash``, ``key_hash``,
``code_hash``, ``mfa_secret_encrypted``). Everything a user owns here goes
with the user (``ON DELETE CASCADE``).
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.enums import ApiKeyStatus, Theme, UserRole, UserStatus
from konduct.models.base import JsonType, enum_check, id_field, utcnow


def default_user_preferences() -> dict[str, Any]:
    """The spec's preferences document, as a new user gets it."""
    return {
        "notifications": {
            "email": True,
            "push": False,
            "campaign_updates": True,
            "system_updates": True,
        },
        "theme": Theme.SYSTEM.value,
        "language": "en",
    }


class UserBase(SQLModel):
    # Always stored lowercase (the services lowercase it; a CHECK refuses anything else).
    email: str = Field(max_length=320, unique=True, index=True)
    full_name: str = Field(max_length=200)
    company: str | None = Field(default=None, max_length=200)


class User(UserBase, table=True):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        enum_check("role", UserRole, table="app_user"),
        enum_check("status", UserStatus, table="app_user"),
        CheckConstraint("email = lower(email)", name="ck_app_user_email_lowercase"),
    )

    id: uuid.UUID = id_field()
    role: UserRole = Field(default=UserRole.USER, sa_type=String(32))
    status: UserStatus = Field(default=UserStatus.ACTIVE, sa_type=String(32))
    email_verified: bool = False
    email_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_login: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )
    preferences: dict[str, Any] = Field(default_factory=default_user_preferences, sa_type=JsonType)

    # Credentials
    password_hash: str
    password_changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    mfa_enabled: bool = False
    mfa_secret_encrypted: str | None = None
    # The newest TOTP time step accepted: a code is good once, not for its whole window.
    mfa_last_step: int | None = Field(default=None, sa_type=BigInteger)
    failed_login_count: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)

    # Usage tracking (the spec's ``usage`` object)
    campaigns_created: int = 0
    last_campaign_date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    api_calls: int = 0

    default_team_id: uuid.UUID | None = Field(
        default=None, foreign_key="team.id", ondelete="SET NULL", index=True
    )
    onboarding_completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class UserSession(SQLModel, table=True):
    """One signed-in device: the session family its refresh tokens rotate within.

    Each refresh replaces ``refresh_token_hash``; every replaced token is kept
    in ``retired_refresh_token``, so presenting any old token is recognised as
    reuse and revokes the whole family (this row; ``family_id`` equals ``id``).
    """

    __tablename__ = "user_session"
    __table_args__ = (Index("ix_user_session_user_id_revoked_at", "user_id", "revoked_at"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE")
    refresh_token_hash: str = Field(unique=True)
    family_id: uuid.UUID = Field(default_factory=uuid.uuid4, index=True)
    previous_token_hash: str | None = Field(default=None, index=True)
    access_jti: str | None = Field(default=None, index=True)
    remember_me: bool = False
    expires_at: datetime = Field(sa_type=UTCDateTime)
    absolute_expires_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_activity: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_reason: str | None = None
    # The spec's device_info
    user_agent: str | None = None
    ip_address: str | None = Field(default=None, max_length=45)
    device_label: str | None = None
    location: str | None = None


class RetiredRefreshToken(SQLModel, table=True):
    """A refresh token that was rotated away: seeing it again means it was stolen."""

    __tablename__ = "retired_refresh_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: uuid.UUID = Field(foreign_key="user_session.id", ondelete="CASCADE", index=True)
    retired_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PasswordReset(SQLModel, table=True):
    __tablename__ = "password_reset"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used: bool = False
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    requested_ip: str | None = Field(default=None, max_length=45)


class EmailVerification(SQLModel, table=True):
    """A link sent to ``email``: the sign-up address, or a new one being switched to."""

    __tablename__ = "email_verification"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    email: str = Field(max_length=320)
    token_hash: str = Field(unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PasswordHistory(SQLModel, table=True):
    """Earlier password hashes, to refuse reusing a recent password."""

    __tablename__ = "password_history"
    __table_args__ = (Index("ix_password_history_user_id_created_at", "user_id", "created_at"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE")
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MfaRecoveryCode(SQLModel, table=True):
    __tablename__ = "mfa_recovery_code"
    __table_args__ = (
        UniqueConstraint("user_id", "code_hash", name="uq_mfa_recovery_code_user_id_code_hash"),
    )

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE")
    code_hash: str
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ApiKey(SQLModel, table=True):
    """An API key of a user acting for a team; only its hash and prefix are kept."""

    __tablename__ = "api_key"
    __table_args__ = (enum_check("status", ApiKeyStatus, table="api_key"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    # The first characters of the key, shown to tell keys apart and to look one up.
    prefix: str = Field(max_length=16, index=True)
    key_hash: str = Field(unique=True)
    status: ApiKeyStatus = Field(default=ApiKeyStatus.ACTIVE, sa_type=String(32))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
