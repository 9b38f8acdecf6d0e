"""The platform compatibility check on the landing page: which platforms and needs a
visitor has, what Konduct does for each, which plan covers them all, and what to do next.

Pure rules over the catalog, the UTM defaults, GA4's channel grouping and the plans
table, so the answer can never drift from what the product really enforces. The report
renders as plain text, Markdown or CSV for the visitor to download.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum

from konduct.domain.catalog import PLATFORMS, PlatformInfo, platform_by_code
from konduct.domain.enums import Plan
from konduct.domain.errors import ValidationFailed
from konduct.domain.ga4 import channel_group
from konduct.domain.plans import PLAN_LIMITS, Feature, platform_allowed
from konduct.domain.utm import suggested_medium


class Need(StrEnum):
    TRACKING_LINKS = "tracking_links"
    GA4_CHANNELS = "ga4_channels"
    MANY_CAMPAIGNS = "many_campaigns"
    TEAM = "team"
    API = "api"
    BULK = "bulk"
    CSV_EXPORT = "csv_export"
    ADVANCED_TARGETING = "advanced_targeting"
    SSO = "sso"
    WHITE_LABEL = "white_label"


@dataclass(frozen=True)
class NeedInfo:
    need: Need
    label: str
    # The plan feature that grants it; None when the rule is not a feature flag.
    feature: Feature | None
    how: str  # what Konduct does for it, in one sentence


NEEDS: tuple[NeedInfo, ...] = (
    NeedInfo(
        Need.TRACKING_LINKS,
        "UTM tracking links and QR codes",
        None,
        "Every campaign gets tagged links (utm_id carries the campaign ID) with PNG and SVG "
        "QR codes.",
    ),
    NeedInfo(
        Need.GA4_CHANNELS,
        "Google Analytics 4 reporting",
        None,
        "Source and medium are checked against GA4's default channel grouping, so traffic "
        "never lands in Unassigned.",
    ),
    NeedInfo(
        Need.MANY_CAMPAIGNS,
        "More than 5 new campaigns a month",
        None,
        "Professional and Enterprise have no monthly campaign cap.",
    ),
    NeedInfo(
        Need.TEAM,
        "Team collaboration",
        Feature.TEAM_MEMBERS,
        "Invite colleagues with roles (owner, admin, editor, viewer); Professional covers "
        "up to 5 people.",
    ),
    NeedInfo(
        Need.API,
        "REST API access",
        Feature.API_ACCESS,
        "Create IDs, campaigns and links from your own tools with API keys.",
    ),
    NeedInfo(
        Need.BULK,
        "Bulk operations",
        Feature.BULK_OPERATIONS,
        "Act on many campaigns at once instead of one by one.",
    ),
    NeedInfo(
        Need.CSV_EXPORT,
        "CSV and GA4 data-import exports",
        None,
        "Export campaigns as CSV or as GA4's cost data-import file keyed on utm_id.",
    ),
    NeedInfo(
        Need.ADVANCED_TARGETING,
        "Advanced targeting",
        Feature.ADVANCED_TARGETING,
        "Record interests, behaviours and custom audiences with each campaign.",
    ),
    NeedInfo(
        Need.SSO,
        "Single sign-on",
        Feature.SSO,
        "Single sign-on settings for your identity provider.",
    ),
    NeedInfo(
        Need.WHITE_LABEL,
        "White-label branding",
        Feature.WHITE_LABEL,
        "Your brand on the pages and mails your team and clients see.",
    ),
)
NEED_INFO: dict[Need, NeedInfo] = {info.need: info for info in NEEDS}


def plan_allows_need(plan: Plan, need: Need) -> bool:
    limits = PLAN_LIMITS[plan]
    info = NEED_INFO[need]
    if info.feature is not None:
        return limits.has(info.feature)
    if need == Need.MANY_CAMPAIGNS:
        return limits.campaigns_per_month is None
    if need == Need.CSV_EXPORT:
        return {"csv", "ga4"} <= limits.export_formats
    return True  # tracking links and GA4 checks come with every plan


def cheapest_plan_for_need(need: Need) -> Plan:
    return next(plan for plan in Plan if plan_allows_need(plan, need))


def cheapest_plan_for_platform(code: str) -> Plan:
    return next(plan for plan in Plan if platform_allowed(plan, code))


@dataclass(frozen=True)
class PlatformFit:
    code: str
    name: str
    utm_source: str  # "" when the visitor must choose one (Other)
    utm_medium: str
    source_platform: str
    ga4_channel: str
    plan: Plan  # the cheapest plan that covers it


@dataclass(frozen=True)
class NeedFit:
    need: Need
    label: str
    how: str
    plan: Plan


@dataclass(frozen=True)
class CompatibilityReport:
    platforms: tuple[PlatformFit, ...]
    needs: tuple[NeedFit, ...]
    plan: Plan  # the cheapest plan that covers every platform and need
    next_steps: tuple[NextStep, ...]

    @property
    def plan_name(self) -> str:
        return PLAN_LIMITS[self.plan].name


def _platform_fit(info: PlatformInfo) -> PlatformFit:
    source = info.utm_source or ""
    medium = suggested_medium(info.code)
    channel = channel_group(source, medium) if source and medium else "Depends on your source"
    return PlatformFit(
        code=info.code,
        name=info.name,
        utm_source=source,
        utm_medium=medium,
        source_platform=info.source_platform or "",
        ga4_channel=channel,
        plan=cheapest_plan_for_platform(info.code),
    )


@dataclass(frozen=True)
class NextStep:
    text: str
    href: str = ""  # a page of the site that does it, when there is one

    def __str__(self) -> str:
        return f"{self.text} ({self.href})" if self.href else self.text


def _next_steps(plan: Plan, platforms: tuple[PlatformFit, ...], needs: set[Need]) -> list[NextStep]:
    steps: list[NextStep] = []
    if plan == Plan.FREE:
        steps.append(
            NextStep("Start on the Free plan: it covers everything you picked.", "/register")
        )
    elif plan == Plan.PROFESSIONAL:
        price = PLAN_LIMITS[Plan.PROFESSIONAL].monthly_price
        steps.append(
            NextStep(
                f"Start a free trial of Professional (${price}/month after the trial).",
                "/start-trial",
            )
        )
    else:
        steps.append(
            NextStep("Talk to sales about an Enterprise plan for your team.", "/contact-sales")
        )
    steps.append(NextStep("Generate your first campaign ID and tagged link.", "/generate"))
    if any(not fit.utm_source for fit in platforms):
        steps.append(
            NextStep(
                "For platforms Konduct does not know, agree one lowercase utm_source name per "
                "platform with your team before the first launch."
            )
        )
    if any(fit.ga4_channel.startswith("Paid") for fit in platforms):
        where = "" if plan_allows_need(plan, Need.CSV_EXPORT) else " (Professional and up)"
        steps.append(
            NextStep(
                f"Import ad costs into GA4 with Konduct's GA4 export{where}: it is keyed on "
                "utm_id, which carries the campaign ID."
            )
        )
    if Need.API in needs:
        steps.append(
            NextStep("Create an API key under Settings > API keys; the API reference:", "/docs")
        )
    if Need.TEAM in needs:
        steps.append(
            NextStep("Invite your colleagues from your team settings and give each a role.")
        )
    if plan != Plan.ENTERPRISE:
        steps.append(NextStep("Book a demo if you want a walk-through with our team.", "/demo"))
    return steps


def check_compatibility(platform_codes: list[str], needs: list[str]) -> CompatibilityReport:
    """``platform_codes``: catalog codes such as ``"FBK"``; ``needs``: ``Need`` values."""
    picked: list[PlatformInfo] = []
    for code in platform_codes:
        info = platform_by_code(code) if isinstance(code, str) else None
        if info is None:
            raise ValidationFailed.single("platforms", f"unknown platform code {code!r}")
        if info not in picked:
            picked.append(info)
    if not picked:
        raise ValidationFailed.single("platforms", "pick at least one platform")
    wanted: list[Need] = []
    for value in needs:
        try:
            need = Need(value)
        except ValueError:
            raise ValidationFailed.single("needs", f"unknown need {value!r}") from None
        if need not in wanted:
            wanted.append(need)
    # In catalog order, so two visitors with the same picks get the same report.
    platforms = tuple(_platform_fit(p) for p in PLATFORMS if p in picked)
    need_fits = tuple(
        NeedFit(info.need, info.label, info.how, cheapest_plan_for_need(info.need))
        for info in NEEDS
        if info.need in wanted
    )
    plan = max(
        (fit.plan for fit in (*platforms, *need_fits)),
        key=list(Plan).index,
        default=Plan.FREE,
    )
    return CompatibilityReport(
        platforms, need_fits, plan, tuple(_next_steps(plan, platforms, set(wanted)))
    )


REPORT_FORMATS = {"md": "text/markdown", "txt": "text/plain", "csv": "text/csv"}


def _plan_name(plan: Plan) -> str:
    return PLAN_LIMITS[plan].name


def report_markdown(report: CompatibilityReport) -> str:
    lines = [
        "# Konduct compatibility report",
        "",
        f"**Recommended plan: {report.plan_name}** (the smallest plan that covers every "
        "platform and need you picked).",
        "",
        "## Platforms",
        "",
        "| Platform | ID code | utm_source | utm_medium | utm_source_platform "
        "| GA4 channel | Plan |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in report.platforms:
        lines.append(
            f"| {p.name} | {p.code} | {p.utm_source or '(your choice)'} | "
            f"{p.utm_medium or '(your choice)'} | {p.source_platform or '-'} | "
            f"{p.ga4_channel} | {_plan_name(p.plan)} |"
        )
    if report.needs:
        lines += ["", "## Needs", ""]
        for n in report.needs:
            lines.append(f"- **{n.label}** ({_plan_name(n.plan)} and up): {n.how}")
    lines += ["", "## Next steps", ""]
    lines += [f"{i}. {step}" for i, step in enumerate(report.next_steps, start=1)]
    return "\n".join(lines) + "\n"


def report_text(report: CompatibilityReport) -> str:
    lines = [
        "KONDUCT COMPATIBILITY REPORT",
        "",
        f"Recommended plan: {report.plan_name}",
        "",
        "PLATFORMS",
    ]
    for p in report.platforms:
        lines.append(
            f"- {p.name} ({p.code}): utm_source={p.utm_source or '(your choice)'}, "
            f"utm_medium={p.utm_medium or '(your choice)'}, GA4 channel: {p.ga4_channel}; "
            f"{_plan_name(p.plan)} plan and up"
        )
    if report.needs:
        lines += ["", "NEEDS"]
        lines += [f"- {n.label} ({_plan_name(n.plan)} and up): {n.how}" for n in report.needs]
    lines += ["", "NEXT STEPS"]
    lines += [f"{i}. {step}" for i, step in enumerate(report.next_steps, start=1)]
    return "\n".join(lines) + "\n"


def report_csv(report: CompatibilityReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["kind", "name", "code", "utm_source", "utm_medium", "source_platform", "detail", "plan"]
    )
    for p in report.platforms:
        writer.writerow(
            [
                "platform",
                p.name,
                p.code,
                p.utm_source,
                p.utm_medium,
                p.source_platform,
                p.ga4_channel,
                _plan_name(p.plan),
            ]
        )
    for n in report.needs:
        writer.writerow(["need", n.label, n.need.value, "", "", "", n.how, _plan_name(n.plan)])
    writer.writerow(["recommendation", report.plan_name, report.plan.value, "", "", "", "", ""])
    for step in report.next_steps:
        writer.writerow(["next_step", "", "", "", "", "", step, ""])
    return buffer.getvalue()


def render_report(report: CompatibilityReport, fmt: str) -> str:
    renderers = {"md": report_markdown, "txt": report_text, "csv": report_csv}
    if fmt not in renderers:
        raise ValidationFailed.single("format", f"format must be one of {', '.join(renderers)}")
    return renderers[fmt](report)
