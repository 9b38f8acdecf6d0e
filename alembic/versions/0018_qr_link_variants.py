"""QR variants of tracking links: a link made from another, with its own tag and short code.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a foreign key in place (PostgreSQL alters directly).
    with op.batch_alter_table("utm_link") as batch:
        batch.add_column(sa.Column("parent_link_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            "fk_utm_link_parent_link_id_utm_link",
            "utm_link",
            ["parent_link_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_utm_link_parent_link_id", ["parent_link_id"])


def downgrade() -> None:
    with op.batch_alter_table("utm_link") as batch:
        batch.drop_index("ix_utm_link_parent_link_id")
        batch.drop_constraint("fk_utm_link_parent_link_id_utm_link", type_="foreignkey")
        batch.drop_column("parent_link_id")
