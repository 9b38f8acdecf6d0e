"""Billing use-cases: subscribe, change plan with proration, cancel/resume, invoices.

Two modes, one set of functions. **Offline** (no ``STRIPE_SECRET_KEY``: self-hosted,
development): an admin changes the plan directly and Konduct writes the invoice
itself, labelled as not charged. **Stripe**: subscribing goes through Stripe
Checkout, cards and cancellation through the customer portal, plan changes are
sent to Stripe, and webhooks (``services/stripe_webhooks.py``) bring the truth back into
``Subscription`` and ``BillingHistory``.

Only team admins change billing (``Action.BILLING_MANAGE``); admins and managers
see invoices and the card on file (``BILLING_VIEW``); every member sees the
plan and its usage. Another team's subscription or invoice is "not found".

``Subscription.start_date``/``end_date`` are the current billing period; an
offline subscription renews itself (one invoice per period) when it is read
after its period ended, and one cancelled at period end expires then.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from konduct.domain import billing as rules
from konduct.domain.enums import (
    BillingCycle,
    PaymentMethodType,
    PaymentStatus,
    Plan,
    SubscriptionStatus,
)
from konduct.domain.errors import Conflict, NotFound, ValidationFailed
from konduct.domain.months import month_start
from konduct.domain.permissions import Action, can, require
from konduct.domain.plans import FEATURE_NAMES, UPGRADE_PATH, limits_for, over_limit
from konduct.models import (
    BillingHistory,
    Subscription,
    Team,
    User,
)
from konduct.models.base import utcnow
from konduct.schemas.billing import (
    BankTransferInput,
    CardInput,
    InvoiceDetail,
    InvoicePage,
    InvoicePublic,
    PaymentMethodPublic,
    PayPalInput,
    PlanChangeOutcome,
    ProrationPublic,
    SubscriptionPage,
    SubscriptionPublic,
    UsageLine,
    UsagePublic,
)
from konduct.services import api_quota, audit, stripe_gateway
from konduct.services import limits as plan_limits
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import current_subscription, put_team_on_plan
from konduct.settings import Settings

INVOICE_PAGE = "/settings/billing/invoices/"


def mode_of(settings: Settings) -> str:
    return "offline" if settings.stripe_offline else "stripe"


def _team(ctx: AuthContext, action: Action) -> uuid.UUID:
    require(ctx.team_role, action)
    assert ctx.team_id is not None  # a role comes only with a team
    return ctx.team_id


# --- shapes ----------------------------------------------------------------


def payment_method_public(sub: Subscription | None, settings: Settings) -> PaymentMethodPublic:
    kind = sub.payment_method_type if sub else None
    details = dict(sub.payment_method_details or {}) if sub else {}
    return PaymentMethodPublic(
        type=kind,
        details=details,
        summary=rules.describe_payment_method(kind, details),
        mode=mode_of(settings),  # type: ignore[arg-type]
        managed_in_portal=not settings.stripe_offline,
    )


def subscription_public(sub: Subscription, settings: Settings) -> SubscriptionPublic:
    return SubscriptionPublic(
        id=sub.id,
        plan=sub.plan,
        plan_name=limits_for(Plan(sub.plan)).name,
        status=sub.status,
        billing_cycle=sub.billing_cycle,
        price=sub.price,
        currency=sub.currency,
        start_date=sub.start_date,
        end_date=sub.end_date,
        cancel_at_period_end=sub.cancel_at_period_end,
        payment_method=payment_method_public(sub, settings) if sub.payment_method_type else None,
        mode="stripe" if sub.stripe_subscription_id else "offline",
        created_at=sub.created_at,
        updated_at=sub.updated_at,
    )


def invoice_public(row: BillingHistory) -> InvoicePublic:
    return InvoicePublic(
        id=row.id,
        invoice_number=row.invoice_number,
        subscription_id=row.subscription_id,
        amount=row.amount,
        currency=row.currency,
        status=row.status,
        payment_method=row.payment_method,
        description=row.description,
        period_start=row.period_start,
        period_end=row.period_end,
        created_at=row.created_at,
        offline=row.stripe_invoice_id is None,
        invoice_url=row.invoice_url,
        page_url=f"{INVOICE_PAGE}{row.id}",
        pdf_url=f"/api/billing/invoices/{row.id}/pdf",
    )


def _proration_public(p: rules.Proration, currency: str) -> ProrationPublic:
    name_from, name_to = limits_for(p.from_plan).name, limits_for(p.to_plan).name
    if p.effective_at_period_end:
        summary = (
            f"{name_from} stays until {p.period_end:%d %b %Y}; then the team is on Free. "
            "Nothing is charged."
        )
    elif p.refund > 0:
        summary = (
            f"{rules.format_money(p.refund, currency)} back now: "
            f"{rules.format_money(p.credit, currency)} unused on {name_from}, less "
            f"{rules.format_money(p.charge, currency)} for {name_to} until {p.period_end:%d %b %Y}."
        )
    else:
        summary = f"{rules.format_money(p.amount_due, currency)} now for {name_to} until "
        summary += f"{p.period_end:%d %b %Y}"
        summary += (
            f" ({rules.format_money(p.charge, currency)} less "
            f"{rules.format_money(p.credit, currency)} unused on {name_from})."
            if p.credit > 0
            else "."
        )
    return ProrationPublic(
        direction=p.direction.value,  # type: ignore[arg-type]
        from_plan=p.from_plan,
        from_cycle=p.from_cycle,
        to_plan=p.to_plan,
        to_cycle=p.to_cycle,
        credit=p.credit,
        charge=p.charge,
        amount_due=p.amount_due,
        refund=p.refund,
        currency=currency,
        period_start=p.period_start,
        period_end=p.period_end,
        effective_at_period_end=p.effective_at_period_end,
        summary=summary,
    )


# --- reading ---------------------------------------------------------------


def _own_subscription(
    session: Session, team_id: uuid.UUID, subscription_id: uuid.UUID, *, lock: bool = False
) -> Subscription:
    query = select(Subscription).where(
        Subscription.id == subscription_id, Subscription.team_id == team_id
    )
    sub = session.exec(query.with_for_update() if lock else query).first()
    if sub is None:
        raise NotFound("subscription")
    return sub


def settle(session: Session, team_id: uuid.UUID, *, now: datetime | None = None) -> None:
    """Bring the team's subscription up to date: expire one cancelled at period end once the
    period is over; renew an offline one, one invoice per period that has begun."""
    now = now or utcnow()
    live = session.exec(
        select(Subscription)
        .where(Subscription.team_id == team_id, Subscription.status == SubscriptionStatus.ACTIVE)
        .with_for_update()
    ).all()
    for sub in live:
        if sub.end_date is None or sub.end_date > now:
            continue
        if sub.cancel_at_period_end:
            sub.status = SubscriptionStatus.EXPIRED
        elif sub.stripe_subscription_id is None:  # Stripe renews its own and tells us
            cycle = BillingCycle(sub.billing_cycle)
            for _ in range(rules.MAX_RENEWALS_AT_ONCE):
                if sub.end_date > now:
                    break
                start, end = sub.end_date, rules.period_end(sub.end_date, cycle)
                sub.start_date, sub.end_date = start, end
                issue_invoice(
                    session, sub, amount=sub.price, description="Renewal", start=start, end=end
                )
        session.add(sub)
    session.flush()


def usage(session: Session, *, ctx: AuthContext, settings: Settings) -> UsagePublic:
    """The team's plan against what it uses; every member may see it. The counts are the
    ones the limits are enforced with (``services.limits``, ``services.api_quota``)."""
    team_id = _team(ctx, Action.TEAM_VIEW)
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
    team_id = _team(ctx, Action.BILLING_VIEW)
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
    team_id = _team(ctx, Action.BILLING_VIEW)
    settle(session, team_id)
    return subscription_public(_own_subscription(session, team_id, subscription_id), settings)


def current(session: Session, *, ctx: AuthContext) -> Subscription | None:
    """The live subscription (None: Free), for any member; settled first."""
    team_id = _team(ctx, Action.TEAM_VIEW)
    settle(session, team_id)
    return current_subscription(session, team_id)


def history(session: Session, *, ctx: AuthContext, limit: int = 20, offset: int = 0) -> InvoicePage:
    team_id = _team(ctx, Action.BILLING_VIEW)
    settle(session, team_id)
    base = (
        select(BillingHistory)
        .join(Subscription, col(Subscription.id) == col(BillingHistory.subscription_id))
        .where(Subscription.team_id == team_id)
    )
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    rows = session.exec(
        base.order_by(col(BillingHistory.created_at).desc(), col(BillingHistory.invoice_number))
        .limit(limit)
        .offset(offset)
    ).all()
    return InvoicePage(
        items=[invoice_public(r) for r in rows], total=total, limit=limit, offset=offset
    )


def invoice(session: Session, *, ctx: AuthContext, invoice_id: uuid.UUID) -> InvoiceDetail:
    team_id = _team(ctx, Action.BILLING_VIEW)
    found = session.exec(
        select(BillingHistory, Subscription)
        .join(Subscription, col(Subscription.id) == col(BillingHistory.subscription_id))
        .where(BillingHistory.id == invoice_id, Subscription.team_id == team_id)
    ).first()
    if found is None:
        raise NotFound("invoice")
    row, sub = found
    team = session.get(Team, team_id)
    payer = session.get(User, sub.user_id) if sub.user_id else None
    return InvoiceDetail(
        **invoice_public(row).model_dump(),
        team_name=team.name if team else "",
        bill_to_name=payer.full_name if payer else "",
        bill_to_email=payer.email if payer else "",
        plan=sub.plan,
        plan_name=limits_for(Plan(sub.plan)).name,
        billing_cycle=sub.billing_cycle,
    )


def payment_method(
    session: Session, *, ctx: AuthContext, settings: Settings
) -> PaymentMethodPublic:
    team_id = _team(ctx, Action.BILLING_VIEW)
    return payment_method_public(current_subscription(session, team_id), settings)


# --- invoices --------------------------------------------------------------


def _next_sequence(session: Session, team_id: uuid.UUID) -> int:
    count = session.exec(
        select(func.count())
        .select_from(BillingHistory)
        .join(Subscription, col(Subscription.id) == col(BillingHistory.subscription_id))
        .where(Subscription.team_id == team_id)
    ).one()
    return count + 1


def issue_invoice(
    session: Session,
    sub: Subscription,
    *,
    amount: Decimal,
    description: str,
    start: datetime,
    end: datetime | None,
    status: PaymentStatus = PaymentStatus.PAID,
    **fields: Any,
) -> BillingHistory:
    """One invoice row with the team's next number (retried if another request took it)."""
    sequence = _next_sequence(session, sub.team_id)
    offline = "stripe_invoice_id" not in fields
    for attempt in range(5):
        row = BillingHistory(
            subscription_id=sub.id,
            amount=rules.money(amount),
            currency=sub.currency,
            status=status,
            payment_method=rules.OFFLINE_PAYMENT_LABEL if offline else None,
            invoice_number=fields.pop("invoice_number", None)
            or rules.invoice_number(sub.team_id, sequence + attempt),
            description=description + (" (offline mode)" if offline else ""),
            period_start=start,
            period_end=end,
            **fields,
        )
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue
        return row
    raise Conflict("Another invoice was being written at the same moment. Try again.")


