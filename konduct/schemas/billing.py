"""Billing shapes shared by REST and the billing page: requests refuse unknown fields."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, EmailStr, Field, TypeAdapter, ValidationError, model_validator

from konduct.domain.billing import CARD_BRANDS
from konduct.domain.enums import (
    BillingCycle,
    PaymentMethodType,
    PaymentStatus,
    Plan,
    SubscriptionStatus,
)
from konduct.domain.errors import FieldProblem, ValidationFailed
from konduct.schemas.common import StrictInput
from konduct.schemas.errors import validation_problems

Mode = Literal["offline", "stripe"]


class PlanChoice(StrictInput):
    plan: Plan
    billing_cycle: BillingCycle = BillingCycle.MONTHLY


class SubscriptionCreate(PlanChoice):
    """Subscribe a team on Free to a paid plan (offline mode; with Stripe use Checkout)."""


class PlanChange(PlanChoice):
    preview: bool = Field(default=False, description="Only compute the proration; change nothing")


class SubscriptionUpdate(StrictInput):
    """Any of: a new plan or cycle (an upgrade or downgrade), cancel or resume at period end."""

    plan: Plan | None = None
    billing_cycle: BillingCycle | None = None
    cancel_at_period_end: bool | None = None

    @model_validator(mode="after")
    def _something(self) -> SubscriptionUpdate:
        if self.plan is None and self.billing_cycle is None and self.cancel_at_period_end is None:
            raise ValueError("send plan, billing_cycle or cancel_at_period_end")
        return self


class CardInput(StrictInput):
    """A card as shown to people: never its full number or security code."""

    type: Literal[PaymentMethodType.CREDIT_CARD]
    brand: Literal[CARD_BRANDS]  # type: ignore[valid-type]
    last4: str = Field(pattern=r"^\d{4}$", description="The last four digits only")
    exp_month: int = Field(ge=1, le=12)
    exp_year: int = Field(ge=2000, le=2100)
    holder_name: str = Field(default="", max_length=200)


class PayPalInput(StrictInput):
    type: Literal[PaymentMethodType.PAYPAL]
    email: EmailStr = Field(max_length=320)


class BankTransferInput(StrictInput):
    type: Literal[PaymentMethodType.BANK_TRANSFER]
    bank_name: str = Field(min_length=1, max_length=120)
    account_last4: str = Field(pattern=r"^\d{4}$")


PaymentMethodInput = Annotated[
    CardInput | PayPalInput | BankTransferInput, Field(discriminator="type")
]
_PAYMENT_METHOD = TypeAdapter(PaymentMethodInput)


def parse_payment_method(data: Any) -> CardInput | PayPalInput | BankTransferInput:
    """Validate a payment method; problems name the field itself (``last4``), not the
    union branch pydantic puts in front of it (``CREDIT_CARD.last4``)."""
    try:
        return _PAYMENT_METHOD.validate_python(data)
    except ValidationError as invalid:
        problems = []
        for error in invalid.errors():
            if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
                kinds = ", ".join(kind.value for kind in PaymentMethodType)
                problems.append(FieldProblem("type", f"must be one of {kinds}"))
                continue
            loc = tuple(error.get("loc", ()))[1:]  # the branch's tag first
            problems.extend(validation_problems([{**error, "loc": loc}]))
        raise ValidationFailed(problems) from None


class PaymentMethodPublic(BaseModel):
    type: PaymentMethodType | None
    details: dict
    summary: str
    mode: Mode
    # Stripe mode: cards are changed in Stripe's customer portal, never here.
    managed_in_portal: bool


class SubscriptionPublic(BaseModel):
    id: uuid.UUID
    plan: Plan
    plan_name: str
    status: SubscriptionStatus
    billing_cycle: BillingCycle
    price: Decimal
    currency: str
    start_date: datetime = Field(description="Start of the current billing period")
    end_date: datetime | None = Field(description="End of the current billing period")
    cancel_at_period_end: bool
    payment_method: PaymentMethodPublic | None
    mode: Mode
    created_at: datetime
    updated_at: datetime


class SubscriptionPage(BaseModel):
    items: list[SubscriptionPublic]
    total: int
    limit: int
    offset: int


class InvoicePublic(BaseModel):
    id: uuid.UUID
    invoice_number: str
    subscription_id: uuid.UUID
    amount: Decimal
    currency: str
    status: PaymentStatus
    payment_method: str | None
    description: str
    period_start: datetime
    period_end: datetime | None
    created_at: datetime
    offline: bool = Field(description="Made locally in offline mode: no card was charged")
    invoice_url: str | None = Field(description="Stripe's hosted invoice, in Stripe mode")
    page_url: str = Field(description="Konduct's printable invoice page")
    pdf_url: str


class InvoiceDetail(InvoicePublic):
    team_name: str
    bill_to_name: str
    bill_to_email: str
    plan: Plan
    plan_name: str
    billing_cycle: BillingCycle


class InvoicePage(BaseModel):
    items: list[InvoicePublic]
    total: int
    limit: int
    offset: int


class ProrationPublic(BaseModel):
    direction: Literal["upgrade", "downgrade"]
    from_plan: Plan
    from_cycle: BillingCycle
    to_plan: Plan
    to_cycle: BillingCycle
    credit: Decimal = Field(description="Unused part of the current period")
    charge: Decimal = Field(description="The new plan for the period it covers")
    amount_due: Decimal = Field(description="Invoiced now")
    refund: Decimal = Field(description="Given back now (a cheaper plan mid-period)")
    currency: str
    period_start: datetime
    period_end: datetime
    effective_at_period_end: bool
    summary: str


class PlanChangeOutcome(BaseModel):
    applied: bool
    proration: ProrationPublic
    subscription: SubscriptionPublic | None
    invoice: InvoicePublic | None
    mode: Mode


class UsageLine(BaseModel):
    name: str
    used: int
    limit: int | None = Field(description="None: unlimited")


class UsagePublic(BaseModel):
    plan: Plan
    plan_name: str
    mode: Mode
    month_start: datetime
    campaigns_this_month: UsageLine
    team_members: UsageLine
    api_calls_this_month: UsageLine = Field(description="API-key requests; limit 0: no API")
    api_requests_per_month: int = Field(description="The plan's monthly API quota; 0: no API")
    export_formats: list[str]
    features: list[str]
    over_limit: list[str] = Field(description="Kept but read-only after a downgrade")


class SessionUrl(BaseModel):
    url: str


class PlanChoiceOutcome(BaseModel):
    """What choosing a plan did: ``applied`` (the plan changed, or ends at period end),
    ``checkout`` (send the browser to ``url``, Stripe's Checkout) or ``contact_sales``
    (the plan is sold by contract: ``url`` is the sales form)."""

    action: Literal["applied", "checkout", "contact_sales"]
    url: str | None = None
    outcome: PlanChangeOutcome | None = None
    message: str


class WebhookReceipt(BaseModel):
    received: bool
    duplicate: bool
    handled: bool
