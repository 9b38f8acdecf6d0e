"""Changing the plan: subscribe, upgrade/downgrade with proration, cancel/resume, the card.

``choose_plan`` is the one decision of what choosing a plan means (applied at once,
Stripe Checkout, or contact sales); the page and ``POST /api/billing/choose`` use it.
Offline, a change applies at once and Konduct writes the invoice; with Stripe it is
sent to Stripe *last*, after every local write has gone through, so a failing local
write leaves Stripe untouched (and if the commit still fails after Stripe accepted,
the ``customer.subscription.updated`` webhook brings Stripe's state here anyway).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Session, col, select

from konduct.domain import billing as rules
from konduct.domain.enums import (
    BillingCycle,
    PaymentMethodType,
    PaymentStatus,
    Plan,
    SubscriptionStatus,
)
from konduct.domain.errors import Conflict, ValidationFailed
from konduct.domain.permissions import Action
from konduct.domain.plans import limits_for
from konduct.models import Subscription
from konduct.models.base import utcnow
from konduct.schemas.billing import (
    BankTransferInput,
    CardInput,
    PaymentMethodPublic,
    PayPalInput,
    PlanChangeOutcome,
    PlanChoiceOutcome,
    ProrationPublic,
    SubscriptionPublic,
)
from konduct.services import limits as plan_limits
from konduct.services import stripe_gateway
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.billing_access import (
    own_subscription,
    payer_metadata,
    record,
    require_offline,
    team_for,
)
from konduct.services.billing_checkout import checkout, team_currency
from konduct.services.billing_invoices import issue_invoice, settle
from konduct.services.billing_shapes import (
    invoice_public,
    mode_of,
    payment_method_public,
    proration_public,
    subscription_public,
)
from konduct.services.plans import current_subscription, put_team_on_plan
from konduct.settings import Settings

CONTACT_SALES_PATH = "/contact-sales"  # the landing site's sales form


def preview(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    plan: Plan,
    cycle: BillingCycle,
    now: datetime | None = None,
) -> ProrationPublic:
    """What choosing ``plan`` would cost now; anyone who may see the plan may ask."""
    team_id = team_for(ctx, Action.TEAM_VIEW)
    settle(session, team_id)
    sub = current_subscription(session, team_id)
    currency = sub.currency if sub else team_currency(session, team_id)
    return proration_public(_prorate(sub, plan, cycle, settings, now or utcnow()), currency)


def _prorate(
    sub: Subscription | None, plan: Plan, cycle: BillingCycle, settings: Settings, now: datetime
) -> rules.Proration:
    new_price = (
        rules.money(0)
        if plan == Plan.FREE
        else rules.self_serve_price(plan, cycle, offline=settings.stripe_offline)
    )
    return rules.prorate(
        from_plan=Plan(sub.plan) if sub else Plan.FREE,
        from_cycle=BillingCycle(sub.billing_cycle) if sub else BillingCycle.MONTHLY,
        paid=sub.price if sub else rules.money(0),
        period_start=sub.start_date if sub else None,
        current_period_end=sub.end_date if sub else None,
        to_plan=plan,
        to_cycle=cycle,
        new_price=new_price,
        now=now,
    )


def subscribe(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    plan: Plan,
    cycle: BillingCycle,
    preview_only: bool = False,
    client: ClientInfo | None = None,
    now: datetime | None = None,
) -> PlanChangeOutcome:
    """A team on Free takes a paid plan (offline mode; with Stripe, Checkout does it)."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    now = now or utcnow()
    settle(session, team_id, now=now)
    if current_subscription(session, team_id) is not None:
        raise Conflict("The team already has a subscription: upgrade or downgrade it instead.")
    if plan == Plan.FREE:
        raise ValidationFailed.single("plan", "Free needs no subscription: choose a paid plan.")
    proration = _prorate(None, plan, cycle, settings, now)
    currency = team_currency(session, team_id)  # a team keeps the currency it was billed in
    if preview_only:
        return PlanChangeOutcome(
            applied=False,
            proration=proration_public(proration, currency),
            subscription=None,
            invoice=None,
            mode=mode_of(settings),  # type: ignore[arg-type]
        )
    require_offline(
        settings, "With Stripe, subscribe through Checkout: POST /api/billing/checkout-session."
    )
    previous = session.exec(
        select(Subscription)
        .where(Subscription.team_id == team_id)
        .order_by(col(Subscription.created_at).desc())
        .limit(1)
    ).first()
    sub = put_team_on_plan(session, team_id, plan, cycle=cycle, user_id=ctx.user.id)
    sub.start_date, sub.end_date = proration.period_start, proration.period_end
    sub.price = rules.self_serve_price(plan, cycle, offline=True)
    sub.currency = currency
    if previous is not None and previous.payment_method_type:  # the card stays on file
        sub.payment_method_type = previous.payment_method_type
        sub.payment_method_details = dict(previous.payment_method_details or {})
    session.add(sub)
    session.flush()
    row = issue_invoice(
        session,
        sub,
        amount=proration.amount_due,
        description=f"{limits_for(plan).name} plan ({cycle.lower()})",
        start=proration.period_start,
        end=proration.period_end,
    )
    record(session, ctx, client, "billing.subscribe", sub, plan=plan, cycle=cycle)
    return PlanChangeOutcome(
        applied=True,
        proration=proration_public(proration, sub.currency),
        subscription=subscription_public(sub, settings),
        invoice=invoice_public(row),
        mode="offline",
    )


