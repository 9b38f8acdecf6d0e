"""The pricing calculator: inputs in, the quote out as the visitor changes them; mailing it.

The page calls the same service as ``POST /api/pricing/quote`` and ``/quote/send``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import ValidationFailed
from konduct.domain.rate_limits import parse_limit
from konduct.schemas.errors import validation_problems
from konduct.schemas.pricing import QuoteInput, QuoteSendInput
from konduct.services import pricing
from konduct.settings import get_settings
from konduct.state.session import SessionState, in_transaction, page_limiter


@dataclass
class Line:
    label: str
    amount: str


def _int(text: str, default: int) -> int:
    try:
        return int(str(text).replace(",", "").strip())
    except ValueError:
        return default


class PricingState(SessionState):
    plan: str = "PROFESSIONAL"
    team_size: str = "3"
    campaigns: str = "20"
    billing: str = "MONTHLY"
    features: list[str] = []

    # The quote, for display
    quoted_plan: str = "PROFESSIONAL"
    quoted_name: str = "Professional"
    total: str = "$49.00"
    period: str = "month"
    monthly_equivalent: str = "$49.00"
    savings: str = ""
    custom: bool = False
    fits: bool = True
    reasons: list[str] = []
    lines: list[Line] = []
    input_error: str = ""

    # Mailing it
    email: str = ""
    name: str = ""
    company: str = ""
    message: str = ""
    send_to: str = "me"
    website: str = ""  # honeypot
    sending: bool = False
    sent_message: str = ""
    errors: dict[str, str] = {}

    def _input(self) -> QuoteInput:
        return QuoteInput(
            plan=self.plan,
            team_size=_int(self.team_size, 0),
            campaigns_per_month=_int(self.campaigns, -1),
            billing_cycle=self.billing,
            features=self.features,
        )

    def _recalculate(self) -> None:
        self.sent_message = ""
        try:
            quote = pricing.price(self._input())
        except ValidationError as invalid:
            self.input_error = "; ".join(
                f"{p.field.replace('_', ' ')}: {p.reason}"
                for p in validation_problems(invalid.errors())
            )
            return
        except ValidationFailed as failure:
            self.input_error = failure.problems[0].reason
            return
        self.input_error = ""
        self.quoted_plan = quote["plan"]
        self.quoted_name = quote["plan_name"]
        self.total = pricing.format_money(Decimal(quote["total"]))
        self.period = quote["period"]
        self.monthly_equivalent = pricing.format_money(Decimal(quote["monthly_equivalent"]))
        savings = Decimal(quote["annual_savings"])
        self.savings = pricing.format_money(savings) if savings > 0 else ""
        self.custom = quote["custom"]
        self.fits = quote["fits_requested"]
        self.reasons = quote["reasons"]
        self.lines = [
            Line(line["label"], pricing.format_money(Decimal(line["amount"])))
            for line in quote["lines"]
        ]

    @rx.event
    def open_calculator(self):
        self._recalculate()

    @rx.event
    def set_plan(self, value: str):
        self.plan = value
        self._recalculate()

    @rx.event
    def set_team_size(self, value: str):
        self.team_size = value[:7]
        self._recalculate()

    @rx.event
    def set_campaigns(self, value: str):
        self.campaigns = value[:9]
        self._recalculate()

    @rx.event
    def set_billing(self, value: str | list[str]):
        self.billing = "ANNUAL" if value == "ANNUAL" else "MONTHLY"
        self._recalculate()

    @rx.event
    def toggle_feature(self, feature: str):
        self.features = (
            [f for f in self.features if f != feature]
            if feature in self.features
            else [*self.features, feature]
        )
        self._recalculate()

    @rx.event
    def set_send_to(self, value: str | list[str]):
        self.send_to = "sales" if value == "sales" else "me"

    @rx.event
    async def send_quote(self, form_data: dict):
        self.errors, self.sent_message = {}, ""
        try:
            data = QuoteSendInput(
                **self._input().model_dump(),
                email=form_data.get("email", ""),
                name=form_data.get("name", ""),
                company=form_data.get("company", ""),
                message=form_data.get("message", ""),
                send_to=self.send_to,
                website=form_data.get("website", ""),
            )
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return
        self.sending = True
        yield
        decision = await page_limiter().hit(
            parse_limit(pricing.QUOTE_SEND_LIMIT),
            "pricing quote",
            self.router.session.client_ip or "unknown",
        )
        if not decision.allowed:
            self.sending = False
            self.errors = {
                "form": f"Too many quotes sent from here. Try again in {decision.retry_after} s."
            }
            return
        settings = get_settings()
        try:
            result = await in_transaction(
                lambda session: pricing.send_quote(session, data, settings=settings)
            )
        except ValidationFailed as failure:
            self.sending = False
            self.errors = {p.field: p.reason for p in failure.problems}
            return
        self.sending = False
        where = "our sales team" if data.send_to == "sales" else data.email
        self.sent_message = f"Quote {result['reference']} is on its way to {where}."
        yield rx.toast.success(self.sent_message)
