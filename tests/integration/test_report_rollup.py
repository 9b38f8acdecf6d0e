"""The report rollup the campaign trigger keeps equals counting the campaigns themselves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlmodel import Session

from konduct.models import Team
from konduct.models.base import utcnow
from tests.integration.test_constraints import make_team, new_campaign

RAW = """
SELECT date_trunc('month', start_date)::date, platform, objective, status, currency,
       count(*), sum(budget)
  FROM campaign WHERE team_id = :team AND deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5
"""
ROLLUP = """
SELECT month, platform, objective, status, currency, campaigns, budget
  FROM campaign_report_bucket WHERE team_id = :team AND campaigns > 0
"""


def figures(session: Session, sql: str, team: Team) -> set[tuple]:
    session.flush()
    return set(session.execute(text(sql), {"team": team.id}).all())


def test_every_kind_of_change_moves_the_rollup_with_the_campaigns(db_session: Session) -> None:
    team = make_team(db_session)
    a = new_campaign(team)
    b = new_campaign(team, platform="GAD", objective="CNV", budget=Decimal("10.50"))
    c = new_campaign(team, start_date=date(2026, 7, 3), currency="EUR")
    db_session.add_all([a, b, c])
    assert figures(db_session, ROLLUP, team) == figures(db_session, RAW, team)
    assert len(figures(db_session, ROLLUP, team)) == 3

    a.budget, a.status = Decimal("99.99"), "ACTIVE"  # an edit and a lifecycle move
    b.start_date, b.end_date = date(2027, 1, 1), None
    c.deleted_at = utcnow()  # soft delete
    db_session.add_all([a, b, c])
    assert figures(db_session, ROLLUP, team) == figures(db_session, RAW, team)

    c.deleted_at = None  # restore
    db_session.add(c)
    db_session.delete(b)  # a hard delete
    assert figures(db_session, ROLLUP, team) == figures(db_session, RAW, team)
    assert {row[5] for row in figures(db_session, ROLLUP, team)} == {1}


def test_a_team_with_counted_campaigns_can_still_be_deleted(db_session: Session) -> None:
    team = make_team(db_session)
    db_session.add_all([new_campaign(team), new_campaign(team, currency="EUR")])
    db_session.flush()
    db_session.delete(team)
    db_session.flush()
    left = db_session.execute(
        text("SELECT count(*) FROM campaign_report_bucket WHERE team_id = :team"),
        {"team": team.id},
    ).scalar()
    assert left == 0