# --- changing --------------------------------------------------------------


def _require_offline(settings: Settings, what: str) -> None:
    if not settings.stripe_offline:
        raise rules.WrongBillingMode(what)


def _payer_metadata(ctx: AuthContext, team_id: uuid.UUID, plan: Plan, cycle: BillingCycle):
    return {
        "team_id": str(team_id),
        "user_id": str(ctx.user.id),
        "plan": plan.value,
        "billing_cycle": cycle.value,
    }


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
    team_id = _team(ctx, Action.TEAM_VIEW)
    settle(session, team_id)
    sub = current_subscription(session, team_id)
    return _proration_public(_prorate(sub, plan, cycle, settings, now or utcnow()), "USD")


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
    team_id = _team(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    now = now or utcnow()
    settle(session, team_id, now=now)
    if current_subscription(session, team_id) is not None:
        raise Conflict("The team already has a subscription: upgrade or downgrade it instead.")
    if plan == Plan.FREE:
        raise ValidationFailed.single("plan", "Free needs no subscription: choose a paid plan.")
    proration = _prorate(None, plan, cycle, settings, now)
    if preview_only:
        return PlanChangeOutcome(
            applied=False,
            proration=_proration_public(proration, "USD"),
            subscription=None,
            invoice=None,
            mode=mode_of(settings),  # type: ignore[arg-type]
        )
    _require_offline(
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
    _audit(session, ctx, client, "billing.subscribe", sub, plan=plan, cycle=cycle)
    return PlanChangeOutcome(
        applied=True,
        proration=_proration_public(proration, sub.currency),
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
    team_id = _team(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    now = now or utcnow()
    settle(session, team_id, now=now)
    sub = _own_subscription(session, team_id, subscription_id, lock=True)
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
        proration=_proration_public(proration, sub.currency),
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
    if sub.stripe_subscription_id and not settings.stripe_offline:
        stripe_gateway.change_price(
            settings,
            subscription_id=sub.stripe_subscription_id,
            plan=plan,
            cycle=cycle,
            amount=rules.self_serve_price(plan, cycle, offline=False),
            currency=sub.currency,
            metadata=_payer_metadata(ctx, team_id, plan, cycle),
        )  # Stripe invoices the proration; invoice.paid brings it here
    else:
        _require_offline(settings, "This subscription was not made through Stripe.")
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
    _audit(session, ctx, client, action, sub, plan=plan, cycle=cycle)
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
    team_id = _team(ctx, Action.BILLING_MANAGE)
    plan_limits.lock_team(session, team_id)  # one billing change per team at a time
    settle(session, team_id)
    sub = _own_subscription(session, team_id, subscription_id, lock=True)
    if sub.status != SubscriptionStatus.ACTIVE:
        raise Conflict("This subscription has already ended.")
    if sub.stripe_subscription_id and not settings.stripe_offline:
        stripe_gateway.set_cancel_at_period_end(
            settings, subscription_id=sub.stripe_subscription_id, cancel=cancel
        )
    sub.cancel_at_period_end = cancel
    session.add(sub)
    session.flush()
    _audit(session, ctx, client, "billing.cancel" if cancel else "billing.resume", sub)
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
    team_id = _team(ctx, Action.BILLING_MANAGE)
    sub = _own_subscription(session, team_id, subscription_id)
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
    team_id = _team(ctx, Action.BILLING_MANAGE)
    _require_offline(settings, "With Stripe, change the card in the customer portal.")
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
    _audit(session, ctx, client, "billing.payment_method", sub, type=data.type)
    return payment_method_public(sub, settings)


def _audit(
    session: Session,
    ctx: AuthContext,
    client: ClientInfo | None,
    action: str,
    sub: Subscription,
    **details: Any,
) -> None:
    audit.record(
        session,
        action=action,
        client=client,
        user_id=ctx.user.id,
        team_id=sub.team_id,
        target_type="subscription",
        target_id=str(sub.id),
        details={k: str(v) for k, v in details.items()},
    )


# --- Stripe: Checkout and the portal (webhooks: services/stripe_webhooks.py)


def checkout(
    session: Session, *, ctx: AuthContext, settings: Settings, plan: Plan, cycle: BillingCycle
) -> str:
    """A Stripe Checkout page for a team on Free; answers its URL."""
    team_id = _team(ctx, Action.BILLING_MANAGE)
    if settings.stripe_offline:
        raise rules.WrongBillingMode("Offline mode has no Checkout: subscribe directly.")
    if current_subscription(session, team_id) is not None:
        raise Conflict("The team already has a subscription: upgrade or downgrade it instead.")
    if plan == Plan.FREE:
        raise ValidationFailed.single("plan", "Free needs no subscription: choose a paid plan.")
    price = rules.self_serve_price(plan, cycle, offline=False)
    known = session.exec(
        select(Subscription.stripe_customer_id)
        .where(Subscription.team_id == team_id, col(Subscription.stripe_customer_id).is_not(None))
        .limit(1)
    ).first()
    created = stripe_gateway.checkout_session(
        settings,
        customer_id=known,
        email=ctx.user.email,
        metadata=_payer_metadata(ctx, team_id, plan, cycle),
        line_price=stripe_gateway.price_data(plan, cycle, price, "USD"),
        success_url=f"{settings.app_url}{UPGRADE_PATH}?checkout=done",
        cancel_url=f"{settings.app_url}{UPGRADE_PATH}?checkout=cancelled",
    )
    return str(created["url"])


def portal(session: Session, *, ctx: AuthContext, settings: Settings) -> str:
    team_id = _team(ctx, Action.BILLING_MANAGE)
    if settings.stripe_offline:
        raise rules.WrongBillingMode("Offline mode has no customer portal.")
    customer = session.exec(
        select(Subscription.stripe_customer_id)
        .where(Subscription.team_id == team_id, col(Subscription.stripe_customer_id).is_not(None))
        .order_by(col(Subscription.created_at).desc())
        .limit(1)
    ).first()
    if not customer:
        raise Conflict("The team has no Stripe customer yet: subscribe through Checkout first.")
    created = stripe_gateway.portal_session(
        settings, customer_id=customer, return_url=f"{settings.app_url}{UPGRADE_PATH}"
    )
    return str(created["url"])


def can_manage(ctx: AuthContext) -> bool:
    return can(ctx.team_role, Action.BILLING_MANAGE)


def can_view_invoices(ctx: AuthContext) -> bool:
    return can(ctx.team_role, Action.BILLING_VIEW)
