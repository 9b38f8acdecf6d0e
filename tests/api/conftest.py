"""REST tests: the real FastAPI app on the migrated PostgreSQL database and real Redis."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
import redis
from fastapi.testclient import TestClient

from konduct.api import create_api
from konduct.services.rate_limits import RateLimiter
from konduct.settings import Settings


@pytest.fixture
def rate_limit_prefix(redis_url: str) -> Iterator[str]:
    """A Redis key prefix of this test's own, removed afterwards."""
    prefix = f"konduct-test:{uuid.uuid4().hex}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def make_client(
    migrated_db_url: str, redis_url: str, rate_limit_prefix: str, smtp_sink
) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:
        values = {
            "konduct_env": "test",
            "database_url": migrated_db_url,
            "redis_url": redis_url,
            "api_rate_limit": "1000/minute",
            "smtp_host": smtp_sink.host,
            "smtp_port": smtp_sink.port,
            "smtp_starttls": False,
            "smtp_user": "",
            "smtp_password": "",
            # Every TestClient request comes from "testclient": a namespace per test keeps
            # one test's failed sign-ins from locking out the next.
            "redis_key_prefix": rate_limit_prefix,
            **overrides,
        }
        settings = Settings(**values)
        limiter = RateLimiter(settings.redis_url, key_prefix=rate_limit_prefix)
        client = TestClient(create_api(settings, limiter=limiter), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()
