"""SSO-ready settings over the API (sign-in through the provider is not switched on yet)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from konduct.schemas.common import StrictInput


class SsoIn(StrictInput):
    protocol: Literal["saml", "oidc"]
    idp_entity_id: str | None = Field(default=None, max_length=500, description="SAML")
    sso_url: str | None = Field(default=None, max_length=500, description="SAML, https")
    x509_certificate: str | None = Field(
        default=None, max_length=20_000, description="SAML: the IdP signing certificate (PEM)"
    )
    issuer_url: str | None = Field(default=None, max_length=500, description="OIDC, https")
    client_id: str | None = Field(default=None, max_length=500, description="OIDC")
    client_secret: str | None = Field(
        default=None,
        max_length=500,
        description="OIDC, write-only: stored encrypted, never returned. Omit to keep the "
        "saved one; an empty string removes it.",
    )
    email_domains: list[str] = Field(default_factory=list, max_length=50)


class SsoPublic(BaseModel):
    configured: bool
    protocol: Literal["saml", "oidc"] | None = None
    idp_entity_id: str | None = None
    sso_url: str | None = None
    x509_certificate: str | None = None
    issuer_url: str | None = None
    client_id: str | None = None
    client_secret_set: bool = False
    email_domains: list[str] = []
    enabled: bool = Field(description="False when the plan lacks SSO")
    note: str = (
        "Settings are stored only: sign-in through the identity provider is not switched on yet."
    )
