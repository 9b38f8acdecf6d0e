"""Conventions every table follows: UUID keys, enum CHECKs, JSON.

Timestamps use sqlmodel's ``UTCDateTime`` directly (aware UTC on PostgreSQL and SQLite).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

# JSONB on PostgreSQL (indexable, compact), plain JSON on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


def id_field() -> uuid.UUID:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def enum_check(column: str, enum: type[StrEnum], *, table: str) -> CheckConstraint:
    """A named CHECK that keeps ``column`` inside ``enum``'s values.

    Enums are stored as plain text rather than native PostgreSQL enums so that
    adding a value is a one-line migration that works on SQLite too.
    """
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"ck_{table}_{column}")
