"""Konduct's short redirects and the clicks they count.

``/r/{code}`` must answer fast, so the redirect does no database write: the
link is looked up through a cache, the click is pushed onto a queue in Redis
(memory without Redis), and a background task writes the queue to the
database in batches. Reading the figures flushes first, so they are current.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import func
from sqlmodel import Session, select

from konduct.models import LinkClick, UtmLink
from konduct.services import campaigns
from konduct.services.auth import AuthContext
from konduct.services.devices import device_class
from konduct.services.kv import KeyValueStore
from konduct.settings import Settings

QUEUE = "clicks:pending"
LINK_CACHE_SECONDS = 3600
BATCH = 500
log = logging.getLogger("konduct.clicks")


def resolve(session: Session, kv: KeyValueStore, code: str) -> dict | None:
    """The link behind a short code: {id, team_id, url}, cached."""
    if not code.isalnum() or len(code) > 16:
        return None
    if cached := kv.get(f"short:{code}"):
        return json.loads(cached)
    link = session.exec(select(UtmLink).where(UtmLink.short_code == code)).first()
    if link is None:
        return None
    found = {"id": str(link.id), "team_id": str(link.team_id), "url": link.tagged_url}
    kv.set(f"short:{code}", json.dumps(found), LINK_CACHE_SECONDS)
    return found


def forget(kv: KeyValueStore, code: str) -> None:
    """After a link's target changed: the next visit reads it from the database."""
    kv.delete(f"short:{code}")


def record(
    kv: KeyValueStore, link: dict, *, referrer: str | None, user_agent: str, country: str | None
) -> None:
    host = urlsplit(referrer).hostname if referrer else None
    kv.push(
        QUEUE,
        json.dumps(
            {
                "link_id": link["id"],
                "team_id": link["team_id"],
                "at": datetime.now(UTC).isoformat(),
                "referrer_host": (host or "")[:255] or None,
                "device_class": device_class(user_agent),
                "country": (country or "").upper()[:2] or None,
            }
        ),
    )


def flush(session: Session, kv: KeyValueStore) -> int:
    """Write queued clicks to the database; clicks of links deleted meanwhile are dropped."""
    written = 0
    while batch := kv.take_many(QUEUE, BATCH):
        clicks = [json.loads(item) for item in batch]
        link_ids = {uuid.UUID(c["link_id"]) for c in clicks}
        alive = set(session.exec(select(UtmLink.id).where(UtmLink.id.in_(link_ids))).all())
        rows = [
            LinkClick(
                link_id=uuid.UUID(c["link_id"]),
                team_id=uuid.UUID(c["team_id"]),
                clicked_at=datetime.fromisoformat(c["at"]),
                referrer_host=c["referrer_host"],
                device_class=c["device_class"],
                country=c["country"],
            )
            for c in clicks
            if uuid.UUID(c["link_id"]) in alive
        ]
        try:
            session.add_all(rows)
            session.flush()
        except Exception:
            for item in batch:  # back on the queue (at the end): the next flush retries them
                kv.push(QUEUE, item)
            raise
        written += len(rows)
        if len(batch) < BATCH:
            break
    return written


def campaign_clicks(session: Session, *, ctx: AuthContext, ref: str, kv: KeyValueStore) -> dict:
    """Clicks of a campaign's links: total, per day, per link and per device class."""
    campaign = campaigns.get(session, ctx=ctx, ref=ref)
    flush(session, kv)
    links = session.exec(select(UtmLink).where(UtmLink.campaign_id == campaign.id)).all()
    if not links:
        return {"total": 0, "by_day": [], "by_link": [], "by_device": {}}
    ids = [link.id for link in links]
    day = func.date(LinkClick.clicked_at)
    per_day = session.exec(
        select(day, func.count()).where(LinkClick.link_id.in_(ids)).group_by(day).order_by(day)
    ).all()
    per_link = dict(
        session.exec(
            select(LinkClick.link_id, func.count())
            .where(LinkClick.link_id.in_(ids))
            .group_by(LinkClick.link_id)
        ).all()
    )
    devices = Counter(
        dict(
            session.exec(
                select(LinkClick.device_class, func.count())
                .where(LinkClick.link_id.in_(ids))
                .group_by(LinkClick.device_class)
            ).all()
        )
    )
    return {
        "total": sum(per_link.values()),
        "by_day": [{"date": str(d), "clicks": n} for d, n in per_day],
        "by_link": [
            {
                "link_id": str(link.id),
                "label": link.label or link.medium,
                "clicks": per_link.get(link.id, 0),
            }
            for link in links
        ],
        "by_device": dict(devices),
    }


def flush_now(settings: Settings) -> int:
    """One flush in its own transaction (the background task's step)."""
    from konduct.db import engine_for, session_scope
    from konduct.services.kv import store_for

    with session_scope(engine_for(settings.database_url)) as session:
        return flush(session, store_for(settings.redis_url, settings.redis_key_prefix))
