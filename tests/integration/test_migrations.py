"""The alembic migrations and the SQLModel tables describe the same schema."""

import subprocess
import sys
from pprint import pformat

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, create_engine, inspect, text
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel, select

import konduct.models  # noqa: F401  (registers every table)
from konduct.models import Team, include_in_autogenerate
from tests.conftest import PROJECT_ROOT, alembic_config

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _schema_diff(url: str) -> list:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "include_object": include_in_autogenerate},
            )
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def _inspect(url: str, fn):
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return fn(inspect(connection), connection)
    finally:
        engine.dispose()


def test_head_matches_the_models(create_database, alembic_runner):
    url = create_database()
    alembic_runner(url, "upgrade", "head")

    diff = _schema_diff(url)
    assert diff == [], "migrations and models disagree:\n" + pformat(diff)

    version = _inspect(
        url, lambda _, conn: conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    )
    assert version == HEAD


def test_head_has_every_named_check_constraint(create_database, alembic_runner):
    # compare_metadata does not look at CHECK constraints: compare their names here.
    url = create_database()
    alembic_runner(url, "upgrade", "head")

    def checks_in_db(inspector, _):
        return {
            table: {check["name"] for check in inspector.get_check_constraints(table)}
            for table in SQLModel.metadata.tables
        }

    in_models = {
        name: {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        for name, table in SQLModel.metadata.tables.items()
    }
    assert _inspect(url, checks_in_db) == in_models


def test_downgrade_to_base_then_upgrade_again(create_database, alembic_runner):
    url = create_database()
    alembic_runner(url, "upgrade", "head")
    alembic_runner(url, "downgrade", "base")

    assert _inspect(url, lambda inspector, _: inspector.get_table_names()) == ["alembic_version"]

    alembic_runner(url, "upgrade", "head")
    tables = _inspect(url, lambda inspector, _: set(inspector.get_table_names()))
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}
    assert _schema_diff(url) == []


def test_migrations_run_on_sqlite_from_the_command_line(tmp_path):
    # Smoke test only: `make run` uses SQLite. Through the real CLI and `-x db_url`.
    url = f"sqlite:///{tmp_path / 'data' / 'konduct.db'}"

    def alembic(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "alembic", "-x", f"db_url={url}", *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr

    alembic("upgrade", "head")
    engine = create_engine(url, poolclass=NullPool)
    try:
        assert set(inspect(engine).get_table_names()) == set(SQLModel.metadata.tables) | {
            "alembic_version"
        }
        with Session(engine) as session:
            session.add(Team(name="Acme", slug="acme"))
            session.commit()
            team = session.exec(select(Team)).one()
            assert team.created_at.tzinfo is not None  # aware, even on SQLite
    finally:
        engine.dispose()

    alembic("downgrade", "base")
    engine = create_engine(url, poolclass=NullPool)
    try:
        assert inspect(engine).get_table_names() == ["alembic_version"]
    finally:
        engine.dispose()
