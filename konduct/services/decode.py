"""Decode: what a campaign ID or a tagged URL means, and whose campaign it is.

Anyone may decode an ID or a link (the format is public); the campaign it
belongs to is named only when it is the caller's own team's.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from konduct.domain.campaign_id import explain, parse_campaign_id
from konduct.domain.errors import ValidationFailed
from konduct.domain.ga4 import channel_group
from konduct.domain.utm import parse_tracking_url
from konduct.models import Campaign
from konduct.services.auth import AuthContext

PARAMETER_MEANINGS = {
    "utm_source": "where the traffic comes from (the platform or site)",
    "utm_medium": "the kind of traffic (cpc, paid_social, email...)",
    "utm_campaign": "the campaign; in Konduct, the campaign ID",
    "utm_id": "GA4's key for joining cost data; in Konduct, the campaign ID",
    "utm_term": "the paid keyword",
    "utm_content": "the creative or ad variant (GA4 reads this one)",
    "utm_creative": "the creative, in tools that use this name (GA4 ignores it)",
    "utm_source_platform": "the buying platform (GA4)",
    "utm_creative_format": "the creative's format (GA4)",
    "utm_marketing_tactic": "prospecting or remarketing (GA4)",
}


def _yours(session: Session, ctx: AuthContext | None, campaign_id: str) -> dict[str, str] | None:
    if ctx is None or ctx.team_id is None:
        return None
    campaign = session.exec(
        select(Campaign).where(
            Campaign.team_id == ctx.team_id,
            Campaign.campaign_id == campaign_id,
            Campaign.deleted_at.is_(None),
        )
    ).first()
    if campaign is None:
        return None
    return {"id": str(campaign.id), "name": campaign.name, "status": str(campaign.status)}


def decode(session: Session, *, text: str, ctx: AuthContext | None) -> dict[str, Any]:
    text = text.strip()
    if text.lower().startswith(("http://", "https://")):
        parsed = parse_tracking_url(text)
        cid = parsed.campaign_id
        source = parsed.values.get("utm_source", "")
        medium = parsed.values.get("utm_medium", "")
        return {
            "kind": "url",
            "landing_url": parsed.landing_url,
            "parameters": [
                {"key": key, "value": value, "meaning": PARAMETER_MEANINGS.get(key, "")}
                for key, value in parsed.values.items()
            ],
            "channel": channel_group(source, medium, parsed.values.get("utm_campaign", ""))
            if source and medium
            else None,
            "campaign_id": explain(cid) if cid else None,
            "your_campaign": _yours(session, ctx, str(cid)) if cid else None,
        }
    try:
        cid = parse_campaign_id(text)
    except ValidationFailed as failure:
        raise ValidationFailed.single(
            "text",
            "neither a tagged link (https://…) nor a campaign ID: " + failure.problems[0].reason,
        ) from failure
    return {
        "kind": "campaign_id",
        "campaign_id": explain(cid),
        "your_campaign": _yours(session, ctx, str(cid)),
    }
