"""Counts and times every ``/api/*`` request, and serves ``GET /metrics`` to Prometheus.

Outermost middleware, so refusals by the guard (413, 429) are counted too. Requests
are labelled by route *template* (``/api/campaigns/{ref}``), never by raw path, so a
scan of random URLs cannot blow up the number of series. ``/metrics`` is answered
here, before any router, and only to the monitoring network (a caller on
METRICS_NETWORKS that came through no proxy) or to a METRICS_TOKEN bearer.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import time
from collections.abc import Callable

from starlette.routing import compile_path

from konduct.api.guard import ASGIApp, Message, Receive, Scope, Send, send_problem
from konduct.domain.metrics import CONTENT_TYPE
from konduct.services.metrics import MetricsStore, render_metrics
from konduct.settings import Settings

METRICS_PATH = "/metrics"
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# A request carrying any of these came through a proxy: it is not "from the local network".
PROXY_HEADERS = {b"x-forwarded-for", b"forwarded", b"x-real-ip"}


def may_read_metrics(scope: Scope, settings: Settings) -> bool:
    headers = dict(scope.get("headers", []))
    if settings.metrics_token:
        given = headers.get(b"authorization", b"").decode("latin-1")
        expected = f"Bearer {settings.metrics_token}"
        if hmac.compare_digest(given.encode(), expected.encode()):
            return True
    if PROXY_HEADERS & headers.keys():
        return False
    client = scope.get("client")
    try:
        address = ipaddress.ip_address(client[0]) if client else None
    except ValueError:  # "testclient" and other non-addresses
        return False
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in settings.metrics_allowed_networks)


class RequestMetrics:
    def __init__(
        self, app: ASGIApp, *, settings: Settings, openapi: Callable[[], dict], store: MetricsStore
    ):
        self.app = app
        self.settings = settings
        self.openapi = openapi  # the API's description, to name requests the guard refused
        self.store = store
        self._table: list[tuple[str, set[str], re.Pattern]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == METRICS_PATH:
            await self._serve_metrics(scope, send)
            return
        if not path.startswith("/api/"):
            await self.app(scope, receive, send)
            return

        status = 500  # what the client sees if the app raises before answering
        started = time.perf_counter()

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = time.perf_counter() - started
            method = scope.get("method", "GET")
            await self.store.observe(
                method if method in KNOWN_METHODS else "OTHER",
                self._route_template(scope),
                status,
                elapsed,
            )

    def _route_template(self, scope: Scope) -> str:
        path = getattr(scope.get("route"), "path", None)
        if path:
            # FastAPI leaves the included router's own path on the route; every API router
            # is included under "/api" (konduct/api/__init__.py).
            return path if path.startswith("/api/") else "/api" + path
        # Answered before routing (the guard's 413 and 429): name what it would have hit.
        for template, methods, pattern in self._templates():
            if pattern.match(scope["path"]) and scope.get("method") in methods:
                return template
        return "unmatched"

    def _templates(self) -> list[tuple[str, set[str], re.Pattern]]:
        if self._table is None:  # built once, from the public OpenAPI description
            self._table = [
                (template, {m.upper() for m in operations}, compile_path(template)[0])
                for template, operations in self.openapi()["paths"].items()
                if template.startswith("/api/")
            ]
        return self._table

    async def _serve_metrics(self, scope: Scope, send: Send) -> None:
        if scope.get("method") not in {"GET", "HEAD"}:
            await send_problem(
                send,
                405,
                "Metrics are read with GET.",
                slug="method-not-allowed",
                path=METRICS_PATH,
            )
            return
        if not may_read_metrics(scope, self.settings):
            await send_problem(
                send,
                403,
                "Metrics are served to the monitoring network, or with "
                "'Authorization: Bearer <METRICS_TOKEN>'.",
                slug="forbidden",
                path=METRICS_PATH,
            )
            return
        body = (await render_metrics(self.store, self.settings)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", CONTENT_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def install_metrics(api, settings: Settings) -> MetricsStore:
    """Add the middleware outermost (call it after every other middleware) and keep its store."""
    store = MetricsStore(settings.redis_url, key_prefix=settings.redis_key_prefix)
    api.state.metrics = store
    api.add_middleware(RequestMetrics, settings=settings, openapi=api.openapi, store=store)
    return store
