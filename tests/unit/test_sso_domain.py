"""SSO-ready settings rules: SAML and OIDC fields and email domains, refused by field."""

from __future__ import annotations

import pytest

from konduct.domain.errors import ValidationFailed
from konduct.domain.sso import parse_sso
from tests.sso_helpers import certificate_pem


def fields_refused(document: dict) -> list[str]:
    with pytest.raises(ValidationFailed) as refused:
        parse_sso(document)
    return [problem.field for problem in refused.value.problems]


def test_saml_settings_are_kept_canonical() -> None:
    pem = certificate_pem()
    settings = parse_sso(
        {
            "protocol": "saml",
            "idp_entity_id": " urn:idp:acme ",
            "sso_url": "https://idp.example.com/sso",
            "x509_certificate": pem,
            "email_domains": ["Acme.com", "@acme.com", "eu.acme.com"],
        }
    )
    assert settings["idp_entity_id"] == "urn:idp:acme"
    assert settings["email_domains"] == ["acme.com", "eu.acme.com"]
    assert settings["x509_certificate"] == pem.strip()


def test_oidc_needs_issuer_and_client() -> None:
    assert fields_refused({"protocol": "oidc", "email_domains": ["acme.com"]}) == [
        "issuer_url",
        "client_id",
    ]
    assert (
        parse_sso(
            {
                "protocol": "oidc",
                "issuer_url": "https://login.example.com",
                "client_id": "konduct",
                "email_domains": ["acme.com"],
            }
        )["client_id"]
        == "konduct"
    )


def test_bad_values_are_named() -> None:
    assert fields_refused({"protocol": "ldap"}) == ["protocol"]
    refused = fields_refused(
        {
            "protocol": "saml",
            "idp_entity_id": "urn:idp",
            "sso_url": "http://idp.example.com/sso",
            "x509_certificate": "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
            "email_domains": ["acme.com", "not a domain"],
        }
    )
    assert refused == ["sso_url", "x509_certificate", "email_domains[1]"]
    assert "email_domains" in fields_refused(
        {"protocol": "oidc", "issuer_url": "https://a.example.com", "client_id": "x"}
    )
