"""GET /metrics: Prometheus text, counted in the real Redis, shown only to the monitoring side."""

from __future__ import annotations

import re

import pytest
import redis
from fastapi.testclient import TestClient

from konduct.api import create_api
from konduct.services.rate_limits import RateLimiter
from konduct.settings import Settings

GENERATE = "/api/campaigns/generate-id"
BODY = {"platform": "Facebook", "objective": "Traffic"}
TOKEN = "metrics-token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SAMPLE = re.compile(r"^(?P<name>[a-z_]+)(?:\{(?P<labels>.*)\})? (?P<value>\S+)$")


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    """The exposition's samples, keyed by name and label set; asserts every line is well formed."""
    samples: dict[tuple[str, frozenset], float] = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            continue
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        labels = frozenset(re.findall(r'(\w+)="([^"]*)"', match["labels"] or ""))
        samples[(match["name"], labels)] = float(match["value"])
    return samples


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def metrics_client(migrated_db_url, redis_url, rate_limit_prefix):
    clients: list[TestClient] = []

    def make(*, address: str = "testclient", **overrides) -> TestClient:
        values = {
            "konduct_env": "test",
            "database_url": migrated_db_url,
            "redis_url": redis_url,
            "redis_key_prefix": rate_limit_prefix,
            "metrics_token": TOKEN,
            **overrides,
        }
        settings = Settings(**values)
        limiter = RateLimiter(settings.redis_url, key_prefix=f"{rate_limit_prefix}:rl")
        client = TestClient(
            create_api(settings, limiter=limiter),
            raise_server_exceptions=False,
            client=(address, 50000),
        )
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_requests_are_counted_per_route_template_and_status(metrics_client) -> None:
    client = metrics_client()
    for _ in range(3):
        assert client.post(GENERATE, json=BODY).status_code == 200
    assert client.post(GENERATE, json={"platform": "Nope"}).status_code == 422
    assert client.get("/api/campaigns/PLT-NOT-THERE").status_code in {401, 404}
    assert client.get("/api/no-such-thing/at-all").status_code == 404

    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = parse(response.text)
    post = {"method": "POST", "route": GENERATE}
    assert value(samples, "konduct_http_requests_total", **post, status="200") == 3
    assert value(samples, "konduct_http_requests_total", **post, status="422") == 1
    # Templates, not raw paths: an unknown ID does not make a series of its own.
    assert not any("PLT-NOT-THERE" in str(labels) for _, labels in samples)
    assert any(
        ("route", "/api/campaigns/{ref}") in labels
        for name, labels in samples
        if name == "konduct_http_requests_total"
    )
    assert value(samples, "konduct_http_requests_total", method="GET", route="unmatched",
                 status="404") == 1  # fmt: skip

    # The histogram is cumulative and its count agrees with the counter.
    assert value(samples, "konduct_http_request_duration_seconds_count", **post) == 4
    assert value(samples, "konduct_http_request_duration_seconds_bucket", **post, le="+Inf") == 4
    buckets = [
        v
        for (name, labels), v in samples.items()
        if name == "konduct_http_request_duration_seconds_bucket" and ("route", GENERATE) in labels
    ]
    assert buckets == sorted(buckets)
    assert value(samples, "konduct_http_request_duration_seconds_sum", **post) > 0

    # Dependencies: both real servers answer.
    assert value(samples, "konduct_dependency_up", dependency="database", backend="postgresql") == 1
    assert value(samples, "konduct_dependency_up", dependency="redis", backend="redis") == 1


def test_counts_are_shared_by_every_worker_through_redis(
    metrics_client, redis_url, rate_limit_prefix
) -> None:
    # Two apps on one Redis stand for two worker processes (or two replicas).
    first, second = metrics_client(), metrics_client()
    first.post(GENERATE, json=BODY)
    second.post(GENERATE, json=BODY)
    samples = parse(first.get("/metrics", headers=AUTH).text)
    assert (
        value(samples, "konduct_http_requests_total", method="POST", route=GENERATE, status="200")
        == 2
    )
    stored = redis.Redis.from_url(redis_url).hgetall(f"{rate_limit_prefix}:metrics:requests")
    assert stored == {f"POST|{GENERATE}|200".encode(): b"2"}


def test_rate_limited_requests_are_counted_under_their_route(metrics_client) -> None:
    client = metrics_client(api_rate_limit="1/minute")
    client.post(GENERATE, json=BODY)
    assert client.post(GENERATE, json=BODY).status_code == 429
    samples = parse(client.get("/metrics", headers=AUTH).text)
    assert (
        value(samples, "konduct_http_requests_total", method="POST", route=GENERATE, status="429")
        == 1
    )


def test_without_redis_counts_stay_in_process(metrics_client) -> None:
    client = metrics_client(redis_url=None)
    client.post(GENERATE, json=BODY)
    samples = parse(client.get("/metrics", headers=AUTH).text)
    assert (
        value(samples, "konduct_http_requests_total", method="POST", route=GENERATE, status="200")
        == 1
    )
    assert value(samples, "konduct_dependency_up", dependency="redis", backend="in-process") == 1


def test_a_redis_outage_loses_counts_but_never_a_request(metrics_client) -> None:
    client = metrics_client(redis_url="redis://127.0.0.1:1/0")
    assert client.post(GENERATE, json=BODY).status_code == 200
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200
    samples = parse(response.text)
    assert value(samples, "konduct_dependency_up", dependency="redis", backend="redis") == 0


@pytest.mark.parametrize(
    ("address", "headers", "allowed"),
    [
        ("127.0.0.1", {}, True),  # loopback: the default monitoring network
        ("::1", {}, True),
        ("10.20.0.7", {}, False),  # not listed
        ("203.0.113.9", {}, False),
        # Through a proxy the direct peer is the proxy itself: never trusted on that basis.
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, False),
        ("127.0.0.1", {"X-Real-IP": "203.0.113.9"}, False),
        ("203.0.113.9", AUTH, True),  # the token works from anywhere
        ("203.0.113.9", {"Authorization": "Bearer wrong"}, False),
        ("testclient", {}, False),
    ],
)
def test_metrics_are_refused_outside_the_monitoring_network(
    metrics_client, address, headers, allowed
) -> None:
    response = metrics_client(address=address).get("/metrics", headers=headers)
    if allowed:
        assert response.status_code == 200
        assert "# TYPE konduct_dependency_up gauge" in response.text
    else:
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
        assert "konduct_" not in response.text


def test_a_listed_network_may_scrape_without_token(metrics_client) -> None:
    client = metrics_client(address="172.28.0.9", metrics_networks="172.28.0.0/16")
    assert client.get("/metrics").status_code == 200
    assert client.post("/metrics").status_code == 405


def test_metrics_networks_must_be_networks() -> None:
    with pytest.raises(ValueError, match="metrics_networks"):
        Settings(konduct_env="test", metrics_networks="10.0.0.0/8, not-a-network")


def test_production_refuses_a_placeholder_metrics_token() -> None:
    from konduct.settings import SettingsError

    strong = "s" * 40
    with pytest.raises(SettingsError, match="METRICS_TOKEN"):
        Settings(
            konduct_env="production",
            database_url="postgresql://db/konduct",
            app_url="https://konduct.example.com",
            jwt_secret=strong,
            jwt_refresh_secret=strong + "r",
            session_secret=strong + "s",
            metrics_token="changeme",
        )
