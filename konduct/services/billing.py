"""Billing use-cases: what the team is on and uses; the one import for every billing door.

Two modes, one set of functions. **Offline** (no ``STRIPE_SECRET_KEY``: self-hosted,
development): an admin changes the plan directly and Konduct writes the invoice
itself, labelled as not charged. **Stripe**: subscribing goes through Stripe
Checkout, cards and cancellation through the customer portal, plan changes are
sent to Stripe, and webhooks (``services/stripe_webhooks.py``) bring the truth back into
``Subscription`` and ``BillingHistory``.

The work is split by subject: ``billing_access`` (who may), ``billing_shapes`` (answers),
``billing_invoices`` (numbering, renewals, history), ``billing_changes`` (plan changes,
proration, the card), ``billing_checkout`` (Stripe's Checkout and portal). Reading the
plan and its usage is here; the rest is re-exported so callers use ``billing.<name>``.

``Subscription.start_date``/``end_date`` are the current billing period; an
offline subscription renews itself (one invoice per period) when it is read
after its period ended, and one cancelled at period end expires then.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlmodel import Session, col, select

from konduct.domain.enums import Plan
from konduct.domain.months import month_start
from konduct.domain.permissions import Action
from konduct.domain.plans import FEATURE_NAMES, limits_for, over_limit
from konduct.models import Subscription
from konduct.models.base import utcnow
from konduct.schemas.billing import (
    PaymentMethodPublic,
    SubscriptionPage,
    SubscriptionPublic,
    UsageLine,
    UsagePublic,
)
from konduct.services import api_quota
from konduct.services import limits as plan_limits
from konduct.services.auth import AuthContext
from konduct.services.billing_access import (
    can_manage,
    can_view_invoices,
    own_subscription,
    team_for,
)
from konduct.services.billing_changes import (
    change_plan,
    choose_plan,
    preview,
    set_cancel,
    set_payment_method,
    subscribe,
    update,
)
from konduct.services.billing_checkout import checkout, portal
from konduct.services.billing_invoices import history, invoice, issue_invoice, settle
from konduct.services.billing_shapes import (
    INVOICE_PAGE,
    invoice_public,
    mode_of,
    payment_method_public,
    subscription_public,
)
from konduct.services.plans import current_subscription
from konduct.settings import Settings

__all__ = [
    "INVOICE_PAGE",
    "can_manage",
    "can_view_invoices",
    "change_plan",
    "checkout",
    "choose_plan",
    "current",
    "get_subscription",
    "history",
    "invoice",
    "invoice_public",
    "issue_invoice",
    "list_subscriptions",
    "mode_of",
    "payment_method",
    "payment_method_public",
    "portal",
    "preview",
    "set_cancel",
    "set_payment_method",
    "settle",
    "subscribe",
    "subscription_public",
    "update",
    "usage",
]


def usage(session: Session, *, ctx: AuthContext, settings: Settings) -> UsagePublic:
    """The team's plan against what it uses; every member may see it. The counts are the
    ones the limits are enforced with (``services.limits``, ``services.api_quota``)."""
    team_id = team_for(ctx, Action.TEAM_VIEW)
    settle(session, team_id)
    sub = current_subscription(session, team_id)
    plan = Plan(sub.plan) if sub else Plan.FREE
    limits = limits_for(plan)
    now = utcnow()
    since = month_start(now)
    campaigns = plan_limits.campaigns_created_since(session, team_id, since)
    members = plan_limits.seats_taken(session, team_id)
    quota = limits.api_requests_per_month
    # The Redis counter also counts refused requests (it is bumped before the check): the
    # meter shows what was admitted, at most the quota.
    api_calls = min(api_quota.used(settings, team_id, now), quota)
    return UsagePublic(
        plan=plan,
        plan_name=limits.name,
        mode=mode_of(settings),  # type: ignore[arg-type]
        month_start=since,
        campaigns_this_month=UsageLine(
            name="Campaigns this month", used=campaigns, limit=limits.campaigns_per_month
        ),
        team_members=UsageLine(name="Team members", used=members, limit=limits.max_members),
        api_calls_this_month=UsageLine(name="API calls this month", used=api_calls, limit=quota),
        api_requests_per_month=quota,
        export_formats=sorted(limits.export_formats),
        features=[FEATURE_NAMES[f] for f in sorted(limits.features)],
        over_limit=over_limit(plan, members=members, campaigns_this_month=campaigns),
    )


def list_subscriptions(
    session: Session, *, ctx: AuthContext, settings: Settings, limit: int = 20, offset: int = 0
) -> SubscriptionPage:
    team_id = team_for(ctx, Action.BILLING_VIEW)
    settle(session, team_id)
    where = Subscription.team_id == team_id
    total = session.exec(select(func.count()).select_from(Subscription).where(where)).one()
    rows = session.exec(
        select(Subscription)
        .where(where)
        .order_by(col(Subscription.created_at).desc(), col(Subscription.id))
        .limit(limit)
        .offset(offset)
    ).all()
    return SubscriptionPage(
        items=[subscription_public(r, settings) for r in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def get_subscription(
    session: Session, *, ctx: AuthContext, settings: Settings, subscription_id: uuid.UUID
) -> SubscriptionPublic:
    team_id = team_for(ctx, Action.BILLING_VIEW)
    settle(session, team_id)
    return subscription_public(own_subscription(session, team_id, subscription_id), settings)


def current(session: Session, *, ctx: AuthContext) -> Subscription | None:
    """The live subscription (None: Free), for any member; settled first."""
    team_id = team_for(ctx, Action.TEAM_VIEW)
    settle(session, team_id)
    return current_subscription(session, team_id)


def payment_method(
    session: Session, *, ctx: AuthContext, settings: Settings
) -> PaymentMethodPublic:
    team_id = team_for(ctx, Action.BILLING_VIEW)
    return payment_method_public(current_subscription(session, team_id), settings)
