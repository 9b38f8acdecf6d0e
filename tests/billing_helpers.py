"""Billing test set-up written straight into the app's database, committed.

``join_team`` makes an account an active member of another account's team
(inviting is the teams feature's own work); ``shift_period`` moves a team's
billing period into the past, as time passing would.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import create_engine, func
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, select

from konduct.domain.enums import MemberStatus, TeamRole
from konduct.models import Subscription, TeamMember, User


@contextmanager
def database(url: str) -> Iterator[Session]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with Session(engine) as session:
            yield session
            session.commit()
    finally:
        engine.dispose()


def user_by_email(session: Session, email: str) -> User:
    return session.exec(select(User).where(func.lower(User.email) == email.lower())).one()


def team_of(url: str, email: str) -> uuid.UUID:
    with database(url) as session:
        team_id = user_by_email(session, email).default_team_id
        assert team_id is not None
        return team_id


def join_team(url: str, *, member_email: str, owner_email: str, role: TeamRole) -> None:
    """``member_email`` becomes an active ``role`` of ``owner_email``'s team, which becomes
    the team the member works in."""
    with database(url) as session:
        owner = user_by_email(session, owner_email)
        member = user_by_email(session, member_email)
        session.add(
            TeamMember(
                team_id=owner.default_team_id,
                user_id=member.id,
                role=role,
                status=MemberStatus.ACTIVE,
                invited_by=owner.id,
                joined_at=datetime.now().astimezone(),
            )
        )
        member.default_team_id = owner.default_team_id
        session.add(member)


def shift_period(url: str, team_id: uuid.UUID, *, by: timedelta) -> Subscription:
    """Move the live subscription's period (start and end) by ``by``."""
    with database(url) as session:
        sub = session.exec(
            select(Subscription)
            .where(Subscription.team_id == team_id, Subscription.status == "ACTIVE")
            .order_by(col(Subscription.created_at).desc())
        ).first()
        assert sub is not None
        sub.start_date += by
        assert sub.end_date is not None
        sub.end_date += by
        session.add(sub)
        session.flush()
        session.refresh(sub)
        session.expunge(sub)
        return sub
