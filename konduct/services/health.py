"""Is the app able to serve? Database and Redis, each timed."""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis
from sqlalchemy import text
from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class Check:
    ok: bool
    backend: str
    latency_ms: float | None = None
    error: str | None = None


def check_database(engine: Engine) -> Check:
    started = time.perf_counter()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "down"
        return Check(False, engine.dialect.name, error=type(exc).__name__)
    return Check(True, engine.dialect.name, round((time.perf_counter() - started) * 1000, 2))


def check_redis(redis_url: str | None) -> Check:
    if not redis_url:
        return Check(True, "in-process")
    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        return Check(False, "redis", error=type(exc).__name__)
    return Check(True, "redis", round((time.perf_counter() - started) * 1000, 2))
