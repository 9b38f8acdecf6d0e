"""The two ASGI apps the HTTP benchmark serves, one at a time, the same way."""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def konduct_api():
    """Konduct's real API app, with its middleware, on the default settings."""
    from konduct.api import create_api

    return create_api()


async def _bare_generate(request: Request) -> JSONResponse:
    # The floor: read and parse the same JSON body, answer a small JSON document.
    payload = await request.json()
    return JSONResponse(
        {"campaign_id": "FBK-TRF-20270301093000-9F86D081", "echo": payload["platform"]}
    )


def bare_starlette():
    return Starlette(routes=[Route("/api/campaigns/generate-id", _bare_generate, methods=["POST"])])


def bare_fastapi():
    """FastAPI's own floor: the same body model, no middleware, a constant answer."""
    from fastapi import FastAPI

    from konduct.schemas.campaign_ids import CampaignIdRequest

    api = FastAPI()

    @api.post("/api/campaigns/generate-id")
    async def generate(request: CampaignIdRequest) -> JSONResponse:
        return JSONResponse(
            {"campaign_id": "FBK-TRF-20270301093000-9F86D081", "echo": request.platform}
        )

    return api
