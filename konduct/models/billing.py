"""Billing: a team's subscription, its invoices, and Stripe webhook bookkeeping.

Money is ``NUMERIC(14, 2)`` read as ``Decimal``; currencies are ISO 4217
three-letter codes.
"""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Index, Numeric, String
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

from konduct.domain.enums import (
    BillingCycle,
    PaymentMethodType,
    PaymentStatus,
    Plan,
    SubscriptionStatus,
)
from konduct.models.base import JsonType, enum_check, id_field, utcnow


class Subscription(SQLModel, table=True):
    """A team's plan. ``user_id`` is the member who pays for it."""

    __tablename__ = "subscription"
    __table_args__ = (
        Index("ix_subscription_team_id_status", "team_id", "status"),
        enum_check("plan", Plan, table="subscription"),
        enum_check("status", SubscriptionStatus, table="subscription"),
        enum_check("billing_cycle", BillingCycle, table="subscription"),
        enum_check("payment_method_type", PaymentMethodType, table="subscription"),
        CheckConstraint("length(currency) = 3", name="ck_subscription_currency"),
        CheckConstraint("price >= 0", name="ck_subscription_price_non_negative"),
    )

    id: uuid.UUID = id_field()
    team_id: uuid.UUID = Field(foreign_key="team.id", ondelete="CASCADE")
    user_id: uuid.UUID | None = Field(
        default=None, foreign_key="app_user.id", ondelete="SET NULL", index=True
    )
    plan: Plan = Field(default=Plan.FREE, sa_type=String(32))
    status: SubscriptionStatus = Field(default=SubscriptionStatus.ACTIVE, sa_type=String(32))
    start_date: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    end_date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    billing_cycle: BillingCycle = Field(default=BillingCycle.MONTHLY, sa_type=String(32))
    price: Decimal = Field(default=Decimal("0.00"), sa_type=Numeric(14, 2))
    currency: str = Field(default="USD", max_length=3)
    # The spec's payment_method {type, details}; details never hold a full card number.
    payment_method_type: PaymentMethodType | None = Field(default=None, sa_type=String(32))
    payment_method_details: dict[str, Any] = Field(default_factory=dict, sa_type=JsonType)
    stripe_customer_id: str | None = Field(default=None, index=True)
    stripe_subscription_id: str | None = Field(default=None, unique=True)
    cancel_at_period_end: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utcnow}
    )


class BillingHistory(SQLModel, table=True):
    """One invoice (or payment attempt) of a subscription."""

    __tablename__ = "billing_history"
    __table_args__ = (
        Index("ix_billing_history_subscription_id_created_at", "subscription_id", "created_at"),
        enum_check("status", PaymentStatus, table="billing_history"),
        CheckConstraint("length(currency) = 3", name="ck_billing_history_currency"),
    )

    id: uuid.UUID = id_field()
    subscription_id: uuid.UUID = Field(foreign_key="subscription.id", ondelete="CASCADE")
    amount: Decimal = Field(sa_type=Numeric(14, 2))
    currency: str = Field(default="USD", max_length=3)
    status: PaymentStatus = Field(default=PaymentStatus.PENDING, sa_type=String(32))
    # How it was paid, as shown to the user, e.g. "Visa ending 4242".
    payment_method: str | None = None
    invoice_url: str | None = None
    invoice_number: str = Field(max_length=64, unique=True)
    stripe_invoice_id: str | None = Field(default=None, unique=True)
    description: str
    period_start: datetime = Field(sa_type=UTCDateTime)
    period_end: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class StripeEvent(SQLModel, table=True):
    """A Stripe webhook event already handled (its id is Stripe's), for idempotency."""

    __tablename__ = "stripe_event"

    id: str = Field(primary_key=True, max_length=255)
    type: str = Field(max_length=100)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
