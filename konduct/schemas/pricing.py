"""The pricing calculator's input, as the page and POST /api/pricing/quote take it."""

from __future__ import annotations

from typing import Literal

from pydantic import EmailStr, Field

from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.plans import Feature
from konduct.domain.pricing import MAX_CAMPAIGNS_PER_MONTH, MAX_TEAM_SIZE, QuoteRequest
from konduct.schemas.common import StrictInput


class QuoteInput(StrictInput):
    plan: Plan = Plan.PROFESSIONAL
    team_size: int = Field(default=1, ge=1, le=MAX_TEAM_SIZE)
    campaigns_per_month: int = Field(default=10, ge=0, le=MAX_CAMPAIGNS_PER_MONTH)
    billing_cycle: BillingCycle = BillingCycle.MONTHLY
    features: list[Feature] = Field(default_factory=list, max_length=len(Feature))

    def to_request(self) -> QuoteRequest:
        return QuoteRequest(
            plan=self.plan,
            team_size=self.team_size,
            campaigns_per_month=self.campaigns_per_month,
            billing_cycle=self.billing_cycle,
            features=tuple(dict.fromkeys(self.features)),
        )


class QuoteSendInput(QuoteInput):
    """A quote to mail: to the visitor ("me") or to Konduct's sales team ("sales")."""

    email: EmailStr = Field(max_length=320)
    name: str = Field(default="", max_length=200)
    company: str = Field(default="", max_length=200)
    message: str = Field(default="", max_length=2000)
    send_to: Literal["me", "sales"] = "me"
    # A field people never see: only robots fill it in.
    website: str = Field(default="", max_length=200)
