from fastapi import APIRouter

from konduct.schemas.utm import UtmRequest, UtmValidation
from konduct.services import utm_links

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
