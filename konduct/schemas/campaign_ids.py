"""Campaign ID requests and answers, named after the spec's Campaign model."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, model_validator

from konduct.schemas.common import CodeName, FieldError, StrictInput


class CampaignIdRequest(StrictInput):
    platform: str = Field(
        min_length=1,
        max_length=40,
        description="Display name or 3-letter code, any case.",
        examples=["Facebook"],
    )
    objective: str = Field(
        min_length=1,
        max_length=40,
        description="Display name or 3-letter code, any case.",
        examples=["Traffic"],
    )
    name: str | None = Field(default=None, max_length=200, examples=["Spring sale 2027"])
    manager_name: str | None = Field(default=None, max_length=120)
    website_url: str | None = Field(default=None, max_length=2048)
    start_date: date | None = None
    end_date: date | None = None
    budget: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    currency: str | None = Field(default=None, pattern=r"^[A-Za-z]{3}$")
    targeting: dict[str, Any] | None = None
    utm_parameters: dict[str, str] | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> CampaignIdRequest:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date must not be before start_date")
        return self


class CampaignIdParts(BaseModel):
    platform: CodeName
    objective: CodeName
    timestamp: str = Field(description="UTC, YYYYMMDDHHMMSS")
    created_at: datetime
    hash: str = Field(description="First 8 hex digits of the MD5 of the campaign data")


class CampaignIdResponse(CampaignIdParts):
    campaign_id: str = Field(examples=["FBK-TRF-20261125093000-9F86D081"])


class CampaignIdValidation(BaseModel):
    valid: bool
    campaign_id: str
    parts: CampaignIdParts | None = None
    errors: list[FieldError] = []
