"""Billing rules: billing periods, plan-change direction, proration, invoice numbers.

Pure arithmetic on plans and dates, shared by the offline mode and the Stripe
mode: the page shows ``prorate``'s figures before anyone confirms, and the
offline mode invoices exactly them. Money is ``Decimal`` rounded to cents,
half up, as invoices are.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from konduct.domain.enums import BillingCycle, PaymentMethodType, Plan, SubscriptionStatus
from konduct.domain.errors import Conflict, DomainError, ValidationFailed
from konduct.domain.plans import PLAN_LIMITS

CENT = Decimal("0.01")
PLAN_RANK = {Plan.FREE: 0, Plan.PROFESSIONAL: 1, Plan.ENTERPRISE: 2}
OFFLINE_PAYMENT_LABEL = "Offline mode: not charged"
MAX_RENEWALS_AT_ONCE = 36  # a server off for years does not invoice forever in one request
PRICE_CURRENCY = "USD"  # the plan table's prices; a subscription keeps the currency it began in
CHECKOUT_REPEAT_WINDOW_S = 600  # a repeated Checkout request this soon gets the same page


class Direction(StrEnum):
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    SAME = "same"


def money(amount: Decimal | int | float | str) -> Decimal:
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)


def to_minor_units(amount: Decimal) -> int:
    """Cents, as Stripe counts (every currency Konduct sells in has two decimals)."""
    return int(money(amount) * 100)


def from_minor_units(cents: int | None) -> Decimal:
    return money(Decimal(cents or 0) / 100)


def format_money(amount: Decimal, currency: str = "USD") -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency.upper())
    figure = f"{money(amount):,.2f}"
    return f"{symbol}{figure}" if symbol else f"{figure} {currency.upper()}"


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def period_end(start: datetime, cycle: BillingCycle) -> datetime:
    return add_months(start, 12 if cycle == BillingCycle.ANNUAL else 1)


def plan_price(plan: Plan, cycle: BillingCycle) -> Decimal | None:
    """The list price for one period; ``None`` for a plan priced per contract."""
    price = PLAN_LIMITS[plan].price(cycle)
    return None if price is None else money(price)


def self_serve_price(plan: Plan, cycle: BillingCycle, *, offline: bool) -> Decimal:
    """What choosing ``plan`` costs a period. Enterprise is sold by contract; in offline mode
    (self-hosted) its admin may switch it on, at no charge here (the contract bills it)."""
    price = plan_price(plan, cycle)
    if price is not None:
        return price
    if offline:
        return money(0)
    raise ValidationFailed.single(
        "plan", f"{PLAN_LIMITS[plan].name} is priced per contract: contact sales."
    )


def needs_sales(plan: Plan, *, offline: bool) -> bool:
    """A plan priced per contract is bought from sales when Stripe takes payments; offline
    (self-hosted) its admin switches it on directly."""
    return plan_price(plan, BillingCycle.MONTHLY) is None and not offline


def checkout_key(team_id: uuid.UUID, plan: Plan, cycle: BillingCycle, now: datetime) -> str:
    """Stripe's idempotency key of a Checkout request: the same team, plan and cycle within
    a short window get the same Checkout page back, not a second subscription."""
    window = int(now.timestamp()) // CHECKOUT_REPEAT_WINDOW_S
    return f"konduct-checkout-{team_id}-{plan.value}-{cycle.value}-{window}"


def direction(
    from_plan: Plan, from_cycle: BillingCycle, to_plan: Plan, to_cycle: BillingCycle
) -> Direction:
    """A higher plan is an upgrade; on the same plan, annual (paid up front) is the upgrade."""
    if PLAN_RANK[to_plan] != PLAN_RANK[from_plan]:
        higher = PLAN_RANK[to_plan] > PLAN_RANK[from_plan]
        return Direction.UPGRADE if higher else Direction.DOWNGRADE
    if from_plan == Plan.FREE or to_cycle == from_cycle:
        return Direction.SAME
    return Direction.UPGRADE if to_cycle == BillingCycle.ANNUAL else Direction.DOWNGRADE


@dataclass(frozen=True)
class Proration:
    """What a plan change costs now, and the period it starts.

    ``credit``: the unused part of what was paid for the current period;
    ``charge``: the new plan for the period it will cover; ``amount_due`` is
    what the change invoices now, ``refund`` what it gives back (a cheaper plan
    mid-period). ``effective_at_period_end``: nothing changes until the period
    ends (a move to Free is a cancellation at period end).
    """

    direction: Direction
    from_plan: Plan
    from_cycle: BillingCycle
    to_plan: Plan
    to_cycle: BillingCycle
    credit: Decimal
    charge: Decimal
    amount_due: Decimal
    refund: Decimal
    period_start: datetime
    period_end: datetime
    effective_at_period_end: bool
    days_left: int


def fraction_left(start: datetime, end: datetime, now: datetime) -> Decimal:
    total = (end - start).total_seconds()
    if total <= 0:
        return Decimal(0)
    left = min(max((end - now).total_seconds(), 0.0), total)
    return Decimal(str(left)) / Decimal(str(total))


def prorate(
    *,
    from_plan: Plan,
    from_cycle: BillingCycle,
    paid: Decimal,
    period_start: datetime | None,
    current_period_end: datetime | None,
    to_plan: Plan,
    to_cycle: BillingCycle,
    new_price: Decimal,
    now: datetime,
) -> Proration:
    """Stripe's rule, by the second: credit the unused time, charge the new plan's.

    Same cycle: the period is kept and the new plan is charged for what is left
    of it. New cycle (or coming from Free): a new period starts now and the new
    plan is charged in full, minus the credit.
    """
    moving = direction(from_plan, from_cycle, to_plan, to_cycle)
    if moving == Direction.SAME:
        raise ValidationFailed.single(
            "plan", f"The team is already on {PLAN_LIMITS[to_plan].name} ({to_cycle.lower()})."
        )
    live = from_plan != Plan.FREE and period_start is not None and current_period_end is not None
    left = fraction_left(period_start, current_period_end, now) if live else Decimal(0)
    days_left = max(0, (current_period_end - now).days) if live else 0
    if to_plan == Plan.FREE:  # only from a live paid plan (a move from Free is SAME)
        assert current_period_end is not None and period_start is not None
        return Proration(
            moving, from_plan, from_cycle, to_plan, to_cycle, money(0), money(0), money(0),
            money(0), period_start, current_period_end, True, days_left,
        )  # fmt: skip
    credit = money(paid * left)
    if live and to_cycle == from_cycle:
        start, end = period_start, current_period_end
        charge = money(new_price * left)
    else:
        start, end = now, period_end(now, to_cycle)
        charge = new_price
    net = charge - credit
    return Proration(
        direction=moving,
        from_plan=from_plan,
        from_cycle=from_cycle,
        to_plan=to_plan,
        to_cycle=to_cycle,
        credit=credit,
        charge=charge,
        amount_due=max(net, money(0)),
        refund=max(-net, money(0)),
        period_start=start,
        period_end=end,
        effective_at_period_end=False,
        days_left=days_left,
    )


def invoice_number(team_id: uuid.UUID, sequence: int) -> str:
    """``KDT-<team>-<n>``: unique across teams, counting up within one."""
    return f"KDT-{team_id.hex[:8].upper()}-{sequence:05d}"


def lapsed(*, cancel_at_period_end: bool, end: datetime | None, now: datetime) -> bool:
    """A subscription cancelled at period end stops giving its plan once the period is over."""
    return cancel_at_period_end and end is not None and end <= now


def status_from_stripe(status: str) -> SubscriptionStatus | None:
    """Stripe's subscription status in ours; ``None``: not live yet (incomplete checkout)."""
    if status in ("active", "trialing", "past_due"):
        return SubscriptionStatus.ACTIVE
    if status == "canceled":
        return SubscriptionStatus.CANCELLED
    if status in ("unpaid", "incomplete_expired"):
        return SubscriptionStatus.EXPIRED
    return None


