"""White-label branding over the API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from konduct.schemas.common import StrictInput


class BrandingIn(StrictInput):
    logo_url: str | None = Field(
        default=None, max_length=2000, description="https address of the logo; empty clears it"
    )
    primary_color: str | None = Field(default=None, max_length=20, examples=["#1a2b3c"])
    accent_color: str | None = Field(default=None, max_length=20, examples=["#ff8800"])


class BrandingPublic(BaseModel):
    logo_url: str | None
    primary_color: str | None
    accent_color: str | None
    enabled: bool = Field(description="False when the plan lacks white-label: kept, not shown")
