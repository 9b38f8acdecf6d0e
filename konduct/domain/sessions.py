"""How long a sign-in lasts, and when it must stop: pure time arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


@dataclass(frozen=True)
class SessionPolicy:
    access_token_ttl: timedelta = timedelta(minutes=15)
    idle_timeout: timedelta = timedelta(hours=2)
    browser_session_lifetime: timedelta = timedelta(hours=12)
    remember_me_lifetime: timedelta = timedelta(days=30)
    # Writing last_activity on every request would turn reads into writes.
    activity_write_interval: timedelta = timedelta(minutes=1)

    def absolute_expiry(self, started: datetime, remember_me: bool) -> datetime:
        lifetime = self.remember_me_lifetime if remember_me else self.browser_session_lifetime
        return started + lifetime

    def idle_allowance(self, remember_me: bool) -> timedelta:
        # "Remember me" means coming back tomorrow without signing in again.
        return self.remember_me_lifetime if remember_me else self.idle_timeout


class SessionStatus(StrEnum):
    ACTIVE = "active"
    IDLE = "idle"  # unused for longer than the idle timeout
    EXPIRED = "expired"  # past its absolute lifetime
    REVOKED = "revoked"


def session_status(
    *,
    now: datetime,
    last_activity: datetime,
    absolute_expires_at: datetime,
    revoked_at: datetime | None,
    remember_me: bool,
    policy: SessionPolicy,
) -> SessionStatus:
    if revoked_at is not None:
        return SessionStatus.REVOKED
    if now >= absolute_expires_at:
        return SessionStatus.EXPIRED
    if now - last_activity > policy.idle_allowance(remember_me):
        return SessionStatus.IDLE
    return SessionStatus.ACTIVE


# Sign-in lockout: after this many failures in the window, sign-in pauses.
ACCOUNT_FAILURE_LIMIT = 5
IP_FAILURE_LIMIT = 20
FAILURE_WINDOW = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=5)
LONGEST_LOCK = timedelta(hours=2)


def lock_duration(lockouts_today: int) -> timedelta:
    """Backoff: 5 min for the first lockout of a day, doubling each time, at most 2 h."""
    doublings = min(max(0, lockouts_today - 1), 16)  # past the cap already; no huge ints
    doubling = FIRST_LOCK * (2**doublings)
    return min(doubling, LONGEST_LOCK)
