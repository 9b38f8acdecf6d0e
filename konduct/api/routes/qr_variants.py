"""/api/campaigns/{ref}/utm/{link_id}/qr-variants: QR codes that tag themselves."""

from __future__ import annotations

from fastapi import APIRouter, status
from pydantic import Field

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.common import StrictInput
from konduct.schemas.utm import UtmLinkPublic
from konduct.services import qr_variants, utm_links

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
