"""Alembic environment for Konduct.

Where the database comes from, first match wins:

1. ``config.attributes["connection"]``: an open SQLAlchemy Connection (tests and
   programmatic callers); the caller owns its transaction and commits it;
2. ``-x db_url=...`` on the command line;
3. ``sqlalchemy.url`` set on the Config (``config.set_main_option``);
4. ``konduct.settings.get_settings().database_url`` -- what the app uses.
"""

from logging.config import fileConfig
from pathlib import Path

from sqlalchemy import Connection, create_engine, make_url, pool
from sqlmodel import SQLModel

import konduct.models  # noqa: F401  (registers every table on SQLModel.metadata)
from alembic import context

config = context.config

# Programmatic callers (tests) pass configure_logger=False to keep their logging.
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("db_url")
    if url:
        return url
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from konduct.settings import get_settings

    return get_settings().database_url


def _options(dialect_name: str) -> dict:
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        "include_object": konduct.models.include_in_autogenerate,
        # SQLite cannot ALTER most things: autogenerate copy-and-move batches for it.
        "render_as_batch": dialect_name == "sqlite",
    }


def run_migrations_offline() -> None:
    """Write the SQL to stdout (``alembic upgrade head --sql``) without a database."""
    url = database_url()
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **_options(url.split(":", 1)[0].split("+", 1)[0]),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, **_options(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    url = database_url()
    connect_args = {}
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False}
        path = make_url(url).database
        if path and path != ":memory:":  # a fresh checkout has no data/ directory yet
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, poolclass=pool.NullPool, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            _run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