def card_expired(exp_month: int, exp_year: int, today: date) -> bool:
    """A card is good through the last day of its expiry month."""
    return (exp_year, exp_month) < (today.year, today.month)


CARD_BRANDS = ("Visa", "Mastercard", "American Express", "Discover", "Other")


def describe_payment_method(kind: PaymentMethodType | str | None, details: dict) -> str:
    """One line for people: "Visa ending 4242, expires 08/2029"."""
    if not kind:
        return ""
    if kind == PaymentMethodType.CREDIT_CARD:
        line = f"{details.get('brand') or 'Card'} ending {details.get('last4', '????')}"
        if details.get("exp_month") and details.get("exp_year"):
            line += f", expires {int(details['exp_month']):02d}/{details['exp_year']}"
        return line
    if kind == PaymentMethodType.PAYPAL:
        return f"PayPal ({details.get('email', '')})"
    return f"Bank transfer from {details.get('bank_name', 'a bank')} account ending " + str(
        details.get("account_last4", "????")
    )


class PaymentProviderUnavailable(DomainError):
    """Stripe refused or could not be reached; nothing was changed here."""


class WrongBillingMode(Conflict):
    """The request belongs to the other mode (Checkout with Stripe, direct changes offline)."""


class InvalidWebhook(DomainError):
    """A webhook call Konduct will not apply: wrong signature, or an event it cannot read."""

    problem_extra = {"field": "Stripe-Signature"}


class CheckoutInProgress(Conflict):
    """Another admin of the team opened Checkout for the same plan moments ago."""


class WebhookTooEarly(Conflict):
    """The event names a subscription Konduct does not know yet (Stripe sent it before
    ``checkout.session.completed``): refused unrecorded, so Stripe delivers it again later."""

    problem_extra = {"retryable": True}
