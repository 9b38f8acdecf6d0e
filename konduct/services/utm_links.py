"""UTM use-cases: validate and build tracking links with the domain rules."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import fields

from sqlmodel import Session, select

from konduct.domain.catalog import platform_by_code
from konduct.domain.errors import NotFound, ValidationFailed
from konduct.domain.ga4 import channel_group
from konduct.domain.permissions import Action, require
from konduct.domain.targeting import marketing_tactic
from konduct.domain.utm import UtmParams, build_tracking_url, parse_tracking_url
from konduct.models import Team, UtmLink
from konduct.schemas.common import FieldError
from konduct.schemas.utm import UtmLinkCreate, UtmLinkPublic, UtmRequest, UtmValidation
from konduct.services import audit, campaigns
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
    )


def create_link(
    session: Session, *, ctx: AuthContext, ref: str, data: UtmLinkCreate, client: ClientInfo
) -> UtmLink:
    """Build a tagged link for the campaign with the domain's rules, and keep it."""
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    platform = platform_by_code(campaign.platform)
    creative_param = data.creative_param or _team_creative_param(session, campaign.team_id)
    params = UtmParams(
        source=data.source or (platform.utm_source if platform else "") or "",
        medium=data.medium,
        campaign=campaign.campaign_id,
        creative=data.creative or None,
        term=data.term or None,
        id=campaign.campaign_id,
        source_platform=platform.source_platform if platform else None,
        creative_format=data.creative_format or None,
        # GA4's tactic follows the audience unless given: people who know you = remarketing.
        marketing_tactic=data.marketing_tactic
        or marketing_tactic((campaign.targeting or {}).get("custom_audience")),
    )
    tracking = build_tracking_url(data.url, params, creative_param=creative_param)
    normalized = tracking.params
    for _ in range(5):
        code = _short_code()
        if session.exec(select(UtmLink.id).where(UtmLink.short_code == code)).first() is None:
            break
    link = UtmLink(
        campaign_id=campaign.id,
        team_id=campaign.team_id,
        label=(data.label or "").strip() or None,
        landing_url=data.url.strip(),
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
    """utm/validate with the campaign's ID as campaign and utm_id."""
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    platform = platform_by_code(campaign.platform)
    return validate(
        request.model_copy(
            update={
                "campaign": campaign.campaign_id,
                "id": campaign.campaign_id,
                "source": request.source or (platform.utm_source if platform else "") or "",
            }
        )
    )
