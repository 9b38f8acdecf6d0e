"""Who may touch billing, and the small helpers every billing use-case shares.

Only team admins change billing (``Action.BILLING_MANAGE``); admins and managers see
invoices and the card on file (``BILLING_VIEW``); every member sees the plan and its
usage. Another team's subscription or invoice is "not found".
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from konduct.domain import billing as rules
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import NotFound
from konduct.domain.permissions import Action, can, require
from konduct.models import Subscription
from konduct.services import audit
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.settings import Settings


def team_for(ctx: AuthContext, action: Action) -> uuid.UUID:
    require(ctx.team_role, action)
    assert ctx.team_id is not None  # a role comes only with a team
    return ctx.team_id


def can_manage(ctx: AuthContext) -> bool:
    return can(ctx.team_role, Action.BILLING_MANAGE)


def can_view_invoices(ctx: AuthContext) -> bool:
    return can(ctx.team_role, Action.BILLING_VIEW)


def own_subscription(
    session: Session, team_id: uuid.UUID, subscription_id: uuid.UUID, *, lock: bool = False
) -> Subscription:
    query = select(Subscription).where(
        Subscription.id == subscription_id, Subscription.team_id == team_id
    )
    sub = session.exec(query.with_for_update() if lock else query).first()
    if sub is None:
        raise NotFound("subscription")
    return sub


def require_offline(settings: Settings, what: str) -> None:
    if not settings.stripe_offline:
        raise rules.WrongBillingMode(what)


def payer_metadata(
    ctx: AuthContext, team_id: uuid.UUID, plan: Plan, cycle: BillingCycle
) -> dict[str, str]:
    """What travels with a Stripe object so its webhooks find the team again."""
    return {
        "team_id": str(team_id),
        "user_id": str(ctx.user.id),
        "plan": plan.value,
        "billing_cycle": cycle.value,
    }


def record(
    session: Session,
    ctx: AuthContext | None,
    client: ClientInfo | None,
    action: str,
    sub: Subscription,
    **details: Any,
) -> None:
    """One audit line for a billing change (``ctx`` None: Stripe did it, by webhook)."""
    audit.record(
        session,
        action=action,
        client=client,
        user_id=ctx.user.id if ctx else None,
        team_id=sub.team_id,
        target_type="subscription",
        target_id=str(sub.id),
        details={k: str(v) for k, v in details.items()},
    )
