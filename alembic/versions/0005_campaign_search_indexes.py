"""Indexes for campaign search: ID prefixes, and words inside names (PostgreSQL trigrams).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Words inside names ("%friday%") cannot use a b-tree; pg_trgm's GIN index can. It is
# PostgreSQL-only and not modelled in SQLModel (an expression index), so the name is
# listed for the migration test to expect.
TRIGRAM_INDEX = "ix_campaign_name_trgm"


def upgrade() -> None:
    op.create_index(
        "ix_campaign_team_id_campaign_id_pattern",
        "campaign",
        ["team_id", "campaign_id"],
        unique=False,
        postgresql_ops={"campaign_id": "varchar_pattern_ops"},
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            f"CREATE INDEX {TRIGRAM_INDEX} ON campaign USING gin (lower(name) gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    op.drop_index("ix_campaign_team_id_campaign_id_pattern", table_name="campaign")
