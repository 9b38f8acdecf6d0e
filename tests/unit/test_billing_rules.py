"""Billing arithmetic: periods, change direction, proration by the second, invoice numbers."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from konduct.domain import billing as rules
from konduct.domain.enums import BillingCycle, PaymentMethodType, Plan, SubscriptionStatus
from konduct.domain.errors import ValidationFailed

M, A = BillingCycle.MONTHLY, BillingCycle.ANNUAL
FREE, PRO, ENT = Plan.FREE, Plan.PROFESSIONAL, Plan.ENTERPRISE
START = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2027, 1, 31, tzinfo=UTC), 1, datetime(2027, 2, 28, tzinfo=UTC)),
        (datetime(2028, 1, 31, tzinfo=UTC), 1, datetime(2028, 2, 29, tzinfo=UTC)),
        (datetime(2027, 12, 15, 9, 30, tzinfo=UTC), 1, datetime(2028, 1, 15, 9, 30, tzinfo=UTC)),
        (datetime(2028, 2, 29, tzinfo=UTC), 12, datetime(2029, 2, 28, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(start, months, expected) -> None:
    assert rules.add_months(start, months) == expected


def test_a_period_is_a_month_or_a_year() -> None:
    assert rules.period_end(START, M) == datetime(2027, 2, 1, tzinfo=UTC)
    assert rules.period_end(START, A) == datetime(2028, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("from_plan", "from_cycle", "to_plan", "to_cycle", "expected"),
    [
        (FREE, M, PRO, M, rules.Direction.UPGRADE),
        (PRO, M, ENT, M, rules.Direction.UPGRADE),
        (PRO, A, ENT, M, rules.Direction.UPGRADE),
        (PRO, M, PRO, A, rules.Direction.UPGRADE),
        (PRO, A, PRO, M, rules.Direction.DOWNGRADE),
        (ENT, M, PRO, A, rules.Direction.DOWNGRADE),
        (PRO, M, FREE, M, rules.Direction.DOWNGRADE),
        (PRO, M, PRO, M, rules.Direction.SAME),
        (FREE, M, FREE, A, rules.Direction.SAME),
    ],
)
def test_direction_of_a_change(from_plan, from_cycle, to_plan, to_cycle, expected) -> None:
    assert rules.direction(from_plan, from_cycle, to_plan, to_cycle) == expected


def _prorate(**overrides):
    values = dict(
        from_plan=PRO,
        from_cycle=M,
        paid=Decimal("49.00"),
        period_start=START,
        current_period_end=datetime(2027, 1, 31, tzinfo=UTC),  # 30 days
        to_plan=PRO,
        to_cycle=A,
        new_price=Decimal("490.00"),
        now=START + timedelta(days=10),
    )
    values.update(overrides)
    return rules.prorate(**values)


def test_from_free_the_full_price_is_due_and_a_period_starts_now() -> None:
    now = datetime(2027, 3, 10, 12, tzinfo=UTC)
    p = _prorate(
        from_plan=FREE, paid=Decimal(0), period_start=None, current_period_end=None,
        to_plan=PRO, to_cycle=M, new_price=Decimal("49.00"), now=now,
    )  # fmt: skip
    assert (p.credit, p.charge, p.amount_due, p.refund) == (0, Decimal("49.00"), 49, 0)
    assert (p.period_start, p.period_end) == (now, datetime(2027, 4, 10, 12, tzinfo=UTC))
    assert p.direction == rules.Direction.UPGRADE and not p.effective_at_period_end


def test_a_new_cycle_credits_the_unused_time_and_starts_a_new_period() -> None:
    p = _prorate()  # 20 of 30 days left on 49.00: 32.67 credit
    assert p.credit == Decimal("32.67")
    assert p.charge == Decimal("490.00")
    assert p.amount_due == Decimal("457.33") and p.refund == 0
    assert p.period_end == datetime(2028, 1, 11, tzinfo=UTC)
    assert p.days_left == 20


def test_the_same_cycle_keeps_the_period_and_charges_what_is_left_of_it() -> None:
    p = _prorate(
        from_plan=PRO, paid=Decimal("49.00"), to_plan=ENT, to_cycle=M, new_price=Decimal("99.00")
    )
    assert (p.credit, p.charge) == (Decimal("32.67"), Decimal("66.00"))
    assert p.amount_due == Decimal("33.33")
    assert (p.period_start, p.period_end) == (START, datetime(2027, 1, 31, tzinfo=UTC))


def test_a_cheaper_plan_mid_period_gives_money_back() -> None:
    p = _prorate(
        from_plan=PRO, from_cycle=A, paid=Decimal("490.00"),
        current_period_end=datetime(2028, 1, 1, tzinfo=UTC), to_cycle=M,
        new_price=Decimal("49.00"), now=datetime(2027, 7, 2, 12, tzinfo=UTC),
    )  # fmt: skip
    assert p.direction == rules.Direction.DOWNGRADE
    assert p.amount_due == 0
    assert p.refund == p.credit - p.charge > 0
    assert p.credit == Decimal("245.00")  # half of the year left


def test_moving_to_free_waits_for_the_period_end_and_costs_nothing() -> None:
    p = _prorate(to_plan=FREE, to_cycle=M, new_price=Decimal(0))
    assert p.effective_at_period_end
    assert (p.amount_due, p.refund) == (0, 0)
    assert p.period_end == datetime(2027, 1, 31, tzinfo=UTC)


def test_after_the_period_nothing_is_credited() -> None:
    p = _prorate(
        to_plan=ENT, to_cycle=M, new_price=Decimal(99), now=datetime(2027, 3, 1, tzinfo=UTC)
    )
    assert p.credit == 0 and p.charge == 0 and p.days_left == 0


def test_the_same_plan_again_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        _prorate(to_cycle=M, new_price=Decimal(49))
    assert refused.value.problems[0].field == "plan"


def test_enterprise_is_sold_by_contract_except_offline() -> None:
    with pytest.raises(ValidationFailed, match="contact sales"):
        rules.self_serve_price(ENT, M, offline=False)
    assert rules.self_serve_price(ENT, M, offline=True) == 0
    assert rules.self_serve_price(PRO, A, offline=False) == Decimal("490.00")


def test_invoice_numbers_name_the_team_and_count_up() -> None:
    team = uuid.UUID("3f2a1b9c-0000-4000-8000-000000000000")
    assert rules.invoice_number(team, 7) == "KDT-3F2A1B9C-00007"


def test_money_rounds_half_up_to_cents_and_converts_to_minor_units() -> None:
    assert rules.money("10.005") == Decimal("10.01")
    assert rules.to_minor_units(Decimal("49")) == 4900
    assert rules.from_minor_units(45733) == Decimal("457.33")
    assert rules.from_minor_units(None) == 0
    assert rules.format_money(Decimal("1490"), "USD") == "$1,490.00"
    assert rules.format_money(Decimal("5"), "CHF") == "5.00 CHF"


def test_a_cancelled_subscription_lapses_at_its_period_end() -> None:
    end = datetime(2027, 2, 1, tzinfo=UTC)
    assert rules.lapsed(cancel_at_period_end=True, end=end, now=end)
    assert not rules.lapsed(cancel_at_period_end=True, end=end, now=end - timedelta(seconds=1))
    assert not rules.lapsed(cancel_at_period_end=False, end=end, now=end + timedelta(days=9))


@pytest.mark.parametrize(
    ("stripe", "ours"),
    [
        ("active", SubscriptionStatus.ACTIVE),
        ("trialing", SubscriptionStatus.ACTIVE),
        ("past_due", SubscriptionStatus.ACTIVE),
        ("canceled", SubscriptionStatus.CANCELLED),
        ("unpaid", SubscriptionStatus.EXPIRED),
        ("incomplete_expired", SubscriptionStatus.EXPIRED),
        ("incomplete", None),
    ],
)
def test_stripe_statuses_in_ours(stripe: str, ours) -> None:
    assert rules.status_from_stripe(stripe) == ours


def test_a_card_is_good_through_its_expiry_month() -> None:
    assert not rules.card_expired(12, 2027, date(2027, 12, 31))
    assert rules.card_expired(11, 2027, date(2027, 12, 1))


def test_payment_methods_in_one_line() -> None:
    card = {"brand": "Visa", "last4": "4242", "exp_month": 8, "exp_year": 2029}
    assert (
        rules.describe_payment_method(PaymentMethodType.CREDIT_CARD, card)
        == "Visa ending 4242, expires 08/2029"
    )
    assert rules.describe_payment_method(PaymentMethodType.PAYPAL, {"email": "a@b.co"}) == (
        "PayPal (a@b.co)"
    )
    assert "ending 1234" in rules.describe_payment_method(
        PaymentMethodType.BANK_TRANSFER, {"bank_name": "ING", "account_last4": "1234"}
    )
    assert rules.describe_payment_method(None, {}) == ""


def test_contract_plans_need_sales_only_when_stripe_takes_payments() -> None:
    assert rules.needs_sales(ENT, offline=False)
    assert not rules.needs_sales(ENT, offline=True)
    assert not rules.needs_sales(PRO, offline=False) and not rules.needs_sales(FREE, offline=False)


def test_a_checkout_key_is_one_per_team_plan_cycle_and_window() -> None:
    team = uuid.uuid4()
    key = rules.checkout_key(team, PRO, M, START)
    assert key == rules.checkout_key(team, PRO, M, START + timedelta(seconds=59))
    assert key.startswith(f"konduct-checkout-{team}-PROFESSIONAL-MONTHLY-")
    window = timedelta(seconds=rules.CHECKOUT_REPEAT_WINDOW_S)
    assert key != rules.checkout_key(team, PRO, M, START + window)
    assert key != rules.checkout_key(team, PRO, A, START)
    assert key != rules.checkout_key(uuid.uuid4(), PRO, M, START)
