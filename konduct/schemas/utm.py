"""UTM validation requests and answers: the spec's four levels plus GA4's set."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from konduct.schemas.common import FieldError, StrictInput

CreativeParam = Literal["utm_content", "utm_creative"]


class UtmRequest(StrictInput):
    url: str = Field(max_length=2048, examples=["https://www.example.com/spring?ref=nav"])
    source: str = Field(default="", max_length=500, examples=["facebook"])
    campaign: str = Field(default="", max_length=500, examples=["FBK-TRF-20261125093000-9F86D081"])
    medium: str = Field(default="", max_length=500, examples=["paid_social"])
    creative: str | None = Field(default=None, max_length=500, examples=["carousel_2"])
    term: str | None = Field(default=None, max_length=500)
    id: str | None = Field(default=None, max_length=500)
    source_platform: str | None = Field(default=None, max_length=500)
    creative_format: str | None = Field(default=None, max_length=500)
    marketing_tactic: str | None = Field(default=None, max_length=500)
    creative_param: CreativeParam = Field(
        default="utm_content",
        description="GA4 reads utm_content; choose utm_creative only if your tools expect it.",
    )


class UtmValidation(BaseModel):
    valid: bool
    url: str | None = Field(default=None, description="The tagged URL when valid")
    params: dict[str, str] = Field(default_factory=dict, description="utm_* pairs as written")
    channel: str | None = Field(
        default=None, description="The GA4 default channel group this source/medium lands in"
    )
    errors: list[FieldError] = []
    warnings: list[FieldError] = []


class UtmLinkCreate(StrictInput):
    """A tracking link for one campaign: campaign and utm_id are the campaign's ID."""

    url: str = Field(max_length=2048, examples=["https://www.example.com/spring"])
    source: str | None = Field(default=None, max_length=500, description="Default: the platform's")
    medium: str = Field(max_length=500, examples=["paid_social"])
    creative: str | None = Field(default=None, max_length=500)
    term: str | None = Field(default=None, max_length=500)
    creative_format: str | None = Field(default=None, max_length=500)
    marketing_tactic: str | None = Field(default=None, max_length=500)
    label: str | None = Field(default=None, max_length=200)
    creative_param: CreativeParam | None = Field(
        default=None, description="Default: the team's setting (utm_content unless changed)"
    )


class UtmLinkUpdate(StrictInput):
    """New values for a stored link; a field left out keeps its value, "" clears an optional
    one. The short link (and its counted clicks) stays the same."""

    url: str | None = Field(default=None, max_length=2048)
    source: str | None = Field(default=None, max_length=500)
    medium: str | None = Field(default=None, max_length=500)
    creative: str | None = Field(default=None, max_length=500)
    term: str | None = Field(default=None, max_length=500)
    creative_format: str | None = Field(default=None, max_length=500)
    marketing_tactic: str | None = Field(default=None, max_length=500)
    label: str | None = Field(default=None, max_length=200)


class UtmLinkPublic(BaseModel):
    id: str
    label: str | None
    landing_url: str
    tagged_url: str
    short_path: str = Field(description="Konduct's redirect for this link, e.g. /r/Ab3dE9xQ")
    params: dict[str, str]
    created_at: str
    variant_of: str | None = Field(
        default=None, description="On a QR variant: the id of the link it was made from"
    )
