"""Cache headers for the files of the built frontend.

Reflex serves them without any ``Cache-Control``, so browsers re-ask for every script
and stylesheet on each visit. Hashed build files (``/assets/*``) never change under
their name: cached for a year, immutable. Fonts and images are cached for a week; pages
themselves are revalidated each time (they are small and change with each release).
"""

from __future__ import annotations

from konduct.api.guard import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = b"public, max-age=31536000, immutable"
WEEK = b"public, max-age=604800"
# Not .js or .css outside /assets: konduct.js keeps its name across releases.
STATIC_SUFFIXES = (".woff2", ".svg", ".png", ".webp", ".jpg", ".ico")
UNCACHED_PREFIXES = ("/api/", "/_event", "/_upload", "/docs", "/openapi.json", "/r/")


def cache_control_for(path: str) -> bytes | None:
    if path.startswith(UNCACHED_PREFIXES):
        return None  # the API sets its own (or none)
    if path.startswith("/assets/"):
        return IMMUTABLE
    if path.endswith(STATIC_SUFFIXES):
        return WEEK
    return None


class StaticCacheHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        value = cache_control_for(scope["path"]) if scope["type"] == "http" else None
        if value is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cache(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k != b"cache-control"]
                message["headers"] = [*headers, (b"cache-control", value)]
            await send(message)

        await self.app(scope, receive, send_with_cache)
