"""The audit log: who did what, to what, from where.

Rows outlive the team and the user they mention (``ON DELETE SET NULL``), so
the trail survives a deletion.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.models.base import JsonType, id_field, utcnow


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_team_id_created_at", "team_id", "created_at"),)

    id: uuid.UUID = id_field()
    team_id: uuid.UUID | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    action: str = Field(max_length=100, index=True)  # e.g. "auth.login", "campaign.delete"
    target_type: str | None = Field(default=None, max_length=50)
    target_id: str | None = Field(default=None, max_length=100)
    ip_address: str | None = Field(default=None, max_length=45)
    user_agent: str | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
