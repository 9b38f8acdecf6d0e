"""GET /api/resources/search and the downloads."""

from fastapi.testclient import TestClient

from konduct.services import resources


def test_search_ranks_pages_with_snippets(client: TestClient) -> None:
    answer = client.get("/api/resources/search", params={"q": "utm medium"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["query"] == "utm medium" and body["count"] == len(body["results"]) > 1
    first = body["results"][0]
    assert first["url"] == "/resources/utm-guide" and first["title"] == "The UTM guide"
    assert any(part["match"] for part in first["snippet_parts"])
    assert first["snippet"] == "".join(part["text"] for part in first["snippet_parts"])
    scores = [hit["score"] for hit in body["results"]]
    assert scores[0] >= scores[-1]


def test_search_limits_and_empty_queries(client: TestClient) -> None:
    assert client.get("/api/resources/search", params={"q": ""}).json()["count"] == 0
    assert client.get("/api/resources/search", params={"q": "zzzqqq"}).json()["results"] == []
    assert len(client.get("/api/resources/search?q=konduct&limit=2").json()["results"]) == 2
    too_long = client.get("/api/resources/search", params={"q": "x" * 201})
    assert too_long.status_code == 422 and too_long.json()["field"] == "q"
    bad_limit = client.get("/api/resources/search", params={"q": "api", "limit": 0})
    assert bad_limit.status_code == 422 and bad_limit.json()["field"] == "limit"


def test_downloads_are_attachments(client: TestClient) -> None:
    pdf = client.get(f"/api/resources/downloads/{resources.CHECKLIST_FILE}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.4")
    assert "attachment" in pdf.headers["content-disposition"]
    assert resources.CHECKLIST_FILE in pdf.headers["content-disposition"]
    csv = client.get(f"/api/resources/downloads/{resources.TEMPLATE_FILE}")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.startswith("campaign_name,platform,objective")


def test_unknown_downloads_are_problem_documents(client: TestClient) -> None:
    for name in ("secrets.txt", "..%2F..%2Fsettings.py", "utm-naming-checklist.PDF"):
        answer = client.get(f"/api/resources/downloads/{name}")
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
