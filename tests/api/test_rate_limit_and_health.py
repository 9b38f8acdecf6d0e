"""The API guard counts in the real Redis; health reports the real servers."""

import redis
from fastapi.testclient import TestClient

GENERATE = "/api/campaigns/generate-id"
BODY = {"platform": "Facebook", "objective": "Traffic"}


def test_requests_over_the_limit_get_429_with_retry_after(
    make_client, redis_url, rate_limit_prefix
) -> None:
    client = make_client(api_rate_limit="3/minute")
    remaining = []
    for _ in range(3):
        response = client.post(GENERATE, json=BODY)
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Limit"] == "3"
        remaining.append(int(response.headers["X-RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]

    refused = client.post(GENERATE, json=BODY)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    # Never more than two windows: the rest of this one, then the shrinking share.
    assert 1 <= int(refused.headers["Retry-After"]) <= 120
    assert refused.json()["type"] == "/problems/rate-limited"

    # The counters live in Redis, where every worker and every instance sees them.
    assert list(redis.Redis.from_url(redis_url).scan_iter(f"{rate_limit_prefix}*"))


def test_limits_are_per_client_behind_a_trusted_proxy(make_client) -> None:
    client = make_client(api_rate_limit="1/minute", trusted_proxy_hops=1)
    first = {"X-Forwarded-For": "203.0.113.10"}
    second = {"X-Forwarded-For": "203.0.113.20"}
    assert client.post(GENERATE, json=BODY, headers=first).status_code == 200
    assert client.post(GENERATE, json=BODY, headers=first).status_code == 429
    assert client.post(GENERATE, json=BODY, headers=second).status_code == 200


def test_forwarded_for_is_ignored_without_a_trusted_proxy(make_client) -> None:
    client = make_client(api_rate_limit="1/minute")
    assert (
        client.post(GENERATE, json=BODY, headers={"X-Forwarded-For": "198.51.100.1"}).status_code
        == 200
    )
    # A spoofed header must not buy a fresh quota.
    assert (
        client.post(GENERATE, json=BODY, headers={"X-Forwarded-For": "198.51.100.2"}).status_code
        == 429
    )


def test_health_is_never_rate_limited(make_client) -> None:
    client = make_client(api_rate_limit="1/minute")
    assert all(client.get("/api/health").status_code == 200 for _ in range(5))


def test_health_reports_postgres_and_redis(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["database"] == {**body["database"], "ok": True, "backend": "postgresql"}
    assert body["redis"]["ok"] is True and body["redis"]["backend"] == "redis"


def test_health_is_503_when_redis_is_down(make_client) -> None:
    client = make_client(redis_url="redis://127.0.0.1:1/0")
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.json()["redis"]["ok"] is False
    # The limiter fails open, so the API itself keeps answering.
    assert client.post(GENERATE, json=BODY).status_code == 200
