"""The database itself refuses bad data, whatever code writes it.

Each refusal runs in a SAVEPOINT (``db_session.begin_nested()``), so one test
can check several; the assertion names the constraint that must fire. Make the
bad change *inside* the ``refused`` block: ``begin_nested()`` first flushes
whatever is pending, outside the savepoint.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.enums import CampaignAction
from konduct.models import (
    Campaign,
    CampaignHistory,
    Team,
    TeamMember,
    User,
    UserSession,
    UtmLink,
)
from konduct.models.base import utcnow


@contextmanager
def refused(session: Session, constraint: str) -> Iterator[None]:
    """What the block adds or changes is refused by ``constraint``, and undone."""
    with pytest.raises(IntegrityError) as caught, session.begin_nested():
        yield
        session.flush()
    assert caught.value.orig.diag.constraint_name == constraint


def _unique() -> str:
    return uuid.uuid4().hex[:10]


def make_team(session: Session) -> Team:
    team = Team(name="Acme", slug=f"acme-{_unique()}")
    session.add(team)
    session.flush()
    return team


def make_user(session: Session, email: str | None = None) -> User:
    user = User(
        email=email or f"user-{_unique()}@example.com",
        full_name="Ada Lovelace",
        password_hash="argon2id$not-a-real-hash",
    )
    session.add(user)
    session.flush()
    return user


def new_campaign(team: Team, **overrides) -> Campaign:
    values = {
        "campaign_id": f"FBK-TRF-20261125093000-{_unique()[:8].upper()}",
        "team_id": team.id,
        "name": "Summer sale",
        "manager_name": "Grace Hopper",
        "website_url": "https://www.example.com",
        "platform": "FBK",
        "objective": "TRF",
        "start_date": date(2026, 6, 1),
        "end_date": date(2026, 8, 31),
        "budget": Decimal("1500.00"),
        "data_hash": "9f86d081",
    }
    values.update(overrides)
    return Campaign(**values)


def count(session: Session, model: type[SQLModel], *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_campaign_id_is_unique(db_session):
    team = make_team(db_session)
    first = new_campaign(team)
    db_session.add(first)
    db_session.flush()

    with refused(db_session, "uq_campaign_campaign_id"):
        db_session.add(new_campaign(team, campaign_id=first.campaign_id))


def test_enum_checks_refuse_unknown_values(db_session):
    team = make_team(db_session)
    user = make_user(db_session)

    with refused(db_session, "ck_campaign_status"):
        db_session.add(new_campaign(team, status="ARCHIVED"))
    with refused(db_session, "ck_app_user_role"):
        db_session.add(User(email="o@example.com", full_name="O", password_hash="x", role="OWNER"))
    with refused(db_session, "ck_app_user_status"):
        db_session.add(
            User(email="g@example.com", full_name="G", password_hash="x", status="DELETED")
        )
    with refused(db_session, "ck_team_member_role"):
        db_session.add(TeamMember(team_id=team.id, user_id=user.id, role="OWNER"))

    # An existing row cannot be moved to an unknown value either.
    campaign = new_campaign(team)
    db_session.add(campaign)
    db_session.flush()
    with refused(db_session, "ck_campaign_status"):
        campaign.status = "LIVE"
    db_session.refresh(campaign)
    assert campaign.status == "DRAFT"


def test_budget_cannot_be_negative(db_session):
    team = make_team(db_session)
    with refused(db_session, "ck_campaign_budget_non_negative"):
        db_session.add(new_campaign(team, budget=Decimal("-0.01")))

    db_session.add(new_campaign(team, budget=Decimal("0")))
    db_session.flush()


def test_end_date_cannot_precede_start_date(db_session):
    team = make_team(db_session)
    with refused(db_session, "ck_campaign_end_after_start"):
        db_session.add(new_campaign(team, start_date=date(2026, 6, 2), end_date=date(2026, 6, 1)))

    same_day = new_campaign(team, start_date=date(2026, 6, 1), end_date=date(2026, 6, 1))
    open_ended = new_campaign(team, end_date=None)
    db_session.add_all([same_day, open_ended])
    db_session.flush()


def test_platform_and_objective_must_be_catalog_codes(db_session):
    team = make_team(db_session)
    with refused(db_session, "ck_campaign_platform"):
        db_session.add(new_campaign(team, platform="XYZ"))
    with refused(db_session, "ck_campaign_platform"):
        db_session.add(new_campaign(team, platform="fbk"))
    with refused(db_session, "ck_campaign_objective"):
        db_session.add(new_campaign(team, objective="ZZZ"))
    with refused(db_session, "ck_campaign_currency"):
        db_session.add(new_campaign(team, currency="US"))

    # Every code the domain catalog knows is accepted: catalog and migration agree.
    for platform in PLATFORMS:
        db_session.add(new_campaign(team, platform=platform.code))
    for objective in OBJECTIVES:
        db_session.add(new_campaign(team, objective=objective.code))
    db_session.flush()


def test_deleting_a_team_deletes_its_campaigns_history_and_links(db_session):
    team = make_team(db_session)
    other_team = make_team(db_session)
    user = make_user(db_session)
    campaign = new_campaign(team, user_id=user.id)
    kept = new_campaign(other_team)
    db_session.add_all([campaign, kept])
    db_session.flush()
    db_session.add_all(
        [
            CampaignHistory(
                campaign_id=campaign.id, action=CampaignAction.CREATE, performed_by=user.id
            ),
            UtmLink(
                campaign_id=campaign.id,
                team_id=team.id,
                landing_url="https://www.example.com/",
                source="facebook",
                medium="paid_social",
                campaign=campaign.campaign_id,
                tagged_url="https://www.example.com/?utm_source=facebook",
                short_code=_unique(),
            ),
            TeamMember(team_id=team.id, user_id=user.id),
        ]
    )
    db_session.flush()

    db_session.delete(team)
    db_session.flush()
    db_session.expunge_all()

    assert count(db_session, Campaign, Campaign.team_id == team.id) == 0
    assert count(db_session, CampaignHistory, CampaignHistory.campaign_id == campaign.id) == 0
    assert count(db_session, UtmLink, UtmLink.campaign_id == campaign.id) == 0
    assert count(db_session, TeamMember, TeamMember.team_id == team.id) == 0
    assert count(db_session, Campaign, Campaign.id == kept.id) == 1
    assert db_session.get(User, user.id) is not None  # members are not deleted with a team


def test_deleting_a_user_keeps_their_campaigns_and_drops_their_sessions(db_session):
    team = make_team(db_session)
    user = make_user(db_session)
    campaign = new_campaign(team, user_id=user.id)
    db_session.add(campaign)
    db_session.add(
        UserSession(
            user_id=user.id,
            refresh_token_hash=_unique(),
            expires_at=utcnow() + timedelta(days=1),
            absolute_expires_at=utcnow() + timedelta(days=30),
        )
    )
    db_session.flush()

    db_session.delete(user)
    db_session.flush()
    db_session.expunge_all()

    assert db_session.get(Campaign, campaign.id).user_id is None  # ON DELETE SET NULL
    assert count(db_session, UserSession, UserSession.user_id == user.id) == 0


def test_email_is_unique_and_lowercase(db_session):
    make_user(db_session, email="ada@example.com")
    with refused(db_session, "ix_app_user_email"):
        db_session.add(User(email="ada@example.com", full_name="Impostor", password_hash="x"))
    with refused(db_session, "ck_app_user_email_lowercase"):
        db_session.add(User(email="Grace@Example.com", full_name="Grace", password_hash="x"))


def test_team_membership_is_unique_and_names_someone(db_session):
    team = make_team(db_session)
    user = make_user(db_session)
    db_session.add(TeamMember(team_id=team.id, user_id=user.id))
    db_session.flush()

    with refused(db_session, "uq_team_member_team_id_user_id"):
        db_session.add(TeamMember(team_id=team.id, user_id=user.id))
    with refused(db_session, "ck_team_member_user_or_invite_email"):
        db_session.add(TeamMember(team_id=team.id))

    # Pending invitations (no user yet) do not collide with each other.
    db_session.add_all(
        [
            TeamMember(team_id=team.id, invite_email="a@example.com"),
            TeamMember(team_id=team.id, invite_email="b@example.com"),
        ]
    )
    db_session.flush()
