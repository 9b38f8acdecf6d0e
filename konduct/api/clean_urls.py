"""Pages answer at their clean URL (``/generate``), not only after a redirect.

Reflex prerenders ``/generate`` as ``generate/index.html`` and serves the folder with
Starlette's StaticFiles, which answers ``/generate`` with a 307 to ``/generate/``. The
canonical URLs and the sitemap name the clean form, and a canonical URL must answer
200 itself, so a request for a prerendered folder is served its ``index.html`` directly.
"""

from __future__ import annotations

import functools
from pathlib import Path

from konduct.api.guard import ASGIApp, Receive, Scope, Send
from konduct.settings import PROJECT_ROOT

BUILT_PAGES = PROJECT_ROOT / ".web" / "build" / "client"
NOT_PAGES = ("/api/", "/_", "/docs", "/openapi.json", "/r/", "/assets/")


@functools.lru_cache(maxsize=1024)
def _prerendered(root: Path, path: str) -> bool:
    return (root / path.strip("/") / "index.html").is_file()


def page_path(path: str, root: Path = BUILT_PAGES) -> str | None:
    """The path to serve instead (``/generate/``), or None to leave the request alone."""
    if path == "/" or path.endswith("/") or path.startswith(NOT_PAGES):
        return None
    if "." in path.rsplit("/", 1)[-1] or ".." in path:
        return None
    return path + "/" if _prerendered(root, path) else None


class CleanUrls:
    def __init__(self, app: ASGIApp, root: Path = BUILT_PAGES) -> None:
        self.app, self.root = app, root

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            served = page_path(scope["path"], self.root)
            if served is not None:
                scope = {**scope, "path": served, "raw_path": served.encode()}
        await self.app(scope, receive, send)
