"""Reports over REST: counts and budgets from SQL, the date range, exports, plans, teams."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.api.test_campaigns_api import create
from tests.plan_helpers import put_on_plan


@pytest.fixture
def pro(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.PROFESSIONAL)
    return account


@pytest.fixture
def campaigns(client: TestClient, pro: Account) -> list[dict]:
    made = [
        create(client, pro, name="A", start_date="2027-01-10", end_date=None, budget="100"),
        create(client, pro, name="B", start_date="2027-01-20", end_date=None, budget="50.25"),
        create(
            client,
            pro,
            name="C",
            platform="Google Ads",
            objective="Conversions",
            start_date="2027-02-01",
            end_date=None,
            budget="900",
            currency="USD",
            status="ACTIVE",
        ),
        create(client, pro, name="D", start_date="2027-03-05", end_date=None, budget="10"),
    ]
    assert all(answer.status_code == 201 for answer in made)
    gone = made[3].json()["campaign_id"]
    assert client.delete(f"/api/campaigns/{gone}", headers=pro.bearer).status_code == 200
    return [answer.json() for answer in made]


def summary(client: TestClient, account: Account, **params):
    return client.get("/api/reports/summary", params=params, headers=account.bearer)


def test_the_summary_counts_by_platform_objective_status_and_month(
    client: TestClient, pro: Account, campaigns
) -> None:
    answer = summary(client, pro)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["total"] == 3  # the deleted campaign is left out
    assert report["by_platform"] == [
        {"key": "FBK", "label": "Facebook", "count": 2},
        {"key": "GAD", "label": "Google Ads", "count": 1},
    ]
    assert {r["key"]: r["count"] for r in report["by_objective"]} == {"TRF": 2, "CNV": 1}
    assert {r["key"]: r["count"] for r in report["by_status"]} == {"DRAFT": 2, "ACTIVE": 1}
    assert report["budget_by_month"] == [
        {"month": "2027-01", "currency": "EUR", "budget": "150.25", "count": 2},
        {"month": "2027-02", "currency": "USD", "budget": "900.00", "count": 1},
    ]
    assert {c["currency"]: c["budget"] for c in report["budget_by_currency"]} == {
        "EUR": "150.25",
        "USD": "900.00",
    }


def test_a_date_range_selects_by_start_date(client: TestClient, pro: Account, campaigns) -> None:
    report = summary(client, pro, date_from="2027-01-15", date_to="2027-02-28").json()
    assert report["total"] == 2
    assert [m["month"] for m in report["budget_by_month"]] == ["2027-01", "2027-02"]
    assert report["budget_by_month"][0]["budget"] == "50.25"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2027-03-01", "date_to": "2027-01-01"}, "date_to"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_filters_are_refused(client: TestClient, pro: Account, params, field: str) -> None:
    answer = summary(client, pro, **params)
    assert answer.status_code == 422, answer.text
    assert field in answer.json()["detail"] + json.dumps(answer.json().get("errors"))


def test_exports_csv_and_json(client: TestClient, pro: Account, campaigns) -> None:
    as_json = client.get("/api/reports/summary/export", headers=pro.bearer)
    assert as_json.status_code == 200
    assert "attachment" in as_json.headers["content-disposition"]
    assert as_json.json()["total"] == 3
    as_csv = client.get("/api/reports/summary/export", params={"format": "csv"}, headers=pro.bearer)
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    lines = as_csv.text.splitlines()
    assert lines[0] == "section,key,label,currency,count,budget"
    assert "platform,FBK,Facebook,,2," in lines
    assert "month,2027-01,2027-01,EUR,2,150.25" in lines
    bad = client.get("/api/reports/summary/export", params={"format": "xls"}, headers=pro.bearer)
    assert bad.status_code == 422


def test_free_teams_get_the_all_time_report_and_json_only(client: TestClient, smtp_sink) -> None:
    free = signed_up(client, smtp_sink)
    assert create(client, free, targeting={"devices": ["MOBILE"]}).status_code == 201
    assert summary(client, free).json()["total"] == 1
    ranged = summary(client, free, date_from="2027-01-01")
    assert ranged.status_code == 402 and "Custom reports" in ranged.json()["detail"]
    exported = client.get("/api/reports/summary/export", headers=free.bearer)
    assert exported.status_code == 200
    csv_export = client.get(
        "/api/reports/summary/export", params={"format": "csv"}, headers=free.bearer
    )
    assert csv_export.status_code == 402
    assert "CSV export" in csv_export.json()["detail"]


def test_reports_count_only_the_callers_team(
    client: TestClient, pro: Account, campaigns, smtp_sink
) -> None:
    other = signed_up(client, smtp_sink)
    report = summary(client, other).json()
    assert report["total"] == 0 and report["by_platform"] == []
    assert client.get("/api/reports/summary").status_code == 401
