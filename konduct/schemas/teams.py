"""Shapes of team management: invitations, members, the team switcher, usage."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from konduct.domain.enums import MemberStatus, TeamRole
from konduct.schemas.common import StrictInput


class InviteRequest(StrictInput):
    email: EmailStr = Field(max_length=320)
    role: TeamRole = TeamRole.MEMBER


class AcceptInvite(StrictInput):
    token: str = Field(min_length=10, max_length=300)


class SwitchTeam(StrictInput):
    team_id: uuid.UUID


class MemberUpdate(StrictInput):
    """Either or both; ``status`` ACTIVE reactivates, INACTIVE deactivates."""

    role: TeamRole | None = None
    status: Literal[MemberStatus.ACTIVE, MemberStatus.INACTIVE] | None = None


class MemberPublic(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID | None
    email: str
    full_name: str | None
    role: TeamRole
    status: MemberStatus
    invited_by: uuid.UUID | None
    invited_at: datetime
    joined_at: datetime | None


class MemberPage(BaseModel):
    items: list[MemberPublic]
    total: int
    limit: int
    offset: int


class InvitationPreview(BaseModel):
    """What the invite page shows before the person accepts."""

    team_name: str
    invited_by: str | None
    email: str
    role: TeamRole
    expires_at: datetime


class TeamChoice(BaseModel):
    id: uuid.UUID
    name: str
    role: TeamRole
    current: bool


class MemberUsage(BaseModel):
    user_id: uuid.UUID
    full_name: str
    email: str
    role: TeamRole
    status: MemberStatus
    campaigns: int
    links: int
    api_calls: int


class MonthUsage(BaseModel):
    month: str  # "2026-12"
    campaigns: int
    links: int
    api_calls: int


class TeamUsage(BaseModel):
    team_id: uuid.UUID
    team_name: str
    plan: str
    month: str
    campaigns: int
    campaigns_cap: int | None
    links: int
    api_calls: int
    api_quota: int
    seats_taken: int
    seats_cap: int | None
    over_limit: list[str]
    members: list[MemberUsage]
    months: list[MonthUsage]
