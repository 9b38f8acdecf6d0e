"""ASGI middleware in front of every ``/api`` route: body size cap and rate limit.

Written as plain ASGI (not BaseHTTPMiddleware) because it sits on the hot
path of every API call, and because the Reflex frontend and its websocket
pass through the same app untouched.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from konduct.api.problems import PROBLEM_MEDIA_TYPE, problem_body
from konduct.domain.rate_limits import Limit
from konduct.services.rate_limits import Decision, RateLimiter

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

METHODS_WITH_BODY = {"POST", "PUT", "PATCH", "DELETE"}


def client_ip(scope: Scope, trusted_proxy_hops: int) -> str:
    """The caller's address; X-Forwarded-For is believed only behind our own proxies."""
    if trusted_proxy_hops > 0:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                hops = [part.strip() for part in value.decode("latin-1").split(",") if part.strip()]
                if len(hops) >= trusted_proxy_hops:
                    return hops[-trusted_proxy_hops]
    client = scope.get("client")
    return client[0] if client else "unknown"


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    slug: str,
    headers: dict[str, str] | None = None,
    path: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    body = json.dumps(problem_body(status, detail, slug=slug, instance=path, extra=extra)).encode()
    raw_headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


def rate_limit_headers(decision: Decision) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(decision.limit),
        "X-RateLimit-Remaining": str(max(0, decision.remaining)),
        "X-RateLimit-Reset": str(decision.reset_at),
    }


class ApiGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        limiter: RateLimiter,
        limit: Limit,
        max_body_bytes: int,
        trusted_proxy_hops: int = 0,
        prefix: str = "/api/",
        unlimited_paths: frozenset[str] = frozenset({"/api/health"}),
    ):
        self.app = app
        self.limiter = limiter
        self.limit = limit
        self.max_body_bytes = max_body_bytes
        self.trusted_proxy_hops = trusted_proxy_hops
        self.prefix = prefix
        self.unlimited_paths = unlimited_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(self.prefix):
            await self.app(scope, receive, send)
            return

        if scope["method"] in METHODS_WITH_BODY:
            receive = await self._buffered_body(scope, receive, send)
            if receive is None:
                return

        if path in self.unlimited_paths:
            await self.app(scope, receive, send)
            return

        decision = await self.limiter.hit(
            self.limit, "api", client_ip(scope, self.trusted_proxy_hops)
        )
        headers = rate_limit_headers(decision)
        if not decision.allowed:
            headers["Retry-After"] = str(decision.retry_after)
            await send_problem(
                send,
                429,
                f"Too many requests: the limit is {self.limit}. "
                f"Try again in {decision.retry_after} s.",
                slug="rate-limited",
                headers=headers,
                path=path,
                extra={"limit": decision.limit, "retry_after": decision.retry_after},
            )
            return
        encoded = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + encoded
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _buffered_body(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """Read the body up to the cap; answer 413 and return None beyond it.

        Bodies are small JSON documents, so holding one in memory is cheaper
        than trusting Content-Length (which chunked requests do not send).
        """
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body_bytes:
                await self._too_large(send, scope["path"])
                return None
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._too_large(send, scope["path"])
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    async def _too_large(self, send: Send, path: str) -> None:
        await send_problem(
            send,
            413,
            f"The request body is larger than {self.max_body_bytes} bytes.",
            slug="payload-too-large",
            path=path,
            extra={"max_bytes": self.max_body_bytes},
        )
