"""/sitemap.xml and /robots.txt, written from the registry of public pages at request time
(so they always name the deployment's own APP_URL)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from konduct.api.deps import SettingsDep
from konduct.domain import seo

router = APIRouter(tags=["site"], include_in_schema=False)
CACHE = "public, max-age=3600"


@router.get("/sitemap.xml")
def sitemap(settings: SettingsDep) -> Response:
    return Response(
        seo.sitemap_xml(settings.app_url),
        media_type="application/xml",
        headers={"Cache-Control": CACHE},
    )


@router.get("/robots.txt")
def robots(settings: SettingsDep) -> Response:
    return Response(
        seo.robots_txt(settings.app_url), media_type="text/plain", headers={"Cache-Control": CACHE}
    )
