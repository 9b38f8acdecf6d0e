"""Browser tests: the real app, served as `make run` serves it, driven in Chromium.

One server per test session on PostgreSQL and Redis (two workers, so state
must really live in Redis), started with `python -m konduct serve`. The
frontend build is reused between runs while nothing it depends on changed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# A fixed port keeps the cached frontend build valid between runs (the port is baked in).
E2E_PORT = int(os.environ.get("E2E_PORT", "3917"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STARTUP_TIMEOUT_S = 420  # a first build of the frontend included
E2E_STAFF_EMAIL = "staff-e2e@example.com"  # STAFF_EMAILS of the served app
E2E_ANALYTICS_STAFF_EMAIL = "analytics-staff@example.com"  # a second one, for /admin/analytics


# A page is prerendered HTML until its scripts have run: typing and clicking before that is
# lost (a form does nothing, see konduct/build_tuning.FORM_GUARD). On a busy machine that
# takes seconds, so every navigation waits until the app is live, as a person would see the
# page respond. konduct.js is added by the app once React runs; pages that are not the
# app's (the API reference, files) have no module script and are not waited for.
_APP_IS_LIVE = (
    "() => window.konduct !== undefined || !document.querySelector('script[type=\"module\"]')"
)
plain_goto = Page.goto  # for a test of the page before its scripts run
plain_reload = Page.reload


def _goto_and_wait_until_live(self: Page, url: str, **kwargs):
    response = plain_goto(self, url, **kwargs)
    self.wait_for_function(_APP_IS_LIVE, timeout=30_000)
    return response


def _reload_and_wait_until_live(self: Page, **kwargs):
    response = plain_reload(self, **kwargs)
    self.wait_for_function(_APP_IS_LIVE, timeout=30_000)
    return response


# The cookie banner comes up a moment after the page and covers the bottom of the screen: a
# click aimed at a button under it lands on the banner. Every browser context is a visitor
# who has already answered it, except where a test asks to see it (the banner's own tests).
_plain_new_context = Browser.new_context


def _new_context_with_consent_answered(self: Browser, *args, show_cookie_banner=False, **kw):
    context = _plain_new_context(self, *args, **kw)
    if not show_cookie_banner:
        context.add_init_script("localStorage.setItem('konduct_consent', 'denied')")
    return context


Browser.new_context = _new_context_with_consent_answered  # type: ignore[method-assign]
Page.goto = _goto_and_wait_until_live  # type: ignore[method-assign]
Page.reload = _reload_and_wait_until_live  # type: ignore[method-assign]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark browser tests, and run them last.

    Playwright's sync API keeps an event loop running in the main thread while
    the browser is open; tests that call asyncio.run() must come before it.
    """
    here = Path(__file__).parent
    in_e2e = {id(item) for item in items if Path(str(item.fspath)).is_relative_to(here)}
    for item in items:
        if id(item) in in_e2e:
            item.add_marker(pytest.mark.e2e)
    # The SQLite boot test serves on the same port, so it goes before the session server.
    items.sort(key=lambda item: (id(item) in in_e2e, "sqlite_default" not in item.nodeid))


def _wait_until_healthy(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app exited with {process.returncode}:\n{log_path.read_text()[-4000:]}"
            )
        try:
            # The page itself must answer too (the frontend mount comes up with the app).
            healthy = httpx.get(base_url + "/api/health", timeout=2).status_code == 200
            if healthy and httpx.get(base_url + "/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not become healthy:\n{log_path.read_text()[-4000:]}")


def visitor_address() -> str:
    """A documentation-range address (RFC 5737) standing for one visitor."""
    return f"198.51.100.{random.randint(1, 254)}"


@contextmanager
def served_app(log_path: Path, **settings: str) -> Iterator[str]:
    """`python -m konduct serve` with these settings; yields its base URL."""
    base_url = f"http://127.0.0.1:{E2E_PORT}"
    inherited = ("DATABASE_URL", "REDIS_URL", "SMTP_HOST", "SMTP_PORT")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(
        KONDUCT_ENV="test",
        PORT=str(E2E_PORT),
        APP_URL=f"http://localhost:{E2E_PORT}",
        HOST="127.0.0.1",
        **settings,
    )
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "konduct", "serve"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_healthy(base_url, process, log_path)
        yield base_url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def app_database_url(create_database: Callable[[], str]) -> str:
    """The served app's database (tests may write to it directly, e.g. to set a plan)."""
    return create_database()


@pytest.fixture(scope="session")
def app_url(
    app_database_url: str, redis_url: str, tmp_path_factory, _smtp_sink_server
) -> Iterator[str]:
    """The app on PostgreSQL and Redis with two workers, as in production, mailing the sink."""
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with served_app(
        log_path,
        DATABASE_URL=app_database_url,
        REDIS_URL=redis_url,
        GRANIAN_WORKERS="2",
        SMTP_HOST=_smtp_sink_server.host,
        SMTP_PORT=str(_smtp_sink_server.port),
        SMTP_STARTTLS="false",
        # Counters of this run only: earlier runs' sign-ups must not count against it.
        REDIS_KEY_PREFIX=f"konduct-e2e-{uuid.uuid4().hex[:8]}",
        # Tests speak for several visitors through X-Forwarded-For, as a proxy would.
        TRUSTED_PROXY_HOPS="1",
        # "Test URL" checks pages of this very server (the only site there is offline).
        URL_CHECK_ALLOW_INTERNAL="true",
        STAFF_EMAILS=f"{E2E_STAFF_EMAIL},{E2E_ANALYTICS_STAFF_EMAIL}",
    ) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser, app_url: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        base_url=app_url,
        viewport={"width": 1280, "height": 900},
        # Each test is its own visitor, so per-address sign-in quotas do not add up across tests.
        extra_http_headers={"X-Forwarded-For": visitor_address()},
    )
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    return page
