"""Teams (workspaces) and their members.

A team owns campaigns, UTM links, API keys and the subscription; deleting a
team deletes all of them (``ON DELETE CASCADE``).
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.enums import MemberStatus, TeamRole
from konduct.models.base import JsonType, enum_check, id_field, utcnow


def default_team_settings() -> dict[str, Any]:
    """Team-wide settings a new team starts with.

    ``utm_conventions``: the team's UTM rules (free-form, read by the UTM service);
    ``creative_param``: which query parameter carries the creative
    (``utm_content`` or ``utm_creative``); ``password_expiry_days``: ``None``
    means passwords never expire.
    """
    return {
        "utm_conventions": {},
        "creative_param": "utm_content",
        "password_expiry_days": None,
    }


class TeamBase(SQLModel):
    name: str = Field(max_length=120)
    slug: str = Field(max_length=64, unique=True)
    logo_url: str | None = None


class Team(TeamBase, table=True):
    __tablename__ = "team"

    id: uuid.UUID = id_field()
    settings: dict[str, Any] = Field(default_factory=default_team_settings, sa_type=JsonType)
    # e.g. {"primary": "#4f46e5", "accent": "#f59e0b"}
    brand_colors: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class TeamMember(SQLModel, table=True):
    """A user's membership of a team, or a pending invitation.

    ``user_id`` is NULL while an invitation to an address that has no account
    yet is pending; ``invite_email`` then says who was invited.
    """

    __tablename__ = "team_member"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", name="uq_team_member_team_id_user_id"),
        Index("ix_team_member_team_id_status", "team_id", "status"),
        enum_check("role", TeamRole, table="team_member"),
        enum_check("status", MemberStatus, table="team_member"),
        CheckConstraint(
            "user_id IS NOT NULL OR invite_email IS NOT NULL",
            name="ck_team_member_user_or_invite_email",
        ),
    )

    id: uuid.UUID = id_field()
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="CASCADE", index=True
    )
    invite_email: str | None = Field(default=None, max_length=320, index=True)
    role: TeamRole = Field(default=TeamRole.MEMBER, sa_type=String(32))
    status: MemberStatus = Field(default=MemberStatus.INVITED, sa_type=String(32))
    invited_by: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    invited_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    joined_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
