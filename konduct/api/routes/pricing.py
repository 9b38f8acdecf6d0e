"""/api/pricing: the pricing calculator's quote, and mailing it."""

from __future__ import annotations

from fastapi import APIRouter

from konduct.api.deps import DbSession, SettingsDep, rate_limit
from konduct.schemas.pricing import QuoteInput, QuoteSendInput
from konduct.services import pricing

router = APIRouter(prefix="/pricing", tags=["pricing"])


@router.post("/quote", summary="Price a team: plan, team size, campaigns a month, billing")
def quote(data: QuoteInput) -> dict:
    """When the plan asked for cannot serve the team (more people or campaigns than it
    allows, or a feature it lacks) the answer prices the smallest plan that can, says
    why in ``reasons``, and ``custom: true`` marks an Enterprise estimate."""
    return pricing.price(data)


@router.post(
    "/quote/send",
    status_code=202,
    summary="Mail a quote to yourself or to Konduct's sales team (5 an hour)",
    dependencies=[rate_limit("pricing quote", pricing.QUOTE_SEND_LIMIT)],
)
def send(data: QuoteSendInput, session: DbSession, settings: SettingsDep) -> dict:
    return pricing.send_quote(session, data, settings=settings)
