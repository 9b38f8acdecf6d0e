"""Fixtures shared by every test folder.

Database tests run on a real PostgreSQL (never SQLite, never mocks). Each test
session (each pytest-xdist worker) gets its own freshly created database,
migrated with alembic, and drops it at the end. Every fixture is lazy: tests
that ask for none of them never touch PostgreSQL.

=================  ========  ===================================================
fixture            scope     yields
=================  ========  ===================================================
pg_admin_url       session   URL of the maintenance database used to create and
                             drop test databases; env TEST_DATABASE_ADMIN_URL,
                             default postgresql+psycopg://postgres@127.0.0.1:5432/postgres
create_database    session   factory ``create_database() -> url`` of a new, empty
                             database; all of them are dropped at session end
alembic_runner     session   ``alembic_runner(url, "upgrade", "head")``: runs an
                             alembic command (``upgrade``/``downgrade``/...) on url
migrated_db_url    session   URL of a fresh database upgraded to alembic head
engine             session   ``konduct.db.make_engine(migrated_db_url)``
db_session         function  a ``sqlmodel.Session`` inside a transaction that is
                             rolled back after the test; code under test may
                             ``commit()`` (it only releases a SAVEPOINT)
redis_url          session   env TEST_REDIS_URL or redis://127.0.0.1:6379/15
=================  ========  ===================================================

Pass ``db_session`` to the code under test: anything that opens its own
session on ``konduct.db.get_engine()`` would write outside the rollback.
"""

import email
import email.policy
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from alembic import command

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
DEFAULT_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def alembic_config(connection: Connection | None = None) -> Config:
    """Konduct's alembic Config; with ``connection``, alembic runs on that connection."""
    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logger"] = False  # leave pytest's logging alone
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def run_alembic(db_url: str, action: str, *args: str) -> None:
    """Run ``alembic <action> <args>`` on ``db_url`` in one committed transaction."""
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            getattr(command, action)(alembic_config(connection), *args)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    return os.environ.get("TEST_DATABASE_ADMIN_URL", DEFAULT_PG_ADMIN_URL)


@pytest.fixture(scope="session")
def create_database(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    created: list[str] = []

    def create() -> str:
        name = f"konduct_test_{os.getpid()}_{secrets.token_hex(4)}"
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except OperationalError as exc:
            pytest.fail(
                f"PostgreSQL is not reachable at {make_url(pg_admin_url)!r}: {exc.orig}\n"
                "Start it, or point TEST_DATABASE_ADMIN_URL at a server where the user "
                "may CREATE DATABASE.",
                pytrace=False,
            )
        created.append(name)
        return make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)

    yield create

    with admin.connect() as connection:
        for name in created:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def alembic_runner() -> Callable[..., None]:
    return run_alembic


@pytest.fixture(scope="session")
def migrated_db_url(create_database: Callable[[], str]) -> str:
    url = create_database()
    run_alembic(url, "upgrade", "head")
    return url


@pytest.fixture(scope="session")
def engine(migrated_db_url: str) -> Iterator[Engine]:
    from konduct.db import make_engine

    engine = make_engine(migrated_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session whose work is all rolled back when the test ends.

    ``session.commit()`` releases a SAVEPOINT instead of committing, and
    ``session.rollback()`` returns to it; ``with db_session.begin_nested():``
    lets a test recover from an expected IntegrityError and carry on.
    """
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(scope="session")
def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", DEFAULT_REDIS_URL)


# --- Mail: a real SMTP server on localhost ------------------------------------------------
#
# ``smtp_sink`` (function scope; one aiosmtpd server per session/xdist worker, emptied
# before each test) receives what ``konduct.services.mail.send_mail`` sends over SMTP:
#
#   smtp_sink.host, smtp_sink.port      where it listens (127.0.0.1, a free port)
#   smtp_sink.settings(**overrides)     Settings pointing SMTP_* at the sink (no STARTTLS)
#   smtp_sink.messages                  list[EmailMessage] received, oldest first
#   smtp_sink.received                  the same as ReceivedMail(message, mail_from, rcpt_tos)
#   smtp_sink.wait_for(to, subject_contains="", timeout=10) -> EmailMessage
#   smtp_sink.links(message) -> list[str]   http(s) links of the plain-text part
#   smtp_sink.clear()


@dataclass(frozen=True)
class ReceivedMail:
    message: EmailMessage
    mail_from: str
    rcpt_tos: tuple[str, ...]


class _SinkHandler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[ReceivedMail] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd calls it so
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(
                ReceivedMail(message, envelope.mail_from, tuple(envelope.rcpt_tos))
            )
        return "250 Message accepted for delivery"


_LINK_RE = re.compile(r"https?://[^\s<>\"']+")


class SmtpSink:
    def __init__(self, handler: _SinkHandler, host: str, port: int) -> None:
        self._handler = handler
        self.host = host
        self.port = port

    @property
    def received(self) -> list[ReceivedMail]:
        with self._handler.lock:
            return list(self._handler.received)

    @property
    def messages(self) -> list[EmailMessage]:
        return [item.message for item in self.received]

    def clear(self) -> None:
        with self._handler.lock:
            self._handler.received.clear()

    def settings(self, **overrides):
        """Settings that send to this sink; secrets are given, so nothing is written."""
        from konduct.settings import Settings

        values = {
            "konduct_env": "test",
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_user": "",
            "smtp_password": "",
            "smtp_starttls": False,
            "jwt_secret": "t" * 48,
            "jwt_refresh_secret": "r" * 48,
            "session_secret": "s" * 48,
            **overrides,
        }
        return Settings(_env_file=None, **values)

    def wait_for(self, to: str, subject_contains: str = "", timeout: float = 10) -> EmailMessage:
        """The first mail to ``to`` whose subject contains ``subject_contains``."""
        deadline = time.monotonic() + timeout
        wanted = to.lower()
        while True:
            for item in self.received:
                recipients = [r.lower() for r in item.rcpt_tos] + [
                    address.addr_spec.lower()
                    for address in getattr(item.message["To"], "addresses", ())
                ]
                subject = str(item.message.get("Subject", ""))
                if wanted in recipients and subject_contains.lower() in subject.lower():
                    return item.message
            if time.monotonic() >= deadline:
                arrived = [
                    f"to {list(item.rcpt_tos)}: {item.message.get('Subject')!r}"
                    for item in self.received
                ]
                raise AssertionError(
                    f"no mail to {to!r} with {subject_contains!r} in the subject within "
                    f"{timeout} s; arrived: {arrived or 'nothing'}"
                )
            time.sleep(0.05)

    @staticmethod
    def links(message: EmailMessage) -> list[str]:
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        return [link.rstrip(".,;:!?)") for link in _LINK_RE.findall(text)]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def _smtp_sink_server() -> Iterator[SmtpSink]:
    from aiosmtpd.controller import Controller

    handler = _SinkHandler()
    host = "127.0.0.1"
    controller = Controller(handler, hostname=host, port=free_port(host))
    controller.start()
    try:
        yield SmtpSink(handler, host, controller.port)
    finally:
        controller.stop()


@pytest.fixture
def smtp_sink(_smtp_sink_server: SmtpSink) -> SmtpSink:
    _smtp_sink_server.clear()
    return _smtp_sink_server
