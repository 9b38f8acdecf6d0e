"""Short-lived shared values: counters and one-time tickets, in Redis or in memory.

Synchronous on purpose: services run in worker threads with a database
session, and these calls sit next to SQL, not on the event loop. Without a
Redis URL the values live in this process only (right for `make run`'s single
worker).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from functools import lru_cache

import redis


class KeyValueStore:
    def incr(self, key: str, ttl_s: int) -> int:
        """Add one; the key expires ``ttl_s`` after its first increment."""
        raise NotImplementedError

    def get(self, key: str) -> str | None:
        raise NotImplementedError

    def set(self, key: str, value: str, ttl_s: int) -> None:
        raise NotImplementedError

    def claim(self, key: str, value: str, ttl_s: int) -> bool:
        """Set ``key`` only if it is absent; True for the one caller that set it."""
        raise NotImplementedError

    def take(self, key: str) -> str | None:
        """Read and delete in one step: a value taken once is gone for everyone."""
        raise NotImplementedError

    def ttl(self, key: str) -> int:
        """Seconds left, 0 when missing."""
        raise NotImplementedError

    def delete(self, *keys: str) -> None:
        raise NotImplementedError

    def push(self, key: str, value: str) -> None:
        """Append to a queue (kept until taken)."""
        raise NotImplementedError

    def take_many(self, key: str, count: int) -> list[str]:
        """Remove and return up to ``count`` values from the queue's front, atomically."""
        raise NotImplementedError


class RedisStore(KeyValueStore):
    def __init__(self, url: str, prefix: str = "konduct:kv:"):
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=2, decode_responses=True
        )
        self.prefix = prefix

    def incr(self, key: str, ttl_s: int) -> int:
        pipe = self.client.pipeline()
        pipe.incr(self.prefix + key)
        pipe.expire(self.prefix + key, ttl_s, nx=True)
        count, _ = pipe.execute()
        return int(count)

    def get(self, key: str) -> str | None:
        return self.client.get(self.prefix + key)

    def set(self, key: str, value: str, ttl_s: int) -> None:
        self.client.set(self.prefix + key, value, ex=ttl_s)

    def claim(self, key: str, value: str, ttl_s: int) -> bool:
        return bool(self.client.set(self.prefix + key, value, ex=ttl_s, nx=True))

    def take(self, key: str) -> str | None:
        return self.client.getdel(self.prefix + key)

    def ttl(self, key: str) -> int:
        return max(0, int(self.client.ttl(self.prefix + key)))

    def delete(self, *keys: str) -> None:
        if keys:
            self.client.delete(*(self.prefix + k for k in keys))

    def push(self, key: str, value: str) -> None:
        self.client.rpush(self.prefix + key, value)

    def take_many(self, key: str, count: int) -> list[str]:
        return self.client.lpop(self.prefix + key, count) or []


class MemoryStore(KeyValueStore):
    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float]] = {}
        self._queues: dict[str, deque[str]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> tuple[str, float] | None:
        item = self._values.get(key)
        if item and item[1] <= time.monotonic():
            del self._values[key]
            return None
        return item

    def incr(self, key: str, ttl_s: int) -> int:
        with self._lock:
            item = self._live(key)
            count = int(item[0]) + 1 if item else 1
            expires = item[1] if item else time.monotonic() + ttl_s
            self._values[key] = (str(count), expires)
            return count

    def get(self, key: str) -> str | None:
        with self._lock:
            item = self._live(key)
            return item[0] if item else None

    def set(self, key: str, value: str, ttl_s: int) -> None:
        with self._lock:
            self._values[key] = (value, time.monotonic() + ttl_s)

    def claim(self, key: str, value: str, ttl_s: int) -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._values[key] = (value, time.monotonic() + ttl_s)
            return True

    def take(self, key: str) -> str | None:
        with self._lock:
            item = self._live(key)
            self._values.pop(key, None)
            return item[0] if item else None

    def ttl(self, key: str) -> int:
        with self._lock:
            item = self._live(key)
            return max(0, round(item[1] - time.monotonic())) if item else 0

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._values.pop(key, None)
                self._queues.pop(key, None)

    def push(self, key: str, value: str) -> None:
        with self._lock:
            self._queues.setdefault(key, deque()).append(value)

    def take_many(self, key: str, count: int) -> list[str]:
        with self._lock:
            queue = self._queues.get(key)
            if not queue:
                return []
            return [queue.popleft() for _ in range(min(count, len(queue)))]


@lru_cache
def store_for(redis_url: str | None, prefix: str = "konduct") -> KeyValueStore:
    return RedisStore(redis_url, prefix=f"{prefix}:kv:") if redis_url else MemoryStore()
