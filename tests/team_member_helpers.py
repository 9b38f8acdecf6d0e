"""Make one account a member of another account's team, straight in the database.

Invitations are their own feature (and their own tests); tests of what teammates
share only need two people in one team.
"""

from __future__ import annotations

from sqlalchemy import create_engine, func
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from konduct.domain.enums import MemberStatus, TeamRole
from konduct.models import TeamMember, User
from konduct.models.base import utcnow


def join_team(
    database_url: str, member_email: str, owner_email: str, role: TeamRole = TeamRole.MEMBER
) -> None:
    """``member_email`` joins the team of ``owner_email`` (and works in it from now on)."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with Session(engine) as session:

            def user(email: str) -> User:
                return session.exec(
                    select(User).where(func.lower(User.email) == email.lower())
                ).one()

            member, owner = user(member_email), user(owner_email)
            session.add(
                TeamMember(
                    team_id=owner.default_team_id,
                    user_id=member.id,
                    role=role,
                    status=MemberStatus.ACTIVE,
                    joined_at=utcnow(),
                )
            )
            member.default_team_id = owner.default_team_id
            session.add(member)
            session.commit()
    finally:
        engine.dispose()
