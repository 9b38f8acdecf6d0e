"""/api/teams/sso: the team's SAML or OIDC identity-provider settings (Enterprise admins).

Stored only: sign-in through the identity provider is not switched on yet."""

from __future__ import annotations

from fastapi import APIRouter

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.sso import SsoIn, SsoPublic
from konduct.services import sso

router = APIRouter(prefix="/teams/sso", tags=["teams"])


@router.get("", response_model=SsoPublic, summary="The team's SSO settings")
def get_sso(ctx: CurrentUser, session: DbSession) -> SsoPublic:
    """Admins only. A client secret is never returned: ``client_secret_set`` says if one is."""
    return sso.get_sso(session, ctx=ctx)


@router.put("", response_model=SsoPublic, summary="Replace the team's SSO settings")
def put_sso(data: SsoIn, ctx: CurrentUser, session: DbSession, client: Client) -> SsoPublic:
    """Admins only, on Enterprise. SAML needs ``idp_entity_id``, an https ``sso_url`` and a
    PEM ``x509_certificate``; OIDC an https ``issuer_url`` and ``client_id``. Both need
    ``email_domains``. A bad value is a 422 naming the field."""
    document = data.model_dump(exclude={"client_secret"}, exclude_none=True)
    return sso.put_sso(
        session, ctx=ctx, document=document, client_secret=data.client_secret, client=client
    )
