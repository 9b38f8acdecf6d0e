"""The SSO section of /settings/branding: the same service as ``GET/PUT /api/teams/sso``."""

from __future__ import annotations

import reflex as rx

from konduct.domain.errors import DomainError, ValidationFailed
from konduct.schemas.errors import problem_text
from konduct.services import sso
from konduct.state.session import SessionState

TEXT_FIELDS = (
    "idp_entity_id", "sso_url", "x509_certificate", "issuer_url", "client_id", "domains",
    "client_secret",
)  # fmt: skip


class SsoState(SessionState):
    sso_protocol: str = "saml"
    sso: dict[str, str] = {field: "" for field in TEXT_FIELDS}
    sso_secret_set: bool = False
    sso_configured: bool = False
    sso_errors: dict[str, str] = {}
    sso_saving: bool = False

    def _fill(self, public) -> None:
        self.sso_configured = public.configured
        self.sso_protocol = public.protocol or "saml"
        self.sso_secret_set = public.client_secret_set
        values = public.model_dump()
        self.sso = {field: values.get(field) or "" for field in TEXT_FIELDS}
        self.sso["domains"] = ", ".join(public.email_domains)
        self.sso["client_secret"] = ""

    @rx.event
    async def open_sso(self):
        if self.team_role != "ADMIN" or self.plan != "ENTERPRISE":
            return
        try:
            public = await self.with_user(lambda s, ctx: sso.get_sso(s, ctx=ctx))
        except DomainError:
            return
        if public is not None:
            self._fill(public)

    @rx.event
    def set_sso_protocol(self, value: str):
        self.sso_protocol = "oidc" if value == "oidc" else "saml"

    @rx.event
    def set_sso_field(self, field: str, value: str):
        if field in TEXT_FIELDS:
            self.sso[field] = value

    @rx.event
    async def save_sso(self):
        self.sso_errors, self.sso_saving = {}, True
        yield
        names = ("idp_entity_id", "sso_url", "x509_certificate")
        if self.sso_protocol == "oidc":
            names = ("issuer_url", "client_id")
        document = {name: self.sso[name] for name in names}
        document["protocol"] = self.sso_protocol
        document["email_domains"] = [
            d.strip() for d in self.sso["domains"].replace("\n", ",").split(",") if d.strip()
        ]
        secret = self.sso["client_secret"] or None
        client = self._client()
        try:
            public = await self.with_user(
                lambda s, ctx: sso.put_sso(
                    s, ctx=ctx, document=document, client_secret=secret, client=client
                )
            )
        except ValidationFailed as failure:
            self.sso_saving = False
            self.sso_errors = {
                ("domains" if p.field.startswith("email_domains") else p.field): p.reason
                for p in failure.problems
            }
            yield rx.toast.error("Not saved: " + failure.problems[0].reason)
            return
        except DomainError as failure:
            self.sso_saving = False
            yield rx.toast.error(problem_text(failure))
            return
        self.sso_saving = False
        if public is not None:
            self._fill(public)
            yield rx.toast.success("SSO settings saved")
