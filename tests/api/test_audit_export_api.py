"""Audit log export over REST: content, formula neutralising, date range, plan, role, isolation."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.plan_helpers import put_on_plan

EXPORT_PATH = "/api/teams/audit-log/export"
RULES = {"fields": {"source": {"allowed": ["facebook"]}}}


def enterprise_admin(client: TestClient, smtp_sink, database_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(database_url, account.email, Plan.ENTERPRISE)
    return account


def leave_a_trace(client: TestClient, account: Account, user_agent: str) -> None:
    """Saving naming rules writes a team audit row carrying the caller's browser."""
    headers = {**account.bearer, "User-Agent": user_agent}
    answer = client.put("/api/teams/naming-rules", json=RULES, headers=headers)
    assert answer.status_code == 200, answer.text


@pytest.fixture
def admin(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    return enterprise_admin(client, smtp_sink, migrated_db_url)


def test_csv_lists_the_team_trail_newest_first(client: TestClient, admin: Account) -> None:
    leave_a_trace(client, admin, "first-browser")
    leave_a_trace(client, admin, "second-browser")
    answer = client.get(EXPORT_PATH, params={"format": "csv"}, headers=admin.bearer)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert "konduct-audit-log.csv" in answer.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(answer.text)))
    rules_rows = [row for row in table if row["action"] == "team.naming_rules"]
    assert [row["user_agent"] for row in rules_rows] == ["second-browser", "first-browser"]
    assert rules_rows[0]["user_email"] == admin.email
    assert '"source"' in rules_rows[0]["details"]
    stamps = [row["created_at"] for row in table]
    assert stamps == sorted(stamps, reverse=True)


def test_json_carries_the_same_rows(client: TestClient, admin: Account) -> None:
    leave_a_trace(client, admin, "json-browser")
    answer = client.get(EXPORT_PATH, params={"format": "json"}, headers=admin.bearer)
    assert answer.status_code == 200, answer.text
    rows = answer.json()
    entry = next(row for row in rows if row["action"] == "team.naming_rules")
    assert entry["user_agent"] == "json-browser" and entry["details"]["fields"] == ["source"]


def test_spreadsheet_formulas_are_neutralised(client: TestClient, admin: Account) -> None:
    leave_a_trace(client, admin, '=HYPERLINK("https://evil.example","x")')
    text = client.get(EXPORT_PATH, headers=admin.bearer).text
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["action"] == "team.naming_rules")
    assert row["user_agent"] == '\'=HYPERLINK("https://evil.example","x")'


def test_date_range_filters_and_is_checked(client: TestClient, admin: Account) -> None:
    leave_a_trace(client, admin, "today-browser")
    past = {"format": "json", "from": "2000-01-01", "to": "2000-12-31"}
    assert client.get(EXPORT_PATH, params=past, headers=admin.bearer).json() == []
    wide = {"format": "json", "from": "2000-01-01", "to": "2999-12-31"}
    assert any(
        row["user_agent"] == "today-browser"
        for row in client.get(EXPORT_PATH, params=wide, headers=admin.bearer).json()
    )
    backwards = client.get(
        EXPORT_PATH, params={"from": "2026-02-01", "to": "2026-01-01"}, headers=admin.bearer
    )
    assert backwards.status_code == 422 and "from" in backwards.text
    assert (
        client.get(EXPORT_PATH, params={"format": "xml"}, headers=admin.bearer).status_code == 422
    )


def test_other_plans_get_402(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    pro = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, pro.email, Plan.PROFESSIONAL)
    answer = client.get(EXPORT_PATH, headers=pro.bearer)
    assert answer.status_code == 402, answer.text
    assert answer.json()["upgrade_to"] == "ENTERPRISE"
    free = signed_up(client, smtp_sink, role="ADMIN")
    assert client.get(EXPORT_PATH, headers=free.bearer).status_code == 402


def test_non_admins_get_403(client: TestClient, smtp_sink, migrated_db_url: str) -> None:
    member = signed_up(client, smtp_sink, role="USER")
    put_on_plan(migrated_db_url, member.email, Plan.ENTERPRISE)
    assert client.get(EXPORT_PATH, headers=member.bearer).status_code == 403


def test_another_team_rows_never_appear(
    client: TestClient, smtp_sink, migrated_db_url: str, admin: Account
) -> None:
    other = enterprise_admin(client, smtp_sink, migrated_db_url)
    leave_a_trace(client, other, "other-team-browser")
    leave_a_trace(client, admin, "own-team-browser")
    mine = client.get(EXPORT_PATH, headers=admin.bearer).text
    assert "own-team-browser" in mine and "other-team-browser" not in mine
    assert other.email not in mine
    theirs = client.get(EXPORT_PATH, headers=other.bearer).text
    assert "other-team-browser" in theirs and "own-team-browser" not in theirs


def test_export_needs_a_signed_in_caller(client: TestClient) -> None:
    assert client.get(EXPORT_PATH).status_code == 401
