"""SSO-ready settings: a team's SAML or OIDC identity provider and the email domains it
signs in. Pure validation; sign-in through the provider is not switched on yet.

``parse_sso`` takes the submitted document and returns the canonical one to store
(without any client secret: the service keeps that encrypted, apart).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509

from konduct.domain.errors import FieldProblem, ValidationFailed

PROTOCOLS = ("saml", "oidc")
MAX_DOMAINS = 50
MAX_TEXT = 500
MAX_CERTIFICATE = 20_000
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
SAML_FIELDS = ("idp_entity_id", "sso_url", "x509_certificate")
OIDC_FIELDS = ("issuer_url", "client_id")


def https_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "is not a valid web address"
    if (
        parts.scheme.lower() != "https"
        or not host
        or "." not in host
        or any(ch.isspace() for ch in url)
    ):
        return "must be an https address, like https://idp.example.com/sso"
    if len(url) > MAX_TEXT:
        return f"must be at most {MAX_TEXT} characters"
    return None


def certificate_problem(pem: str) -> str | None:
    if len(pem) > MAX_CERTIFICATE or "-----BEGIN CERTIFICATE-----" not in pem:
        return "must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)"
    try:
        x509.load_pem_x509_certificate(pem.encode())
    except ValueError:
        return "is not a readable x509 certificate"
    return None


def _text(document: dict[str, Any], field: str, problems: list[FieldProblem]) -> str:
    value = document.get(field)
    if not isinstance(value, str) or not value.strip():
        problems.append(FieldProblem(field, "is required"))
        return ""
    value = value.strip()
    if field != "x509_certificate" and len(value) > MAX_TEXT:
        problems.append(FieldProblem(field, f"must be at most {MAX_TEXT} characters"))
    return value


def _domains(value: Any, problems: list[FieldProblem]) -> list[str]:
    if not isinstance(value, list) or not value:
        problems.append(FieldProblem("email_domains", "name at least one email domain"))
        return []
    if len(value) > MAX_DOMAINS:
        problems.append(FieldProblem("email_domains", f"at most {MAX_DOMAINS} domains"))
        return []
    domains: list[str] = []
    for index, item in enumerate(value):
        domain = str(item).strip().lower().removeprefix("@") if isinstance(item, str) else ""
        if not DOMAIN.fullmatch(domain):
            problems.append(
                FieldProblem(f"email_domains[{index}]", "must be a domain like example.com")
            )
        elif domain not in domains:
            domains.append(domain)
    return domains


def parse_sso(document: dict[str, Any]) -> dict[str, Any]:
    """The canonical settings to store, or ValidationFailed naming every bad field."""
    problems: list[FieldProblem] = []
    protocol = document.get("protocol")
    if protocol not in PROTOCOLS:
        raise ValidationFailed.single("protocol", "must be saml or oidc")
    settings: dict[str, Any] = {"protocol": protocol}
    for field in SAML_FIELDS if protocol == "saml" else OIDC_FIELDS:
        settings[field] = _text(document, field, problems)
    for field in ("sso_url", "issuer_url"):
        if settings.get(field) and (reason := https_problem(settings[field])):
            problems.append(FieldProblem(field, reason))
    if settings.get("x509_certificate") and (
        reason := certificate_problem(settings["x509_certificate"])
    ):
        problems.append(FieldProblem("x509_certificate", reason))
    settings["email_domains"] = _domains(document.get("email_domains"), problems)
    if problems:
        raise ValidationFailed(problems)
    return settings
