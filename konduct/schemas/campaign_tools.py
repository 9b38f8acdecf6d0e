"""Shapes for templates, CSV import, reports, emailed details and share links."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator

from konduct.schemas.campaigns import (
    CampaignPublic,
    Targeting,
    UtmParameters,
    _cents,
    _currency,
    _website,
)
from konduct.schemas.common import CodeName, StrictInput
from konduct.schemas.utm import UtmLinkPublic

# --- templates -------------------------------------------------------------


class TemplateFields(StrictInput):
    """A campaign's setup and targeting without what makes it one campaign (dates, ID)."""

    platform: str = Field(min_length=1, max_length=40)
    objective: str = Field(min_length=1, max_length=40)
    campaign_name: str | None = Field(default=None, max_length=200)
    manager_name: str | None = Field(default=None, max_length=200)
    website_url: str | None = Field(default=None, max_length=2048)
    budget: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    targeting: Targeting = Field(default_factory=Targeting)
    utm_parameters: UtmParameters = Field(default_factory=UtmParameters)

    @field_validator("website_url")
    @classmethod
    def _website_ok(cls, value: str | None) -> str | None:
        return _website(value) if value else None

    @field_validator("currency")
    @classmethod
    def _currency_ok(cls, value: str) -> str:
        return _currency(value)

    @field_validator("budget")
    @classmethod
    def _budget_cents(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else _cents(value)


class TemplateCreate(StrictInput):
    name: str = Field(min_length=1, max_length=120, examples=["Always-on retargeting"])
    campaign: TemplateFields


class SaveAsTemplate(StrictInput):
    name: str = Field(min_length=1, max_length=120)


class TemplatePublic(BaseModel):
    id: uuid.UUID
    name: str
    platform: CodeName
    objective: CodeName
    campaign: TemplateFields
    created_by: uuid.UUID | None
    created_by_name: str | None = None
    created_at: datetime


class TemplatePage(BaseModel):
    items: list[TemplatePublic]
    total: int
    limit: int
    offset: int


# --- CSV import ------------------------------------------------------------


class ImportedCampaign(BaseModel):
    row: int = Field(description="The CSV line the campaign came from (the header is line 1)")
    campaign_id: str
    name: str
    tracking_url: str | None = Field(description="The default tracking link made for it")


class ImportResult(BaseModel):
    imported: int
    campaigns: list[ImportedCampaign]


class RowError(BaseModel):
    row: int
    column: str
    reason: str


# --- reports ---------------------------------------------------------------


class ReportFilters(StrictInput):
    """Campaigns whose start date falls in the range (both ends included)."""

    date_from: date | None = None
    date_to: date | None = None

    @model_validator(mode="after")
    def _in_order(self) -> ReportFilters:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("date_to must not be before date_from")
        return self

    @property
    def custom(self) -> bool:
        return self.date_from is not None or self.date_to is not None


class ReportExport(ReportFilters):
    format: Literal["json", "csv"] = "json"


class CountRow(BaseModel):
    key: str
    label: str
    count: int


class MonthBudget(BaseModel):
    month: str = Field(description="YYYY-MM of the campaigns' start date")
    currency: str
    budget: Decimal
    count: int


class CurrencyTotal(BaseModel):
    currency: str
    budget: Decimal
    count: int


class ReportSummary(BaseModel):
    date_from: date | None
    date_to: date | None
    total: int
    by_platform: list[CountRow]
    by_objective: list[CountRow]
    by_status: list[CountRow]
    budget_by_currency: list[CurrencyTotal]
    budget_by_month: list[MonthBudget]


# --- email details ---------------------------------------------------------


class CampaignEmail(StrictInput):
    to: EmailStr = Field(max_length=320)
    note: str | None = Field(default=None, max_length=1000, description="A line from you")


class EmailSent(BaseModel):
    sent_to: str


# --- share links -----------------------------------------------------------


class SharePublic(BaseModel):
    id: uuid.UUID
    campaign_id: str
    created_by: uuid.UUID | None
    created_at: datetime
    revoked: bool


class ShareCreated(SharePublic):
    token: str = Field(description="Shown once: only its digest is kept")
    url: str


class SharePage(BaseModel):
    items: list[SharePublic]
    total: int
    limit: int
    offset: int


class SharedCampaign(BaseModel):
    campaign: CampaignPublic
    links: list[UtmLinkPublic]
    shared_by: str | None
