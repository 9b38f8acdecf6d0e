"""Invoices: numbering, renewals of offline subscriptions, the history and one invoice.

Each invoice gets the team's next number ``KDT-<team>-<n>`` (Stripe's own when Stripe
issued it). An offline subscription renews itself when it is read after its period
ended (one invoice per period begun); one cancelled at period end expires then.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from konduct.domain import billing as rules
from konduct.domain.enums import BillingCycle, PaymentStatus, Plan, SubscriptionStatus
from konduct.domain.errors import Conflict, NotFound
from konduct.domain.permissions import Action
from konduct.domain.plans import limits_for
from konduct.models import BillingHistory, Subscription, Team, User
from konduct.models.base import utcnow
from konduct.schemas.billing import InvoiceDetail, InvoicePage
from konduct.services.auth import AuthContext
from konduct.services.billing_access import team_for
from konduct.services.billing_shapes import invoice_public


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


def history(session: Session, *, ctx: AuthContext, limit: int = 20, offset: int = 0) -> InvoicePage:
    team_id = team_for(ctx, Action.BILLING_VIEW)
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
    team_id = team_for(ctx, Action.BILLING_VIEW)
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
