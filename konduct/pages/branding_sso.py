"""The SSO-ready settings section of /settings/branding (Enterprise admins)."""

from __future__ import annotations

import reflex as rx

from konduct.components.forms import form_field
from konduct.pages.settings import section
from konduct.state.session import SessionState
from konduct.state.sso import SsoState

S = SsoState


def _field(name: str, label: str, *, hint: str = "", multiline: bool = False, **props):
    element_id = f"sso-{name.replace('_', '-')}"
    control = rx.text_area if multiline else rx.input
    return form_field(
        label,
        control(
            value=S.sso[name],
            on_change=lambda v: S.set_sso_field(name, v),
            id=element_id,
            width="100%",
            **props,
        ),
        html_for=element_id,
        hint=hint,
        error=S.sso_errors.get(name, ""),
    )


def sso_section() -> rx.Component:
    return rx.cond(
        (SessionState.team_role == "ADMIN") & (SessionState.plan == "ENTERPRISE"),
        section(
            "Single sign-on (SAML or OIDC)",
            rx.callout(
                "Stored only: sign-in through your identity provider is not switched on yet. "
                "Everyone keeps signing in with their password until it is.",
                icon="info", color_scheme="amber", id="sso-not-yet",
            ),
            rx.select(
                ["saml", "oidc"], value=S.sso_protocol, on_change=S.set_sso_protocol,
                aria_label="Protocol", id="sso-protocol",
            ),
            rx.cond(
                S.sso_protocol == "saml",
                rx.vstack(
                    _field("idp_entity_id", "IdP entity ID", placeholder="urn:idp:acme"),
                    _field("sso_url", "SSO URL", placeholder="https://idp.example.com/sso"),
                    _field(
                        "x509_certificate", "Signing certificate (PEM)", multiline=True,
                        placeholder="-----BEGIN CERTIFICATE-----", rows="5",
                    ),
                    width="100%",
                ),
                rx.vstack(
                    _field("issuer_url", "Issuer URL", placeholder="https://login.example.com"),
                    _field("client_id", "Client ID"),
                    _field(
                        "client_secret", "Client secret", type="password",
                        hint=rx.cond(
                            S.sso_secret_set,
                            "A secret is saved (encrypted). Leave empty to keep it.",
                            "Stored encrypted, never shown again.",
                        ),
                    ),
                    width="100%",
                ),
            ),
            _field(
                "domains", "Email domains to route", placeholder="acme.com, eu.acme.com",
                hint="Comma separated.",
            ),
            rx.button("Save SSO settings", on_click=S.save_sso, loading=S.sso_saving,
                      id="sso-save"),
            id="sso-settings",
        ),
        rx.fragment(),
    )  # fmt: skip
