"""scripts/backup.sh and scripts/restore.sh against the real PostgreSQL: back up, drop, restore."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def counts(url: str) -> dict[str, int]:
    """Rows per table in the public schema, and a fingerprint of the probe table's content."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ).scalars()
        result = {
            table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in list(tables)
        }
        result["probe md5"] = connection.execute(
            text("SELECT md5(string_agg(note, ',' ORDER BY id)) FROM backup_probe")
        ).scalar_one()
    engine.dispose()
    return result


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPTS / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def drop(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
            {"n": name},
        )
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


@pytest.fixture
def scratch_db(create_database, alembic_runner) -> str:
    """A migrated database with rows in it: the schema's own and a probe table."""
    url = create_database()
    alembic_runner(url, "upgrade", "head")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE backup_probe (id serial PRIMARY KEY, note text)"))
        connection.execute(
            text(
                "INSERT INTO backup_probe (note) SELECT 'row ' || g FROM generate_series(1, 500) g"
            )
        )
    engine.dispose()
    return url


def test_backup_drop_restore_gives_back_every_row(scratch_db, pg_admin_url, tmp_path) -> None:
    before = counts(scratch_db)
    assert before["backup_probe"] == 500 and before["alembic_version"] == 1

    env = {"DATABASE_URL": scratch_db, "BACKUP_DIR": str(tmp_path)}
    made = run("backup.sh", env=env)
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and dump.name.startswith("konduct-konduct_test_")
    assert dump.suffix == ".dump" and dump.stat().st_size > 0
    assert oct(dump.stat().st_mode & 0o777) == "0o600"  # dumps hold everyone's data
    assert Path(f"{dump}.sha256").exists()
    assert not list(tmp_path.glob("*.partial"))

    drop(pg_admin_url, make_url(scratch_db).database)
    refused = run("restore.sh", str(dump), env=env)
    assert refused.returncode == 2 and "--yes" in refused.stderr

    restored = run("restore.sh", str(dump), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    assert "created database" in restored.stderr
    assert counts(scratch_db) == before

    # Restoring over a database that has moved on puts it back as it was.
    engine = create_engine(scratch_db, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM backup_probe WHERE id > 100"))
    engine.dispose()
    again = run("restore.sh", str(dump), "--yes", env=env)
    assert again.returncode == 0, again.stderr
    assert counts(scratch_db) == before


def test_a_tampered_dump_is_not_restored(scratch_db, tmp_path) -> None:
    env = {"DATABASE_URL": scratch_db, "BACKUP_DIR": str(tmp_path)}
    dump = Path(run("backup.sh", env=env).stdout.strip().splitlines()[-1])
    with dump.open("ab") as handle:
        handle.write(b"x")
    refused = run("restore.sh", str(dump), "--yes", env=env)
    assert refused.returncode != 0
    assert "FAILED" in refused.stdout + refused.stderr


def test_retention_removes_old_dumps_but_keeps_the_newest(scratch_db, tmp_path) -> None:
    name = make_url(scratch_db).database
    old = time.time() - 20 * 86400
    stale = []
    for day in range(5):  # five dumps from twenty-odd days ago
        path = tmp_path / f"konduct-{name}-2026010{day + 1}T000000Z.dump"
        path.write_bytes(b"old")
        Path(f"{path}.sha256").write_text("old")
        os.utime(path, (old - day * 86400, old - day * 86400))
        stale.append(path)
    other = tmp_path / "konduct-another_db-20260101T000000Z.dump"
    other.write_bytes(b"another database's dump")
    os.utime(other, (old, old))

    env = {
        "DATABASE_URL": scratch_db,
        "BACKUP_DIR": str(tmp_path),
        "BACKUP_KEEP_DAYS": "14",
        "BACKUP_KEEP_MIN": "3",
    }
    made = run("backup.sh", env=env)
    assert made.returncode == 0, made.stderr
    kept = sorted(p.name for p in tmp_path.glob(f"konduct-{name}-*.dump"))
    # The new dump and the two newest old ones (three in all); the three oldest are gone.
    assert len(kept) == 3
    assert Path(made.stdout.strip()).name in kept
    assert {p.name for p in stale[:2]} <= set(kept)
    assert not any(p.exists() for p in stale[2:])
    assert not Path(f"{stale[4]}.sha256").exists()
    assert other.exists()  # another database's dumps are not this run's to delete
