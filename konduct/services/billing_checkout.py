"""Stripe's pages: Checkout to subscribe, the customer portal for cards and cancellation.

Webhooks (``services/stripe_webhooks.py``) bring what happened there back here.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from konduct.domain import billing as rules
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import Conflict, ValidationFailed
from konduct.domain.permissions import Action
from konduct.domain.plans import UPGRADE_PATH
from konduct.models import Subscription
from konduct.models.base import utcnow
from konduct.services import limits as plan_limits
from konduct.services import stripe_gateway
from konduct.services.auth import AuthContext
from konduct.services.billing_access import payer_metadata, team_for
from konduct.services.billing_invoices import settle
from konduct.services.plans import current_subscription
from konduct.settings import Settings


def team_currency(session: Session, team_id: uuid.UUID) -> str:
    """The currency the team is billed in: its latest subscription's, else the price list's."""
    found = session.exec(
        select(Subscription.currency)
        .where(Subscription.team_id == team_id)
        .order_by(col(Subscription.created_at).desc())
        .limit(1)
    ).first()
    return found or rules.PRICE_CURRENCY


def _stripe_customer(session: Session, team_id: uuid.UUID) -> str | None:
    return session.exec(
        select(Subscription.stripe_customer_id)
        .where(Subscription.team_id == team_id, col(Subscription.stripe_customer_id).is_not(None))
        .order_by(col(Subscription.created_at).desc())
        .limit(1)
    ).first()


def checkout(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    plan: Plan,
    cycle: BillingCycle,
    now: datetime | None = None,
) -> str:
    """A Stripe Checkout page for a team on Free; answers its URL.

    The team is locked, and the request carries an idempotency key per team, plan, cycle
    and a few minutes, so a double click gets the same page (and another admin a 409)
    instead of a second paid subscription; the webhook catches what still slips through."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    if settings.stripe_offline:
        raise rules.WrongBillingMode("Offline mode has no Checkout: subscribe directly.")
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    now = now or utcnow()
    settle(session, team_id, now=now)
    if current_subscription(session, team_id) is not None:
        raise Conflict("The team already has a subscription: upgrade or downgrade it instead.")
    if plan == Plan.FREE:
        raise ValidationFailed.single("plan", "Free needs no subscription: choose a paid plan.")
    price = rules.self_serve_price(plan, cycle, offline=False)
    created = stripe_gateway.checkout_session(
        settings,
        customer_id=_stripe_customer(session, team_id),
        email=ctx.user.email,
        metadata=payer_metadata(ctx, team_id, plan, cycle),
        line_price=stripe_gateway.price_data(plan, cycle, price, team_currency(session, team_id)),
        success_url=f"{settings.app_url}{UPGRADE_PATH}?checkout=done",
        cancel_url=f"{settings.app_url}{UPGRADE_PATH}?checkout=cancelled",
        idempotency_key=rules.checkout_key(team_id, plan, cycle, now),
    )
    return str(created["url"])


def portal(session: Session, *, ctx: AuthContext, settings: Settings) -> str:
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    if settings.stripe_offline:
        raise rules.WrongBillingMode("Offline mode has no customer portal.")
    customer = _stripe_customer(session, team_id)
    if not customer:
        raise Conflict("The team has no Stripe customer yet: subscribe through Checkout first.")
    created = stripe_gateway.portal_session(
        settings, customer_id=customer, return_url=f"{settings.app_url}{UPGRADE_PATH}"
    )
    return str(created["url"])
