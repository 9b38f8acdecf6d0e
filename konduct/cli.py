"""Konduct's command line: ``python -m konduct <command>``.

``serve`` is what ``make run`` calls. Reflex's own ``reflex run --env prod``
rebuilds the whole frontend on every start (about a minute); here the build is
kept and reused while nothing it depends on has changed, so a second start
takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys

from konduct.build_tuning import tune_build
from konduct.settings import PROJECT_ROOT, SettingsError, get_settings

WEB_DIR = PROJECT_ROOT / ".web"
BUILD_STAMP = WEB_DIR / "konduct-build.sha256"
# What the compiled frontend depends on. Python modules count: pages are Python.
BUILD_INPUTS = ("konduct", "assets", "rxconfig.py", "requirements.txt")
BUILD_SETTINGS = ("port", "api_url", "app_url", "ga_measurement_id")


def migrate() -> None:
    """Bring the database schema to the newest migration."""
    from alembic.config import Config

    from alembic import command

    command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")


def frontend_fingerprint() -> str:
    """A hash of every file and setting the built frontend depends on."""
    digest = hashlib.sha256()
    settings = get_settings()
    for name in BUILD_SETTINGS:
        digest.update(f"{name}={getattr(settings, name)}\n".encode())
    for entry in BUILD_INPUTS:
        root = PROJECT_ROOT / entry
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_frontend(*, force: bool = False) -> bool:
    """Build the production frontend unless the kept build is still current.

    Returns whether a build ran.
    """
    fingerprint = frontend_fingerprint()
    built = (WEB_DIR / "build" / "client" / "index.html").exists()
    if not force and built and BUILD_STAMP.exists() and BUILD_STAMP.read_text() == fingerprint:
        return False
    BUILD_STAMP.unlink(missing_ok=True)
    print("Building the frontend (once; later starts reuse it)...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip", "--env", "prod"],
        cwd=PROJECT_ROOT,
        check=True,
    )
    tune_build(WEB_DIR / "build" / "client")
    BUILD_STAMP.write_text(fingerprint)
    return True


def serve(host: str) -> None:
    """Serve frontend and backend together on one port, production mode."""
    settings = get_settings()
    migrate()
    build_frontend()

    from reflex.utils import exec as reflex_exec
    from reflex_base import constants
    from reflex_base.environment import environment

    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    mode = "PostgreSQL" if not settings.is_sqlite else "SQLite"
    state = "Redis" if settings.redis_url else "in-process"
    print(
        f"\nKonduct is running: {settings.app_url}\n"
        f"  database: {mode}, state and rate limits: {state}. Stop with Ctrl+C.\n",
        flush=True,
    )
    reflex_exec.run_backend_prod(
        host, settings.port, constants.LogLevel.WARNING, mount_frontend_compiled_app=True
    )


def usage_report(month: str | None) -> int:
    """Mail last month's (or ``month``'s) usage report to the admins of teams on paid plans."""
    from konduct.db import session_scope
    from konduct.domain.months import parse_month, previous_month_start
    from konduct.models.base import utcnow
    from konduct.services.team_usage import send_monthly_reports

    try:
        first = parse_month(month) if month else previous_month_start(utcnow())
    except ValueError as wrong:
        print(wrong, file=sys.stderr)
        return 2
    settings = get_settings()
    with session_scope() as session:  # the mails go out when this commits
        sent = send_monthly_reports(session, settings=settings, month=first)
    print(f"Usage reports for {first:%B %Y}: {sent} mail{'s' if sent != 1 else ''} sent.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="konduct", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply database migrations")
    build = commands.add_parser("build", help="build the production frontend if it changed")
    build.add_argument("--force", action="store_true", help="rebuild even if current")
    run = commands.add_parser("serve", help="migrate, build if needed, and serve on PORT")
    run.add_argument("--host", help="interface to listen on (default: the HOST setting)")
    report = commands.add_parser(
        "usage-report", help="mail the monthly usage report (run it on the 1st of each month)"
    )
    report.add_argument("--month", help="which month, e.g. 2026-11 (default: the last one)")
    commands.add_parser("send-scheduled-mail", help="send the scheduled mails that are due, once")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except SettingsError as refused:
        print(refused, file=sys.stderr)
    except subprocess.CalledProcessError as failed:
        print(
            f"\n{' '.join(failed.cmd[2:4])} failed (exit {failed.returncode}); "
            "its messages are above.",
            file=sys.stderr,
        )
    return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "migrate":
        migrate()
    elif args.command == "build":
        ran = build_frontend(force=args.force)
        print("Frontend built." if ran else "Frontend is current; nothing to build.")
    elif args.command == "serve":
        serve(args.host or get_settings().host)
    elif args.command == "usage-report":
        return usage_report(args.month)
    elif args.command == "send-scheduled-mail":
        from konduct.services.scheduled_mail import send_due

        report = send_due()
        print(f"Scheduled mail: {report.sent} sent, {report.failed} failed (retried later).")
    return 0
