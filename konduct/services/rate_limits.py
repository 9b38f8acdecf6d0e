"""Request quotas on Redis (shared by every worker) or in process memory.

A sliding-window counter from the ``limits`` package: smooth at window edges,
two small Redis operations per check. One limiter serves the whole process;
each event loop gets its own storage client because asyncio Redis
connections cannot cross loops (tests and some servers run several loops).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

log = logging.getLogger("konduct.rate_limits")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: float  # unix time when the window has room again
    backend_ok: bool = True

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.reset_at - time.time()))


def parse_limit(text: str) -> RateLimitItem:
    """``"120/minute"`` -> a limit; raises ValueError with the text on a typo."""
    try:
        return parse(text)
    except ValueError as exc:
        raise ValueError(f"not a rate limit: {text!r} (expected e.g. '120/minute')") from exc


class RateLimiter:
    def __init__(self, redis_url: str | None, *, key_prefix: str = "konduct:rl"):
        self.redis_url = redis_url
        self.key_prefix = key_prefix
        self._memory: MemoryStorage | None = None
        self._per_loop: dict[int, RedisStorage] = {}

    @property
    def backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    def _storage(self) -> Storage:
        if not self.redis_url:
            if self._memory is None:
                self._memory = MemoryStorage()
            return self._memory
        loop_id = id(asyncio.get_running_loop())
        storage = self._per_loop.get(loop_id)
        if storage is None:
            uri = "async+" + self.redis_url
            storage = RedisStorage(uri, implementation="redispy", key_prefix=self.key_prefix)
            self._per_loop[loop_id] = storage
        return storage

    async def hit(self, limit: RateLimitItem, *identifiers: str) -> Decision:
        """Count one request against ``limit`` for these identifiers.

        If Redis is unreachable the request is allowed (and logged): an outage
        of the limiter must not take the API down with it.
        """
        strategy = SlidingWindowCounterRateLimiter(self._storage())
        try:
            allowed = await strategy.hit(limit, *identifiers)
            stats = await strategy.get_window_stats(limit, *identifiers)
        except Exception as exc:  # redis errors come in several families
            log.warning("rate limiter unavailable, allowing request: %s", exc)
            return Decision(True, limit.amount, limit.amount, time.time(), backend_ok=False)
        return Decision(allowed, limit.amount, stats.remaining, stats.reset_time)

    async def clear(self, limit: RateLimitItem, *identifiers: str) -> None:
        await SlidingWindowCounterRateLimiter(self._storage()).clear(limit, *identifiers)
