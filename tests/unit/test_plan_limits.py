"""Every plan against every limit: what passes, what is refused, and what the refusal says."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from konduct.domain.enums import Plan
from konduct.domain.invites import read_invite, sign_invite, verify_invite
from konduct.domain.months import last_months, month_key, next_month_start, parse_month
from konduct.domain.plans import (
    UPGRADE_PATH,
    ApiQuotaSpent,
    PlanLimitReached,
    check_api_quota,
    check_campaign_quota,
    check_export_format,
    check_platform,
    check_seats,
    check_targeting,
    over_limit,
)

FREE, PRO, ENT = Plan.FREE, Plan.PROFESSIONAL, Plan.ENTERPRISE


def refused(check, *args, **kwargs) -> PlanLimitReached | None:
    try:
        check(*args, **kwargs)
    except PlanLimitReached as limit:
        return limit
    return None


# (plan, check, arguments, refused?, the limit named, the plan that lifts it)
MATRIX = [
    # campaigns per calendar month
    (FREE, check_campaign_quota, (4,), False, None, None),
    (FREE, check_campaign_quota, (5,), True, "campaigns_per_month", PRO),
    (PRO, check_campaign_quota, (10_000,), False, None, None),
    (ENT, check_campaign_quota, (10_000,), False, None, None),
    # platforms
    (FREE, check_platform, ("FBK",), False, None, None),
    (FREE, check_platform, ("IGM",), False, None, None),
    (FREE, check_platform, ("GGL",), True, "platforms", PRO),
    (FREE, check_platform, ("TTK",), True, "platforms", PRO),
    (PRO, check_platform, ("GGL",), False, None, None),
    (ENT, check_platform, ("TTK",), False, None, None),
    # targeting
    (FREE, check_targeting, ({"devices": ["ALL"]},), False, None, None),
    (FREE, check_targeting, ({"interests": ["Technology"]},), True, "advanced_targeting", PRO),
    (FREE, check_targeting, ({"behaviors": ["Commuters"]},), True, "advanced_targeting", PRO),
    (FREE, check_targeting, ({"custom_audience": "Buyers"},), True, "advanced_targeting", PRO),
    (PRO, check_targeting, ({"interests": ["Technology"]},), False, None, None),
    (ENT, check_targeting, ({"behaviors": ["Commuters"]},), False, None, None),
    # export formats
    (FREE, check_export_format, ("json",), False, None, None),
    (FREE, check_export_format, ("csv",), True, "export_formats", PRO),
    (FREE, check_export_format, ("ga4",), True, "export_formats", PRO),
    (PRO, check_export_format, ("csv",), False, None, None),
    (ENT, check_export_format, ("ga4",), False, None, None),
    # seats (active + invited people, the owner included)
    (FREE, check_seats, (1,), True, "team_members", PRO),
    (PRO, check_seats, (4,), False, None, None),
    (PRO, check_seats, (5,), True, "team_members", ENT),
    (ENT, check_seats, (500,), False, None, None),
    # API requests this month
    (FREE, check_api_quota, (0,), True, "api_access", PRO),
    (PRO, check_api_quota, (9_999,), False, None, None),
    (PRO, check_api_quota, (10_000,), True, "api_requests_per_month", ENT),
    (ENT, check_api_quota, (999_999,), False, None, None),
    (ENT, check_api_quota, (1_000_000,), True, "api_requests_per_month", None),
]


@pytest.mark.parametrize(
    ("plan", "check", "args", "is_refused", "limit", "upgrade_to"),
    MATRIX,
    ids=[f"{row[0].value}-{row[1].__name__}-{row[2][0]}" for row in MATRIX],
)
def test_plan_by_limit(plan, check, args, is_refused, limit, upgrade_to) -> None:
    refusal = refused(check, plan, *args)
    assert (refusal is not None) == is_refused
    if refusal is not None:
        assert refusal.limit == limit
        assert refusal.plan == plan
        assert refusal.upgrade_to == upgrade_to
        assert refusal.upgrade_path == UPGRADE_PATH
        if upgrade_to is not None:
            assert "Upgrade to" in str(refusal)


def test_spent_api_quota_says_when_it_resets() -> None:
    refusal = refused(check_api_quota, PRO, 10_000, reset_at=1_800_000_000)
    assert isinstance(refusal, ApiQuotaSpent)
    assert (refusal.cap, refusal.reset_at) == (10_000, 1_800_000_000)


def test_kept_advanced_targeting_may_stay_or_go_but_not_change() -> None:
    stored = {"interests": ["Technology"], "devices": ["ALL"]}
    assert refused(check_targeting, FREE, {"interests": ["Technology"]}, kept=stored) is None
    assert refused(check_targeting, FREE, {"interests": []}, kept=stored) is None
    changed = refused(check_targeting, FREE, {"interests": ["Travel"]}, kept=stored)
    assert changed is not None and changed.limit == "advanced_targeting"


def test_over_limit_after_a_downgrade_lists_what_is_kept_read_only() -> None:
    assert over_limit(FREE, members=3, campaigns_this_month=7) == [
        "team_members",
        "campaigns_per_month",
    ]
    assert over_limit(FREE, members=1, campaigns_this_month=5) == []
    assert over_limit(PRO, members=6, campaigns_this_month=900) == ["team_members"]
    assert over_limit(ENT, members=600, campaigns_this_month=10**6) == []


def test_calendar_months() -> None:
    december = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    assert next_month_start(december) == datetime(2027, 1, 1, tzinfo=UTC)
    assert month_key(december) == "2026-12"
    assert [month_key(m) for m in last_months(datetime(2027, 2, 3, tzinfo=UTC), 3)] == [
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    assert parse_month("2026-11") == datetime(2026, 11, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_month("november")


def test_invite_links_are_signed_and_expire() -> None:
    member, sent = uuid.uuid4(), datetime(2026, 12, 1, 12, tzinfo=UTC)
    token = sign_invite("secret", member, sent)
    assert read_invite(token).member_id == member
    assert verify_invite("secret", token, sent, sent + timedelta(days=6))
    assert not verify_invite("secret", token, sent, sent + timedelta(days=7, seconds=1))
    assert not verify_invite("other-secret", token, sent, sent)
    # Sending the invitation again (a new invited_at) retires the earlier link.
    assert not verify_invite("secret", token, sent + timedelta(minutes=1), sent)
    forged = token.rsplit(".", 1)[0] + ".AAAA"
    assert not verify_invite("secret", forged, sent, sent)
    assert read_invite("garbage") is None
