"""The monthly API quota: requests made with API keys, counted per team in Redis.

Free has no API access; Professional a documented number of requests per
calendar month (``PLAN_LIMITS``); Enterprise a very large one. Each admitted
request is also counted for its key's owner, for the team's usage statistics.
Counting in Redis (``kv``) keeps the check to one round trip and shared by every
worker; the per-member counters live 400 days, long enough for a year of charts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from konduct.domain.months import month_key, next_month_start
from konduct.domain.plans import Feature, check_api_quota, limits_for, require_feature
from konduct.models.base import utcnow
from konduct.services.auth import AuthContext
from konduct.services.kv import KeyValueStore, store_for
from konduct.services.plans import plan_of
from konduct.settings import Settings

USAGE_TTL_S = 400 * 86400


@dataclass(frozen=True)
class QuotaStatus:
    cap: int
    remaining: int
    reset_at: int  # unix time the next month's quota starts


def _kv(settings: Settings) -> KeyValueStore:
    return store_for(settings.redis_url, settings.redis_key_prefix)


def _team_key(team_id: uuid.UUID, month: str) -> str:
    return f"api-quota:{team_id}:{month}"


def _member_key(team_id: uuid.UUID, month: str, user_id: uuid.UUID) -> str:
    return f"api-usage:{team_id}:{month}:{user_id}"


def admit(
    session: Session, *, ctx: AuthContext, settings: Settings, now: datetime | None = None
) -> QuotaStatus:
    """Count one API-key request; refuse it (before it does anything) when the plan has no
    API access or this month's quota is spent."""
    now = now or utcnow()
    plan = plan_of(session, ctx.team_id)
    require_feature(plan, Feature.API_ACCESS)
    month = month_key(now)
    reset = next_month_start(now)
    kv = _kv(settings)
    # Counted before the check, so parallel requests cannot all take the last place.
    count = kv.incr(_team_key(ctx.team_id, month), int((reset - now).total_seconds()) + 86400)
    check_api_quota(plan, count - 1, reset_at=int(reset.timestamp()))
    kv.incr(_member_key(ctx.team_id, month, ctx.user.id), USAGE_TTL_S)
    cap = limits_for(plan).api_requests_per_month
    return QuotaStatus(cap=cap, remaining=cap - count, reset_at=int(reset.timestamp()))


def used(settings: Settings, team_id: uuid.UUID, at: datetime) -> int:
    """Requests counted against the team's quota in the month of ``at``."""
    return int(_kv(settings).get(_team_key(team_id, month_key(at))) or 0)


def calls_by_member(
    settings: Settings, team_id: uuid.UUID, at: datetime, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """Admitted API-key requests per member in the month of ``at``."""
    kv, month = _kv(settings), month_key(at)
    return {uid: int(kv.get(_member_key(team_id, month, uid)) or 0) for uid in user_ids}
