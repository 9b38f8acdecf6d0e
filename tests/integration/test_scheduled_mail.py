"""The scheduled-mail job on the real PostgreSQL and SMTP sink: parallel workers and
restarts neither lose nor duplicate a mail."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import Session, select

from konduct.db import make_engine, session_scope
from konduct.domain.visitor_requests import MAX_SEND_ATTEMPTS
from konduct.models import ScheduledMail
from konduct.models.base import utcnow
from konduct.services.scheduled_mail import schedule, send_due
from tests.conftest import PROJECT_ROOT, free_port


def queue(engine, recipient: str, kind: str = "trial.welcome", delay=timedelta(0)) -> None:
    with session_scope(engine) as session:
        schedule(
            session,
            kind=kind,
            recipient=recipient,
            context={"full_name": "Ada", "register_url": "http://localhost/register?trial=x"},
            due_at=utcnow() + delay,
            dedupe_key=f"test:{recipient}:{kind}",
        )


def received_by(sink, recipients: set[str]) -> list[str]:
    return [r for item in sink.received for r in item.rcpt_tos if r in recipients]


def test_parallel_workers_send_each_due_mail_exactly_once(engine, migrated_db_url, smtp_sink):
    recipients = {f"par-{uuid.uuid4().hex[:8]}@example.com" for _ in range(12)}
    for recipient in recipients:
        queue(engine, recipient)
    settings = smtp_sink.settings(database_url=migrated_db_url)
    # Three "workers", each with its own engine and connections, started together.
    engines = [make_engine(migrated_db_url) for _ in range(3)]
    start = threading.Barrier(3)

    def worker(own_engine) -> None:
        start.wait()
        send_due(settings, engine=own_engine)

    threads = [threading.Thread(target=worker, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for own in engines:
        own.dispose()

    assert sorted(received_by(smtp_sink, recipients)) == sorted(recipients)
    with Session(engine) as session:
        rows = session.exec(
            select(ScheduledMail).where(ScheduledMail.recipient.in_(recipients))  # type: ignore[attr-defined]
        ).all()
    assert all(row.sent_at is not None and row.attempts == 1 for row in rows)


def test_a_row_locked_by_another_worker_is_skipped_not_waited_for(
    engine, migrated_db_url, smtp_sink
):
    busy, free = (f"{tag}-{uuid.uuid4().hex[:8]}@example.com" for tag in ("busy", "free"))
    queue(engine, busy)
    queue(engine, free)
    settings = smtp_sink.settings(database_url=migrated_db_url)
    with engine.connect() as other_worker, other_worker.begin():
        other_worker.execute(
            text("SELECT id FROM scheduled_mail WHERE recipient = :r FOR UPDATE"), {"r": busy}
        )
        send_due(settings, engine=engine)  # would hang here without SKIP LOCKED
        assert received_by(smtp_sink, {busy, free}) == [free]
    send_due(settings, engine=engine)
    assert sorted(received_by(smtp_sink, {busy, free})) == sorted([busy, free])


def _run_job_in_a_new_process(database_url: str, sink) -> str:
    env = {
        **os.environ,
        "KONDUCT_ENV": "test",
        "DATABASE_URL": database_url,
        "SMTP_HOST": sink.host,
        "SMTP_PORT": str(sink.port),
        "SMTP_STARTTLS": "false",
        "JWT_SECRET": "t" * 48,
        "JWT_REFRESH_SECRET": "r" * 48,
        "SESSION_SECRET": "s" * 48,
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "konduct", "send-scheduled-mail"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_restart_loses_nothing_and_sends_nothing_twice(engine, migrated_db_url, smtp_sink):
    recipient = f"restart-{uuid.uuid4().hex[:8]}@example.com"
    queue(engine, recipient, "trial.welcome")
    queue(engine, recipient, "trial.tips", delay=timedelta(days=2))
    # Queuing the same mail again (a retried request) keeps one row.
    queue(engine, recipient, "trial.welcome")

    # One process sends what is due, and ends ("the server stops").
    assert "sent" in _run_job_in_a_new_process(migrated_db_url, smtp_sink)
    welcome = [m for m in smtp_sink.messages if recipient in str(m["To"])]
    assert [str(m["Subject"]) for m in welcome] == ["Welcome to your Konduct trial"]

    # A new process after the restart: the welcome is not sent again, the tips still wait.
    _run_job_in_a_new_process(migrated_db_url, smtp_sink)
    assert received_by(smtp_sink, {recipient}) == [recipient]

    # Two days later the tips go, once, whoever runs the job.
    settings = smtp_sink.settings(database_url=migrated_db_url)
    later = utcnow() + timedelta(days=2, minutes=1)
    send_due(settings, engine=engine, now=later)
    send_due(settings, engine=engine, now=later)
    subjects = [str(m["Subject"]) for m in smtp_sink.messages if recipient in str(m["To"])]
    assert subjects == [
        "Welcome to your Konduct trial",
        "Three tips for campaign IDs your team can trust",
    ]


def test_a_failing_mail_is_retried_with_pauses_then_given_up(engine, migrated_db_url):
    recipient = f"fail-{uuid.uuid4().hex[:8]}@example.com"
    queue(engine, recipient)
    # Nothing listens on this port: every send fails.
    settings_down = {
        "konduct_env": "test",
        "database_url": migrated_db_url,
        "smtp_host": "127.0.0.1",
        "smtp_port": free_port(),
        "smtp_starttls": False,
        "jwt_secret": "t" * 48,
        "jwt_refresh_secret": "r" * 48,
        "session_secret": "s" * 48,
    }
    from konduct.settings import Settings

    settings = Settings(_env_file=None, **settings_down)

    def row() -> ScheduledMail:
        with Session(engine) as session:
            return session.exec(
                select(ScheduledMail).where(ScheduledMail.recipient == recipient)
            ).one()

    now = utcnow()
    assert send_due(settings, engine=engine, now=now).failed >= 1
    first = row()
    assert first.attempts == 1 and first.sent_at is None and first.failed_at is None
    assert first.due_at > now and "connect" in (first.last_error or "")
    # Not due again until the pause is over.
    send_due(settings, engine=engine, now=now)
    assert row().attempts == 1
    for step in range(MAX_SEND_ATTEMPTS):
        send_due(settings, engine=engine, now=now + timedelta(days=step + 1))
    gave_up = row()
    assert gave_up.attempts == MAX_SEND_ATTEMPTS and gave_up.failed_at is not None
