"""/api/decode: what a campaign ID or a tagged link means."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import Field

from konduct.api.deps import DbSession, SettingsDep, current_context
from konduct.domain.errors import AuthenticationFailed
from konduct.domain.plans import PlanLimitReached
from konduct.schemas.common import StrictInput
from konduct.services import decode as decoding

router = APIRouter(tags=["campaign IDs"])


class DecodeRequest(StrictInput):
    text: str = Field(min_length=1, max_length=2048, description="A campaign ID or a tagged URL")


@router.post("/decode", summary="Explain a campaign ID or a tagged link")
def decode(
    data: DecodeRequest,
    request: Request,
    response: Response,
    session: DbSession,
    settings: SettingsDep,
) -> dict:
    """Open to everyone; signed in, the answer also names the campaign if it is your team's."""
    try:
        ctx = current_context(request, response, session, settings)
    except (AuthenticationFailed, PlanLimitReached):  # a refused key still gets the public answer
        ctx = None
    return decoding.decode(session, text=data.text, ctx=ctx)
