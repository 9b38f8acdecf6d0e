"""Stripe's webhooks: verified, applied once per event id, into Subscription and BillingHistory.

``receive`` checks the signature with ``stripe.Webhook.construct_event`` (through
``stripe_gateway.verify_event``), stores the event id in ``stripe_event`` in the
same transaction as its effect (a redelivery is acknowledged and skipped), and
hands the event's object to its handler. An event that cannot be read rolls
back, id included, so Stripe's retry gets another chance; so does one that names a
subscription Konduct does not know yet (Stripe does not keep its events in order:
an ``invoice.paid`` may come before its ``checkout.session.completed``).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

import stripe
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
from konduct.domain.plans import limits_for
from konduct.models import BillingHistory, StripeEvent, Subscription, Team
from konduct.models.base import utcnow
from konduct.schemas.billing import WebhookReceipt
from konduct.services import limits, stripe_gateway
from konduct.services.billing_access import record
from konduct.services.billing_invoices import issue_invoice
from konduct.services.plans import current_subscription, put_team_on_plan
from konduct.settings import Settings

log = logging.getLogger("konduct.billing")


def receive(
    session: Session, *, payload: bytes, signature: str, settings: Settings
) -> WebhookReceipt:
    """Verify, then apply each Stripe event once (its id is kept in ``stripe_event``)."""
    if settings.stripe_offline or not settings.stripe_webhook_secret:
        raise rules.WrongBillingMode("Stripe webhooks are off: Konduct runs in offline mode.")
    try:
        event = stripe_gateway.verify_event(settings, payload, signature)
    except (stripe.SignatureVerificationError, ValueError) as refused:  # ValueError: not JSON
        raise rules.InvalidWebhook(
            "The Stripe-Signature header does not match this webhook's secret."
        ) from refused
    event_id, kind = str(event.get("id", "")), str(event.get("type", ""))
    if not event_id:
        raise rules.InvalidWebhook("The event has no id.")
    try:
        with session.begin_nested():
            session.add(StripeEvent(id=event_id[:255], type=kind[:100]))
    except IntegrityError:
        return WebhookReceipt(received=True, duplicate=True, handled=False)
    handler = _HANDLERS.get(kind)
    obj = (event.get("data") or {}).get("object") or {}
    try:
        handled = bool(handler(session, settings, obj)) if handler else False
    except rules.WebhookTooEarly:
        # Rolled back by the caller, the event id too: Stripe delivers it again later.
        log.info("Stripe event %s (%s) came before its subscription: retry", event_id, kind)
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as unreadable:
        # All of it rolls back, the event id too, so Stripe's retry gets another chance.
        log.warning("Stripe event %s (%s) could not be applied: %r", event_id, kind, unreadable)
        raise rules.InvalidWebhook(f"Event {event_id} ({kind}) could not be applied.") from None
    session.flush()
    return WebhookReceipt(received=True, duplicate=False, handled=handled)


def _moment(seconds: int | None) -> datetime | None:
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def _by_stripe_id(session: Session, stripe_subscription_id: str | None) -> Subscription | None:
    if not stripe_subscription_id:
        return None
    return session.exec(
        select(Subscription).where(Subscription.stripe_subscription_id == stripe_subscription_id)
    ).first()


def _known(session: Session, obj: dict, stripe_subscription_id: str | None) -> Subscription:
    """The local subscription of an event; one Konduct has not seen yet (its Checkout's
    ``checkout.session.completed`` has not come) is answered "too early", so the event is
    not recorded and Stripe sends it again. An event about no subscription at all is not
    retried (it cannot become applicable): the caller answers handled=False."""
    sub = _by_stripe_id(session, stripe_subscription_id)
    if sub is None:
        raise rules.WebhookTooEarly(
            f"Subscription {stripe_subscription_id} is not known here yet: Stripe will "
            "deliver this event again after its checkout.session.completed."
        )
    return sub


def _meta_plan(meta: dict) -> tuple[Plan, BillingCycle] | None:
    try:
        return Plan(meta["plan"]), BillingCycle(meta.get("billing_cycle", "MONTHLY"))
    except (KeyError, ValueError):
        return None


def _on_checkout_completed(session: Session, settings: Settings, obj: dict) -> bool:
    meta = obj.get("metadata") or {}
    chosen = _meta_plan(meta)
    try:
        team_id = uuid.UUID(str(obj.get("client_reference_id") or meta.get("team_id")))
    except ValueError:
        return False
    if chosen is None or session.get(Team, team_id) is None:
        return False
    plan, cycle = chosen
    limits.lock_team(session, team_id)
    sub = _by_stripe_id(session, obj.get("subscription"))
    if sub is not None and sub.team_id != team_id:
        log.warning("Checkout %s names another team than its subscription", obj.get("id"))
        return False
    try:
        payer = uuid.UUID(meta["user_id"])
    except (KeyError, ValueError):
        payer = None
    live = current_subscription(session, team_id)
    if sub is None and live is not None and live.stripe_subscription_id and obj.get("subscription"):
        _cancel_duplicate(session, settings, obj, live, plan, cycle, payer)
        return True
    if sub is None:
        sub = put_team_on_plan(session, team_id, plan, cycle=cycle, user_id=payer)
        now = utcnow()
        sub.start_date, sub.end_date = now, rules.period_end(now, cycle)
    sub.price = rules.self_serve_price(plan, cycle, offline=False)
    sub.stripe_customer_id = obj.get("customer") or sub.stripe_customer_id
    sub.stripe_subscription_id = obj.get("subscription") or sub.stripe_subscription_id
    session.add(sub)
    return True


def _cancel_duplicate(
    session: Session,
    settings: Settings,
    obj: dict,
    live: Subscription,
    plan: Plan,
    cycle: BillingCycle,
    payer: uuid.UUID | None,
) -> None:
    """A second Checkout completed for a team that already pays at Stripe (two admins, two
    tabs): the team keeps the subscription it has; the new one is ended at Stripe and its
    first payment refunded (or its invoice voided), kept here as CANCELLED so its own
    webhooks find it, and written to the audit log."""
    duplicate = Subscription(
        team_id=live.team_id,
        user_id=payer,
        plan=plan,
        billing_cycle=cycle,
        price=rules.self_serve_price(plan, cycle, offline=False),
        currency=live.currency,
        status=SubscriptionStatus.CANCELLED,
        stripe_customer_id=obj.get("customer"),
        stripe_subscription_id=obj["subscription"],
        start_date=utcnow(),
        end_date=utcnow(),
    )
    session.add(duplicate)
    session.flush()
    log.warning(
        "Checkout %s made a second subscription %s for team %s (live: %s): cancelling it",
        obj.get("id"), obj["subscription"], live.team_id, live.stripe_subscription_id,
    )  # fmt: skip
    # Stripe after the row is written; a Stripe failure rolls it back and Stripe retries.
    done = stripe_gateway.cancel_duplicate(
        settings, subscription_id=obj["subscription"], invoice_id=obj.get("invoice")
    )
    if done.refund_id:  # the history shows the refund next to the charge invoice.paid brings
        issue_invoice(
            session, duplicate, amount=done.refunded, status=PaymentStatus.REFUNDED,
            description="Refund: a second subscription, cancelled (the team already had one)",
            start=duplicate.start_date or utcnow(), end=None, stripe_invoice_id=done.refund_id,
        )  # fmt: skip
    record(
        session, None, None, "billing.duplicate_cancelled", duplicate,
        stripe_subscription=obj["subscription"], kept=live.stripe_subscription_id,
        checkout=obj.get("id"), outcome=done.outcome,
    )  # fmt: skip


def _period(obj: dict) -> tuple[datetime | None, datetime | None]:
    """Newer API versions keep the period on the subscription's items."""
    items = (obj.get("items") or {}).get("data") or [{}]
    start = obj.get("current_period_start") or items[0].get("current_period_start")
    end = obj.get("current_period_end") or items[0].get("current_period_end")
    return _moment(start), _moment(end)


