"""Rate limit arithmetic: the sliding-window counter, free of any storage.

One count per fixed window; the previous window is weighed by how much of it
still overlaps the sliding window ending now. Storage (Redis or memory) lives
in ``konduct.services.rate_limits``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
LIMIT_PATTERN = re.compile(r"^\s*(\d+)\s*(?:/|per)\s*(\d*)\s*(second|minute|hour|day)s?\s*$")


@dataclass(frozen=True)
class Limit:
    amount: int
    period_s: int

    def __str__(self) -> str:
        return f"{self.amount} per {self.period_s} s"


def parse_limit(text: str) -> Limit:
    """``"120/minute"``, ``"10 per 15 minutes"`` -> a Limit; ValueError on anything else."""
    match = LIMIT_PATTERN.match(text.lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"not a rate limit: {text!r} (expected e.g. '120/minute')")
    amount, multiple, unit = match.groups()
    return Limit(int(amount), int(multiple or 1) * PERIODS[unit])


def decide(limit: Limit, now: float, current: int, previous: int) -> tuple[bool, float]:
    """Whether one more request fits, and the weighted count before it."""
    elapsed = now % limit.period_s
    weighted = previous * (limit.period_s - elapsed) / limit.period_s + current
    return weighted + 1 <= limit.amount, weighted


def retry_after(limit: Limit, now: float, current: int, previous: int) -> int:
    """Seconds until the weighted count has room for one more request."""
    period = limit.period_s
    elapsed = now % period
    room = limit.amount - 1 - current
    if room >= 0:
        # Room appears once the previous window's share has shrunk below ``room``.
        wait = period * (1 - room / previous) - elapsed if previous else 0
    else:
        # This window is full: in the next one, today's count becomes the shrinking share.
        wait = (period - elapsed) + period * (1 - (limit.amount - 1) / current)
    # Rounded first so float noise (3.0000000000000036) does not add a second.
    return max(1, math.ceil(round(wait, 6)))


# Per-address quotas on the account doors, shared by the REST routes and the pages.
SIGN_IN_LIMIT = "10/minute"
SIGN_UP_LIMIT = "5/hour"
PASSWORD_RESET_LIMIT = "5/hour"
URL_CHECK_LIMIT = "20/minute"
