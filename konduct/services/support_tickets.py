"""Support tickets: the form, the mail to support, the auto-reply with the number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from konduct.domain.visitor_requests import (
    TICKET_TRANSITIONS,
    TicketStatus,
    check_honeypot,
    check_transition,
    next_statuses,
)
from konduct.models import SupportTicket
from konduct.models.base import utcnow
from konduct.schemas.visitor_requests import (
    TicketAdminRow,
    TicketIn,
    TicketPage,
    TicketStatusOut,
    TicketUpdate,
)
from konduct.services import request_mails
from konduct.services.auth import AuthContext
from konduct.services.outgoing import queue_mail
from konduct.services.staff import find_by_token, page_of, require_staff
from konduct.settings import Settings

WHAT = "support ticket"
FIRST_NUMBER = 1001  # "ticket #1" looks like nobody else ever wrote
NUMBER_TRIES = 5


def open_ticket(session: Session, *, data: TicketIn, settings: Settings) -> SupportTicket:
    check_honeypot(data.website)
    for _ in range(NUMBER_TRIES):
        highest = session.exec(select(func.max(SupportTicket.number))).one()
        row = SupportTicket(
            number=max(int(highest or 0) + 1, FIRST_NUMBER),
            name=data.name.strip(),
            email=data.email.strip().lower(),
            subject=data.subject.strip(),
            category=data.category,
            message=data.message.strip(),
        )
        try:
            with session.begin_nested():  # a parallel ticket took the number: take the next
                session.add(row)
                session.flush()
        except IntegrityError:
            continue
        break
    else:
        raise RuntimeError("could not number the ticket: too many parallel tickets")
    queue_mail(session, request_mails.ticket_support_mail(row, settings), settings)
    queue_mail(session, request_mails.ticket_autoreply_mail(row, settings), settings)
    return row


def _find(session: Session, token: str, *, lock: bool = False) -> SupportTicket:
    return find_by_token(session, SupportTicket, token, what=WHAT, lock=lock)


def public_view(row: SupportTicket, settings: Settings) -> TicketStatusOut:
    return TicketStatusOut(
        id=row.public_token,
        number=row.number,
        status=row.status,
        subject=row.subject,
        category=row.category,
        status_url=request_mails.ticket_status_url(row, settings),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def admin_view(row: SupportTicket, settings: Settings) -> TicketAdminRow:
    return TicketAdminRow(
        **public_view(row, settings).model_dump(),
        name=row.name,
        email=row.email,
        message=row.message,
        next_statuses=next_statuses(TICKET_TRANSITIONS, row.status),
    )


def status(session: Session, *, token: str, settings: Settings) -> TicketStatusOut:
    return public_view(_find(session, token), settings)


def update(
    session: Session,
    *,
    ctx: AuthContext | None,
    token: str,
    data: TicketUpdate,
    settings: Settings,
    now: datetime | None = None,
) -> TicketAdminRow:
    require_staff(ctx, settings, what=WHAT)
    row = _find(session, token, lock=True)
    check_transition(TICKET_TRANSITIONS, row.status, data.status, what=WHAT)
    row.status = data.status
    row.updated_at = now or utcnow()
    session.add(row)
    session.flush()
    return admin_view(row, settings)


def list_tickets(
    session: Session,
    *,
    ctx: AuthContext | None,
    settings: Settings,
    status: TicketStatus | None = None,
    limit: int = 25,
    offset: int = 0,
) -> TicketPage:
    require_staff(ctx, settings, what="page")
    rows, total = page_of(session, SupportTicket, status=status, limit=limit, offset=offset)
    return TicketPage(
        items=[admin_view(r, settings) for r in rows], total=total, limit=limit, offset=offset
    )