def change_plan(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    subscription_id: uuid.UUID,
    plan: Plan,
    cycle: BillingCycle,
    expected: rules.Direction | None = None,
    preview_only: bool = False,
    client: ClientInfo | None = None,
    now: datetime | None = None,
) -> PlanChangeOutcome:
    """Upgrade or downgrade the live subscription, prorated. A move to Free is a
    cancellation at period end (paid features stay until then)."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    now = now or utcnow()
    settle(session, team_id, now=now)
    sub = own_subscription(session, team_id, subscription_id, lock=True)
    if sub.status != SubscriptionStatus.ACTIVE:
        raise Conflict("This subscription has ended: subscribe again instead.")
    proration = _prorate(sub, plan, cycle, settings, now)
    if expected is not None and proration.direction != expected:
        other = "downgrade" if expected == rules.Direction.UPGRADE else "upgrade"
        raise ValidationFailed.single(
            "plan",
            f"{limits_for(plan).name} ({cycle.lower()}) is not an {expected.value} from "
            f"{limits_for(Plan(sub.plan)).name} ({sub.billing_cycle.lower()}): use {other}.",
        )
    outcome = PlanChangeOutcome(
        applied=False,
        proration=proration_public(proration, sub.currency),
        subscription=subscription_public(sub, settings),
        invoice=None,
        mode=mode_of(settings),  # type: ignore[arg-type]
    )
    if preview_only:
        return outcome
    if proration.effective_at_period_end:
        return outcome.model_copy(
            update={
                "applied": True,
                "subscription": set_cancel(
                    session, ctx=ctx, settings=settings, subscription_id=sub.id, cancel=True,
                    client=client,
                ),
            }
        )  # fmt: skip
    row = None
    at_stripe = None if settings.stripe_offline else sub.stripe_subscription_id
    if at_stripe is None:
        require_offline(settings, "This subscription was not made through Stripe.")
    previous = f"{limits_for(Plan(sub.plan)).name} ({sub.billing_cycle.lower()})"
    sub.plan, sub.billing_cycle = plan, cycle
    sub.price = rules.self_serve_price(plan, cycle, offline=settings.stripe_offline)
    sub.start_date, sub.end_date = proration.period_start, proration.period_end
    sub.cancel_at_period_end = False
    session.add(sub)
    session.flush()
    if sub.stripe_subscription_id is None:
        name = f"{limits_for(plan).name} plan ({cycle.lower()})"
        if proration.refund > 0:
            row = issue_invoice(
                session, sub, amount=proration.refund, status=PaymentStatus.REFUNDED,
                description=f"Refund: unused {previous}, moved to {name}",
                start=now, end=proration.period_end,
            )  # fmt: skip
        else:
            row = issue_invoice(
                session, sub, amount=proration.amount_due,
                description=f"{name}, prorated from {previous}",
                start=now, end=proration.period_end,
            )  # fmt: skip
    action = f"billing.{proration.direction.value}"
    record(session, ctx, client, action, sub, plan=plan, cycle=cycle)
    session.flush()  # every local write done: only then Stripe (see the module's docstring)
    if at_stripe:  # the team stays locked until the commit that follows
        stripe_gateway.change_price(
            settings,
            subscription_id=at_stripe,
            plan=plan,
            cycle=cycle,
            amount=rules.self_serve_price(plan, cycle, offline=False),
            currency=sub.currency,
            metadata=payer_metadata(ctx, team_id, plan, cycle),
        )  # Stripe invoices the proration; invoice.paid brings it here
    return outcome.model_copy(
        update={
            "applied": True,
            "subscription": subscription_public(sub, settings),
            "invoice": invoice_public(row) if row else None,
        }
    )


def set_cancel(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    subscription_id: uuid.UUID,
    cancel: bool,
    client: ClientInfo | None = None,
) -> SubscriptionPublic:
    """Cancel at period end (the plan stays until then), or take that back."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    settle(session, team_id)
    sub = own_subscription(session, team_id, subscription_id, lock=True)
    if sub.status != SubscriptionStatus.ACTIVE:
        raise Conflict("This subscription has already ended.")
    sub.cancel_at_period_end = cancel
    session.add(sub)
    record(session, ctx, client, "billing.cancel" if cancel else "billing.resume", sub)
    session.flush()  # every local write done: only then Stripe (see the module's docstring)
    if sub.stripe_subscription_id and not settings.stripe_offline:
        stripe_gateway.set_cancel_at_period_end(
            settings, subscription_id=sub.stripe_subscription_id, cancel=cancel
        )
    return subscription_public(sub, settings)


