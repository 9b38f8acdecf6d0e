"""Clicks through Konduct's short redirects, the source of campaign performance figures.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "link_click",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("link_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("clicked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("referrer_host", sa.String(length=255), nullable=True),
        sa.Column("device_class", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["link_id"], ["utm_link.id"], name=op.f("fk_link_click_link_id_utm_link"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_link_click_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_click")),
    )
    op.create_index(
        "ix_link_click_link_id_clicked_at", "link_click", ["link_id", "clicked_at"], unique=False
    )
    op.create_index(op.f("ix_link_click_team_id"), "link_click", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_link_click_team_id"), table_name="link_click")
    op.drop_index("ix_link_click_link_id_clicked_at", table_name="link_click")
    op.drop_table("link_click")
