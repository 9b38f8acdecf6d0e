"""Passing a campaign on: mail its details, share a read-only link inside the team."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response, status

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep
from konduct.schemas.campaign_tools import (
    CampaignEmail,
    EmailSent,
    ShareCreated,
    SharedCampaign,
    SharePage,
)
from konduct.services import campaign_sharing

router = APIRouter(tags=["campaigns"])


@router.post(
    "/campaigns/{ref}/email", response_model=EmailSent, status_code=status.HTTP_202_ACCEPTED
)
def email_campaign(
    ref: str,
    data: CampaignEmail,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> EmailSent:
    """Mails a summary with the tracking links; 10 an hour per person (then 429)."""
    sent_to = campaign_sharing.email_details(
        session, ctx=ctx, ref=ref, data=data, settings=settings, client=client
    )
    return EmailSent(sent_to=sent_to)


@router.post(
    "/campaigns/{ref}/shares", response_model=ShareCreated, status_code=status.HTTP_201_CREATED
)
def create_share(
    ref: str, ctx: CurrentUser, session: DbSession, client: Client, settings: SettingsDep
) -> ShareCreated:
    """A read-only link for members of the team; the token is shown only in this answer."""
    return campaign_sharing.create_share(
        session, ctx=ctx, ref=ref, settings=settings, client=client
    )


@router.get("/campaigns/{ref}/shares", response_model=SharePage, summary="Live share links")
def list_shares(
    ref: str,
    ctx: CurrentUser,
    session: DbSession,
    limit: int = Query(default=25, ge=1, le=100),
    offset: int = Query(default=0, ge=0),
) -> SharePage:
    return campaign_sharing.list_shares(session, ctx=ctx, ref=ref, limit=limit, offset=offset)


@router.delete("/campaigns/{ref}/shares/{share_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_share(
    ref: str, share_id: str, ctx: CurrentUser, session: DbSession, client: Client
) -> Response:
    campaign_sharing.revoke_share(session, ctx=ctx, ref=ref, share_id=share_id, client=client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/shared/{token}", response_model=SharedCampaign, tags=["campaigns"])
def open_shared(token: str, ctx: CurrentUser, session: DbSession) -> SharedCampaign:
    """The shared campaign, read-only; 404 outside its team or once revoked."""
    return campaign_sharing.open_shared(session, ctx=ctx, token=token)
