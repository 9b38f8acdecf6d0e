"""The pricing calculator's arithmetic: which plan fits a team, and what it costs.

Free and Professional have list prices (``konduct.domain.plans``). Enterprise is priced
per contract; the calculator gives an *estimate* from the formula below, which sales
confirm in the contract:

* a platform fee of $199 a month that includes 10 seats,
* $15 per seat per month beyond those 10,
* 10 % off the seat part from 50 seats, 20 % from 200 seats,
* annual billing: twelve months for the price of ten (as Professional: $490 for $49).

All money is ``Decimal``, rounded to cents only at the end. The same function answers
the pricing page and ``POST /api/pricing/quote``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import FieldProblem, ValidationFailed
from konduct.domain.plans import ANNUAL_MONTHS_CHARGED, FEATURE_NAMES, PLAN_LIMITS, Feature

ENTERPRISE_PLATFORM_FEE = Decimal("199")  # a month
ENTERPRISE_INCLUDED_SEATS = 10
ENTERPRISE_SEAT_PRICE = Decimal("15")  # a seat a month, beyond the included ones
ENTERPRISE_VOLUME_DISCOUNTS = ((200, Decimal("0.20")), (50, Decimal("0.10")))  # seats, off

MAX_TEAM_SIZE = 100_000
MAX_CAMPAIGNS_PER_MONTH = 10_000_000
CENTS = Decimal("0.01")
PLAN_ORDER = (Plan.FREE, Plan.PROFESSIONAL, Plan.ENTERPRISE)


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteRequest:
    plan: Plan
    team_size: int
    campaigns_per_month: int
    billing_cycle: BillingCycle
    features: tuple[Feature, ...] = ()  # features the team says it needs


@dataclass(frozen=True)
class PriceLine:
    label: str
    amount: Decimal  # for one billing period (a month or a year)


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    free: str
    professional: str
    enterprise: str


@dataclass(frozen=True)
class Quote:
    requested_plan: Plan
    plan: Plan  # the plan priced: the requested one when it fits, else the smallest that does
    fits_requested: bool
    reasons: tuple[str, ...]  # why the requested plan does not fit (empty when it does)
    custom: bool  # an Enterprise estimate, to be confirmed by sales
    billing_cycle: BillingCycle
    team_size: int
    campaigns_per_month: int
    lines: tuple[PriceLine, ...]
    total: Decimal  # for one billing period
    monthly_equivalent: Decimal
    annual_savings: Decimal  # what annual billing saves over twelve monthly payments
    comparison: tuple[ComparisonRow, ...] = field(default=())

    @property
    def plan_name(self) -> str:
        return PLAN_LIMITS[self.plan].name

    @property
    def period(self) -> str:
        return "year" if self.billing_cycle == BillingCycle.ANNUAL else "month"


def validate(request: QuoteRequest) -> None:
    problems = []
    if not 1 <= request.team_size <= MAX_TEAM_SIZE:
        problems.append(
            FieldProblem("team_size", f"must be between 1 and {MAX_TEAM_SIZE:,} people")
        )
    if not 0 <= request.campaigns_per_month <= MAX_CAMPAIGNS_PER_MONTH:
        problems.append(
            FieldProblem(
                "campaigns_per_month", f"must be between 0 and {MAX_CAMPAIGNS_PER_MONTH:,}"
            )
        )
    if problems:
        raise ValidationFailed(problems)


def shortfalls(plan: Plan, request: QuoteRequest) -> list[str]:
    """Why ``plan`` cannot serve this team, one sentence per limit it breaks."""
    limits = PLAN_LIMITS[plan]
    found = []
    if limits.max_members is not None and request.team_size > limits.max_members:
        allows = "one person" if limits.max_members == 1 else f"up to {limits.max_members} people"
        found.append(f"{limits.name} allows {allows}; your team has {request.team_size}.")
    cap = limits.campaigns_per_month
    if cap is not None and request.campaigns_per_month > cap:
        found.append(
            f"{limits.name} allows {cap} new campaigns a month; "
            f"you plan {request.campaigns_per_month}."
        )
    for feature in request.features:
        if not limits.has(feature):
            found.append(f"{FEATURE_NAMES[feature]} is not part of {limits.name}.")
    return found


def smallest_fitting_plan(request: QuoteRequest) -> Plan:
    """The cheapest plan that serves the team (Enterprise serves everyone)."""
    return next(plan for plan in PLAN_ORDER if not shortfalls(plan, request))


def enterprise_monthly_lines(team_size: int) -> list[PriceLine]:
    lines = [
        PriceLine(
            f"Platform fee, {ENTERPRISE_INCLUDED_SEATS} seats included", ENTERPRISE_PLATFORM_FEE
        )
    ]
    extra = max(0, team_size - ENTERPRISE_INCLUDED_SEATS)
    if extra:
        seats = ENTERPRISE_SEAT_PRICE * extra
        lines.append(PriceLine(f"{extra} more seats at ${ENTERPRISE_SEAT_PRICE}", seats))
        rate = next((off for size, off in ENTERPRISE_VOLUME_DISCOUNTS if team_size >= size), None)
        if rate is not None:
            lines.append(PriceLine(f"Volume discount, {rate:.0%} off seats", -(seats * rate)))
    return lines


def _priced_lines(plan: Plan, request: QuoteRequest) -> tuple[list[PriceLine], Decimal]:
    """The lines for one billing period, and what twelve monthly payments would cost."""
    limits = PLAN_LIMITS[plan]
    annual = request.billing_cycle == BillingCycle.ANNUAL
    if plan == Plan.ENTERPRISE:
        monthly = enterprise_monthly_lines(request.team_size)
        twelve_months = sum((line.amount for line in monthly), Decimal(0)) * 12
        if not annual:
            return monthly, twelve_months
        lines = [PriceLine(line.label, line.amount * ANNUAL_MONTHS_CHARGED) for line in monthly]
        return lines, twelve_months
    price = limits.price(request.billing_cycle) or Decimal(0)
    label = f"{limits.name} plan, billed {'annually' if annual else 'monthly'}"
    return [PriceLine(label, price)], (limits.monthly_price or Decimal(0)) * 12


def _limit_text(value: int | None, unit: str = "") -> str:
    return "Unlimited" if value is None else f"{value:,}{unit}"


def comparison() -> tuple[ComparisonRow, ...]:
    """Every plan side by side: prices, limits and features, from the plans table."""
    free, pro, ent = (PLAN_LIMITS[p] for p in PLAN_ORDER)

    def price(limits) -> str:
        if limits.monthly_price is None:
            return "Custom (from $199/month)"
        return f"${limits.monthly_price:,.0f}/month or ${limits.annual_price:,.0f}/year"

    def platforms(limits) -> str:
        if limits.platforms is None:
            return "All"
        return f"{len(limits.platforms)} (Facebook, Instagram)"

    rows = [
        ComparisonRow("Price", price(free), price(pro), price(ent)),
        ComparisonRow(
            "Team members",
            _limit_text(free.max_members),
            _limit_text(pro.max_members),
            _limit_text(ent.max_members),
        ),
        ComparisonRow(
            "New campaigns a month",
            _limit_text(free.campaigns_per_month),
            _limit_text(pro.campaigns_per_month),
            _limit_text(ent.campaigns_per_month),
        ),
        ComparisonRow("Platforms", platforms(free), platforms(pro), platforms(ent)),
        ComparisonRow(
            "API requests a month",
            "None" if not free.api_requests_per_month else f"{free.api_requests_per_month:,}",
            f"{pro.api_requests_per_month:,}",
            f"{ent.api_requests_per_month:,}",
        ),
        ComparisonRow(
            "Exports",
            ", ".join(sorted(f.upper() for f in free.export_formats)),
            ", ".join(sorted(f.upper() for f in pro.export_formats)),
            ", ".join(sorted(f.upper() for f in ent.export_formats)),
        ),
    ]
    for feature in Feature:
        if feature == Feature.TEAM_MEMBERS:
            continue  # the team-members row says it better
        rows.append(
            ComparisonRow(
                FEATURE_NAMES[feature],
                *("Yes" if limits.has(feature) else "—" for limits in (free, pro, ent)),
            )
        )
    return tuple(rows)


def quote(request: QuoteRequest) -> Quote:
    """Price ``request``: on its plan when that fits, else on the smallest plan that does."""
    validate(request)
    reasons = tuple(shortfalls(request.plan, request))
    # Asking for a bigger plan than needed is the visitor's choice: price what they asked.
    plan = request.plan if not reasons else smallest_fitting_plan(request)
    lines, twelve_monthly = _priced_lines(plan, request)
    total = money(sum((line.amount for line in lines), Decimal(0)))
    annual = request.billing_cycle == BillingCycle.ANNUAL
    return Quote(
        requested_plan=request.plan,
        plan=plan,
        fits_requested=not reasons,
        reasons=reasons,
        custom=plan == Plan.ENTERPRISE,
        billing_cycle=request.billing_cycle,
        team_size=request.team_size,
        campaigns_per_month=request.campaigns_per_month,
        lines=tuple(PriceLine(line.label, money(line.amount)) for line in lines),
        total=total,
        monthly_equivalent=money(total / 12) if annual else total,
        annual_savings=money(twelve_monthly - total) if annual else Decimal("0.00"),
        comparison=comparison(),
    )


def quote_reference(request: QuoteRequest, day: str) -> str:
    """A short, stable reference for a quote on a day (``Q-20270301-3F9A``): the same
    inputs on the same day give the same reference, so a resend is recognisable."""
    text = "|".join(
        [
            request.plan,
            str(request.team_size),
            str(request.campaigns_per_month),
            request.billing_cycle,
            ",".join(sorted(request.features)),
        ]
    )
    digest = hashlib.sha256(text.encode()).hexdigest()[:6].upper()
    return f"Q-{day.replace('-', '')}-{digest}"
