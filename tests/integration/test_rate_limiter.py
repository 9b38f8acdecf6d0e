"""The limiter on both of its stores: the real Redis, and process memory for `make run`."""

import asyncio
import uuid

import pytest
import redis

from konduct.domain.rate_limits import Limit
from konduct.services.rate_limits import RateLimiter


@pytest.fixture(params=["redis", "memory"])
def limiter(request, redis_url: str):
    prefix = f"konduct-test:{uuid.uuid4().hex}"
    yield RateLimiter(redis_url if request.param == "redis" else None, key_prefix=prefix)
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def run(coro):
    return asyncio.run(coro)


def test_counts_down_then_refuses(limiter: RateLimiter) -> None:
    limit = Limit(3, 60)
    now = 6000.0  # the start of a window, so the arithmetic below is exact

    async def scenario():
        return [await limiter.hit(limit, "login", "alice", now=now + i) for i in range(4)]

    decisions = run(scenario())
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    # 57 s to the window end, then 20 s until 3 previous requests weigh 2.
    assert decisions[-1].retry_after == 77
    assert decisions[0].reset_at == 6060


def test_identifiers_are_counted_apart(limiter: RateLimiter) -> None:
    limit = Limit(1, 60)

    async def scenario():
        return (
            await limiter.hit(limit, "api", "10.0.0.1", now=60.0),
            await limiter.hit(limit, "api", "10.0.0.2", now=60.0),
            await limiter.hit(limit, "api", "10.0.0.1", now=61.0),
        )

    first, other, again = run(scenario())
    assert first.allowed and other.allowed and not again.allowed


def test_the_sliding_window_carries_the_previous_count(limiter: RateLimiter) -> None:
    limit = Limit(4, 60)

    async def scenario():
        for i in range(4):
            await limiter.hit(limit, "api", "bob", now=120.0 + i)
        # 30 s into the next window half of the 4 still count: two more fit, not three.
        return [await limiter.hit(limit, "api", "bob", now=210.0 + i) for i in range(3)]

    assert [d.allowed for d in run(scenario())] == [True, True, False]


def test_reset_forgets_the_counts(limiter: RateLimiter) -> None:
    limit = Limit(1, 3600)

    async def scenario():
        await limiter.hit(limit, "login", "carol")
        refused = await limiter.hit(limit, "login", "carol")
        await limiter.reset(limit, "login", "carol")
        return refused, await limiter.hit(limit, "login", "carol")

    refused, after_reset = run(scenario())
    assert not refused.allowed and after_reset.allowed


def test_concurrent_hits_never_exceed_the_limit(limiter: RateLimiter) -> None:
    limit = Limit(10, 60)

    async def scenario():
        return await asyncio.gather(
            *[limiter.hit(limit, "api", "burst", now=300.0) for _ in range(40)]
        )

    assert sum(d.allowed for d in run(scenario())) == 10


def test_an_unreachable_redis_lets_requests_through() -> None:
    limiter = RateLimiter("redis://127.0.0.1:1/0")
    decision = run(limiter.hit(Limit(1, 60), "api", "x"))
    assert decision.allowed and not decision.backend_ok
