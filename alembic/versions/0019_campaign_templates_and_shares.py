"""Campaign templates, read-only share links, and what makes team reports fast.

Reports: a covering index for date-ranged reports, and on PostgreSQL a rollup
(``campaign_report_bucket``) kept by a trigger on ``campaign``: every insert,
delete and change of a counted column moves one campaign between buckets.

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


    op.create_table(
        "campaign_report_bucket",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("platform", sa.String(length=3), nullable=False),
        sa.Column("objective", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("campaigns", sa.Integer(), nullable=False),
        sa.Column("budget", sa.Numeric(16, 2), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_campaign_report_bucket_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "team_id", "month", "platform", "objective", "status", "currency",
            name=op.f("pk_campaign_report_bucket"),
        ),
    )  # fmt: skip
    op.create_index(
        "ix_campaign_team_id_start_date",
        "campaign",
        ["team_id", "start_date"],
        postgresql_include=["platform", "objective", "status", "currency", "budget"],
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in ROLLUP_SQL:
            op.execute(statement)


# Adding goes through an upsert; taking away is a plain UPDATE (the bucket exists while the
# campaign counts), so a cascading team delete never tries to insert a bucket.
ROLLUP_SQL = (
    """
    CREATE FUNCTION campaign_report_bucket_track() RETURNS trigger AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        UPDATE campaign_report_bucket
           SET campaigns = campaigns - 1, budget = budget - OLD.budget
         WHERE team_id = OLD.team_id AND month = date_trunc('month', OLD.start_date)::date
           AND platform = OLD.platform AND objective = OLD.objective
           AND status = OLD.status AND currency = OLD.currency;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
        INSERT INTO campaign_report_bucket AS bucket
               (team_id, month, platform, objective, status, currency, campaigns, budget)
        VALUES (NEW.team_id, date_trunc('month', NEW.start_date)::date, NEW.platform,
                NEW.objective, NEW.status, NEW.currency, 1, NEW.budget)
        ON CONFLICT (team_id, month, platform, objective, status, currency) DO UPDATE
           SET campaigns = bucket.campaigns + 1, budget = bucket.budget + EXCLUDED.budget;
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER campaign_report_bucket_track
    AFTER INSERT OR DELETE OR UPDATE OF team_id, start_date, platform, objective, status,
        currency, budget, deleted_at
    ON campaign FOR EACH ROW EXECUTE FUNCTION campaign_report_bucket_track()
    """,
    """
    INSERT INTO campaign_report_bucket
           (team_id, month, platform, objective, status, currency, campaigns, budget)
    SELECT team_id, date_trunc('month', start_date)::date, platform, objective, status,
           currency, count(*), sum(budget)
      FROM campaign WHERE deleted_at IS NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    """,
)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS campaign_report_bucket_track ON campaign")
        op.execute("DROP FUNCTION IF EXISTS campaign_report_bucket_track()")
    op.drop_index("ix_campaign_team_id_start_date", table_name="campaign")
    op.drop_table("campaign_report_bucket")
    op.drop_table("campaign_share")
    op.drop_table("campaign_template")
