"""Request metrics for Prometheus, shared by every worker process.

Prometheus scrapes one worker at a time (whichever the proxy or the OS hands the
connection to), so counts kept in one process would jump around between scrapes.
With a Redis URL every worker adds to the same three Redis hashes, in one pipelined
round trip per request; without one (``make run``: one worker) they live in memory.
A Redis outage loses counts, never a request.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict

import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from konduct.db import engine_for
from konduct.domain.metrics import Family, bucket_label, histogram, render
from konduct.services.health import check_database, check_redis
from konduct.settings import Settings

log = logging.getLogger("konduct.metrics")

SEP = "|"  # neither methods, route templates nor status codes contain it
LabelKey = tuple[tuple[str, str], ...]


class MetricsStore:
    """Counts per (method, route, status) and latency buckets per (method, route)."""

    def __init__(self, redis_url: str | None, *, key_prefix: str = "konduct"):
        self.redis_url = redis_url
        self.keys = {
            name: f"{key_prefix}:metrics:{name}" for name in ("requests", "buckets", "seconds")
        }
        # asyncio Redis connections belong to one event loop; tests run several.
        self._clients: dict[int, redis_asyncio.Redis] = {}
        self._memory: dict[str, defaultdict[str, float]] = {
            name: defaultdict(float) for name in self.keys
        }
        self._lock = threading.Lock()

    @property
    def backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    async def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        series = SEP.join((method, route))
        fields = {
            "requests": SEP.join((series, str(status))),
            "buckets": SEP.join((series, bucket_label(seconds))),
            "seconds": series,
        }
        if not self.redis_url:
            with self._lock:
                self._memory["requests"][fields["requests"]] += 1
                self._memory["buckets"][fields["buckets"]] += 1
                self._memory["seconds"][fields["seconds"]] += seconds
            return
        try:
            pipe = self._client().pipeline(transaction=False)
            pipe.hincrby(self.keys["requests"], fields["requests"], 1)
            pipe.hincrby(self.keys["buckets"], fields["buckets"], 1)
            pipe.hincrbyfloat(self.keys["seconds"], fields["seconds"], seconds)
            await pipe.execute()
        except (RedisError, OSError) as exc:
            log.warning("metrics store unavailable, request not counted: %s", exc)

    async def read(self) -> dict[str, dict[str, float]]:
        """Every stored field, per hash (``requests``, ``buckets``, ``seconds``)."""
        if not self.redis_url:
            with self._lock:
                return {name: dict(values) for name, values in self._memory.items()}
        client = self._client()
        pipe = client.pipeline(transaction=False)
        for key in self.keys.values():
            pipe.hgetall(key)
        answers = await pipe.execute()
        return {
            name: {_text(field): float(value) for field, value in answer.items()}
            for name, answer in zip(self.keys, answers, strict=True)
        }

    async def clear(self) -> None:
        if self.redis_url:
            await self._client().delete(*self.keys.values())
        else:
            with self._lock:
                for values in self._memory.values():
                    values.clear()

    def _client(self) -> redis_asyncio.Redis:
        loop_id = id(asyncio.get_running_loop())
        if loop_id not in self._clients:
            self._clients[loop_id] = redis_asyncio.Redis.from_url(
                self.redis_url, socket_connect_timeout=1, socket_timeout=1
            )
        return self._clients[loop_id]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def request_families(stored: dict[str, dict[str, float]]) -> list[Family]:
    requests = Family(
        "konduct_http_requests_total",
        "counter",
        "REST API requests answered, by method, route template and status code.",
    )
    for field, count in sorted(stored.get("requests", {}).items()):
        method, route, status = field.split(SEP)
        requests.add(int(count), method=method, route=route, status=status)

    buckets: dict[LabelKey, dict[str, int]] = defaultdict(dict)
    for field, count in stored.get("buckets", {}).items():
        method, route, le = field.split(SEP)
        buckets[(("method", method), ("route", route))][le] = int(count)
    sums: dict[LabelKey, float] = {}
    for field, seconds in stored.get("seconds", {}).items():
        method, route = field.split(SEP)
        sums[(("method", method), ("route", route))] = seconds
    latency = histogram(
        "konduct_http_request_duration_seconds",
        "Time to answer REST API requests, by method and route template.",
        buckets,
        sums,
    )
    return [requests, latency]


def dependency_families(settings: Settings) -> list[Family]:
    """Database and Redis health, checked now (blocking: call it in a worker thread)."""
    up = Family("konduct_dependency_up", "gauge", "1 when the dependency answers, 0 when not.")
    latency = Family(
        "konduct_dependency_latency_seconds",
        "gauge",
        "How long the dependency took to answer its health check.",
    )
    checks = {
        "database": check_database(engine_for(settings.database_url)),
        "redis": check_redis(settings.redis_url),
    }
    for name, check in checks.items():
        up.add(1 if check.ok else 0, dependency=name, backend=check.backend)
        if check.latency_ms is not None:
            latency.add(check.latency_ms / 1000, dependency=name, backend=check.backend)
    return [up, latency]


async def render_metrics(store: MetricsStore, settings: Settings) -> str:
    """The whole scrape: request counters and latency histograms, then dependency gauges."""
    try:
        families = request_families(await store.read())
    except (RedisError, OSError) as exc:
        log.warning("metrics store unavailable, serving dependency gauges only: %s", exc)
        families = []
    families += await asyncio.to_thread(dependency_families, settings)
    return render(families)
