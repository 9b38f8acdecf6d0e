"""Campaign templates and read-only share links: what a team reuses and passes around.

A template keeps a campaign's setup and targeting (never its dates, ID or
status) so the wizard can start from it. A share link is a random token whose
SHA-256 digest alone is stored; it opens the campaign read-only, and only for
signed-in members of the campaign's team, until it is revoked.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.models.base import JsonType, id_field, utcnow
from konduct.models.campaigns import Campaign


class CampaignTemplate(SQLModel, table=True):
    __tablename__ = "campaign_template"
    __table_args__ = (
        UniqueConstraint("team_id", "name"),
        Index("ix_campaign_template_team_id_created_at", "team_id", "created_at"),
    )

    id: uuid.UUID = id_field()
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE")
    name: str = Field(max_length=120)
    platform: str = Field(max_length=3)  # a catalog code, e.g. "FBK"
    objective: str = Field(max_length=3)
    # The rest of the setup and the targeting, as the template schema dumps it.
    fields: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    created_by: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CampaignShare(SQLModel, table=True):
    __tablename__ = "campaign_share"
    __table_args__ = (
        Index("ix_campaign_share_campaign_id_created_at", "campaign_id", "created_at"),
    )

    id: uuid.UUID = id_field()
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", ondelete="CASCADE")
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_by: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CampaignReportBucket(SQLModel, table=True):
    """Live campaigns counted per team, start month, platform, objective, status and currency.

    Kept by a PostgreSQL trigger on ``campaign`` (migration 0019), so the all-time
    report reads a few hundred rows instead of aggregating every campaign. Rows whose
    count fell to 0 stay; reports skip them. Not kept on SQLite (reports aggregate
    the campaigns there).
    """

    __tablename__ = "campaign_report_bucket"

    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE", primary_key=True)
    month: date = Field(primary_key=True)  # the first day of the start month
    platform: str = Field(max_length=3, primary_key=True)
    objective: str = Field(max_length=3, primary_key=True)
    status: str = Field(max_length=32, primary_key=True)
    currency: str = Field(max_length=3, primary_key=True)
    campaigns: int = 0
    budget: Decimal = Field(default=Decimal("0"), sa_type=Numeric(16, 2))


# Date-ranged reports: campaigns of a team by start date, read from the index alone.
Index(
    "ix_campaign_team_id_start_date",
    Campaign.team_id,
    Campaign.start_date,
    postgresql_include=["platform", "objective", "status", "currency", "budget"],
    postgresql_where=Campaign.deleted_at.is_(None),
)
