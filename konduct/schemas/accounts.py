"""Accounts over REST and in the pages: sign-up, sign-in, profile, sessions, MFA, API keys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from konduct.domain.enums import Theme, UserRole, UserStatus
from konduct.schemas.common import StrictInput

Language = Literal["en", "fr"]
SessionDelivery = Literal["token", "cookie"]
# Long enough for any passphrase; the rules (12..128 after normalising) are the domain's.
PasswordField = Field(min_length=1, max_length=1024)


class RegisterRequest(StrictInput):
    email: EmailStr = Field(max_length=320)
    password: str = PasswordField
    full_name: str = Field(min_length=1, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    role: UserRole = UserRole.USER
    accept_terms: bool

    @field_validator("accept_terms")
    @classmethod
    def _terms_accepted(cls, accepted: bool) -> bool:
        if not accepted:
            raise ValueError("accept the terms of service to create an account")
        return accepted


class RegisterResponse(BaseModel):
    status: Literal["verification_sent"] = "verification_sent"
    email: str
    detail: str = "Check your inbox: we sent a link to verify your email address."


class LoginRequest(StrictInput):
    email: EmailStr = Field(max_length=320)
    password: str = PasswordField
    remember_me: bool = False
    session: SessionDelivery = Field(
        default="token",
        description="token: tokens in the answer (API clients); cookie: an HttpOnly cookie "
        "(the web app), and no token in the answer.",
    )


class MfaLoginRequest(StrictInput):
    mfa_token: str = Field(min_length=10, max_length=200)
    code: str = Field(min_length=6, max_length=20, description="TOTP code or recovery code")
    session: SessionDelivery = "token"


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str
    refresh_expires_at: datetime
    session_id: uuid.UUID


class LoginResponse(BaseModel):
    signed_in: bool
    mfa_required: bool = False
    mfa_token: str | None = None
    tokens: TokenPair | None = None


class RefreshRequest(StrictInput):
    refresh_token: str = Field(min_length=10, max_length=200)


class TokenRequest(StrictInput):
    token: str = Field(min_length=10, max_length=200)


class ForgotPasswordRequest(StrictInput):
    email: EmailStr = Field(max_length=320)


class ResetPasswordRequest(StrictInput):
    token: str = Field(min_length=10, max_length=200)
    new_password: str = PasswordField


class ChangePasswordRequest(StrictInput):
    current_password: str = PasswordField
    new_password: str = PasswordField


class PasswordStrengthRequest(StrictInput):
    password: str = Field(max_length=1024)
    email: str | None = Field(default=None, max_length=320)
    full_name: str | None = Field(default=None, max_length=200)


class PasswordStrengthResponse(BaseModel):
    score: int
    label: str
    warning: str
    suggestions: list[str]
    problems: list[str]
    acceptable: bool


class Notifications(BaseModel):
    email: bool = True
    push: bool = False
    campaign_updates: bool = True
    system_updates: bool = True


class Preferences(BaseModel):
    notifications: Notifications = Notifications()
    theme: Theme = Theme.SYSTEM
    language: Language = "en"


class ProfileUpdate(StrictInput):
    full_name: str | None = Field(default=None, min_length=1, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    preferences: Preferences | None = None


class EmailChangeRequest(StrictInput):
    new_email: EmailStr = Field(max_length=320)
    password: str = PasswordField


class TeamMembership(BaseModel):
    id: uuid.UUID
    name: str
    role: str


class Usage(BaseModel):
    campaigns_created: int
    last_campaign_date: datetime | None
    api_calls: int


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    full_name: str
    company: str | None
    role: UserRole
    status: UserStatus
    email_verified: bool
    mfa_enabled: bool
    password_expired: bool = Field(description="The team's expiry policy asks for a new password")
    last_login: datetime | None
    created_at: datetime
    updated_at: datetime
    preferences: dict[str, Any]
    usage: Usage
    team: TeamMembership | None


class SessionPublic(BaseModel):
    id: uuid.UUID
    device: str
    user_agent: str | None
    ip_address: str | None
    location: str | None
    created_at: datetime
    last_activity: datetime
    remember_me: bool
    current: bool


class MfaSetup(BaseModel):
    secret: str
    otpauth_uri: str
    qr_svg: str


class MfaCode(StrictInput):
    code: str = Field(min_length=6, max_length=20)


class MfaDisableRequest(StrictInput):
    password: str = PasswordField
    code: str = Field(min_length=6, max_length=20)


class RecoveryCodes(BaseModel):
    recovery_codes: list[str]
    detail: str = "Keep these codes somewhere safe: each works once, and they are shown only now."


class ApiKeyCreate(StrictInput):
    name: str = Field(min_length=1, max_length=100)


class ApiKeyPublic(BaseModel):
    id: uuid.UUID
    name: str
    prefix: str
    status: str
    created_at: datetime
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="Shown once. Send it as the X-API-Key header.")
