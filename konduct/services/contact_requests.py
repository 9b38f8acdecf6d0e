"""'Talk to Sales': the contact form, the note to sales, the auto-reply, the lifecycle."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from konduct.domain.enums import ContactStatus
from konduct.domain.visitor_requests import (
    CONTACT_TRANSITIONS,
    check_honeypot,
    check_transition,
    next_statuses,
)
from konduct.models import ContactRequest
from konduct.models.base import utcnow
from konduct.schemas.visitor_requests import (
    ContactAdminRow,
    ContactPage,
    ContactStatusOut,
    ContactSubmit,
    ContactUpdate,
)
from konduct.services import analytics, request_mails
from konduct.services.auth import AuthContext
from konduct.services.outgoing import queue_mail
from konduct.services.staff import find_by_token, page_of, require_staff
from konduct.settings import Settings

WHAT = "contact request"


def submit(
    session: Session, *, data: ContactSubmit, settings: Settings, visitor_id: str | None = None
) -> ContactRequest:
    check_honeypot(data.website)
    row = ContactRequest(
        name=data.name.strip(),
        email=data.email.strip().lower(),
        company=data.company.strip(),
        company_size=data.company_size,
        industry=(data.industry or "").strip() or None,
        phone=(data.phone or "").strip() or None,
        message=data.message.strip(),
    )
    session.add(row)
    session.flush()
    queue_mail(session, request_mails.contact_sales_mail(row, settings), settings)
    queue_mail(session, request_mails.contact_autoreply_mail(row, settings), settings)
    analytics.record_conversion(
        session, "contact_request", visitor_id=visitor_id, path="/contact-sales"
    )
    return row


def _find(session: Session, token: str, *, lock: bool = False) -> ContactRequest:
    return find_by_token(session, ContactRequest, token, what=WHAT, lock=lock)


def public_view(row: ContactRequest, settings: Settings) -> ContactStatusOut:
    return ContactStatusOut(
        id=row.public_token,
        status=row.status,
        name=row.name,
        company=row.company,
        status_url=request_mails.contact_status_url(row, settings),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def admin_view(row: ContactRequest, settings: Settings) -> ContactAdminRow:
    return ContactAdminRow(
        **public_view(row, settings).model_dump(),
        email=row.email,
        company_size=row.company_size,
        industry=row.industry,
        phone=row.phone,
        message=row.message,
        next_statuses=next_statuses(CONTACT_TRANSITIONS, row.status),
    )


def status(session: Session, *, token: str, settings: Settings) -> ContactStatusOut:
    return public_view(_find(session, token), settings)


def update(
    session: Session,
    *,
    ctx: AuthContext | None,
    token: str,
    data: ContactUpdate,
    settings: Settings,
    now: datetime | None = None,
) -> ContactAdminRow:
    require_staff(ctx, settings, what=WHAT)
    row = _find(session, token, lock=True)
    check_transition(CONTACT_TRANSITIONS, row.status, data.status, what=WHAT)
    row.status = data.status
    row.updated_at = now or utcnow()
    session.add(row)
    session.flush()
    return admin_view(row, settings)


def list_requests(
    session: Session,
    *,
    ctx: AuthContext | None,
    settings: Settings,
    status: ContactStatus | None = None,
    limit: int = 25,
    offset: int = 0,
) -> ContactPage:
    require_staff(ctx, settings, what="page")
    rows, total = page_of(session, ContactRequest, status=status, limit=limit, offset=offset)
    return ContactPage(
        items=[admin_view(r, settings) for r in rows], total=total, limit=limit, offset=offset
    )
