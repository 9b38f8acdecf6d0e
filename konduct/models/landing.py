"""The landing site: demo and contact requests, analytics events, daily rollups.

Demo and contact requests come from visitors without an account; each gets an
unguessable ``public_token`` for its status page (``/demo/status/{token}``),
so the row's UUID never has to be shown.
"""

import secrets
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, String, Text, text
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.enums import AnalyticsEventType, ContactStatus, DemoStatus
from konduct.models.base import JsonType, enum_check, id_field, utcnow

_HOLDS_SLOT = "status IN ('PENDING', 'SCHEDULED')"


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class DemoRequestBase(SQLModel):
    name: str = Field(max_length=200)
    email: str = Field(max_length=320)
    company: str = Field(max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    preferred_date: datetime = Field(sa_type=UTCDateTime)
    timezone: str = Field(max_length=64)  # IANA name, e.g. "Europe/Paris"
    message: str | None = Field(default=None, sa_type=Text)


class DemoRequest(DemoRequestBase, table=True):
    __tablename__ = "demo_request"
    __table_args__ = (
        Index("ix_demo_request_status_created_at", "status", "created_at"),
        # A slot is held by one live request at most: two visitors racing for the same
        # time cannot both get it, whatever the doors check first.
        Index(
            "uq_demo_request_slot_at_active",
            "slot_at",
            unique=True,
            postgresql_where=text(_HOLDS_SLOT),
            sqlite_where=text(_HOLDS_SLOT),
        ),
        enum_check("status", DemoStatus, table="demo_request"),
    )

    id: uuid.UUID = id_field()
    status: DemoStatus = Field(default=DemoStatus.PENDING, sa_type=String(32))
    # The time the demo holds: the visitor's pick, then the time staff scheduled.
    slot_at: datetime = Field(sa_type=UTCDateTime)
    # Bumped on every change of the time or status: the calendar invite's SEQUENCE.
    revision: int = 0
    public_token: str = Field(default_factory=new_public_token, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class ContactRequestBase(SQLModel):
    name: str = Field(max_length=200)
    email: str = Field(max_length=320)
    company: str = Field(max_length=200)
    company_size: str | None = Field(default=None, max_length=40)
    industry: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    message: str = Field(sa_type=Text)


class ContactRequest(ContactRequestBase, table=True):
    __tablename__ = "contact_request"
    __table_args__ = (
        Index("ix_contact_request_status_created_at", "status", "created_at"),
        enum_check("status", ContactStatus, table="contact_request"),
    )

    id: uuid.UUID = id_field()
    status: ContactStatus = Field(default=ContactStatus.NEW, sa_type=String(32))
    public_token: str = Field(default_factory=new_public_token, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class AnalyticsEvent(SQLModel, table=True):
    """One event tracked on the landing site (page view, CTA click, web vital...)."""

    __tablename__ = "analytics_event"
    __table_args__ = (
        Index("ix_analytics_event_event_type_created_at", "event_type", "created_at"),
        enum_check("event_type", AnalyticsEventType, table="analytics_event"),
    )

    id: uuid.UUID = id_field()
    event_type: AnalyticsEventType = Field(sa_type=String(32))
    path: str
    # An anonymous visitor id (first-party cookie), never a user id.
    visitor_id: str = Field(max_length=64, index=True)
    session_key: str | None = Field(default=None, max_length=64)
    referrer: str | None = None
    label: str | None = None  # CTA name, web-vital name (LCP, CLS, INP...)
    value: float | None = None  # web-vital measurement
    properties: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LandingPageAnalytics(SQLModel, table=True):
    """The spec's LandingPageAnalytics: one row of counters per UTC day."""

    __tablename__ = "landing_page_analytics"

    id: uuid.UUID = id_field()
    day: date = Field(unique=True)
    page_views: int = 0
    unique_visitors: int = 0
    trial_signups: int = 0
    demo_requests: int = 0
    contact_requests: int = 0
    # When the counters were last updated.
    timestamp: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )
