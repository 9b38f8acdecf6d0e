"""Campaigns in and out: the wizard's fields, the spec's Campaign model, search filters."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

import pycountry
from pydantic import BaseModel, Field, field_validator, model_validator

from konduct.domain.enums import CampaignStatus, Device, Gender
from konduct.schemas.common import CodeName, StrictInput

MIN_AGE, MAX_AGE = 13, 65
ShortText = Field(max_length=120)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


class RadiusTarget(StrictInput):
    label: str = Field(default="", max_length=120)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    radius_km: float = Field(gt=0, le=500)


class Locations(StrictInput):
    """The five kinds of location targeting."""

    countries: list[str] = Field(default_factory=list, max_length=250)
    regions: list[str] = Field(default_factory=list, max_length=200)
    cities: list[str] = Field(default_factory=list, max_length=500)
    radius: list[RadiusTarget] = Field(default_factory=list, max_length=50)
    custom: list[str] = Field(default_factory=list, max_length=100)

    @field_validator("countries")
    @classmethod
    def _iso_countries(cls, codes: list[str]) -> list[str]:
        codes = [code.strip().upper() for code in codes]
        unknown = [code for code in codes if code not in _country_codes()]
        if unknown:
            raise ValueError(f"not ISO 3166 country codes: {', '.join(unknown[:5])}")
        return sorted(set(codes))


class Demographics(StrictInput):
    age_range: tuple[int, int] = (18, 65)
    gender: list[Gender] = Field(default_factory=lambda: [Gender.ALL])
    languages: list[str] = Field(default_factory=list, max_length=100)
    locations: Locations = Field(default_factory=Locations)

    @field_validator("age_range")
    @classmethod
    def _ages(cls, ages: tuple[int, int]) -> tuple[int, int]:
        low, high = ages
        if not (MIN_AGE <= low <= high <= MAX_AGE):
            raise ValueError(f"ages must run from {MIN_AGE} to {MAX_AGE}, youngest first")
        return ages

    @field_validator("languages")
    @classmethod
    def _iso_languages(cls, codes: list[str]) -> list[str]:
        codes = [code.strip().lower() for code in codes]
        unknown = [code for code in codes if code not in _language_codes()]
        if unknown:
            raise ValueError(f"not ISO 639-1 language codes: {', '.join(unknown[:5])}")
        return sorted(set(codes))


class Targeting(StrictInput):
    demographics: Demographics = Field(default_factory=Demographics)
    interests: list[str] = Field(default_factory=list, max_length=100)
    behaviors: list[str] = Field(default_factory=list, max_length=100)
    devices: list[Device] = Field(default_factory=lambda: [Device.ALL])
    custom_audience: str | None = Field(default=None, max_length=500)
    custom_criteria: str | None = Field(default=None, max_length=2000)
    special_requirements: str | None = Field(default=None, max_length=2000)


class UtmParameters(StrictInput):
    source: str | None = Field(default=None, max_length=100)
    campaign: str | None = Field(default=None, max_length=100)
    medium: str | None = Field(default=None, max_length=100)
    creative: str | None = Field(default=None, max_length=100)


def _website(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("use the full address, e.g. https://www.example.com")
    return url.strip()


def _cents(amount: Decimal) -> Decimal:
    """Money always with two decimals, as the database keeps it (so diffs compare equal)."""
    return amount.quantize(Decimal("0.01"))


def _currency(code: str) -> str:
    code = code.strip().upper()
    if code not in _currency_codes():
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


class CampaignFields(StrictInput):
    """What the wizard asks for; shared by create and update."""

    name: str = Field(min_length=1, max_length=200)
    manager_name: str = Field(min_length=1, max_length=200)
    website_url: str = Field(max_length=2048)
    start_date: date
    end_date: date | None = None
    budget: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    targeting: Targeting = Field(default_factory=Targeting)
    utm_parameters: UtmParameters = Field(default_factory=UtmParameters)

    @field_validator("website_url")
    @classmethod
    def _website_ok(cls, value: str) -> str:
        return _website(value)

    @field_validator("currency")
    @classmethod
    def _currency_ok(cls, value: str) -> str:
        return _currency(value)

    @field_validator("budget")
    @classmethod
    def _budget_cents(cls, value: Decimal) -> Decimal:
        return _cents(value)

    @model_validator(mode="after")
    def _dates_in_order(self) -> CampaignFields:
        if self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date must not be before start_date")
        return self


class CampaignCreate(CampaignFields):
    platform: str = Field(min_length=1, max_length=40)
    objective: str = Field(min_length=1, max_length=40)
    status: Literal["DRAFT", "ACTIVE"] = "DRAFT"
    allow_duplicate: bool = Field(
        default=False, description="Create it even if the team has a campaign with the same data"
    )


class CampaignUpdate(StrictInput):
    """Any subset of the fields; platform and objective are fixed by the campaign ID."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    manager_name: str | None = Field(default=None, min_length=1, max_length=200)
    website_url: str | None = Field(default=None, max_length=2048)
    start_date: date | None = None
    end_date: date | None = None
    budget: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    targeting: Targeting | None = None
    utm_parameters: UtmParameters | None = None
    platform: str | None = None
    objective: str | None = None

    @field_validator("website_url")
    @classmethod
    def _website_ok(cls, value: str | None) -> str | None:
        return None if value is None else _website(value)

    @field_validator("currency")
    @classmethod
    def _currency_ok(cls, value: str | None) -> str | None:
        return None if value is None else _currency(value)

    @field_validator("budget")
    @classmethod
    def _budget_cents(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else _cents(value)


class CampaignPublic(BaseModel):
    id: uuid.UUID
    campaign_id: str
    name: str
    manager_name: str
    website_url: str
    platform: CodeName
    objective: CodeName
    start_date: date
    end_date: date | None
    budget: Decimal
    currency: str
    status: CampaignStatus
    archived: bool
    deleted: bool
    targeting: dict[str, Any]
    utm_parameters: UtmParameters
    created_by: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class DuplicateWarning(BaseModel):
    campaign_id: str
    name: str
    created_at: datetime


class HistoryEntry(BaseModel):
    id: uuid.UUID
    action: str
    changes: dict[str, Any]
    performed_by: uuid.UUID | None
    performed_by_name: str | None
    timestamp: datetime


class CampaignSearch(BaseModel):
    """Filters, all optional and combinable."""

    q: str | None = Field(default=None, max_length=200, description="Words in the name")
    campaign_id: str | None = Field(default=None, max_length=40, description="ID prefix")
    platform: str | None = Field(default=None, max_length=40)
    objective: str | None = Field(default=None, max_length=40)
    status: CampaignStatus | None = None
    created_from: date | None = None
    created_to: date | None = None
    utm_source: str | None = Field(default=None, max_length=100)
    utm_medium: str | None = Field(default=None, max_length=100)
    utm_campaign: str | None = Field(default=None, max_length=100)
    utm_creative: str | None = Field(default=None, max_length=100)
    archived: bool = Field(default=False, description="Show archived campaigns instead")
    limit: int = Field(default=25, ge=1, le=100)
    offset: int = Field(default=0, ge=0)


class CampaignPage(BaseModel):
    items: list[CampaignPublic]
    total: int
    total_capped: bool = Field(
        default=False, description="More matches exist than counted: total is a lower bound"
    )
    limit: int
    offset: int


@lru_cache(maxsize=1)
def country_options() -> tuple[tuple[str, str], ...]:
    """(ISO code, name) for every country, by name: what the wizard lets people pick."""
    return tuple(sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda o: o[1]))


@lru_cache(maxsize=1)
def language_options() -> tuple[tuple[str, str], ...]:
    languages = (
        (lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")
    )
    return tuple(sorted(languages, key=lambda o: o[1]))
