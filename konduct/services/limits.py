"""Plan limits, enforced: the services call these before they act.

The rules (what each plan allows) are in ``konduct.domain.plans``; here they
meet the database: how many campaigns a team made this month, how many people
it has. A refusal raises ``PlanLimitReached`` before anything is written, and
the caller's transaction rolls back, so nothing is ever half-done.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from konduct.domain.enums import MemberStatus, Plan
from konduct.domain.months import month_start
from konduct.domain.plans import (
    check_campaign_quota,
    check_export_format,
    check_platform,
    check_seats,
    check_targeting,
    limits_for,
    over_limit,
)
from konduct.models import Campaign, Team, TeamMember
from konduct.models.base import utcnow
from konduct.services.plans import plan_of

SEAT_STATUSES = (MemberStatus.ACTIVE, MemberStatus.INVITED)


def campaigns_created_since(
    session: Session, team_id: uuid.UUID, since: datetime, until: datetime | None = None
) -> int:
    """Every campaign made from ``since`` (up to ``until``), deleted ones included: deleting
    frees no quota. The one count of the quota, the billing meter and the usage charts."""
    query = (
        select(func.count())
        .select_from(Campaign)
        .where(Campaign.team_id == team_id, Campaign.created_at >= since)
    )
    if until is not None:
        query = query.where(Campaign.created_at < until)
    return session.exec(query).one()


def seats_taken(session: Session, team_id: uuid.UUID) -> int:
    """People who count against the plan: active members and pending invitations."""
    return session.exec(
        select(func.count())
        .select_from(TeamMember)
        .where(TeamMember.team_id == team_id, col(TeamMember.status).in_(SEAT_STATUSES))
    ).one()


def lock_team(session: Session, team_id: uuid.UUID) -> None:
    """Serialise counted changes of one team (campaign quota, seats, last admin) until commit,
    so two parallel requests cannot both take the last free place."""
    session.exec(select(Team.id).where(Team.id == team_id).with_for_update()).first()


def check_new_campaign(
    session: Session, *, team_id: uuid.UUID, platform: str, targeting: dict | None
) -> Plan:
    """Before inserting a campaign, in the same transaction as the insert."""
    plan = plan_of(session, team_id)
    check_platform(plan, platform)
    check_targeting(plan, targeting)
    if limits_for(plan).campaigns_per_month is not None:  # unlimited plans need no lock
        lock_team(session, team_id)
        check_campaign_quota(plan, campaigns_created_since(session, team_id, month_start(utcnow())))
    return plan


def check_campaign_edit(session: Session, *, campaign: Campaign, targeting: dict | None) -> None:
    """After a downgrade a campaign on a platform the plan lacks stays readable, not editable;
    advanced targeting it already has may stay or go, not change."""
    plan = plan_of(session, campaign.team_id)
    check_platform(plan, campaign.platform)
    if targeting is not None:
        check_targeting(plan, targeting, kept=campaign.targeting)


def check_export(session: Session, *, team_id: uuid.UUID | None, export_format: str) -> None:
    check_export_format(plan_of(session, team_id), export_format)


def check_new_seat(session: Session, *, team_id: uuid.UUID) -> None:
    lock_team(session, team_id)
    check_seats(plan_of(session, team_id), seats_taken(session, team_id))


def team_over_limit(session: Session, team_id: uuid.UUID) -> list[str]:
    """What the team has beyond its plan (after a downgrade): kept, shown as read-only."""
    return over_limit(
        plan_of(session, team_id),
        members=seats_taken(session, team_id),
        campaigns_this_month=campaigns_created_since(session, team_id, month_start(utcnow())),
    )
