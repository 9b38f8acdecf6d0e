"""Exports: JSON, CSV and the GA4 data-import CSV; formulas never reach a spreadsheet."""

import csv
import io

from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from konduct.services.exports import safe_cell
from tests.api.accounts_helpers import signed_up
from tests.api.test_campaigns_api import create


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_filtered_list_exports_as_json_and_csv(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    create(client, owner, name="Spring sale")
    create(client, owner, name='=HYPERLINK("http://evil.example","x")', platform="TikTok")

    as_json = client.get("/api/campaigns/export", params={"format": "json"}, headers=owner.bearer)
    assert as_json.status_code == 200
    assert "attachment" in as_json.headers["content-disposition"]
    assert {c["name"] for c in as_json.json()} == {
        "Spring sale",
        '=HYPERLINK("http://evil.example","x")',
    }

    as_csv = client.get(
        "/api/campaigns/export",
        params={"format": "csv", "platform": "tiktok"},
        headers=owner.bearer,
    )
    assert as_csv.headers["content-type"].startswith("text/csv")
    [row] = rows(as_csv.text)
    assert row["platform"] == "TikTok"
    assert row["name"].startswith("'=")  # neutralised for spreadsheets


def test_ga4_import_is_keyed_on_the_campaign_id(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    campaign = create(client, owner).json()
    path = f"/api/campaigns/{campaign['id']}"
    for creative in ("Hero 1", "Hero 2", "Hero 2"):
        client.post(
            f"{path}/utm",
            json={"url": "https://www.example.com", "medium": "paid_social", "creative": creative},
            headers=owner.bearer,
        )
    answer = client.get(f"{path}/export", params={"format": "ga4"}, headers=owner.bearer)
    assert answer.headers["content-disposition"].endswith('-ga4-import.csv"')
    exported = rows(answer.text)
    assert list(exported[0]) == [
        "campaign_id",
        "campaign_name",
        "source",
        "medium",
        "term",
        "content",
        "creative_format",
        "marketing_tactic",
    ]
    assert {r["campaign_id"] for r in exported} == {campaign["campaign_id"]}
    assert sorted(r["content"] for r in exported) == ["hero_1", "hero_2"]  # duplicates merged
    assert exported[0]["source"] == "facebook"


def test_exports_are_team_scoped(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    campaign = create(client, owner).json()
    stranger = signed_up(client, smtp_sink)
    assert (
        client.get(f"/api/campaigns/{campaign['id']}/export", headers=stranger.bearer).status_code
        == 404
    )
    assert client.get("/api/campaigns/export", headers=stranger.bearer).json() == []


def test_formula_cells_are_neutralised() -> None:
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("Spring") == "Spring"
    assert safe_cell(None) == ""
