"""Campaign templates (a team's reusable setup and targeting) and read-only share links.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "campaign_template",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("platform", sa.String(length=3), nullable=False),
        sa.Column("objective", sa.String(length=3), nullable=False),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_campaign_template_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"],
            name=op.f("fk_campaign_template_created_by_app_user"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_template")),
        sa.UniqueConstraint("team_id", "name", name=op.f("uq_campaign_template_team_id_name")),
    )  # fmt: skip
    op.create_index(
        "ix_campaign_template_team_id_created_at", "campaign_template", ["team_id", "created_at"]
    )
    op.create_index(
        op.f("ix_campaign_template_created_by"), "campaign_template", ["created_by"], unique=False
    )

    op.create_table(
        "campaign_share",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_share_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_campaign_share_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_campaign_share_created_by_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_share")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_campaign_share_token_hash")),
    )  # fmt: skip
    op.create_index(
        "ix_campaign_share_campaign_id_created_at", "campaign_share", ["campaign_id", "created_at"]
    )
    op.create_index(op.f("ix_campaign_share_team_id"), "campaign_share", ["team_id"])
    op.create_index(op.f("ix_campaign_share_created_by"), "campaign_share", ["created_by"])


def downgrade() -> None:
    op.drop_table("campaign_share")
    op.drop_table("campaign_template")
