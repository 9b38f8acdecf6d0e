"""Analytics events may record engagement (time a page was in view).

The landing dashboard's time on page and GA4-style bounce rate need it.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("PAGE_VIEW", "CTA_CLICK", "TRIAL_SIGNUP", "DEMO_REQUEST", "CONTACT_REQUEST", "WEB_VITAL")
NEW = (*OLD, "ENGAGEMENT")


def _allow(values: tuple[str, ...]) -> None:
    # Batch mode: SQLite (make run) cannot alter a CHECK in place, so it copies the table.
    with op.batch_alter_table("analytics_event") as batch:
        batch.drop_constraint("ck_analytics_event_event_type", type_="check")
        batch.create_check_constraint(
            "ck_analytics_event_event_type",
            "event_type IN (" + ", ".join(f"'{v}'" for v in values) + ")",
        )


def upgrade() -> None:
    _allow(NEW)


def downgrade() -> None:
    op.execute("DELETE FROM analytics_event WHERE event_type = 'ENGAGEMENT'")
    _allow(OLD)
