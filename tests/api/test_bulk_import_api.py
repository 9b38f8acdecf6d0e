"""CSV import over REST: all rows or none, problems by row and column, caps, plans, teams."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from konduct.domain.bulk_import import MAX_IMPORT_BYTES
from konduct.domain.enums import Plan
from tests.api.accounts_helpers import Account, signed_up
from tests.plan_helpers import put_on_plan

HEADER = "name,manager_name,website_url,platform,objective,start_date,end_date,budget,currency"
GOOD = [
    "Spring,Ada,https://www.example.com/spring,Facebook,Traffic,2027-03-01,2027-03-31,1500,EUR",
    "Summer,Ada,https://www.example.com/summer,Google Ads,Conversions,2027-06-01,,900.50,USD",
    "Autumn,Ada,https://www.example.com/autumn,TikTok,Reach,2027-09-01,,0,USD",
]


@pytest.fixture
def pro(client: TestClient, smtp_sink, migrated_db_url: str) -> Account:
    account = signed_up(client, smtp_sink, role="ADMIN")
    put_on_plan(migrated_db_url, account.email, Plan.PROFESSIONAL)
    return account


def upload(client: TestClient, account: Account, text: str | bytes, **params):
    content = text.encode() if isinstance(text, str) else text
    return client.post(
        "/api/campaigns/import",
        files={"file": ("campaigns.csv", content, "text/csv")},
        params=params,
        headers=account.bearer,
    )


def csv_of(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def campaign_count(client: TestClient, account: Account) -> int:
    return client.get("/api/campaigns", headers=account.bearer).json()["total"]


def test_a_good_file_creates_every_campaign_with_its_id_and_default_link(
    client: TestClient, pro: Account
) -> None:
    answer = upload(client, pro, csv_of(*GOOD))
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert result["imported"] == 3
    assert [c["row"] for c in result["campaigns"]] == [2, 3, 4]
    spring, summer, _ = result["campaigns"]
    assert spring["campaign_id"].startswith("FBK-TRF-")
    assert summer["campaign_id"].startswith("GAD-CNV-")
    assert "utm_medium=cpc" in summer["tracking_url"]
    assert f"utm_campaign={spring['campaign_id']}" in spring["tracking_url"]
    links = client.get(f"/api/campaigns/{spring['campaign_id']}/utm", headers=pro.bearer).json()
    assert links[0]["label"] == "Default link" and "utm_source=facebook" in links[0]["tagged_url"]
    one = client.get(f"/api/campaigns/{summer['campaign_id']}", headers=pro.bearer).json()
    assert one["budget"] == "900.50" and one["end_date"] is None
    history = client.get(f"/api/campaigns/{summer['campaign_id']}/history", headers=pro.bearer)
    assert history.json()[0]["action"] == "CREATE"


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        ("Bad,Ada,https://e.com,Facebook,Traffic,2027-13-01,,10,USD", "start_date", "date"),
        ("Bad,Ada,https://e.com,Facebook,Traffic,2027-03-10,2027-03-01,10,USD", "row", "end_date"),
        ("Bad,Ada,https://e.com,Facebook,Traffic,2027-03-01,,-5,USD", "budget", "0"),
        ("Bad,Ada,https://e.com,MySpace,Traffic,2027-03-01,,10,USD", "platform", "MySpace"),
        ("Bad,Ada,https://e.com,Facebook,Winning,2027-03-01,,10,USD", "objective", "Winning"),
        ("Bad,Ada,e.com,Facebook,Traffic,2027-03-01,,10,USD", "website_url", "full address"),
        ("Bad,Ada,https://e.com,Facebook,Traffic,2027-03-01,,10,EURO", "currency", ""),
        ("Bad,Ada,https://e.com,Other,Traffic,2027-03-01,,10,USD", "utm_source", "tracking link"),
    ],
)
def test_any_bad_row_imports_nothing_and_names_row_and_column(
    client: TestClient, pro: Account, bad_row: str, column: str, words: str
) -> None:
    answer = upload(client, pro, csv_of(GOOD[0], bad_row, GOOD[1]))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"] == "/problems/csv-rejected"
    assert problem["rows"][0]["row"] == 3
    assert problem["rows"][0]["column"] == column
    assert words in problem["rows"][0]["reason"]
    assert problem["field"] == f"rows[3].{column}"
    assert "Nothing was imported" in problem["detail"]
    assert campaign_count(client, pro) == 0


@pytest.mark.parametrize(("ages", "words"), [("12,30", "13"), ("30,70", "65"), ("x,30", "")])
def test_ages_outside_13_to_65_are_refused(
    client: TestClient, pro: Account, ages: str, words: str
) -> None:
    header = HEADER + ",age_min,age_max"
    answer = upload(client, pro, csv_of(GOOD[0] + "," + ages, header=header))
    assert answer.status_code == 422, answer.text
    assert answer.json()["rows"][0]["column"] == "age_min"
    assert words in answer.json()["rows"][0]["reason"]
    assert campaign_count(client, pro) == 0


def test_every_problem_of_every_row_is_listed(client: TestClient, pro: Account) -> None:
    rows = [
        "A,Ada,https://e.com,MySpace,Traffic,2027-03-01,,10,USD",
        GOOD[0],
        "B,Ada,https://e.com,Facebook,Traffic,not-a-date,,-1,USD",
        "C,Ada,e.com,MySpace,Traffic,2027-03-01,,10,USD",
    ]
    problem = upload(client, pro, csv_of(*rows)).json()
    assert {(r["row"], r["column"]) for r in problem["rows"]} == {
        (2, "platform"),
        (4, "start_date"),
        (4, "budget"),
        (5, "platform"),
        (5, "website_url"),
    }


@pytest.mark.parametrize(
    ("content", "column"),
    [
        (b"", "file"),
        (b"name;platform\nx;y\n", "header"),
        (csv_of(GOOD[0], header=HEADER + ",colour").replace("EUR\n", "EUR,red\n"), "header"),
        ('name,manager_name\n"unclosed,Ada\n', "header"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "file"),
    ],
)
def test_malformed_files_and_wrong_columns_are_refused(
    client: TestClient, pro: Account, content, column: str
) -> None:
    answer = upload(client, pro, content)
    assert answer.status_code == 422, answer.text
    assert answer.json()["rows"][0]["column"] == column
    assert campaign_count(client, pro) == 0


def test_an_oversized_file_is_413(client: TestClient, pro: Account) -> None:
    padding = "\n" * (MAX_IMPORT_BYTES + 10)
    answer = upload(client, pro, csv_of(*GOOD) + padding)
    assert answer.status_code == 413, answer.text
    assert answer.json()["type"] == "/problems/csv-too-large"
    assert campaign_count(client, pro) == 0


def test_a_request_without_a_file_names_the_field(client: TestClient, pro: Account) -> None:
    answer = client.post("/api/campaigns/import", headers=pro.bearer)
    assert answer.status_code == 422
    assert answer.json()["field"] == "file"


def test_duplicates_within_the_file_need_consent(client: TestClient, pro: Account) -> None:
    twice = csv_of(GOOD[0], GOOD[0])
    refused = upload(client, pro, twice)
    assert refused.status_code == 422
    assert refused.json()["rows"][0] == {
        "row": 3,
        "column": "name",
        "reason": refused.json()["rows"][0]["reason"],
    }
    assert "duplicates campaign" in refused.json()["rows"][0]["reason"]
    assert campaign_count(client, pro) == 0
    allowed = upload(client, pro, twice, allow_duplicates="true")
    assert allowed.status_code == 201 and allowed.json()["imported"] == 2


def test_the_template_download_lists_the_columns(client: TestClient) -> None:
    answer = client.get("/api/campaigns/import/template")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text.startswith("name,manager_name,website_url,platform,objective")


def test_free_teams_cannot_bulk_import(client: TestClient, smtp_sink) -> None:
    free = signed_up(client, smtp_sink)
    answer = upload(client, free, csv_of(GOOD[0]))
    assert answer.status_code == 402, answer.text
    assert "Bulk operations" in answer.json()["detail"]
    assert campaign_count(client, free) == 0


def test_unverified_or_signed_out_callers_cannot_import(client: TestClient, smtp_sink) -> None:
    newcomer = signed_up(client, smtp_sink, verify=False)
    assert upload(client, newcomer, csv_of(GOOD[0])).status_code == 403
    anonymous = client.post(
        "/api/campaigns/import", files={"file": ("c.csv", csv_of(GOOD[0]).encode(), "text/csv")}
    )
    assert anonymous.status_code == 401


def test_imported_campaigns_belong_to_the_importers_team_only(
    client: TestClient, pro: Account, smtp_sink, migrated_db_url: str
) -> None:
    made = upload(client, pro, csv_of(GOOD[0])).json()["campaigns"][0]
    other = signed_up(client, smtp_sink)
    put_on_plan(migrated_db_url, other.email, Plan.PROFESSIONAL)
    assert client.get(
        f"/api/campaigns/{made['campaign_id']}", headers=other.bearer
    ).status_code == (404)
    assert campaign_count(client, other) == 0
