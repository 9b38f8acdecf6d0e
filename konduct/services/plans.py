"""Which plan a team is on: the one place services ask before enforcing a limit.

A team without a live subscription row is on Free. Billing (Stripe or the
offline mode) writes ``Subscription`` rows; everything else only reads
``plan_of``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import or_
from sqlmodel import Session, col, select

from konduct.domain.enums import BillingCycle, Plan, SubscriptionStatus
from konduct.domain.plans import PlanLimits, limits_for
from konduct.models.base import utcnow
from konduct.models.billing import Subscription

LIVE_STATUSES = (SubscriptionStatus.ACTIVE,)


def current_subscription(session: Session, team_id: uuid.UUID) -> Subscription | None:
    """The team's live subscription, newest first; ``None`` means Free. One cancelled at
    period end stops counting when its period is over (billing then marks it EXPIRED)."""
    return session.exec(
        select(Subscription)
        .where(
            Subscription.team_id == team_id,
            col(Subscription.status).in_(LIVE_STATUSES),
            or_(
                col(Subscription.cancel_at_period_end).is_(False),
                col(Subscription.end_date).is_(None),
                col(Subscription.end_date) > utcnow(),
            ),
        )
        .order_by(col(Subscription.created_at).desc())
        .limit(1)
    ).first()


def plan_of(session: Session, team_id: uuid.UUID | None) -> Plan:
    if team_id is None:
        return Plan.FREE
    subscription = current_subscription(session, team_id)
    return Plan(subscription.plan) if subscription else Plan.FREE


def limits_of(session: Session, team_id: uuid.UUID | None) -> PlanLimits:
    return limits_for(plan_of(session, team_id))


def put_team_on_plan(
    session: Session,
    team_id: uuid.UUID,
    plan: Plan,
    *,
    cycle: BillingCycle = BillingCycle.MONTHLY,
    user_id: uuid.UUID | None = None,
) -> Subscription:
    """Make ``plan`` the team's live plan (the previous live one ends). No permission check:
    callers (billing service, tests, the CLI) decide who may."""
    previous = current_subscription(session, team_id)
    if previous is not None:
        previous.status = SubscriptionStatus.CANCELLED
        session.add(previous)
    price = limits_for(plan).price(cycle)
    subscription = Subscription(
        team_id=team_id,
        user_id=user_id,
        plan=plan,
        billing_cycle=cycle,
        price=price if price is not None else Decimal("0"),
    )
    session.add(subscription)
    session.flush()
    return subscription
