from fastapi.testclient import TestClient


def test_openapi_lists_the_endpoints_and_their_problem_answers(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) >= {
        "/api/health",
        "/api/campaigns/generate-id",
        "/api/campaigns/validate-id/{campaign_id}",
        "/api/utm/validate",
    }
    generate = paths["/api/campaigns/generate-id"]["post"]
    assert generate["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/CampaignIdRequest"
    )
    for status in ("400", "413", "422", "429"):
        content = generate["responses"][status]["content"]
        assert content["application/problem+json"]["schema"]["$ref"].endswith("/ProblemDocument")
    assert "ProblemDocument" in spec["components"]["schemas"]


def test_docs_page_uses_local_swagger_files(client: TestClient) -> None:
    html = client.get("/docs").text
    assert 'src="/docs/assets/swagger-ui-bundle.js"' in html
    assert "cdn" not in html.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        response = client.get(f"/docs/assets/{asset}")
        assert response.status_code == 200
        assert "max-age" in response.headers["cache-control"]
    assert client.get("/docs/assets/../settings.py").status_code == 404
