"""The only place Konduct talks to Stripe: Checkout, the customer portal, plan changes.

Every call goes through one ``stripe.StripeClient`` built from the settings
(``STRIPE_API_BASE`` points it elsewhere: tests use a local server). A Stripe
error becomes ``PaymentProviderUnavailable``, so the caller's transaction rolls
back and nothing is half-changed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import stripe

from konduct.domain.billing import (
    CheckoutInProgress,
    PaymentProviderUnavailable,
    from_minor_units,
    to_minor_units,
)
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.plans import limits_for
from konduct.settings import Settings

T = TypeVar("T")
TIMEOUT_S = 20


def client_for(settings: Settings) -> stripe.StripeClient:
    addresses: Any = {"api": settings.stripe_api_base} if settings.stripe_api_base else None
    return stripe.StripeClient(
        settings.stripe_secret_key,
        base_addresses=addresses,
        max_network_retries=1,
        http_client=stripe.RequestsClient(timeout=TIMEOUT_S),
    )


def _call(work: Callable[[], T]) -> T:
    try:
        return work()
    except stripe.IdempotencyError as reused:  # the same key, other parameters: another admin
        raise CheckoutInProgress(
            "Another admin of the team opened Checkout for this plan a moment ago: finish it "
            "there, or try again in a few minutes."
        ) from reused
    except stripe.StripeError as failed:
        message = getattr(failed, "user_message", None) or "Stripe could not be reached."
        raise PaymentProviderUnavailable(
            f"The payment provider refused the request: {message} Nothing was changed."
        ) from failed


def price_data(plan: Plan, cycle: BillingCycle, amount, currency: str) -> dict[str, Any]:
    """An inline price, so no Price objects need creating in the Stripe dashboard first."""
    return {
        "currency": currency.lower(),
        "unit_amount": to_minor_units(amount),
        "recurring": {"interval": "year" if cycle == BillingCycle.ANNUAL else "month"},
        "product_data": {"name": f"Konduct {limits_for(plan).name}"},
    }


def checkout_session(
    settings: Settings,
    *,
    customer_id: str | None,
    email: str,
    metadata: dict[str, str],
    line_price: dict[str, Any],
    success_url: str,
    cancel_url: str,
    idempotency_key: str,
) -> stripe.checkout.Session:
    """A Checkout page; a repeat with the same ``idempotency_key`` gets the same page back."""
    params: dict[str, Any] = {
        "mode": "subscription",
        "line_items": [{"price_data": line_price, "quantity": 1}],
        "client_reference_id": metadata["team_id"],
        "metadata": metadata,
        "subscription_data": {"metadata": metadata},
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if customer_id:
        params["customer"] = customer_id
    else:
        params["customer_email"] = email
    options: Any = {"idempotency_key": idempotency_key}
    return _call(lambda: client_for(settings).v1.checkout.sessions.create(params, options))  # type: ignore[arg-type]


def portal_session(settings: Settings, *, customer_id: str, return_url: str):
    return _call(
        lambda: client_for(settings).v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url}
        )
    )


def change_price(
    settings: Settings,
    *,
    subscription_id: str,
    plan: Plan,
    cycle: BillingCycle,
    amount,
    currency: str,
    metadata: dict[str, str],
) -> stripe.Subscription:
    """Swap the subscription's one item for the new plan, prorated by Stripe."""
    client = client_for(settings)
    current = _call(lambda: client.v1.subscriptions.retrieve(subscription_id))
    item = current["items"]["data"][0]
    inline = price_data(plan, cycle, amount, currency)
    inline["product"] = item["price"]["product"]  # items take a product id, not product_data
    del inline["product_data"]
    params: dict[str, Any] = {
        "items": [{"id": item["id"], "price_data": inline}],
        "proration_behavior": "always_invoice",
        "cancel_at_period_end": False,
        "metadata": metadata,
    }
    return _call(lambda: client.v1.subscriptions.update(subscription_id, params))  # type: ignore[arg-type]


def set_cancel_at_period_end(
    settings: Settings, *, subscription_id: str, cancel: bool
) -> stripe.Subscription:
    return _call(
        lambda: client_for(settings).v1.subscriptions.update(
            subscription_id, {"cancel_at_period_end": cancel}
        )
    )


@dataclass(frozen=True)
class DuplicateEnded:
    outcome: str  # what was done, for the audit log
    refund_id: str | None = None
    refunded: Decimal = Decimal("0.00")


def cancel_duplicate(
    settings: Settings, *, subscription_id: str, invoice_id: str | None
) -> DuplicateEnded:
    """End a subscription a second Checkout made for a team that already pays, and give its
    first payment back: refunded if paid, voided if still open. Answers what was done.
    A redelivered webhook finds it cancelled, and the refund is keyed by the subscription,
    so nothing is done twice."""
    client = client_for(settings)
    current = _call(lambda: client.v1.subscriptions.retrieve(subscription_id)).to_dict()
    if current.get("status") != "canceled":  # a redelivery finds it cancelled already
        _call(lambda: client.v1.subscriptions.cancel(subscription_id))
    if not invoice_id:
        return DuplicateEnded("cancelled")
    expand: Any = {"expand": ["payments"]}
    found = _call(lambda: client.v1.invoices.retrieve(invoice_id, expand)).to_dict()
    if found.get("status") == "open":
        _call(lambda: client.v1.invoices.void_invoice(invoice_id))
        return DuplicateEnded("cancelled, invoice voided")
    payments = (found.get("payments") or {}).get("data") or []
    intents = [(p.get("payment") or {}).get("payment_intent") for p in payments]
    intent = next((i for i in intents if i), None) or found.get("payment_intent")
    if found.get("status") != "paid" or not found.get("amount_paid") or not intent:
        return DuplicateEnded("cancelled")
    refund: dict[str, Any] = {"payment_intent": intent, "reason": "duplicate"}
    options: Any = {"idempotency_key": f"konduct-duplicate-{subscription_id}-refund"}
    done = _call(lambda: client.v1.refunds.create(refund, options)).to_dict()  # type: ignore[arg-type]
    amount = from_minor_units(done.get("amount"))
    return DuplicateEnded(f"cancelled, {amount} refunded", str(done["id"]), amount)


def verify_event(settings: Settings, payload: bytes, signature: str) -> dict[str, Any]:
    """The event, if Stripe signed it with our webhook secret; raises otherwise."""
    event = stripe.Webhook.construct_event(payload, signature, settings.stripe_webhook_secret)
    return event.to_dict()
