"""Shapes of the visitor request doors: trial, demo, sales contact, support ticket.

Every public form carries ``website``, the honeypot: people never see it, so it must
come back empty. Staff updates and lists have their own shapes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from konduct.domain.enums import ContactStatus, DemoStatus, UserRole
from konduct.domain.visitor_requests import TicketCategory, TicketStatus
from konduct.schemas.common import StrictInput

TeamSize = Literal["1", "2-10", "11-50", "51-200", "201-1000", "1000+"]
HoneypotField = Field(
    default="",
    max_length=500,
    description="Leave empty. A hidden field: forms filled by bots fill it, and are refused.",
)


class TrialStartRequest(StrictInput):
    email: EmailStr = Field(max_length=320)
    full_name: str = Field(min_length=1, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    team_size: TeamSize
    role: UserRole = UserRole.ADMIN
    website: str = HoneypotField


class TrialStartResponse(BaseModel):
    status: Literal["started"] = "started"
    register_url: str = Field(description="Registration, prefilled with what was given here")
    detail: str = "Your trial is ready to set up: choose a password to create your account."


class TrialPrefill(BaseModel):
    email: str
    full_name: str
    company: str
    role: str


# --- Demo ---------------------------------------------------------------------------------


class Slot(BaseModel):
    start: datetime = Field(description="UTC")
    label: str = Field(description="The time in the asked time zone, e.g. 15:30")


class SlotDay(BaseModel):
    date: str = Field(description="The day in the asked time zone, YYYY-MM-DD")
    label: str = Field(description="e.g. Tue 3 Mar")
    slots: list[Slot]


class SlotsResponse(BaseModel):
    timezone: str
    sales_timezone: str
    slot_minutes: int
    days: list[SlotDay]


class DemoRequestIn(StrictInput):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr = Field(max_length=320)
    company: str = Field(min_length=1, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    slot: datetime = Field(description="The chosen slot's start, with its offset (UTC is fine)")
    timezone: str = Field(min_length=1, max_length=64, description="IANA name, e.g. Europe/Paris")
    message: str | None = Field(default=None, max_length=5000)
    website: str = HoneypotField


class DemoStatusOut(BaseModel):
    id: str = Field(description="The request's public token (its status page address)")
    status: DemoStatus
    name: str
    company: str
    slot: datetime = Field(description="The demo's time, UTC")
    timezone: str
    when: str = Field(description="The time spelled out in the visitor's time zone")
    status_url: str
    created_at: datetime


class DemoUpdate(StrictInput):
    status: DemoStatus
    scheduled_at: datetime | None = Field(
        default=None, description="With status SCHEDULED: the demo's time (default: the pick)"
    )


class DemoAdminRow(DemoStatusOut):
    email: str
    phone: str | None
    message: str | None
    next_statuses: list[str]


class DemoPage(BaseModel):
    items: list[DemoAdminRow]
    total: int
    limit: int
    offset: int


# --- Contact sales ------------------------------------------------------------------------


class ContactSubmit(StrictInput):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr = Field(max_length=320)
    company: str = Field(min_length=1, max_length=200)
    company_size: TeamSize | None = None
    industry: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    message: str = Field(min_length=1, max_length=5000)
    website: str = HoneypotField


class ContactStatusOut(BaseModel):
    id: str
    status: ContactStatus
    name: str
    company: str
    status_url: str
    created_at: datetime
    updated_at: datetime


class ContactUpdate(StrictInput):
    status: ContactStatus


class ContactAdminRow(ContactStatusOut):
    email: str
    company_size: str | None
    industry: str | None
    phone: str | None
    message: str
    next_statuses: list[str]


class ContactPage(BaseModel):
    items: list[ContactAdminRow]
    total: int
    limit: int
    offset: int


# --- Support tickets ----------------------------------------------------------------------


class TicketIn(StrictInput):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr = Field(max_length=320)
    subject: str = Field(min_length=1, max_length=200)
    category: TicketCategory = TicketCategory.QUESTION
    message: str = Field(min_length=1, max_length=10000)
    website: str = HoneypotField


class TicketStatusOut(BaseModel):
    id: str
    number: int
    status: TicketStatus
    subject: str
    category: TicketCategory
    status_url: str
    created_at: datetime
    updated_at: datetime


class TicketUpdate(StrictInput):
    status: TicketStatus


class TicketAdminRow(TicketStatusOut):
    name: str
    email: str
    message: str
    next_statuses: list[str]


class TicketPage(BaseModel):
    items: list[TicketAdminRow]
    total: int
    limit: int
    offset: int
