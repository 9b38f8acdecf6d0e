"""What visitors leave behind besides demo and contact requests: trial sign-ups,
support tickets, and mails scheduled for later (the welcome sequence).

``scheduled_mail`` is the durable queue: a row per mail, due at ``due_at``, sent by a
background job that locks due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so a
restart loses nothing and several workers never send the same mail.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, text
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.enums import UserRole
from konduct.domain.visitor_requests import TicketCategory, TicketStatus
from konduct.models.base import JsonType, enum_check, id_field, utcnow
from konduct.models.landing import new_public_token


class TrialSignup(SQLModel, table=True):
    """'Start Free Trial': who asked, handed over to registration by ``public_token``."""

    __tablename__ = "trial_signup"
    __table_args__ = (enum_check("role", UserRole, table="trial_signup"),)

    id: uuid.UUID = id_field()
    email: str = Field(max_length=320, index=True)
    full_name: str = Field(max_length=200)
    company: str | None = Field(default=None, max_length=200)
    team_size: str = Field(max_length=20)
    role: UserRole = Field(default=UserRole.ADMIN, sa_type=String(32))
    public_token: str = Field(default_factory=new_public_token, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SupportTicket(SQLModel, table=True):
    __tablename__ = "support_ticket"
    __table_args__ = (
        Index("ix_support_ticket_status_created_at", "status", "created_at"),
        enum_check("status", TicketStatus, table="support_ticket"),
        enum_check("category", TicketCategory, table="support_ticket"),
    )

    id: uuid.UUID = id_field()
    # What people quote: "ticket #1042". Assigned as the highest + 1 (retried on a clash).
    number: int = Field(unique=True)
    name: str = Field(max_length=200)
    email: str = Field(max_length=320)
    subject: str = Field(max_length=200)
    category: TicketCategory = Field(default=TicketCategory.QUESTION, sa_type=String(32))
    message: str = Field(sa_type=Text)
    status: TicketStatus = Field(default=TicketStatus.OPEN, sa_type=String(32))
    public_token: str = Field(default_factory=new_public_token, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class ScheduledMail(SQLModel, table=True):
    __tablename__ = "scheduled_mail"
    __table_args__ = (
        # The job's query: the oldest due rows not yet sent nor given up.
        Index(
            "ix_scheduled_mail_due_at_pending",
            "due_at",
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
    )

    id: uuid.UUID = id_field()
    kind: str = Field(max_length=64)  # the template, e.g. "trial.tips"
    recipient: str = Field(max_length=320)
    context: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    # Queuing the same mail twice (a retried request) keeps one row.
    dedupe_key: str = Field(max_length=200, unique=True)
    due_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # gave up
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