def update(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    subscription_id: uuid.UUID,
    plan: Plan | None,
    cycle: BillingCycle | None,
    cancel_at_period_end: bool | None,
    client: ClientInfo | None = None,
) -> SubscriptionPublic:
    """PUT: a plan/cycle change (either direction), then cancel or resume, as asked."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    sub = own_subscription(session, team_id, subscription_id)
    new_plan, new_cycle = plan or Plan(sub.plan), cycle or BillingCycle(sub.billing_cycle)
    if (new_plan, new_cycle) != (sub.plan, sub.billing_cycle):
        change_plan(
            session, ctx=ctx, settings=settings, subscription_id=sub.id, plan=new_plan,
            cycle=new_cycle, client=client,
        )  # fmt: skip
    if cancel_at_period_end is not None and new_plan != Plan.FREE:
        set_cancel(
            session, ctx=ctx, settings=settings, subscription_id=sub.id,
            cancel=cancel_at_period_end, client=client,
        )  # fmt: skip
    session.refresh(sub)
    return subscription_public(sub, settings)


def set_payment_method(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    data: CardInput | PayPalInput | BankTransferInput,
    today: date | None = None,
    client: ClientInfo | None = None,
) -> PaymentMethodPublic:
    """Offline mode: record how the team pays (shown on invoices). With Stripe, the card is
    changed in the customer portal and arrives by webhook."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    require_offline(settings, "With Stripe, change the card in the customer portal.")
    sub = current_subscription(session, team_id)
    if sub is None:
        raise Conflict("Choose a paid plan first: the payment method is kept with it.")
    if isinstance(data, CardInput) and rules.card_expired(
        data.exp_month, data.exp_year, today or utcnow().date()
    ):
        raise ValidationFailed.single("exp_year", "This card has expired.")
    details = data.model_dump(mode="json", exclude={"type"})
    sub.payment_method_type = PaymentMethodType(data.type)
    sub.payment_method_details = details
    session.add(sub)
    session.flush()
    record(session, ctx, client, "billing.payment_method", sub, type=data.type)
    return payment_method_public(sub, settings)


def choose_plan(
    session: Session,
    *,
    ctx: AuthContext,
    settings: Settings,
    plan: Plan,
    cycle: BillingCycle,
    client: ClientInfo | None = None,
    now: datetime | None = None,
) -> PlanChoiceOutcome:
    """What an admin choosing ``plan`` gets, decided once for the page and the API: a plan
    sold by contract (Enterprise with Stripe) is "contact sales"; a team on Free goes to
    Stripe Checkout (or, offline, is subscribed at once); a paid team's plan is changed,
    prorated (to Free: cancelled at period end)."""
    team_id = team_for(ctx, Action.BILLING_MANAGE)
    if rules.needs_sales(plan, offline=settings.stripe_offline):
        return PlanChoiceOutcome(
            action="contact_sales",
            url=f"{settings.app_url}{CONTACT_SALES_PATH}",
            message=f"{limits_for(plan).name} is priced per contract: contact sales.",
        )
    settle(session, team_id, now=now)
    sub = current_subscription(session, team_id)
    if sub is None and not settings.stripe_offline:
        url = checkout(session, ctx=ctx, settings=settings, plan=plan, cycle=cycle, now=now)
        return PlanChoiceOutcome(
            action="checkout", url=url, message="Pay on Stripe's Checkout page to subscribe."
        )
    if sub is None:
        outcome = subscribe(
            session, ctx=ctx, settings=settings, plan=plan, cycle=cycle, client=client, now=now
        )
    else:
        outcome = change_plan(
            session, ctx=ctx, settings=settings, subscription_id=sub.id, plan=plan,
            cycle=cycle, client=client, now=now,
        )  # fmt: skip
    ends = outcome.proration.effective_at_period_end
    return PlanChoiceOutcome(
        action="applied",
        outcome=outcome,
        message="The plan ends with this period; the team then moves to Free."
        if ends
        else f"The team is now on {limits_for(plan).name}.",
    )
