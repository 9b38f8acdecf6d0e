"""Swagger UI served by the app itself.

FastAPI's default /docs page pulls Swagger UI from a public CDN, which is a
blank page offline and under a strict Content-Security-Policy. The files ship
inside the ``fastapi-swagger`` wheel (Swagger UI 5, which reads OpenAPI 3.1).
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse, Response

ASSET_PREFIX = "/docs/assets/"
ASSETS = {
    "swagger-ui-bundle.js": "application/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
# Long cache: the files only change when the pinned package does.
ASSET_CACHE = "public, max-age=604800, immutable"


def install_docs(api: FastAPI) -> None:
    files = resources.files("fastapi_swagger") / "resources"

    @api.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=api.openapi_url or "/openapi.json",
            title="Konduct API",
            swagger_js_url=ASSET_PREFIX + "swagger-ui-bundle.js",
            swagger_css_url=ASSET_PREFIX + "swagger-ui.css",
            swagger_favicon_url=ASSET_PREFIX + "favicon-32x32.png",
            swagger_ui_parameters={"tryItOutEnabled": True, "defaultModelsExpandDepth": 0},
        )

    @api.get(ASSET_PREFIX + "{name}", include_in_schema=False)
    async def swagger_asset(name: str) -> Response:
        if name not in ASSETS:
            return Response(status_code=404)
        return Response(
            (files / name).read_bytes(),
            media_type=ASSETS[name],
            headers={"Cache-Control": ASSET_CACHE},
        )


def document_problems_as_problem_json(api: FastAPI) -> None:
    """FastAPI files every response model under application/json; ours are problem+json."""
    generate = api.openapi

    def openapi() -> dict:
        if api.openapi_schema:
            return api.openapi_schema
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for answer in operation.get("responses", {}).values():
                    content = answer.get("content", {})
                    if "application/problem+json" in content and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema

    api.openapi = openapi
