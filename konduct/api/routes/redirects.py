"""/r/{code}: Konduct's short redirect for a tracking link, counting each visit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse

from konduct.api.deps import Client, DbSession, SettingsDep
from konduct.domain.errors import NotFound
from konduct.services import clicks
from konduct.services.kv import store_for

router = APIRouter(tags=["redirects"])


@router.get("/r/{code}", status_code=302, summary="Follow a short link to its tagged URL")
def follow(
    code: str, request: Request, session: DbSession, client: Client, settings: SettingsDep
) -> RedirectResponse:
    kv = store_for(settings.redis_url, settings.redis_key_prefix)
    link = clicks.resolve(session, kv, code)
    if link is None:
        raise NotFound("link")
    clicks.record(
        kv,
        link,
        referrer=request.headers.get("referer"),
        user_agent=client.user_agent,
        country=client.country,
    )
    # Never cached: every visit must reach us to be counted.
    return RedirectResponse(link["url"], status_code=302, headers={"Cache-Control": "no-store"})
