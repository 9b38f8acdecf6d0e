"""/api/campaigns: the team's campaigns, their lifecycle, history and tracking links.

``{ref}`` is a campaign's row id (UUID) or its campaign ID; another team's
campaign answers 404 on every route.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep
from konduct.schemas.campaigns import (
    CampaignCreate,
    CampaignPage,
    CampaignPublic,
    CampaignSearch,
    CampaignUpdate,
    HistoryEntry,
)
from konduct.schemas.common import problem_responses
from konduct.schemas.utm import UtmLinkCreate, UtmLinkPublic, UtmRequest, UtmValidation
from konduct.services import campaigns, clicks, exports, utm_links
from konduct.services.kv import store_for
from konduct.services.qr import qr_png, qr_svg
from konduct.services.qr_variants import qr_target

router = APIRouter(prefix="/campaigns", tags=["campaigns"], responses=problem_responses(402))

Limit = Query(default=50, ge=1, le=100)
Offset = Query(default=0, ge=0)


@router.post("", response_model=CampaignPublic, status_code=status.HTTP_201_CREATED)
def create_campaign(
    data: CampaignCreate, ctx: CurrentUser, session: DbSession, client: Client
) -> CampaignPublic:
    """Generates the campaign ID and saves the campaign (DRAFT or ACTIVE). Identical data
    already in the team answers 409 naming that campaign, unless ``allow_duplicate``."""
    return campaigns.public(campaigns.create(session, ctx=ctx, data=data, client=client))


@router.get("", response_model=CampaignPage, summary="The team's campaigns, newest first")
def list_campaigns(
    ctx: CurrentUser, session: DbSession, filters: Annotated[CampaignSearch, Query()]
) -> CampaignPage:
    return campaigns.search(session, ctx=ctx, filters=filters)


@router.get("/search", response_model=CampaignPage, summary="Search and filter campaigns")
def search_campaigns(
    ctx: CurrentUser, session: DbSession, filters: Annotated[CampaignSearch, Query()]
) -> CampaignPage:
    """Every filter is optional and they combine: ID prefix, words of the name, platform,
    objective, status, creation dates, any UTM value, archived."""
    return campaigns.search(session, ctx=ctx, filters=filters)


ExportFormat = Literal["json", "csv", "ga4"]


def _download(session, items: list, export_format: str, name: str) -> Response:
    if export_format == "json":
        body, media, suffix = (
            json.dumps(exports.as_json(items), indent=2),
            "application/json",
            "json",
        )
    elif export_format == "csv":
        body, media, suffix = exports.as_csv(items), "text/csv; charset=utf-8", "csv"
    else:
        body, media, suffix = (
            exports.as_ga4_import(session, items),
            "text/csv; charset=utf-8",
            "csv",
        )
        name += "-ga4-import"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{suffix}"'},
    )


@router.get("/export", summary="Download the matching campaigns (JSON, CSV or GA4 import)")
def export_campaigns(
    ctx: CurrentUser,
    session: DbSession,
    filters: Annotated[CampaignSearch, Query()],
    format: ExportFormat = "json",  # noqa: A002  (the query parameter's public name)
) -> Response:
    """The same filters as search. ``ga4`` is Google Analytics 4's data-import CSV keyed on
    utm_id (the campaign ID): campaign name, source, medium, term, content and the rest."""
    items = list(exports.matching(session, ctx=ctx, filters=filters, export_format=format))
    return _download(session, items, format, "konduct-campaigns")


@router.get("/{ref}/export", summary="Download one campaign (JSON, CSV or GA4 import)")
def export_campaign(
    ref: str,
    ctx: CurrentUser,
    session: DbSession,
    format: ExportFormat = "json",  # noqa: A002
) -> Response:
    campaign = exports.one(session, ctx=ctx, ref=ref, export_format=format)
    return _download(session, [campaign], format, campaign.campaign_id)


@router.get("/{ref}", response_model=CampaignPublic)
def get_campaign(ref: str, ctx: CurrentUser, session: DbSession) -> CampaignPublic:
    return campaigns.public(campaigns.get(session, ctx=ctx, ref=ref))


@router.put("/{ref}", response_model=CampaignPublic)
def update_campaign(
    ref: str, data: CampaignUpdate, ctx: CurrentUser, session: DbSession, client: Client
) -> CampaignPublic:
    """Changes are recorded in the history with what changed and who changed it."""
    return campaigns.public(campaigns.update(session, ctx=ctx, ref=ref, data=data, client=client))


@router.delete("/{ref}", response_model=CampaignPublic)
def delete_campaign(
    ref: str, ctx: CurrentUser, session: DbSession, client: Client
) -> CampaignPublic:
    """Soft delete: `POST /{ref}/restore` undoes it."""
    return campaigns.public(campaigns.delete(session, ctx=ctx, ref=ref, client=client))


def _lifecycle(verb: str):
    def move(ref: str, ctx: CurrentUser, session: DbSession, client: Client) -> CampaignPublic:
        return campaigns.public(campaigns.move(session, ctx=ctx, ref=ref, verb=verb, client=client))

    move.__name__ = f"{verb}_campaign"
    return move


for _verb in ("publish", "pause", "resume", "complete"):
    router.add_api_route(
        f"/{{ref}}/{_verb}",
        _lifecycle(_verb),
        methods=["POST"],
        response_model=CampaignPublic,
        summary=f"{_verb.capitalize()} the campaign",
    )


@router.post("/{ref}/archive", response_model=CampaignPublic)
def archive_campaign(
    ref: str, ctx: CurrentUser, session: DbSession, client: Client
) -> CampaignPublic:
    return campaigns.public(campaigns.archive(session, ctx=ctx, ref=ref, client=client))


@router.post("/{ref}/restore", response_model=CampaignPublic, summary="Undo archive or delete")
def restore_campaign(
    ref: str, ctx: CurrentUser, session: DbSession, client: Client
) -> CampaignPublic:
    return campaigns.public(campaigns.restore(session, ctx=ctx, ref=ref, client=client))


@router.get("/{ref}/history", response_model=list[HistoryEntry])
def campaign_history(
    ref: str, ctx: CurrentUser, session: DbSession, limit: int = Limit, offset: int = Offset
) -> list[HistoryEntry]:
    return campaigns.history(session, ctx=ctx, ref=ref, limit=limit, offset=offset)


@router.post("/{ref}/utm", response_model=UtmLinkPublic, status_code=status.HTTP_201_CREATED)
def create_utm_link(
    ref: str, data: UtmLinkCreate, ctx: CurrentUser, session: DbSession, client: Client
) -> UtmLinkPublic:
    """A tracking link whose utm_campaign and utm_id are the campaign ID."""
    link = utm_links.create_link(session, ctx=ctx, ref=ref, data=data, client=client)
    return utm_links.link_public(link)


@router.get("/{ref}/utm", response_model=list[UtmLinkPublic])
def list_utm_links(
    ref: str, ctx: CurrentUser, session: DbSession, limit: int = Limit, offset: int = Offset
) -> list[UtmLinkPublic]:
    links = utm_links.list_links(session, ctx=ctx, ref=ref, limit=limit, offset=offset)
    return [utm_links.link_public(link) for link in links]


@router.get("/{ref}/clicks", summary="Clicks through the campaign's short links")
def campaign_clicks(ref: str, ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> dict:
    """Total, per day, per link and per device class; counted by the /r/{code} redirects."""
    kv = store_for(settings.redis_url, settings.redis_key_prefix)
    return clicks.campaign_clicks(session, ctx=ctx, ref=ref, kv=kv)


@router.get("/{ref}/utm/{link_id}/qr.{image_format}", summary="A link's QR code (PNG or SVG)")
def utm_link_qr(
    ref: str,
    link_id: str,
    image_format: Literal["png", "svg"],
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
) -> Response:
    """A QR variant's code encodes its short link (scans are counted), others the tagged URL."""
    link = utm_links.get_link(session, ctx=ctx, ref=ref, link_id=link_id)
    target = qr_target(link, settings.app_url)
    if image_format == "png":
        return Response(qr_png(target), media_type="image/png")
    return Response(qr_svg(target), media_type="image/svg+xml")


@router.post("/{ref}/utm/validate", response_model=UtmValidation)
def validate_utm_link(
    ref: str, request: UtmRequest, ctx: CurrentUser, session: DbSession
) -> UtmValidation:
    return utm_links.validate_for_campaign(session, ctx=ctx, ref=ref, request=request)
