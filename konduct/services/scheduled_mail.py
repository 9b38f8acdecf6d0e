"""Mail sent later: the durable queue behind the trial's welcome sequence.

Each mail is a ``scheduled_mail`` row. :func:`send_due` sends the due ones, one
transaction per mail: the row is locked with ``FOR UPDATE SKIP LOCKED`` (PostgreSQL;
SQLite serves one worker and ignores it), sent, marked sent, committed. So several
workers (or a worker and the CLI) never send the same mail, and a restart loses nothing:
unsent rows simply wait for the next round. A crash between the SMTP server's "250 OK"
and the COMMIT would send that one mail again on restart (at least once, never lost);
every other case sends exactly once.

A failed send is retried with growing pauses, then given up (``failed_at``) and logged.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from konduct.db import engine_for, session_scope
from konduct.domain.visitor_requests import MAX_SEND_ATTEMPTS, retry_delay
from konduct.models import ScheduledMail
from konduct.models.base import utcnow
from konduct.services.mail import send_mail
from konduct.services.request_mails import SCHEDULED_RENDERERS
from konduct.settings import Settings, get_settings

log = logging.getLogger("konduct.scheduled_mail")
POLL_SECONDS = 5


def schedule(
    session: Session,
    *,
    kind: str,
    recipient: str,
    context: dict[str, Any],
    due_at: datetime,
    dedupe_key: str,
) -> bool:
    """Queue one mail in the caller's transaction; False if that key was queued before."""
    if kind not in SCHEDULED_RENDERERS:
        raise ValueError(f"no mail template called {kind!r}")
    try:
        with session.begin_nested():
            session.add(
                ScheduledMail(
                    kind=kind,
                    recipient=recipient,
                    context=context,
                    due_at=due_at,
                    dedupe_key=dedupe_key,
                )
            )
            session.flush()
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0

    def __add__(self, other: SendReport) -> SendReport:
        return SendReport(self.sent + other.sent, self.failed + other.failed)


def _send_next(engine: Engine, settings: Settings, now: datetime) -> SendReport | None:
    """Lock, send and mark the oldest due mail; None when nothing is due (or free)."""
    with session_scope(engine) as session:
        row = session.exec(
            select(ScheduledMail)
            .where(
                col(ScheduledMail.sent_at).is_(None),
                col(ScheduledMail.failed_at).is_(None),
                ScheduledMail.due_at <= now,
            )
            .order_by(col(ScheduledMail.due_at))
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if row is None:
            return None
        row.attempts += 1
        try:
            send_mail(SCHEDULED_RENDERERS[row.kind](row.recipient, row.context, settings), settings)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded on the row
            row.last_error = str(exc)[:2000]
            if row.attempts >= MAX_SEND_ATTEMPTS:
                row.failed_at = utcnow()
                log.error("gave up sending %s to %s: %s", row.kind, row.recipient, exc)
            else:
                row.due_at = utcnow() + retry_delay(row.attempts)
                log.warning("could not send %s to %s, will retry: %s", row.kind, row.recipient, exc)
            session.add(row)
            return SendReport(failed=1)
        row.sent_at = utcnow()
        row.last_error = None
        session.add(row)
        return SendReport(sent=1)


def send_due(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    now: datetime | None = None,
    limit: int = 100,
) -> SendReport:
    """Send up to ``limit`` due mails; what was sent and what failed this round."""
    settings = settings or get_settings()
    engine = engine or engine_for(settings.database_url)
    report = SendReport()
    for _ in range(limit):
        outcome = _send_next(engine, settings, now or utcnow())
        if outcome is None:
            break
        report += outcome
    return report


def pending(session: Session, *, recipient: str | None = None) -> list[ScheduledMail]:
    """Unsent mails, soonest first (for tests and the admin)."""
    query = select(ScheduledMail).where(col(ScheduledMail.sent_at).is_(None))
    if recipient:
        query = query.where(ScheduledMail.recipient == recipient)
    return list(session.exec(query.order_by(col(ScheduledMail.due_at))).all())


async def send_scheduled_mail_forever() -> None:
    """The app's lifespan task: every few seconds, send what is due."""
    settings = get_settings()
    while True:
        await asyncio.sleep(POLL_SECONDS)
        try:
            await asyncio.to_thread(send_due, settings)
        except Exception:  # the rows stay queued; the next round retries them
            log.exception("scheduled mail round failed")
