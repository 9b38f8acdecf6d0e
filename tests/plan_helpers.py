"""Put a test account's team on a plan, committed, as billing would.

New teams start on Free (5 campaigns a month, Facebook and Instagram only, JSON
export, no members, templates, bulk or API). Tests of anything beyond that put
the team on Professional first.
"""

from __future__ import annotations

from sqlalchemy import create_engine, func
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from konduct.domain.enums import Plan
from konduct.models.accounts import User
from konduct.services.plans import put_team_on_plan


def put_on_plan(database_url: str, email: str, plan: Plan = Plan.PROFESSIONAL) -> None:
    """``database_url``: the app's database (``migrated_db_url``, ``app_database_url``)."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with Session(engine) as session:
            user = session.exec(select(User).where(func.lower(User.email) == email.lower())).one()
            assert user.default_team_id is not None, f"{email} has no team"
            put_team_on_plan(session, user.default_team_id, plan, user_id=user.id)
            session.commit()
    finally:
        engine.dispose()
