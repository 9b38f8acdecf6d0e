"""The pricing calculator's arithmetic: plan fit, list prices, Enterprise estimates."""

from decimal import Decimal

import pytest

from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import ValidationFailed
from konduct.domain.plans import Feature
from konduct.domain.pricing import QuoteRequest, quote, quote_reference, smallest_fitting_plan

MONTHLY, ANNUAL = BillingCycle.MONTHLY, BillingCycle.ANNUAL


def ask(plan=Plan.PROFESSIONAL, team=3, campaigns=20, cycle=MONTHLY, features=()):
    return QuoteRequest(plan, team, campaigns, cycle, tuple(features))


def test_professional_within_limits_is_the_list_price() -> None:
    q = quote(ask())
    assert q.fits_requested and q.plan == Plan.PROFESSIONAL and not q.custom
    assert q.total == Decimal("49.00") and q.monthly_equivalent == Decimal("49.00")
    assert q.annual_savings == Decimal("0.00") and q.reasons == ()


def test_annual_professional_saves_two_months() -> None:
    q = quote(ask(cycle=ANNUAL))
    assert q.total == Decimal("490.00")
    assert q.monthly_equivalent == Decimal("40.83")
    assert q.annual_savings == Decimal("98.00")  # 12 x 49 - 490
    assert q.period == "year"


def test_free_fits_one_person_with_few_campaigns() -> None:
    q = quote(ask(plan=Plan.FREE, team=1, campaigns=5))
    assert q.fits_requested and q.total == Decimal("0.00")


def test_free_with_too_many_campaigns_moves_to_professional() -> None:
    q = quote(ask(plan=Plan.FREE, team=1, campaigns=6))
    assert not q.fits_requested and q.plan == Plan.PROFESSIONAL
    assert q.reasons == ("Free allows 5 new campaigns a month; you plan 6.",)
    assert q.total == Decimal("49.00")


def test_beyond_five_people_professional_proposes_enterprise() -> None:
    q = quote(ask(team=6))
    assert not q.fits_requested and q.plan == Plan.ENTERPRISE and q.custom
    assert q.reasons == ("Professional allows up to 5 people; your team has 6.",)
    # 6 seats are inside the 10 the platform fee includes.
    assert [line.amount for line in q.lines] == [Decimal("199.00")]
    assert q.total == Decimal("199.00")


@pytest.mark.parametrize(
    ("team", "total"),
    [
        (10, "199.00"),  # the included seats
        (11, "214.00"),  # + 1 x 15
        (49, "784.00"),  # 199 + 39 x 15, no discount yet
        (50, "739.00"),  # 199 + 40 x 15 x 0.9
        (200, "2479.00"),  # 199 + 190 x 15 x 0.8
    ],
)
def test_enterprise_estimate_per_seat_with_volume_discounts(team: int, total: str) -> None:
    q = quote(ask(plan=Plan.ENTERPRISE, team=team))
    assert q.fits_requested and q.custom
    assert q.total == Decimal(total)
    assert sum(line.amount for line in q.lines) == q.total


def test_enterprise_annual_is_ten_months() -> None:
    q = quote(ask(plan=Plan.ENTERPRISE, team=20, cycle=ANNUAL))
    monthly = Decimal("199") + 10 * Decimal("15")
    assert q.total == monthly * 10
    assert q.annual_savings == monthly * 2


def test_a_needed_feature_picks_the_plan_that_has_it() -> None:
    assert smallest_fitting_plan(ask(plan=Plan.FREE, team=1, features=[Feature.API_ACCESS])) == (
        Plan.PROFESSIONAL
    )
    q = quote(ask(features=[Feature.SSO]))
    assert q.plan == Plan.ENTERPRISE
    assert q.reasons == ("Single sign-on settings is not part of Professional.",)


def test_a_bigger_plan_than_needed_is_priced_as_asked() -> None:
    q = quote(ask(plan=Plan.ENTERPRISE, team=2))
    assert q.fits_requested and q.plan == Plan.ENTERPRISE


def test_comparison_comes_from_the_plans_table() -> None:
    rows = {row.label: row for row in quote(ask()).comparison}
    assert rows["Team members"].professional == "5"
    assert rows["Team members"].enterprise == "Unlimited"
    assert rows["New campaigns a month"].free == "5"
    assert rows["Single sign-on settings"].professional == "—"
    assert rows["Single sign-on settings"].enterprise == "Yes"


@pytest.mark.parametrize(
    ("team", "campaigns", "field"),
    [(0, 5, "team_size"), (100_001, 5, "team_size"), (3, -1, "campaigns_per_month")],
)
def test_impossible_inputs_are_refused(team: int, campaigns: int, field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        quote(ask(team=team, campaigns=campaigns))
    assert refused.value.problems[0].field == field


def test_quote_reference_is_stable_for_the_same_inputs_and_day() -> None:
    a = quote_reference(ask(team=8), "2027-03-01")
    assert a == quote_reference(ask(team=8), "2027-03-01")
    assert a.startswith("Q-20270301-") and len(a) == len("Q-20270301-") + 6
    assert a != quote_reference(ask(team=9), "2027-03-01")
    assert a != quote_reference(ask(team=8), "2027-03-02")
