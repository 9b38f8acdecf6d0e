"""/api/trial, /api/demo, /api/contact, /api/support: what visitors ask of the site.

Public writes are limited per client address and carry the ``website`` honeypot;
status reads take the request's public token (the ``{id}`` of the spec's paths).
Updates and lists are for Konduct staff only: anyone else gets 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Cookie, Query, status

from konduct.api.deps import CurrentUser, DbSession, SettingsDep, rate_limit
from konduct.domain.enums import ContactStatus, DemoStatus
from konduct.domain.visitor_requests import (
    CONTACT_LIMIT,
    DEMO_REQUEST_LIMIT,
    STATUS_LOOKUP_LIMIT,
    SUPPORT_TICKET_LIMIT,
    TRIAL_LIMIT,
    TicketStatus,
)
from konduct.schemas.visitor_requests import (
    ContactAdminRow,
    ContactPage,
    ContactStatusOut,
    ContactSubmit,
    ContactUpdate,
    DemoAdminRow,
    DemoPage,
    DemoRequestIn,
    DemoStatusOut,
    DemoUpdate,
    SlotsResponse,
    TicketAdminRow,
    TicketIn,
    TicketPage,
    TicketStatusOut,
    TicketUpdate,
    TrialStartRequest,
    TrialStartResponse,
)
from konduct.services import contact_requests, demo_requests, support_tickets, trials
from konduct.services.analytics import VISITOR_COOKIE

router = APIRouter(tags=["visitor requests"])

# The analytics cookie, when a browser sent one: conversions join the visitor's visits.
VisitorId = Annotated[str | None, Cookie(alias=VISITOR_COOKIE, include_in_schema=False)]

TRIAL_QUOTA = rate_limit("trial", TRIAL_LIMIT)
DEMO_QUOTA = rate_limit("demo request", DEMO_REQUEST_LIMIT)
CONTACT_QUOTA = rate_limit("sales contact", CONTACT_LIMIT)
TICKET_QUOTA = rate_limit("support ticket", SUPPORT_TICKET_LIMIT)
LOOKUP_QUOTA = rate_limit("request status", STATUS_LOOKUP_LIMIT)
Limit = Query(default=25, ge=1, le=100)
Offset = Query(default=0, ge=0)


# --- Trial --------------------------------------------------------------------------------


@router.post(
    "/trial/start",
    status_code=status.HTTP_201_CREATED,
    response_model=TrialStartResponse,
    dependencies=[TRIAL_QUOTA],
    summary="Start a free trial: queue the welcome mails, get the prefilled sign-up link",
)
def start_trial(
    data: TrialStartRequest, session: DbSession, settings: SettingsDep, visitor: VisitorId = None
) -> TrialStartResponse:
    signup = trials.start_trial(session, data=data, settings=settings, visitor_id=visitor)
    return TrialStartResponse(register_url=trials.register_url(signup, settings))


# --- Demo ---------------------------------------------------------------------------------


@router.get(
    "/demo/slots",
    response_model=SlotsResponse,
    dependencies=[LOOKUP_QUOTA],
    summary="Free demo slots, grouped by day in the given time zone",
)
def demo_slots(
    session: DbSession,
    timezone: str = Query(default="UTC", max_length=64, description="IANA name"),
) -> SlotsResponse:
    return demo_requests.available(session, timezone=timezone)


@router.post(
    "/demo/request",
    status_code=status.HTTP_201_CREATED,
    response_model=DemoStatusOut,
    dependencies=[DEMO_QUOTA],
    responses={409: {"description": "The slot was taken meanwhile"}},
    summary="Request a demo in a free slot; a confirmation with a calendar invite is mailed",
)
def request_demo(
    data: DemoRequestIn, session: DbSession, settings: SettingsDep, visitor: VisitorId = None
) -> DemoStatusOut:
    row = demo_requests.request_demo(session, data=data, settings=settings, visitor_id=visitor)
    return demo_requests.public_view(row, settings)


@router.get(
    "/demo/status/{id}",
    response_model=DemoStatusOut,
    dependencies=[LOOKUP_QUOTA],
    summary="A demo request's status, by its public token",
)
def demo_status(id: str, session: DbSession, settings: SettingsDep) -> DemoStatusOut:
    return demo_requests.status(session, token=id, settings=settings)


@router.put(
    "/demo/update/{id}",
    response_model=DemoAdminRow,
    summary="Staff: schedule, complete or cancel a demo request",
)
def demo_update(
    id: str, data: DemoUpdate, session: DbSession, ctx: CurrentUser, settings: SettingsDep
) -> DemoAdminRow:
    return demo_requests.update(session, ctx=ctx, token=id, data=data, settings=settings)


@router.get("/demo/requests", response_model=DemoPage, summary="Staff: demo requests")
def demo_list(
    session: DbSession,
    ctx: CurrentUser,
    settings: SettingsDep,
    status: DemoStatus | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> DemoPage:
    return demo_requests.list_requests(
        session, ctx=ctx, settings=settings, status=status, limit=limit, offset=offset
    )


# --- Contact sales ------------------------------------------------------------------------


@router.post(
    "/contact/submit",
    status_code=status.HTTP_201_CREATED,
    response_model=ContactStatusOut,
    dependencies=[CONTACT_QUOTA],
    summary="Talk to sales: the sales team is mailed, the visitor gets an auto-reply",
)
def contact_submit(
    data: ContactSubmit, session: DbSession, settings: SettingsDep, visitor: VisitorId = None
) -> ContactStatusOut:
    row = contact_requests.submit(session, data=data, settings=settings, visitor_id=visitor)
    return contact_requests.public_view(row, settings)


@router.get(
    "/contact/status/{id}",
    response_model=ContactStatusOut,
    dependencies=[LOOKUP_QUOTA],
    summary="A sales contact's status, by its public token",
)
def contact_status(id: str, session: DbSession, settings: SettingsDep) -> ContactStatusOut:
    return contact_requests.status(session, token=id, settings=settings)


@router.put(
    "/contact/update/{id}",
    response_model=ContactAdminRow,
    summary="Staff: move a sales contact along (NEW, IN_PROGRESS, RESOLVED)",
)
def contact_update(
    id: str, data: ContactUpdate, session: DbSession, ctx: CurrentUser, settings: SettingsDep
) -> ContactAdminRow:
    return contact_requests.update(session, ctx=ctx, token=id, data=data, settings=settings)


@router.get("/contact/requests", response_model=ContactPage, summary="Staff: sales contacts")
def contact_list(
    session: DbSession,
    ctx: CurrentUser,
    settings: SettingsDep,
    status: ContactStatus | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> ContactPage:
    return contact_requests.list_requests(
        session, ctx=ctx, settings=settings, status=status, limit=limit, offset=offset
    )


# --- Support tickets ----------------------------------------------------------------------


@router.post(
    "/support/tickets",
    status_code=status.HTTP_201_CREATED,
    response_model=TicketStatusOut,
    dependencies=[TICKET_QUOTA],
    summary="Open a support ticket; support is mailed, the visitor gets the ticket number",
)
def ticket_open(data: TicketIn, session: DbSession, settings: SettingsDep) -> TicketStatusOut:
    row = support_tickets.open_ticket(session, data=data, settings=settings)
    return support_tickets.public_view(row, settings)


@router.get("/support/tickets", response_model=TicketPage, summary="Staff: support tickets")
def ticket_list(
    session: DbSession,
    ctx: CurrentUser,
    settings: SettingsDep,
    status: TicketStatus | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> TicketPage:
    return support_tickets.list_tickets(
        session, ctx=ctx, settings=settings, status=status, limit=limit, offset=offset
    )


@router.get(
    "/support/tickets/{id}",
    response_model=TicketStatusOut,
    dependencies=[LOOKUP_QUOTA],
    summary="A ticket's status, by its public token",
)
def ticket_status(id: str, session: DbSession, settings: SettingsDep) -> TicketStatusOut:
    return support_tickets.status(session, token=id, settings=settings)


@router.put(
    "/support/tickets/{id}",
    response_model=TicketAdminRow,
    summary="Staff: move a ticket along (OPEN, IN_PROGRESS, RESOLVED)",
)
def ticket_update(
    id: str, data: TicketUpdate, session: DbSession, ctx: CurrentUser, settings: SettingsDep
) -> TicketAdminRow:
    return support_tickets.update(session, ctx=ctx, token=id, data=data, settings=settings)
