"""UTM use-cases: validate and build tracking links with the domain rules."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import fields

from sqlmodel import Session, select

from konduct.domain.catalog import platform_by_code
from konduct.domain.errors import NotFound, ValidationFailed
from konduct.domain.ga4 import channel_group
from konduct.domain.naming_rules import (
    RULE_FIELDS,
    NamingRules,
    RuleProblem,
    check,
    conform_value,
    prepare_value,
)
from konduct.domain.permissions import Action, require
from konduct.domain.targeting import marketing_tactic
from konduct.domain.utm import (
    TrackingUrl,
    UtmParams,
    build_tracking_url,
    normalize_params,
    parse_tracking_url,
)
from konduct.models import Team, UtmLink
from konduct.schemas.common import FieldError
from konduct.schemas.utm import (
    UtmLinkCreate,
    UtmLinkPublic,
    UtmLinkUpdate,
    UtmRequest,
    UtmValidation,
)
from konduct.services import audit, campaigns, naming_rules
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext

# Every UtmParams field with a default is optional: source, medium, campaign are not.
OPTIONAL_FIELDS = tuple(f.name for f in fields(UtmParams) if f.default is None)


def params_of(request: UtmRequest) -> UtmParams:
    optional = {name: getattr(request, name) or None for name in OPTIONAL_FIELDS}
    return UtmParams(
        source=request.source, medium=request.medium, campaign=request.campaign, **optional
    )


def validate(request: UtmRequest) -> UtmValidation:
    """The tagged URL, or every problem by field; advice comes as warnings."""
    try:
        tracking = build_tracking_url(
            request.url, params_of(request), creative_param=request.creative_param
        )
    except ValidationFailed as failure:
        return UtmValidation(valid=False, errors=[FieldError.of(p) for p in failure.problems])
    normalized = tracking.params
    return UtmValidation(
        valid=True,
        url=tracking.url,
        params=dict(tracking.query),
        channel=channel_group(normalized.source, normalized.medium, normalized.campaign),
        warnings=[FieldError.of(p) for p in tracking.warnings],
    )


# --- stored links of a campaign -------------------------------------------

SHORT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
SHORT_CODE_LENGTH = 8


def _short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def _team_creative_param(session: Session, team_id) -> str:
    team = session.get(Team, team_id)
    return (team.settings or {}).get("creative_param", "utm_content") if team else "utm_content"


def link_public(link: UtmLink) -> UtmLinkPublic:
    parsed = parse_tracking_url(link.tagged_url)
    return UtmLinkPublic(
        id=str(link.id),
        label=link.label,
        landing_url=link.landing_url,
        tagged_url=link.tagged_url,
        short_path=f"/r/{link.short_code}",
        params=parsed.values,
        created_at=link.created_at.isoformat(),
        variant_of=str(link.parent_link_id) if link.parent_link_id else None,
    )


def campaign_link_params(
    campaign, rules: NamingRules, data: UtmLinkCreate | UtmRequest
) -> tuple[UtmParams, dict[str, str | None]]:
    """The values a link of ``campaign`` gets from ``data`` (Konduct's defaults filled in,
    in the team's separator style), and the values the person typed (for the rules)."""
    platform = platform_by_code(campaign.platform)
    typed = {
        "source": data.source or None,
        "medium": data.medium or None,
        "creative": data.creative or None,
        "term": data.term or None,
        "creative_format": data.creative_format or None,
        "marketing_tactic": data.marketing_tactic or None,
    }
    filled = {name: prepare_value(rules, value) for name, value in typed.items()}
    # GA4's tactic follows the audience unless given: people who know you = remarketing.
    tactic = filled["marketing_tactic"] or conform_value(
        rules, marketing_tactic((campaign.targeting or {}).get("custom_audience"))
    )
    params = UtmParams(
        source=filled["source"]
        or conform_value(rules, platform.utm_source if platform else "")
        or "",
        medium=filled["medium"] or "",
        campaign=campaign.campaign_id,
        creative=filled["creative"],
        term=filled["term"],
        id=campaign.campaign_id,
        source_platform=conform_value(rules, platform.source_platform if platform else None),
        creative_format=filled["creative_format"],
        marketing_tactic=tactic,
    )
    return params, typed


def rule_problems(
    rules: NamingRules, params: UtmParams, typed: dict[str, str | None]
) -> list[RuleProblem]:
    """The team's rules against the values as they will be written."""
    normalized = normalize_params(params)
    return check(rules, {name: getattr(normalized, name) for name in RULE_FIELDS}, typed=typed)


def build_checked(
    url: str, params: UtmParams, typed: dict, rules: NamingRules, creative_param: str
) -> TrackingUrl:
    """The tagged link; raises ValidationFailed with the core's and the team's problems."""
    broken = rule_problems(rules, params, typed)
    try:
        tracking = build_tracking_url(url, params, creative_param=creative_param)
    except ValidationFailed as failure:
        raise ValidationFailed([*failure.problems, *broken]) from None
    if broken:
        raise ValidationFailed(broken)
    return tracking


def store_link(
    session: Session,
    *,
    ctx: AuthContext,
    campaign,
    url: str,
    tracking: TrackingUrl,
    creative_param: str,
    label: str | None,
    client: ClientInfo,
    parent_link_id: uuid.UUID | None = None,
) -> UtmLink:
    normalized = tracking.params
    for _ in range(5):
        code = _short_code()
        if session.exec(select(UtmLink.id).where(UtmLink.short_code == code)).first() is None:
            break
    link = UtmLink(
        campaign_id=campaign.id,
        team_id=campaign.team_id,
        label=(label or "").strip() or None,
        landing_url=url.strip(),
        source=normalized.source,
        medium=normalized.medium,
        campaign=normalized.campaign,
        creative=normalized.creative,
        term=normalized.term,
        utm_id=normalized.id,
        source_platform=normalized.source_platform,
        creative_format=normalized.creative_format,
        marketing_tactic=normalized.marketing_tactic,
        creative_param=creative_param,
        tagged_url=tracking.url,
        short_code=code,
        created_by=ctx.user.id,
        parent_link_id=parent_link_id,
    )
    session.add(link)
    session.flush()
    audit.record(
        session,
        action="utm_link.create",
        client=client,
        user_id=ctx.user.id,
        team_id=campaign.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
    )
    return link


def create_link(
    session: Session, *, ctx: AuthContext, ref: str, data: UtmLinkCreate, client: ClientInfo
) -> UtmLink:
    """Build a tagged link for the campaign with the domain's and the team's rules, and keep
    it. A link that breaks a team naming rule is refused naming the field and the rule."""
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    creative_param = data.creative_param or _team_creative_param(session, campaign.team_id)
    rules = naming_rules.rules_in_force(session, campaign.team_id)
    params, typed = campaign_link_params(campaign, rules, data)
    tracking = build_checked(data.url, params, typed, rules, creative_param)
    return store_link(
        session,
        ctx=ctx,
        campaign=campaign,
        url=data.url,
        tracking=tracking,
        creative_param=creative_param,
        label=data.label,
        client=client,
    )


def update_link(
    session: Session,
    *,
    ctx: AuthContext,
    ref: str,
    link_id: str,
    data: UtmLinkUpdate,
    client: ClientInfo,
) -> UtmLink:
    """Re-tag a stored link under the current rules (e.g. to fix one that breaks a new rule).
    Its short code stays, so printed QR codes and shared short links keep working; callers
    drop the redirect's cached target (``clicks.forget``)."""
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    link = get_link(session, ctx=ctx, ref=ref, link_id=link_id)
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    given = data.model_dump(exclude_unset=True)
    merged = UtmLinkCreate(
        url=given.get("url") or link.landing_url,
        source=given.get("source", link.source),
        medium=given.get("medium") or link.medium,
        creative=given.get("creative", link.creative),
        term=given.get("term", link.term),
        creative_format=given.get("creative_format", link.creative_format),
        marketing_tactic=given.get("marketing_tactic", link.marketing_tactic),
        label=given.get("label", link.label),
    )
    rules = naming_rules.rules_in_force(session, campaign.team_id)
    params, typed = campaign_link_params(campaign, rules, merged)
    # Only what the person typed now is checked for case; kept values were written lowercase.
    typed = {name: value for name, value in typed.items() if name in given}
    tracking = build_checked(merged.url, params, typed, rules, link.creative_param)
    normalized = tracking.params
    link.label = (merged.label or "").strip() or None
    link.landing_url = merged.url.strip()
    link.source, link.medium, link.creative = (
        normalized.source,
        normalized.medium,
        (normalized.creative),
    )
    link.term, link.source_platform = normalized.term, normalized.source_platform
    link.creative_format, link.marketing_tactic = (
        normalized.creative_format,
        normalized.marketing_tactic,
    )
    link.tagged_url = tracking.url
    session.add(link)
    session.flush()
    audit.record(
        session,
        action="utm_link.update",
        client=client,
        user_id=ctx.user.id,
        team_id=campaign.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
        details={"link_id": str(link.id), "changed": sorted(given)},
    )
    return link


def get_link(session: Session, *, ctx: AuthContext, ref: str, link_id: str) -> UtmLink:
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    try:
        link = session.get(UtmLink, uuid.UUID(link_id))
    except ValueError:
        link = None
    if link is None or link.campaign_id != campaign.id:
        raise NotFound("link")
    return link


def list_links(
    session: Session, *, ctx: AuthContext, ref: str, limit: int = 50, offset: int = 0
) -> list[UtmLink]:
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    return list(
        session.exec(
            select(UtmLink)
            .where(UtmLink.campaign_id == campaign.id)
            .order_by(UtmLink.created_at.desc())
            .offset(offset)
            .limit(limit)
        ).all()
    )


def validate_for_campaign(
    session: Session, *, ctx: AuthContext, ref: str, request: UtmRequest
) -> UtmValidation:
    """utm/validate as a link of this campaign would be saved: the campaign's ID as campaign
    and utm_id, Konduct's defaults, and the team's naming rules."""
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    rules = naming_rules.rules_in_force(session, campaign.team_id)
    params, typed = campaign_link_params(campaign, rules, request)
    answer = validate(
        request.model_copy(
            update={
                name: getattr(params, name)
                for name in ("source", "medium", "campaign", "id", "creative", "term")
                + ("source_platform", "creative_format", "marketing_tactic")
            }
        )
    )
    broken = rule_problems(rules, params, typed)
    if broken:
        answer.valid, answer.url, answer.channel, answer.params = False, None, None, {}
        answer.errors = [*answer.errors, *(FieldError.of(p) for p in broken)]
    return answer
