"""What each plan allows: one table, read by every service that enforces a limit.

Free, Professional and Enterprise as the spec sells them. Services ask the
functions below before they act (``require_feature``, ``check_campaign_quota``,
``check_platform``, ``check_seats``, ``check_export_format``) and the doors turn
the ``PlanLimitReached`` they raise into a page message or a problem-details
error with an upgrade link. Downgrading never deletes: what is over the new
limit stays readable (see ``over_limit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from konduct.domain.catalog import PLATFORMS
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import DomainError

UPGRADE_PATH = "/settings/billing"
# Annual billing: twelve months for the price of ten, on every plan and every quote.
ANNUAL_MONTHS_CHARGED = 10


class Feature(StrEnum):
    TEAM_MEMBERS = "team_members"  # inviting anyone besides oneself
    API_ACCESS = "api_access"
    ADVANCED_TARGETING = "advanced_targeting"  # interests, behaviours, custom audiences
    BULK_OPERATIONS = "bulk_operations"  # CSV import, bulk actions
    TEMPLATES = "templates"
    CUSTOM_REPORTS = "custom_reports"
    NAMING_RULES = "naming_rules"  # enforced team UTM conventions
    MONTHLY_USAGE_REPORT = "monthly_usage_report"
    SSO = "sso"
    WHITE_LABEL = "white_label"
    AUDIT_EXPORT = "audit_export"


FEATURE_NAMES: dict[Feature, str] = {
    Feature.TEAM_MEMBERS: "Team collaboration",
    Feature.API_ACCESS: "API access",
    Feature.ADVANCED_TARGETING: "Advanced targeting",
    Feature.BULK_OPERATIONS: "Bulk operations",
    Feature.TEMPLATES: "Campaign templates",
    Feature.CUSTOM_REPORTS: "Custom reports",
    Feature.NAMING_RULES: "Enforced naming rules",
    Feature.MONTHLY_USAGE_REPORT: "Monthly usage reports",
    Feature.SSO: "Single sign-on settings",
    Feature.WHITE_LABEL: "White-label branding",
    Feature.AUDIT_EXPORT: "Audit log export",
}


@dataclass(frozen=True)
class PlanLimits:
    plan: Plan
    name: str
    monthly_price: Decimal | None  # None: priced per contract (Enterprise)
    annual_price: Decimal | None  # for the whole year
    campaigns_per_month: int | None  # None: unlimited
    platforms: frozenset[str] | None  # catalog codes ("FBK"); None: every platform
    max_members: int | None  # people in the team, the owner included; None: unlimited
    api_requests_per_month: int  # 0: no API access
    export_formats: frozenset[str]
    features: frozenset[Feature]

    def price(self, cycle: BillingCycle) -> Decimal | None:
        return self.annual_price if cycle == BillingCycle.ANNUAL else self.monthly_price

    def has(self, feature: Feature) -> bool:
        return feature in self.features


_PROFESSIONAL_FEATURES = frozenset(
    {
        Feature.TEAM_MEMBERS,
        Feature.API_ACCESS,
        Feature.ADVANCED_TARGETING,
        Feature.BULK_OPERATIONS,
        Feature.TEMPLATES,
        Feature.CUSTOM_REPORTS,
        Feature.NAMING_RULES,
        Feature.MONTHLY_USAGE_REPORT,
    }
)

PLAN_LIMITS: dict[Plan, PlanLimits] = {
    Plan.FREE: PlanLimits(
        plan=Plan.FREE,
        name="Free",
        monthly_price=Decimal("0"),
        annual_price=Decimal("0"),
        campaigns_per_month=5,
        platforms=frozenset({"FBK", "IGM"}),  # Facebook, Instagram
        max_members=1,
        api_requests_per_month=0,
        export_formats=frozenset({"json"}),
        features=frozenset(),
    ),
    Plan.PROFESSIONAL: PlanLimits(
        plan=Plan.PROFESSIONAL,
        name="Professional",
        monthly_price=Decimal("49"),
        annual_price=Decimal("49") * ANNUAL_MONTHS_CHARGED,  # two months free
        campaigns_per_month=None,
        platforms=None,
        max_members=5,
        api_requests_per_month=10_000,
        export_formats=frozenset({"json", "csv", "ga4"}),
        features=_PROFESSIONAL_FEATURES,
    ),
    Plan.ENTERPRISE: PlanLimits(
        plan=Plan.ENTERPRISE,
        name="Enterprise",
        monthly_price=None,
        annual_price=None,
        campaigns_per_month=None,
        platforms=None,
        max_members=None,
        api_requests_per_month=1_000_000,
        export_formats=frozenset({"json", "csv", "ga4"}),
        features=_PROFESSIONAL_FEATURES | {Feature.SSO, Feature.WHITE_LABEL, Feature.AUDIT_EXPORT},
    ),
}


def limits_for(plan: Plan) -> PlanLimits:
    return PLAN_LIMITS[plan]


def cheapest_plan_with(feature: Feature) -> Plan:
    return next(plan for plan in Plan if PLAN_LIMITS[plan].has(feature))


class PlanLimitReached(DomainError):
    """The team's plan does not allow this; ``upgrade_to`` is the plan that would."""

    def __init__(self, limit: str, message: str, plan: Plan, upgrade_to: Plan | None):
        self.limit, self.plan, self.upgrade_to = limit, plan, upgrade_to
        self.upgrade_path = UPGRADE_PATH
        super().__init__(message)


def _upgrade_hint(upgrade_to: Plan | None) -> str:
    if upgrade_to is None:
        return ""
    return f" Upgrade to {PLAN_LIMITS[upgrade_to].name} to lift it."


