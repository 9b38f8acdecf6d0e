"""Request quotas: a sliding-window counter on Redis, or in process memory.

The sliding-window counter keeps one count per fixed window and weighs the
previous window by how much of it still overlaps the sliding one. It is
smooth at window edges, needs two integers per client, and on Redis costs a
single round trip (one Lua script that reads, decides and counts), which
matters because the check sits in front of every API call. Without a Redis
URL the same arithmetic runs in memory: right for one process (``make run``),
wrong for several workers, which is why several workers require Redis.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from dataclasses import dataclass

import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from konduct.domain.rate_limits import Limit, decide, retry_after

log = logging.getLogger("konduct.rate_limits")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until a refused client may try again (0 when allowed)
    reset_at: int  # unix time when the current window ends
    backend_ok: bool = True


# KEYS: current window, previous window. ARGV: amount, period in ms, ms into the window.
_REDIS_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local period = tonumber(ARGV[2])
local weighted = previous * (period - tonumber(ARGV[3])) / period + current
if weighted + 1 > tonumber(ARGV[1]) then
  return {0, current, previous}
end
current = redis.call('INCR', KEYS[1])
if current == 1 then
  redis.call('PEXPIRE', KEYS[1], period * 2)
end
return {1, current, previous}
"""


class RateLimiter:
    """Counts requests per (name, identifier) against a Limit.

    If Redis is unreachable the request is allowed and the outage logged: a
    broken limiter must not take the API down with it.
    """

    def __init__(self, redis_url: str | None, *, key_prefix: str = "konduct:rl"):
        self.redis_url = redis_url
        self.key_prefix = key_prefix
        # asyncio Redis connections belong to one event loop; tests run several.
        self._clients: dict[int, tuple[redis_asyncio.Redis, object]] = {}
        self._memory: dict[str, tuple[int, int, int]] = {}  # key -> (window, current, previous)
        self._memory_lock = threading.Lock()

    @property
    def backend(self) -> str:
        return "redis" if self.redis_url else "memory"

    async def hit(self, limit: Limit, *identifiers: str, now: float | None = None) -> Decision:
        now = time.time() if now is None else now
        window = int(now // limit.period_s)
        key = ":".join((self.key_prefix, str(limit.period_s), *identifiers))
        if self.redis_url:
            try:
                allowed, current, previous = await self._hit_redis(limit, key, window, now)
            except (RedisError, OSError) as exc:
                log.warning("rate limiter unavailable, allowing request: %s", exc)
                return Decision(
                    True,
                    limit.amount,
                    limit.amount,
                    0,
                    (window + 1) * limit.period_s,
                    backend_ok=False,
                )
        else:
            allowed, current, previous = self._hit_memory(limit, key, window, now)
        _, weighted = decide(limit, now, current - (1 if allowed else 0), previous)
        remaining = max(0, math.floor(limit.amount - weighted - (1 if allowed else 0)))
        retry = 0 if allowed else retry_after(limit, now, current, previous)
        return Decision(allowed, limit.amount, remaining, retry, (window + 1) * limit.period_s)

    async def _hit_redis(
        self, limit: Limit, key: str, window: int, now: float
    ) -> tuple[bool, int, int]:
        client, script = self._client()
        into_window_ms = int((now % limit.period_s) * 1000)
        allowed, current, previous = await script(
            keys=[f"{key}:{window}", f"{key}:{window - 1}"],
            args=[limit.amount, limit.period_s * 1000, into_window_ms],
        )
        return bool(allowed), int(current), int(previous)

    def _client(self):
        loop_id = id(asyncio.get_running_loop())
        if loop_id not in self._clients:
            client = redis_asyncio.Redis.from_url(
                self.redis_url, socket_connect_timeout=1, socket_timeout=1
            )
            self._clients[loop_id] = (client, client.register_script(_REDIS_SCRIPT))
        return self._clients[loop_id]

    def _hit_memory(self, limit: Limit, key: str, window: int, now: float) -> tuple[bool, int, int]:
        with self._memory_lock:
            stored_window, current, previous = self._memory.get(key, (window, 0, 0))
            if stored_window == window - 1:
                current, previous = 0, current
            elif stored_window != window:
                current, previous = 0, 0
            allowed, _ = decide(limit, now, current, previous)
            if allowed:
                current += 1
            self._memory[key] = (window, current, previous)
            if len(self._memory) > 100_000:
                self._forget_idle(window)
            return allowed, current, previous

    def _forget_idle(self, window: int) -> None:
        for key in [k for k, (w, _, _) in self._memory.items() if w < window - 1]:
            del self._memory[key]

    async def reset(self, limit: Limit, *identifiers: str) -> None:
        """Forget the counts for these identifiers (e.g. after a successful login)."""
        key = ":".join((self.key_prefix, str(limit.period_s), *identifiers))
        window = int(time.time() // limit.period_s)
        if self.redis_url:
            client, _ = self._client()
            await client.delete(f"{key}:{window}", f"{key}:{window - 1}")
        else:
            with self._memory_lock:
                self._memory.pop(key, None)
