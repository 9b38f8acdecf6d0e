"""Visitor requests: trial sign-ups, support tickets, scheduled mail, demo slots.

* ``trial_signup``: "Start Free Trial" before registration (prefill by token);
* ``support_ticket``: the support form, numbered for people to quote;
* ``scheduled_mail``: the durable queue of later mails (the welcome sequence);
* ``demo_request.slot_at`` (the held time) with a partial unique index, so one slot
  is held by one live request, and ``revision`` (the calendar invite's SEQUENCE).

Revision ID: 0016
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
TIMESTAMPTZ = sa.DateTime(timezone=True)
HOLDS_SLOT = "status IN ('PENDING', 'SCHEDULED')"
PENDING_MAIL = "sent_at IS NULL AND failed_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "trial_signup",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("company", sa.String(200), nullable=True),
        sa.Column("team_size", sa.String(20), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("public_token", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, nullable=False),
        sa.CheckConstraint(
            "role IN ('ADMIN', 'MANAGER', 'USER')", name=op.f("ck_trial_signup_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial_signup")),
        sa.UniqueConstraint("public_token", name=op.f("uq_trial_signup_public_token")),
    )
    op.create_index(op.f("ix_trial_signup_email"), "trial_signup", ["email"])

    op.create_table(
        "support_ticket",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("public_token", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMPTZ, nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, nullable=False),
        sa.CheckConstraint(
            "status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED')", name=op.f("ck_support_ticket_status")
        ),
        sa.CheckConstraint(
            "category IN ('QUESTION', 'BUG', 'BILLING', 'ACCOUNT', 'FEATURE')",
            name=op.f("ck_support_ticket_category"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_ticket")),
        sa.UniqueConstraint("number", name=op.f("uq_support_ticket_number")),
        sa.UniqueConstraint("public_token", name=op.f("uq_support_ticket_public_token")),
    )
    op.create_index(
        op.f("ix_support_ticket_status_created_at"), "support_ticket", ["status", "created_at"]
    )

    op.create_table(
        "scheduled_mail",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("context", JSON, nullable=False),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        sa.Column("due_at", TIMESTAMPTZ, nullable=False),
        sa.Column("sent_at", TIMESTAMPTZ, nullable=True),
        sa.Column("failed_at", TIMESTAMPTZ, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMPTZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_mail")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_scheduled_mail_dedupe_key")),
    )
    op.create_index(
        op.f("ix_scheduled_mail_due_at_pending"),
        "scheduled_mail",
        ["due_at"],
        postgresql_where=sa.text(PENDING_MAIL),
        sqlite_where=sa.text(PENDING_MAIL),
    )

    with op.batch_alter_table("demo_request") as batch:
        batch.add_column(sa.Column("slot_at", TIMESTAMPTZ, nullable=True))
        batch.add_column(
            sa.Column("revision", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.execute("UPDATE demo_request SET slot_at = preferred_date")
    with op.batch_alter_table("demo_request") as batch:
        batch.alter_column("slot_at", existing_type=TIMESTAMPTZ, nullable=False)
        batch.alter_column("revision", existing_type=sa.Integer(), server_default=None)
    op.create_index(
        op.f("uq_demo_request_slot_at_active"),
        "demo_request",
        ["slot_at"],
        unique=True,
        postgresql_where=sa.text(HOLDS_SLOT),
        sqlite_where=sa.text(HOLDS_SLOT),
    )


def downgrade() -> None:
    op.drop_index(op.f("uq_demo_request_slot_at_active"), table_name="demo_request")
    with op.batch_alter_table("demo_request") as batch:
        batch.drop_column("revision")
        batch.drop_column("slot_at")
    op.drop_index(op.f("ix_scheduled_mail_due_at_pending"), table_name="scheduled_mail")
    op.drop_table("scheduled_mail")
    op.drop_index(op.f("ix_support_ticket_status_created_at"), table_name="support_ticket")
    op.drop_table("support_ticket")
    op.drop_index(op.f("ix_trial_signup_email"), table_name="trial_signup")
    op.drop_table("trial_signup")
