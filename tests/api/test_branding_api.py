"""White-label branding over REST: set and read, validation by field, plan, role, isolation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.plan_helpers import put_on_plan

PATH = "/api/teams/branding"
GOOD = {
    "logo_url": "https://cdn.example.com/acme.png",
    "primary_color": "#1A2B3C",
    "accent_color": "#ff8800",
}


@pytest.fixture
def admin(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.ENTERPRISE)
    return account


def test_admin_sets_and_reads_branding(client: TestClient, admin: Account) -> None:
    empty = client.get(PATH, headers=admin.bearer).json()
    assert empty == {"logo_url": None, "primary_color": None, "accent_color": None, "enabled": True}
    saved = client.put(PATH, json=GOOD, headers=admin.bearer)
    assert saved.status_code == 200, saved.text
    assert saved.json()["primary_color"] == "#1a2b3c"
    assert client.get(PATH, headers=admin.bearer).json() == saved.json()
    cleared = client.put(PATH, json={"logo_url": ""}, headers=admin.bearer).json()
    assert cleared["logo_url"] is None and cleared["primary_color"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"logo_url": "http://cdn.example.com/a.png"}, "logo_url"),
        ({"logo_url": "javascript:alert(1)"}, "logo_url"),
        ({"primary_color": "red"}, "primary_color"),
        ({"accent_color": "#12345"}, "accent_color"),
        ({"favicon": "x"}, "favicon"),
    ],
)
def test_bad_branding_is_refused_naming_the_field(
    client: TestClient, admin: Account, body: dict, field: str
) -> None:
    answer = client.put(PATH, json=body, headers=admin.bearer)
    assert answer.status_code == 422, answer.text
    assert field in answer.text
    assert client.get(PATH, headers=admin.bearer).json()["logo_url"] is None


def test_other_plans_get_402(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    pro = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, pro.email, Plan.PROFESSIONAL)
    answer = client.put(PATH, json=GOOD, headers=pro.bearer)
    assert answer.status_code == 402, answer.text
    assert answer.json()["upgrade_to"] == "ENTERPRISE"
    assert client.get(PATH, headers=pro.bearer).json()["enabled"] is False


def test_non_admins_get_403(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    member = signed_up(client, smtp_sink, role="USER")
    put_on_plan(migrated_db_url, member.email, Plan.ENTERPRISE)
    assert client.put(PATH, json=GOOD, headers=member.bearer).status_code == 403
    assert client.get(PATH, headers=member.bearer).json()["logo_url"] is None


def test_another_team_never_sees_or_changes_the_branding(
    client: TestClient, smtp_sink, migrated_db_url: str, admin: Account
) -> None:
    assert client.put(PATH, json=GOOD, headers=admin.bearer).status_code == 200
    other = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, other.email, Plan.ENTERPRISE)
    assert client.get(PATH, headers=other.bearer).json()["logo_url"] is None
    theirs = {"logo_url": "https://other.example.com/o.png"}
    assert client.put(PATH, json=theirs, headers=other.bearer).status_code == 200
    assert client.get(PATH, headers=admin.bearer).json()["logo_url"] == GOOD["logo_url"]


def test_branding_needs_a_signed_in_caller(client: TestClient) -> None:
    assert client.get(PATH).status_code == 401
