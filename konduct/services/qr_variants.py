"""QR codes that tag themselves: a QR variant is a link of its own, made from another.

A code printed on a poster should not report as the ad it came from. Its variant
carries its own ``utm_content`` (or ``utm_medium``): ``qr``, or ``qr-<label>`` for
several codes (``qr-flyer``, ``qr-poster``), in the team's separator style, and it
gets its own short code. The QR image encodes the variant's short link, so every
scan goes through Konduct's redirect (counted per link on the campaign page) and
lands on the tagged URL (reported apart in GA4).
"""

from __future__ import annotations

from typing import Literal

from sqlmodel import Session, select

from konduct.domain.errors import Conflict, ValidationFailed
from konduct.domain.naming_rules import SEPARATORS, NamingRules
from konduct.domain.permissions import Action, require
from konduct.domain.utm import UtmParams, normalize_value
from konduct.models import UtmLink
from konduct.services import campaigns, naming_rules, utm_links
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext

Vary = Literal["content", "medium"]
QR_PREFIX = "qr"


def variant_value(rules: NamingRules, label: str | None) -> str:
    """``qr`` or ``qr-<label>``, joined the way the team joins words (``-`` by default)."""
    joint = SEPARATORS[rules.separator] if rules.separator is not None else "-"
    words = normalize_value(label or "").replace("_", " ").replace("-", " ").split()
    return joint.join([QR_PREFIX, *words]) if words else QR_PREFIX


def is_variant(link: UtmLink) -> bool:
    return link.parent_link_id is not None


def qr_target(link: UtmLink, app_url: str) -> str:
    """What a link's QR code encodes: a variant's short link (so scans are counted),
    else the tagged URL itself."""
    return f"{app_url.rstrip('/')}/r/{link.short_code}" if is_variant(link) else link.tagged_url


def create_variant(
    session: Session,
    *,
    ctx: AuthContext,
    ref: str,
    link_id: str,
    label: str | None,
    vary: Vary,
    client: ClientInfo,
) -> UtmLink:
    """A QR variant of the link (of its parent, when asked of a variant)."""
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    parent = utm_links.get_link(session, ctx=ctx, ref=ref, link_id=link_id)
    if parent.parent_link_id is not None:
        parent = session.get(UtmLink, parent.parent_link_id) or parent
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    if label is not None and len(label) > 60:
        raise ValidationFailed.single("label", "keep the QR label to 60 characters or fewer")
    rules = naming_rules.rules_in_force(session, campaign.team_id)
    value = variant_value(rules, label)
    params = UtmParams(
        source=parent.source,
        medium=value if vary == "medium" else parent.medium,
        campaign=parent.campaign,
        creative=value if vary == "content" else parent.creative,
        term=parent.term,
        id=parent.utm_id,
        source_platform=parent.source_platform,
        creative_format=parent.creative_format,
        marketing_tactic=parent.marketing_tactic,
    )
    # Konduct wrote the value, so only what the link carries is checked (not typed case).
    tracking = utm_links.build_checked(parent.landing_url, params, {}, rules, parent.creative_param)
    existing = session.exec(
        select(UtmLink).where(
            UtmLink.parent_link_id == parent.id, UtmLink.tagged_url == tracking.url
        )
    ).first()
    if existing is not None:
        raise Conflict(
            f"This QR variant exists already: /r/{existing.short_code}. "
            "Give the new one another label, e.g. where it will be printed."
        )
    name = parent.label or parent.medium
    suffix = f" · {label.strip()}" if label and label.strip() else ""
    return utm_links.store_link(
        session,
        ctx=ctx,
        campaign=campaign,
        url=parent.landing_url,
        tracking=tracking,
        creative_param=parent.creative_param,
        label=(f"QR · {name}"[: 200 - len(suffix)] + suffix),
        client=client,
        parent_link_id=parent.id,
    )
