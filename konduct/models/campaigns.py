"""Campaigns, their history, and the UTM links built for them.

Two ids, not to be confused: ``Campaign.id`` is the row's UUID (what foreign
keys point at, including ``CampaignHistory.campaign_id`` and
``UtmLink.campaign_id``); ``Campaign.campaign_id`` is the generated text ID
``PLT-OBJ-YYYYMMDDHHMMSS-HASH`` people copy into ad platforms.

The platform, objective and creative-parameter CHECKs are built from the
domain catalog; adding a code there needs a migration that rewrites the CHECK.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Index, Numeric, String, Text
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.enums import CampaignAction, CampaignStatus
from konduct.domain.utm import CREATIVE_PARAMS
from konduct.models.base import JsonType, enum_check, id_field, utcnow


def _in_check(column: str, values: tuple[str, ...], *, name: str) -> CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


PLATFORM_CODES = tuple(platform.code for platform in PLATFORMS)
OBJECTIVE_CODES = tuple(objective.code for objective in OBJECTIVES)


class CampaignBase(SQLModel):
    name: str = Field(max_length=200)
    manager_name: str = Field(max_length=200)
    website_url: str
    platform: str = Field(max_length=3)  # a catalog code, e.g. "FBK"
    objective: str = Field(max_length=3)  # a catalog code, e.g. "TRF"
    start_date: date
    end_date: date | None = None
    budget: Decimal = Field(ge=0, max_digits=14, decimal_places=2, sa_type=Numeric(14, 2))
    currency: str = Field(default="USD", min_length=3, max_length=3)
    # {"demographics": {"age_range": [18, 65], "gender": [...], "languages": [...],
    #   "locations": [...]}, "interests": [...], "behaviors": [...], "devices": [...]}
    targeting: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    # The spec's utm_parameters, one column each so they can be indexed and searched.
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_creative: str | None = None


class Campaign(CampaignBase, table=True):
    __tablename__ = "campaign"
    __table_args__ = (
        Index("ix_campaign_team_id_created_at", "team_id", "created_at"),
        # Platform (+ objective) filters and ID prefixes, newest first; also serves platform alone.
        Index(
            "ix_campaign_team_id_platform_objective_created_at",
            "team_id",
            "platform",
            "objective",
            "created_at",
        ),
        Index("ix_campaign_team_id_objective", "team_id", "objective"),
        Index("ix_campaign_team_id_status", "team_id", "status"),
        Index("ix_campaign_team_id_utm_source", "team_id", "utm_source"),
        Index("ix_campaign_team_id_utm_medium", "team_id", "utm_medium"),
        Index("ix_campaign_team_id_utm_campaign", "team_id", "utm_campaign"),
        Index("ix_campaign_team_id_utm_creative", "team_id", "utm_creative"),
        Index("ix_campaign_team_id_data_hash", "team_id", "data_hash"),
        # ID-prefix search: a pattern-ops index serves LIKE 'FBK-TRF-2027%' on PostgreSQL.
        Index(
            "ix_campaign_team_id_campaign_id_pattern",
            "team_id",
            "campaign_id",
            postgresql_ops={"campaign_id": "varchar_pattern_ops"},
        ),
        enum_check("status", CampaignStatus, table="campaign"),
        _in_check("platform", PLATFORM_CODES, name="ck_campaign_platform"),
        _in_check("objective", OBJECTIVE_CODES, name="ck_campaign_objective"),
        CheckConstraint("budget >= 0", name="ck_campaign_budget_non_negative"),
        CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name="ck_campaign_end_after_start"
        ),
        CheckConstraint("length(currency) = 3", name="ck_campaign_currency"),
    )

    id: uuid.UUID = id_field()
    campaign_id: str = Field(max_length=40, unique=True)
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE")
    # The creator; kept NULL once that user is deleted, the campaign stays with the team.
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    status: CampaignStatus = Field(default=CampaignStatus.DRAFT, sa_type=String(32))
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # soft delete
    # Fingerprint of the campaign data, to warn about duplicates within a team.
    data_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class CampaignHistory(SQLModel, table=True):
    """One thing that happened to a campaign; ``changes`` maps field -> [old, new]."""

    __tablename__ = "campaign_history"
    __table_args__ = (
        Index("ix_campaign_history_campaign_id_timestamp", "campaign_id", "timestamp"),
        enum_check("action", CampaignAction, table="campaign_history"),
    )

    id: uuid.UUID = id_field()
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", ondelete="CASCADE")
    action: CampaignAction = Field(sa_type=String(32))
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    performed_by: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    timestamp: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UtmLinkBase(SQLModel):
    label: str | None = Field(default=None, max_length=200)
    landing_url: str = Field(sa_type=Text)
    source: str
    medium: str
    campaign: str
    creative: str | None = None
    term: str | None = None
    utm_id: str | None = None
    source_platform: str | None = None
    creative_format: str | None = None
    marketing_tactic: str | None = None
    # Which query parameter carries ``creative``: GA4 reads utm_content.
    creative_param: str = Field(default="utm_content", max_length=20)


class UtmLink(UtmLinkBase, table=True):
    __tablename__ = "utm_link"
    __table_args__ = (
        Index("ix_utm_link_team_id_source", "team_id", "source"),
        Index("ix_utm_link_team_id_medium", "team_id", "medium"),
        Index("ix_utm_link_campaign_id_created_at", "campaign_id", "created_at"),
        _in_check("creative_param", CREATIVE_PARAMS, name="ck_utm_link_creative_param"),
    )

    id: uuid.UUID = id_field()
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", ondelete="CASCADE")
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE")
    tagged_url: str = Field(sa_type=Text)
    # The code of the short link /r/{short_code}.
    short_code: str = Field(max_length=16, unique=True)
    created_by: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Set on a QR variant: the link it was made from (its own values and short code).
    parent_link_id: uuid.UUID | None = Field(
        default=None, foreign_key="utm_link.id", ondelete="CASCADE", index=True
    )


class LinkClick(SQLModel, table=True):
    """One visit through a link's Konduct redirect (/r/{code})."""

    __tablename__ = "link_click"
    __table_args__ = (Index("ix_link_click_link_id_clicked_at", "link_id", "clicked_at"),)

    id: uuid.UUID = id_field()
    link_id: uuid.UUID = Field(foreign_key="utm_link.id", ondelete="CASCADE")
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE", index=True)
    clicked_at: datetime = Field(sa_type=UTCDateTime)
    referrer_host: str | None = Field(default=None, max_length=255)
    device_class: str = Field(default="other", max_length=16)
    country: str | None = Field(default=None, max_length=2)