def require_feature(plan: Plan, feature: Feature) -> None:
    if PLAN_LIMITS[plan].has(feature):
        return
    upgrade_to = cheapest_plan_with(feature)
    raise PlanLimitReached(
        feature.value,
        f"{FEATURE_NAMES[feature]} is not part of the {PLAN_LIMITS[plan].name} plan."
        + _upgrade_hint(upgrade_to),
        plan,
        upgrade_to,
    )


def check_campaign_quota(plan: Plan, created_this_month: int) -> None:
    """Before creating one more campaign; ``created_this_month`` counts the calendar month."""
    cap = PLAN_LIMITS[plan].campaigns_per_month
    if cap is not None and created_this_month >= cap:
        raise PlanLimitReached(
            "campaigns_per_month",
            f"The {PLAN_LIMITS[plan].name} plan allows {cap} new campaigns per calendar month "
            f"and this month's {cap} are used." + _upgrade_hint(Plan.PROFESSIONAL),
            plan,
            Plan.PROFESSIONAL,
        )


def platform_allowed(plan: Plan, platform: str) -> bool:
    """``platform``: a catalog code such as ``"FBK"``."""
    allowed = PLAN_LIMITS[plan].platforms
    return allowed is None or platform in allowed


def check_platform(plan: Plan, platform: str) -> None:
    if not platform_allowed(plan, platform):
        allowed = PLAN_LIMITS[plan].platforms or frozenset()
        names = " and ".join(p.name for p in PLATFORMS if p.code in allowed)
        raise PlanLimitReached(
            "platforms",
            f"The {PLAN_LIMITS[plan].name} plan covers {names} only."
            + _upgrade_hint(Plan.PROFESSIONAL),
            plan,
            Plan.PROFESSIONAL,
        )


def check_seats(plan: Plan, members_now: int) -> None:
    """Before adding (inviting) one more person; ``members_now`` counts active and invited."""
    cap = PLAN_LIMITS[plan].max_members
    if cap is not None and members_now >= cap:
        upgrade_to = Plan.PROFESSIONAL if plan == Plan.FREE else Plan.ENTERPRISE
        who = "no team members" if cap == 1 else f"up to {cap} people in a team"
        raise PlanLimitReached(
            "team_members",
            f"The {PLAN_LIMITS[plan].name} plan allows {who}." + _upgrade_hint(upgrade_to),
            plan,
            upgrade_to,
        )


def check_export_format(plan: Plan, export_format: str) -> None:
    if export_format not in PLAN_LIMITS[plan].export_formats:
        raise PlanLimitReached(
            "export_formats",
            f"{export_format.upper()} export is not part of the {PLAN_LIMITS[plan].name} plan "
            f"(it exports JSON)." + _upgrade_hint(Plan.PROFESSIONAL),
            plan,
            Plan.PROFESSIONAL,
        )


def over_limit(plan: Plan, *, members: int, campaigns_this_month: int) -> list[str]:
    """What a team already has beyond ``plan`` (after a downgrade): kept, but read-only."""
    limits = PLAN_LIMITS[plan]
    found = []
    if limits.max_members is not None and members > limits.max_members:
        found.append("team_members")
    if limits.campaigns_per_month is not None and campaigns_this_month > limits.campaigns_per_month:
        found.append("campaigns_per_month")
    return found


# --- what the services need on top of the table ----------------------------------------

# The targeting a Free plan leaves out (the spec's "basic targeting" is demographics and devices).
ADVANCED_TARGETING_FIELDS = ("interests", "behaviors", "custom_audience")


def advanced_targeting_in(targeting: dict | None) -> dict[str, object]:
    """The advanced parts of a targeting document that are filled in."""
    targeting = targeting or {}
    return {key: targeting[key] for key in ADVANCED_TARGETING_FIELDS if targeting.get(key)}


def check_targeting(plan: Plan, targeting: dict | None, *, kept: dict | None = None) -> None:
    """Advanced targeting needs Professional. ``kept``: the campaign's stored targeting; what
    it already had (from before a downgrade) may stay as it is, or be cleared, not changed."""
    used = advanced_targeting_in(targeting)
    if not used or PLAN_LIMITS[plan].has(Feature.ADVANCED_TARGETING):
        return
    if kept is not None and all(used[key] == advanced_targeting_in(kept).get(key) for key in used):
        return
    require_feature(plan, Feature.ADVANCED_TARGETING)


def check_api_quota(plan: Plan, used_this_month: int, *, reset_at: int = 0) -> None:
    """Before one more API-key request; ``used_this_month`` counts the ones before it,
    ``reset_at`` (unix time) is when the next month's quota starts."""
    require_feature(plan, Feature.API_ACCESS)
    cap = PLAN_LIMITS[plan].api_requests_per_month
    if used_this_month >= cap:
        upgrade_to = Plan.ENTERPRISE if plan == Plan.PROFESSIONAL else None
        raise ApiQuotaSpent(
            f"The {PLAN_LIMITS[plan].name} plan allows {cap:,} API requests per calendar "
            "month and this month's are used." + _upgrade_hint(upgrade_to),
            plan,
            upgrade_to,
            cap=cap,
            reset_at=reset_at,
        )


class ApiQuotaSpent(PlanLimitReached):
    """The month's API requests are used up: answered 429, with the quota in headers."""

    def __init__(
        self, message: str, plan: Plan, upgrade_to: Plan | None, *, cap: int, reset_at: int
    ):
        self.cap, self.reset_at = cap, reset_at
        super().__init__("api_requests_per_month", message, plan, upgrade_to)