def _on_subscription_updated(session: Session, settings: Settings, obj: dict) -> bool:
    """Stripe's word on the subscription: it also reconciles a change Konduct sent to
    Stripe whose local commit then failed (the plan travels in the metadata)."""
    sub = _known(session, obj, obj.get("id"))
    status = rules.status_from_stripe(str(obj.get("status", "")))
    # An ended row stays ended: Stripe never restarts a cancelled subscription, and a late
    # "active" must not bring back a duplicate Konduct cancelled.
    if status is not None and sub.status == SubscriptionStatus.ACTIVE:
        sub.status = status
    sub.cancel_at_period_end = bool(obj.get("cancel_at_period_end"))
    start, end = _period(obj)
    sub.start_date = start or sub.start_date
    sub.end_date = end or sub.end_date
    if chosen := _meta_plan(obj.get("metadata") or {}):
        sub.plan, sub.billing_cycle = chosen
        sub.price = rules.plan_price(*chosen) or sub.price
    session.add(sub)
    return True


def _on_subscription_deleted(session: Session, settings: Settings, obj: dict) -> bool:
    sub = _known(session, obj, obj.get("id"))
    ran_out = sub.cancel_at_period_end or bool(obj.get("cancel_at_period_end"))
    sub.status = SubscriptionStatus.EXPIRED if ran_out else SubscriptionStatus.CANCELLED
    sub.end_date = _moment(obj.get("ended_at")) or utcnow()
    session.add(sub)
    return True


