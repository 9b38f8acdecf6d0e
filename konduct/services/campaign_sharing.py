"""Passing a campaign on: its details mailed to an address, and read-only share links.

A share link carries a random token (only its digest is stored). It opens the
campaign read-only for signed-in members of the campaign's team, and for nobody
else: anyone outside the team, a revoked link and a deleted campaign all answer
"not found". Mailing details is limited per person (a mail to any address is
what a spammer would want) and needs a confirmed address.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlmodel import Session, select

from konduct.domain.errors import NotFound, TooManyAttempts
from konduct.domain.permissions import Action, require
from konduct.domain.tokens import new_token, token_digest
from konduct.models import Campaign, CampaignShare, User
from konduct.models.base import utcnow
from konduct.schemas.campaign_tools import (
    CampaignEmail,
    ShareCreated,
    SharedCampaign,
    SharePage,
    SharePublic,
)
from konduct.services import audit, campaigns, mail_templates, utm_links
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.kv import store_for
from konduct.services.outgoing import queue_mail
from konduct.settings import Settings

SHARED_PATH = "/campaigns/shared/"
DETAIL_MAILS_PER_HOUR = 10
MAILED_LINKS = 20


# --- email details ---------------------------------------------------------


def _mail_quota(ctx: AuthContext, settings: Settings) -> None:
    counter = store_for(settings.redis_url, settings.redis_key_prefix)
    key = f"mail:campaign-details:{ctx.user.id}"
    if counter.incr(key, 3600) > DETAIL_MAILS_PER_HOUR:
        raise TooManyAttempts(
            counter.ttl(key) or 3600,
            f"You mailed campaign details {DETAIL_MAILS_PER_HOUR} times this hour: "
            "try again later.",
        )


def email_details(
    session: Session,
    *,
    ctx: AuthContext,
    ref: str,
    data: CampaignEmail,
    settings: Settings,
    client: ClientInfo,
) -> str:
    """Queue the campaign's summary and links for ``data.to`` (sent after commit)."""
    require(ctx.team_role, Action.CAMPAIGN_EXPORT)
    require_verified(ctx)
    campaign = campaigns.public(campaigns.get(session, ctx=ctx, ref=ref))
    _mail_quota(ctx, settings)
    links = utm_links.list_links(session, ctx=ctx, ref=ref, limit=MAILED_LINKS)
    end = campaign.end_date.isoformat() if campaign.end_date else "open"
    mail = mail_templates.campaign_details_mail(
        str(data.to),
        sender=ctx.user.full_name,
        campaign_name=campaign.name,
        campaign_id=campaign.campaign_id,
        facts=[
            ("Campaign ID", campaign.campaign_id),
            ("Status", campaign.status.value.title()),
            ("Platform", campaign.platform.name),
            ("Objective", campaign.objective.name),
            ("Manager", campaign.manager_name),
            ("Website", campaign.website_url),
            ("Dates", f"{campaign.start_date.isoformat()} to {end}"),
            ("Budget", f"{campaign.budget:,.2f} {campaign.currency}"),
        ],
        links=[(link.label or link.medium, link.tagged_url) for link in links],
        note=data.note or "",
        page_link=f"{settings.app_url}/campaigns/{campaign.campaign_id}",
    )
    queue_mail(session, mail, settings)
    audit.record(
        session,
        action="campaign.email",
        client=client,
        user_id=ctx.user.id,
        team_id=ctx.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
        details={"to": str(data.to)},
    )
    return str(data.to)


# --- share links -----------------------------------------------------------


def _share_public(share: CampaignShare, campaign_id: str) -> SharePublic:
    return SharePublic(
        id=share.id,
        campaign_id=campaign_id,
        created_by=share.created_by,
        created_at=share.created_at,
        revoked=share.revoked_at is not None,
    )


def create_share(
    session: Session, *, ctx: AuthContext, ref: str, settings: Settings, client: ClientInfo
) -> ShareCreated:
    require(ctx.team_role, Action.CAMPAIGN_READ)
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    token = new_token()
    share = CampaignShare(
        campaign_id=campaign.id,
        team_id=campaign.team_id,
        token_hash=token_digest(token),
        created_by=ctx.user.id,
    )
    session.add(share)
    session.flush()
    audit.record(
        session,
        action="campaign.share",
        client=client,
        user_id=ctx.user.id,
        team_id=campaign.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
    )
    return ShareCreated(
        **_share_public(share, campaign.campaign_id).model_dump(),
        token=token,
        url=f"{settings.app_url}{SHARED_PATH}{token}",
    )


def list_shares(
    session: Session, *, ctx: AuthContext, ref: str, limit: int = 25, offset: int = 0
) -> SharePage:
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    live = (CampaignShare.campaign_id == campaign.id, CampaignShare.revoked_at.is_(None))
    total = session.exec(select(func.count()).select_from(CampaignShare).where(*live)).one()
    rows = session.exec(
        select(CampaignShare)
        .where(*live)
        .order_by(CampaignShare.created_at.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return SharePage(
        items=[_share_public(row, campaign.campaign_id) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def revoke_share(
    session: Session, *, ctx: AuthContext, ref: str, share_id: str, client: ClientInfo
) -> None:
    """Revoking is at once: the next opening of the link is "not found"."""
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    try:
        share = session.get(CampaignShare, uuid.UUID(share_id))
    except ValueError:
        share = None
    if share is None or share.campaign_id != campaign.id or share.revoked_at is not None:
        raise NotFound("share link")
    share.revoked_at = utcnow()
    session.add(share)
    audit.record(
        session,
        action="campaign.share.revoke",
        client=client,
        user_id=ctx.user.id,
        team_id=campaign.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
    )


def open_shared(session: Session, *, ctx: AuthContext, token: str) -> SharedCampaign:
    """The campaign behind a share token, read-only, for a member of its team."""
    require(ctx.team_role, Action.CAMPAIGN_READ)
    found = session.exec(
        select(CampaignShare, Campaign)
        .join(Campaign, Campaign.id == CampaignShare.campaign_id)
        .where(CampaignShare.token_hash == token_digest(token or ""))
    ).first()
    if found is None:
        raise NotFound("shared campaign")
    share, campaign = found
    if (
        share.revoked_at is not None
        or ctx.team_id is None
        or share.team_id != ctx.team_id
        or campaign.deleted_at is not None
    ):
        raise NotFound("shared campaign")
    links = utm_links.list_links(session, ctx=ctx, ref=str(campaign.id))
    sharer = session.get(User, share.created_by) if share.created_by else None
    return SharedCampaign(
        campaign=campaigns.public(campaign),
        links=[utm_links.link_public(link) for link in links],
        shared_by=sharer.full_name if sharer else None,
    )
