"""/api/campaigns/{ref}/utm/{link_id}: editing a stored link, and QR codes that tag themselves."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, status
from pydantic import Field

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep
from konduct.schemas.common import StrictInput
from konduct.schemas.utm import UtmLinkPublic, UtmLinkUpdate
from konduct.services import clicks, qr_variants, utm_links
from konduct.services.kv import store_for

router = APIRouter(prefix="/campaigns", tags=["campaigns"])


class QrVariantCreate(StrictInput):
    label: str | None = Field(
        default=None, max_length=60, description="Where the code goes, e.g. flyer -> qr-flyer"
    )
    vary: qr_variants.Vary = Field(
        default="content", description="Which parameter carries the variant: content or medium"
    )


@router.post(
    "/{ref}/utm/{link_id}/qr-variants",
    response_model=UtmLinkPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Make a QR variant of a link",
)
def create_qr_variant(
    ref: str,
    link_id: str,
    data: QrVariantCreate,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
) -> UtmLinkPublic:
    """A link of its own with utm_content (or utm_medium) ``qr`` / ``qr-<label>`` and its own
    short code, so scans report apart from clicks. Its ``qr.png`` / ``qr.svg`` encode its
    short link. The team's naming rules apply; the same variant twice is a 409."""
    link = qr_variants.create_variant(
        session,
        ctx=ctx,
        ref=ref,
        link_id=link_id,
        label=data.label,
        vary=data.vary,
        client=client,
    )
    return utm_links.link_public(link)


@router.put(
    "/{ref}/utm/{link_id}", response_model=UtmLinkPublic, summary="Change a stored link's values"
)
def update_utm_link(
    ref: str,
    link_id: str,
    data: UtmLinkUpdate,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
    after_commit: BackgroundTasks,
) -> UtmLinkPublic:
    """Re-tags the link under the team's current naming rules (a link that breaks one is a
    422 naming the field and the rule). The short link stays the same, so printed QR codes
    keep working and its clicks stay counted."""
    link = utm_links.update_link(
        session, ctx=ctx, ref=ref, link_id=link_id, data=data, client=client
    )
    # The redirect's cached target goes once the new one is committed (tasks run after).
    kv = store_for(settings.redis_url, settings.redis_key_prefix)
    after_commit.add_task(clicks.forget, kv, link.short_code)
    return utm_links.link_public(link)
