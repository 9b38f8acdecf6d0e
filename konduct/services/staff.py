"""Konduct's own people: who may see and move the site's visitor requests.

Staff are the confirmed accounts whose address is in STAFF_EMAILS. Everybody else is
told the thing does not exist (404), so the admin doors reveal nothing to strangers.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from konduct.domain.errors import NotFound
from konduct.services.auth import AuthContext
from konduct.settings import Settings

M = TypeVar("M")


def is_staff(ctx: AuthContext | None, settings: Settings) -> bool:
    # A confirmed address only: anyone may sign up with a staff address, few can read it.
    return bool(ctx and ctx.user.email_verified and settings.is_staff(ctx.user.email))


def require_staff(ctx: AuthContext | None, settings: Settings, *, what: str) -> None:
    if not is_staff(ctx, settings):
        raise NotFound(what)


def page_of(
    session: Session, model: type[M], *, status: str | None, limit: int, offset: int
) -> tuple[list[M], int]:
    """One page of ``model`` rows, newest first, optionally of one status, and the total."""
    query = select(model)
    count = select(func.count()).select_from(model)
    if status:
        query = query.where(model.status == status)  # type: ignore[attr-defined]
        count = count.where(model.status == status)  # type: ignore[attr-defined]
    rows = session.exec(
        query.order_by(col(model.created_at).desc()).limit(limit).offset(offset)  # type: ignore[attr-defined]
    ).all()
    return list(rows), int(session.exec(count).one())


def find_by_token(
    session: Session, model: type[M], token: str, *, what: str, lock: bool = False
) -> M:
    """The visitor request whose status-page token is ``token`` (404 for anything else)."""
    if not token or len(token) > 64:
        raise NotFound(what)
    query = select(model).where(model.public_token == token)  # type: ignore[attr-defined]
    row = session.exec(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFound(what)
    return row
