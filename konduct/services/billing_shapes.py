"""How billing answers look: subscriptions, invoices, the card on file, a proration.

Shared by every billing door (REST, pages) through the billing services.
"""

from __future__ import annotations

from konduct.domain import billing as rules
from konduct.domain.enums import Plan
from konduct.domain.plans import limits_for
from konduct.models import BillingHistory, Subscription
from konduct.schemas.billing import (
    InvoicePublic,
    PaymentMethodPublic,
    ProrationPublic,
    SubscriptionPublic,
)
from konduct.settings import Settings

INVOICE_PAGE = "/settings/billing/invoices/"


def mode_of(settings: Settings) -> str:
    return "offline" if settings.stripe_offline else "stripe"


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


def proration_public(p: rules.Proration, currency: str) -> ProrationPublic:
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
