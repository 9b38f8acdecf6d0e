"""A team's plan: Free until a subscription says otherwise; one live plan at a time."""

from sqlmodel import Session, select

from konduct.domain.enums import Plan, SubscriptionStatus
from konduct.models.billing import Subscription
from konduct.models.teams import Team
from konduct.services.plans import limits_of, plan_of, put_team_on_plan


def _team(db_session: Session) -> Team:
    team = Team(name="Plan test", slug=f"plan-test-{id(db_session)}")
    db_session.add(team)
    db_session.flush()
    return team


def test_a_team_without_a_subscription_is_on_free(db_session: Session) -> None:
    team = _team(db_session)
    assert plan_of(db_session, team.id) == Plan.FREE
    assert plan_of(db_session, None) == Plan.FREE
    assert limits_of(db_session, team.id).campaigns_per_month == 5


def test_a_new_plan_replaces_the_live_one(db_session: Session) -> None:
    team = _team(db_session)
    put_team_on_plan(db_session, team.id, Plan.PROFESSIONAL)
    assert plan_of(db_session, team.id) == Plan.PROFESSIONAL
    put_team_on_plan(db_session, team.id, Plan.ENTERPRISE)
    assert plan_of(db_session, team.id) == Plan.ENTERPRISE
    statuses = sorted(
        s.status
        for s in db_session.exec(select(Subscription).where(Subscription.team_id == team.id))
    )
    assert statuses == [SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED]
