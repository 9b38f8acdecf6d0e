"""Search by platform/objective and by ID prefix, newest first: one composite index.

Replaces ``ix_campaign_team_id_platform`` (its leading columns are the same).

Revision ID: 0013
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_campaign_team_id_platform_objective_created_at",
        "campaign",
        ["team_id", "platform", "objective", "created_at"],
        unique=False,
    )
    op.drop_index("ix_campaign_team_id_platform", table_name="campaign")


def downgrade() -> None:
    op.create_index("ix_campaign_team_id_platform", "campaign", ["team_id", "platform"])
    op.drop_index("ix_campaign_team_id_platform_objective_created_at", table_name="campaign")
