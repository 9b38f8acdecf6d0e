"""Demo requests: free slots, booking one, its status page, and staff moving it along.

The slot rules are :mod:`konduct.domain.demo_slots`, the lifecycle
:data:`konduct.domain.visitor_requests.DEMO_TRANSITIONS`. The database has the last word
on double bookings (a partial unique index on the held slot), so two visitors racing for
one time get one booking and one "taken".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from konduct.domain import demo_slots
from konduct.domain.enums import DemoStatus
from konduct.domain.visitor_requests import (
    DEMO_HOLDS_SLOT,
    DEMO_TRANSITIONS,
    check_honeypot,
    check_transition,
    next_statuses,
)
from konduct.models import DemoRequest
from konduct.models.base import utcnow
from konduct.schemas.visitor_requests import (
    DemoAdminRow,
    DemoPage,
    DemoRequestIn,
    DemoStatusOut,
    DemoUpdate,
    Slot,
    SlotDay,
    SlotsResponse,
)
from konduct.services import analytics, request_mails
from konduct.services.auth import AuthContext
from konduct.services.outgoing import queue_mail
from konduct.services.staff import find_by_token, page_of, require_staff
from konduct.settings import Settings

WHAT = "demo request"


def booked_slots(
    session: Session, *, now: datetime, exclude: DemoRequest | None = None
) -> list[datetime]:
    query = select(DemoRequest.slot_at, DemoRequest.id).where(
        col(DemoRequest.status).in_(DEMO_HOLDS_SLOT),
        DemoRequest.slot_at >= now - timedelta(days=1),
    )
    return [
        slot for slot, row_id in session.exec(query).all() if not exclude or row_id != exclude.id
    ]


def available(session: Session, *, timezone: str, now: datetime | None = None) -> SlotsResponse:
    """The free slots, grouped by day in the visitor's zone."""
    now = now or utcnow()
    tz = demo_slots.zone(timezone)
    free = demo_slots.free_slots(now, booked_slots(session, now=now))
    days = [
        SlotDay(
            date=group.day.isoformat(),
            label=f"{group.day:%a} {group.day.day} {group.day:%b}",
            slots=[Slot(start=s, label=f"{s.astimezone(tz):%H:%M}") for s in group.slots],
        )
        for group in demo_slots.by_local_day(free, tz)
    ]
    return SlotsResponse(
        timezone=tz.key,
        sales_timezone=demo_slots.SALES_TIMEZONE,
        slot_minutes=demo_slots.SLOT_MINUTES,
        days=days,
    )


def _hold(session: Session, row: DemoRequest) -> None:
    """Write the row; a clash on the held slot (a parallel booking) is SlotTaken."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as clash:
        raise demo_slots.SlotTaken() from clash


def request_demo(
    session: Session,
    *,
    data: DemoRequestIn,
    settings: Settings,
    now: datetime | None = None,
    visitor_id: str | None = None,
) -> DemoRequest:
    check_honeypot(data.website)
    now = now or utcnow()
    tz = demo_slots.zone(data.timezone)
    slot = demo_slots.check_slot(data.slot, now, booked_slots(session, now=now))
    row = DemoRequest(
        name=data.name.strip(),
        email=data.email.strip().lower(),
        company=data.company.strip(),
        phone=(data.phone or "").strip() or None,
        preferred_date=slot,
        slot_at=slot,
        timezone=tz.key,
        message=(data.message or "").strip() or None,
    )
    _hold(session, row)
    queue_mail(session, request_mails.demo_confirmation_mail(row, settings), settings)
    queue_mail(session, request_mails.demo_sales_mail(row, settings), settings)
    analytics.record_conversion(session, "demo_request", visitor_id=visitor_id, path="/demo")
    return row


def _find(session: Session, token: str, *, lock: bool = False) -> DemoRequest:
    return find_by_token(session, DemoRequest, token, what=WHAT, lock=lock)


def public_view(row: DemoRequest, settings: Settings) -> DemoStatusOut:
    return DemoStatusOut(
        id=row.public_token,
        status=row.status,
        name=row.name,
        company=row.company,
        slot=row.slot_at,
        timezone=row.timezone,
        when=demo_slots.describe(row.slot_at, demo_slots.zone(row.timezone)),
        status_url=request_mails.demo_status_url(row, settings),
        created_at=row.created_at,
    )


def admin_view(row: DemoRequest, settings: Settings) -> DemoAdminRow:
    return DemoAdminRow(
        **public_view(row, settings).model_dump(),
        email=row.email,
        phone=row.phone,
        message=row.message,
        next_statuses=next_statuses(DEMO_TRANSITIONS, row.status),
    )


def status(session: Session, *, token: str, settings: Settings) -> DemoStatusOut:
    return public_view(_find(session, token), settings)


def update(
    session: Session,
    *,
    ctx: AuthContext | None,
    token: str,
    data: DemoUpdate,
    settings: Settings,
    now: datetime | None = None,
) -> DemoAdminRow:
    """Staff move a request along: schedule (at a time), complete, cancel."""
    require_staff(ctx, settings, what=WHAT)
    now = now or utcnow()
    row = _find(session, token, lock=True)
    check_transition(DEMO_TRANSITIONS, row.status, data.status, what=WHAT)
    if data.status == DemoStatus.SCHEDULED:
        wanted = data.scheduled_at or row.slot_at
        row.slot_at = demo_slots.check_staff_slot(
            wanted, now, booked_slots(session, now=now, exclude=row)
        )
    row.status = data.status
    row.revision += 1
    row.updated_at = now
    _hold(session, row)
    mail = {
        DemoStatus.SCHEDULED: request_mails.demo_scheduled_mail,
        DemoStatus.COMPLETED: request_mails.demo_followup_mail,
        DemoStatus.CANCELLED: request_mails.demo_cancelled_mail,
    }[DemoStatus(data.status)]
    queue_mail(session, mail(row, settings), settings)
    return admin_view(row, settings)


def list_requests(
    session: Session,
    *,
    ctx: AuthContext | None,
    settings: Settings,
    status: DemoStatus | None = None,
    limit: int = 25,
    offset: int = 0,
) -> DemoPage:
    require_staff(ctx, settings, what="page")
    rows, total = page_of(session, DemoRequest, status=status, limit=limit, offset=offset)
    return DemoPage(
        items=[admin_view(r, settings) for r in rows], total=total, limit=limit, offset=offset
    )
