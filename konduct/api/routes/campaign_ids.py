from fastapi import APIRouter, Path
from starlette.responses import JSONResponse

from konduct.schemas.campaign_ids import CampaignIdRequest, CampaignIdResponse, CampaignIdValidation
from konduct.services import campaign_ids

router = APIRouter(prefix="/campaigns", tags=["campaign IDs"])


@router.post(
    "/generate-id",
    response_model=CampaignIdResponse,
    summary="Generate a campaign ID (PLT-OBJ-TIMESTAMP-HASH)",
)
async def generate_id(request: CampaignIdRequest) -> JSONResponse:
    """The same data in the same second gives the same ID; the ID is reserved
    when a campaign is saved with it."""
    # Returned as a response: the service's output is already in the documented shape.
    return JSONResponse(campaign_ids.describe(campaign_ids.generate(request)))


@router.get(
    "/validate-id/{campaign_id}",
    response_model=CampaignIdValidation,
    summary="Check a campaign ID and explain its parts",
)
async def validate_id(
    campaign_id: str = Path(max_length=200, examples=["FBK-TRF-20261125093000-9F86D081"]),
) -> CampaignIdValidation:
    return campaign_ids.check(campaign_id)