def _invoice_subscription(session: Session, obj: dict) -> Subscription | None:
    parent = ((obj.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    named = obj.get("subscription") or parent
    if named:  # a subscription's invoice waits for its subscription
        return _known(session, obj, named)
    sub = None
    if obj.get("customer"):
        sub = session.exec(
            select(Subscription)
            .where(Subscription.stripe_customer_id == obj["customer"])
            .order_by(col(Subscription.created_at).desc())
            .limit(1)
        ).first()
    return sub


def _record_invoice(session: Session, obj: dict, status: PaymentStatus) -> bool:
    sub = _invoice_subscription(session, obj)
    if sub is None or not obj.get("id"):
        return False
    cents = obj.get("amount_paid") if status == PaymentStatus.PAID else obj.get("amount_due")
    lines = (obj.get("lines") or {}).get("data") or [{}]
    period = lines[0].get("period") or {}
    row = session.exec(
        select(BillingHistory).where(BillingHistory.stripe_invoice_id == obj["id"])
    ).first()
    summary = rules.describe_payment_method(sub.payment_method_type, sub.payment_method_details)
    if row is None:
        row = issue_invoice(
            session,
            sub,
            amount=rules.from_minor_units(cents),
            status=status,
            description=lines[0].get("description") or f"{limits_for(Plan(sub.plan)).name} plan",
            start=_moment(period.get("start") or obj.get("period_start")) or utcnow(),
            end=_moment(period.get("end") or obj.get("period_end")),
            stripe_invoice_id=obj["id"],
            invoice_url=obj.get("hosted_invoice_url"),
            **({"invoice_number": obj["number"]} if obj.get("number") else {}),
        )
    else:
        row.status = status
        row.amount = rules.from_minor_units(cents)
        row.invoice_url = obj.get("hosted_invoice_url") or row.invoice_url
    row.currency = str(obj.get("currency") or sub.currency).upper()[:3]
    row.payment_method = summary or "Card on file at Stripe"
    session.add(row)
    return True


def _on_invoice_paid(session: Session, settings: Settings, obj: dict) -> bool:
    return _record_invoice(session, obj, PaymentStatus.PAID)


def _on_invoice_failed(session: Session, settings: Settings, obj: dict) -> bool:
    return _record_invoice(session, obj, PaymentStatus.FAILED)


def _on_payment_method_attached(session: Session, settings: Settings, obj: dict) -> bool:
    card = obj.get("card") or {}
    if not obj.get("customer") or not card:
        return False
    subs = session.exec(
        select(Subscription).where(Subscription.stripe_customer_id == obj["customer"])
    ).all()
    for sub in subs:
        sub.payment_method_type = PaymentMethodType.CREDIT_CARD
        brand = str(card.get("brand", "")).replace("_", " ").title()
        sub.payment_method_details = {
            "brand": {"Amex": "American Express"}.get(brand, brand) or "Card",
            "last4": str(card.get("last4", "")),
            "exp_month": card.get("exp_month"),
            "exp_year": card.get("exp_year"),
        }
        session.add(sub)
    return bool(subs)


_HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.updated": _on_subscription_updated,
    "customer.subscription.deleted": _on_subscription_deleted,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_invoice_failed,
    "payment_method.attached": _on_payment_method_attached,
}
