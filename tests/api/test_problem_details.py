"""Every refusal is an RFC 9457 problem document that names the field; never a traceback."""

from fastapi.testclient import TestClient

from konduct.api.problems import PROBLEM_MEDIA_TYPE

GENERATE = "/api/campaigns/generate-id"


def assert_problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("/problems/")
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text
    if field is not None:
        assert body["field"] == field
        assert any(error["field"] == field for error in body["errors"])
    return body


def test_malformed_json_is_a_400_on_the_body(client: TestClient) -> None:
    response = client.post(
        GENERATE, content=b'{"platform": "Facebook",', headers={"content-type": "application/json"}
    )
    body = assert_problem(response, 400, "body")
    assert body["type"] == "/problems/malformed-json"


def test_wrong_types_name_each_field(client: TestClient) -> None:
    response = client.post(
        GENERATE,
        json={
            "platform": "Facebook",
            "objective": "Traffic",
            "budget": "lots",
            "start_date": "soon",
        },
    )
    body = assert_problem(response, 422)
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"budget", "start_date"}


def test_unknown_fields_are_refused(client: TestClient) -> None:
    response = client.post(
        GENERATE, json={"platform": "Facebook", "objective": "Traffic", "colour": "red"}
    )
    body = assert_problem(response, 422, "colour")
    assert body["errors"][0]["reason"] == "is not a known field"


def test_missing_required_field(client: TestClient) -> None:
    body = assert_problem(client.post(GENERATE, json={"objective": "Traffic"}), 422, "platform")
    assert body["errors"][0]["reason"] == "is required"


def test_nested_field_paths_are_readable(client: TestClient) -> None:
    response = client.post(
        "/api/utm/validate",
        json={"url": "https://example.com", "source": ["a"], "medium": "cpc", "campaign": "x"},
    )
    assert_problem(response, 422, "source")


def test_oversized_body_by_content_length(client: TestClient) -> None:
    response = client.post(
        GENERATE, content=b"x" * (1_048_576 + 1), headers={"content-type": "application/json"}
    )
    body = assert_problem(response, 413)
    assert body["max_bytes"] == 1_048_576


def test_oversized_body_without_content_length(make_client) -> None:
    client = make_client(max_request_bytes=2048)

    def chunks():
        for _ in range(10):
            yield b"x" * 1024

    response = client.post(GENERATE, content=chunks(), headers={"content-type": "application/json"})
    assert_problem(response, 413)


def test_unknown_route_and_wrong_method(client: TestClient) -> None:
    assert_problem(client.get("/api/no-such-thing"), 404)
    body = assert_problem(client.delete("/api/health"), 405)
    assert "DELETE" in body["detail"]


def test_unexpected_errors_are_logged_not_shown(client: TestClient) -> None:
    @client.app.get("/api/_boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    response = client.get("/api/_boom")
    body = assert_problem(response, 500)
    assert "hunter2" not in response.text
    assert body["type"] == "/problems/internal-error"


def test_validation_errors_are_not_reflected_as_html(client: TestClient) -> None:
    payload = "<script>alert(1)</script>"
    response = client.post(GENERATE, json={"platform": payload, "objective": "Traffic"})
    assert_problem(response, 422, "platform")
    # JSON, never HTML: a browser will not execute what it echoes.
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
