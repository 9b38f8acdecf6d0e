from dataclasses import asdict

from fastapi import APIRouter
from pydantic import Field

from konduct.api.deps import CurrentUser, SettingsDep, rate_limit
from konduct.domain.rate_limits import URL_CHECK_LIMIT
from konduct.schemas.common import StrictInput
from konduct.schemas.utm import UtmRequest, UtmValidation
from konduct.services import utm_links
from konduct.services.url_check import check_url

router = APIRouter(prefix="/utm", tags=["UTM links"])


@router.post(
    "/validate",
    response_model=UtmValidation,
    summary="Validate UTM values and build the tagged URL",
)
async def validate(request: UtmRequest) -> UtmValidation:
    """Answers ``valid: true`` with the tagged ``url``, or ``valid: false`` with
    the problems per field. Wrong JSON types are a 422 problem document."""
    return utm_links.validate(request)


class UrlCheckRequest(StrictInput):
    url: str = Field(min_length=1, max_length=2048)


@router.post(
    "/check-url",
    summary="Does the landing page answer? (signed in; at most 20 a minute)",
    dependencies=[rate_limit("url check", URL_CHECK_LIMIT)],
)
def check_landing_page(data: UrlCheckRequest, ctx: CurrentUser, settings: SettingsDep) -> dict:
    """Fetches the page with a 5-second limit, following up to 5 redirects. Addresses in
    private networks are refused, so the check cannot reach inside ours."""
    return asdict(check_url(data.url, allow_internal=settings.url_check_allow_internal))
