"""The import service: progress as it goes, and nothing left behind when a row fails late."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from konduct.domain.bulk_import import CsvRejected
from konduct.domain.enums import Plan, TeamRole
from konduct.models import Campaign, UtmLink
from konduct.services import bulk_import
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import put_team_on_plan
from tests.integration.test_constraints import make_team, make_user

HEADER = "name,manager_name,website_url,platform,objective,start_date,budget"


def importer(session: Session) -> AuthContext:
    team = make_team(session)
    user = make_user(session)
    user.email_verified, user.default_team_id = True, team.id
    session.add(user)
    put_team_on_plan(session, team.id, Plan.PROFESSIONAL)
    return AuthContext(user, team.id, TeamRole.ADMIN, "test")


def rows(*names: str) -> bytes:
    lines = [f"{n},Ada,https://e.com/{n},Facebook,Traffic,2027-03-01,10" for n in names]
    return "\n".join([HEADER, *lines]).encode()


def test_progress_is_reported_after_each_campaign(db_session: Session) -> None:
    ctx = importer(db_session)
    seen: list[tuple[int, int]] = []
    result = bulk_import.import_csv(
        db_session,
        ctx=ctx,
        content=rows("a", "b", "c"),
        client=ClientInfo(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.imported == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    links = db_session.exec(select(func.count()).select_from(UtmLink)).one()
    assert links >= 3


def test_a_row_failing_while_creating_names_its_row(db_session: Session) -> None:
    """A duplicate is only found while creating (row 3 repeats row 2): the error names it,
    and the caller's rollback removes row 2's campaign too."""
    ctx = importer(db_session)
    before = db_session.exec(
        select(func.count()).select_from(Campaign).where(Campaign.team_id == ctx.team_id)
    ).one()
    savepoint = db_session.begin_nested()
    with pytest.raises(CsvRejected) as caught:
        bulk_import.import_csv(
            db_session, ctx=ctx, content=rows("same", "same"), client=ClientInfo()
        )
    savepoint.rollback()
    assert (caught.value.rows[0].row, caught.value.rows[0].column) == (3, "name")
    after = db_session.exec(
        select(func.count()).select_from(Campaign).where(Campaign.team_id == ctx.team_id)
    ).one()
    assert after == before == 0
