"""SSO-ready settings over REST: store SAML/OIDC, secrets never returned, plan, role, isolation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.plan_helpers import put_on_plan
from tests.sso_helpers import certificate_pem

PATH = "/api/teams/sso"
OIDC = {
    "protocol": "oidc",
    "issuer_url": "https://login.example.com",
    "client_id": "konduct-app",
    "client_secret": "super-secret-value",
    "email_domains": ["acme.com"],
}


@pytest.fixture
def admin(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.ENTERPRISE)
    return account


def test_saml_settings_are_stored_with_the_not_yet_note(client: TestClient, admin: Account) -> None:
    assert client.get(PATH, headers=admin.bearer).json()["configured"] is False
    body = {
        "protocol": "saml",
        "idp_entity_id": "urn:idp:acme",
        "sso_url": "https://idp.example.com/sso",
        "x509_certificate": certificate_pem(),
        "email_domains": ["acme.com"],
    }
    saved = client.put(PATH, json=body, headers=admin.bearer)
    assert saved.status_code == 200, saved.text
    answer = client.get(PATH, headers=admin.bearer).json()
    assert answer["configured"] and answer["protocol"] == "saml"
    assert answer["sso_url"] == body["sso_url"] and answer["email_domains"] == ["acme.com"]
    assert "not switched on yet" in answer["note"]


def test_the_client_secret_is_never_returned(client: TestClient, admin: Account) -> None:
    saved = client.put(PATH, json=OIDC, headers=admin.bearer)
    assert saved.status_code == 200, saved.text
    assert "super-secret-value" not in saved.text and saved.json()["client_secret_set"] is True
    kept = client.put(
        PATH, json={k: v for k, v in OIDC.items() if k != "client_secret"}, headers=admin.bearer
    )
    assert kept.json()["client_secret_set"] is True
    read = client.get(PATH, headers=admin.bearer)
    assert "super-secret-value" not in read.text and "encrypted" not in read.text
    removed = client.put(PATH, json={**OIDC, "client_secret": ""}, headers=admin.bearer)
    assert removed.json()["client_secret_set"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**OIDC, "issuer_url": "http://login.example.com"}, "issuer_url"),
        ({**OIDC, "email_domains": []}, "email_domains"),
        ({**OIDC, "email_domains": ["acme.com", "nope"]}, "email_domains[1]"),
        ({"protocol": "saml", "email_domains": ["acme.com"]}, "idp_entity_id"),
        ({**OIDC, "protocol": "ldap"}, "protocol"),
        ({**OIDC, "password": "x"}, "password"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    client: TestClient, admin: Account, body: dict, field: str
) -> None:
    answer = client.put(PATH, json=body, headers=admin.bearer)
    assert answer.status_code == 422, answer.text
    assert field in answer.text
    assert client.get(PATH, headers=admin.bearer).json()["configured"] is False


def test_other_plans_get_402(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    pro = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, pro.email, Plan.PROFESSIONAL)
    answer = client.put(PATH, json=OIDC, headers=pro.bearer)
    assert answer.status_code == 402, answer.text
    assert answer.json()["upgrade_to"] == "ENTERPRISE"


def test_non_admins_get_403(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    member = signed_up(client, smtp_sink, role="USER")
    put_on_plan(migrated_db_url, member.email, Plan.ENTERPRISE)
    assert client.put(PATH, json=OIDC, headers=member.bearer).status_code == 403
    assert client.get(PATH, headers=member.bearer).status_code == 403


def test_another_team_never_sees_the_settings(
    client: TestClient, smtp_sink, migrated_db_url: str, admin: Account
) -> None:
    assert client.put(PATH, json=OIDC, headers=admin.bearer).status_code == 200
    other = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, other.email, Plan.ENTERPRISE)
    assert client.get(PATH, headers=other.bearer).json()["configured"] is False
