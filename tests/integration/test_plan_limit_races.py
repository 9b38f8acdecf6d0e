"""Counted limits hold under parallel requests: the team row is locked while counting."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from konduct.domain.enums import MemberStatus, TeamRole
from konduct.domain.plans import PlanLimitReached
from konduct.models import Campaign, Team, TeamMember, User
from konduct.schemas.campaigns import CampaignCreate
from konduct.services import campaigns
from konduct.services.audit import ClientInfo
from konduct.services.auth import context_for

WRITERS = 6


def _body(n: int) -> CampaignCreate:
    return CampaignCreate.model_validate(
        {
            "name": f"Parallel {n}",
            "manager_name": "Ada",
            "website_url": "https://www.example.com",
            "platform": "Facebook",
            "objective": "Traffic",
            "start_date": "2027-03-01",
            "budget": "10",
            "allow_duplicate": True,
        }
    )


def _create(engine: Engine, user_id: uuid.UUID, n: int, start: threading.Barrier | None) -> bool:
    with Session(engine) as session:
        ctx = context_for(session, session.get(User, user_id), via="bearer")
        if start is not None:
            start.wait()
        try:
            campaigns.create(session, ctx=ctx, data=_body(n), client=ClientInfo())
            session.commit()
            return True
        except PlanLimitReached:
            session.rollback()
            return False


def test_parallel_saves_cannot_pass_the_free_monthly_limit(engine: Engine) -> None:
    with Session(engine) as session:
        team = Team(name="Race", slug=f"race-{uuid.uuid4().hex[:8]}")
        session.add(team)
        session.flush()
        user = User(
            email=f"race-{uuid.uuid4().hex[:8]}@example.com",
            full_name="Ada Race",
            password_hash="x",
            email_verified=True,
            default_team_id=team.id,
        )
        session.add(user)
        session.flush()
        session.add(
            TeamMember(
                team_id=team.id, user_id=user.id, role=TeamRole.ADMIN, status=MemberStatus.ACTIVE
            )
        )
        session.commit()
        team_id, user_id = team.id, user.id
    try:
        for n in range(4):  # four of Free's five made already
            assert _create(engine, user_id, n, None)
        start = threading.Barrier(WRITERS)
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            results = list(
                pool.map(lambda n: _create(engine, user_id, 100 + n, start), range(WRITERS))
            )
        assert results.count(True) == 1
        with Session(engine) as session:
            stored = session.exec(
                select(func.count()).select_from(Campaign).where(Campaign.team_id == team_id)
            ).one()
        assert stored[0] == 5
    finally:
        with Session(engine) as session:
            session.delete(session.get(User, user_id))
            session.delete(session.get(Team, team_id))
            session.commit()
