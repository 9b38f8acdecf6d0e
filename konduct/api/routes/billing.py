"""/api/subscriptions and /api/billing: plans, proration, invoices, card on file, Stripe.

Admins change billing; admins and managers see invoices and the card; every
member sees the plan and its usage. Another team's subscription or invoice
answers 404. Without STRIPE_SECRET_KEY the API runs in offline mode (``mode``
in every answer says which): plan changes apply at once and invoices are made
locally; with Stripe, subscribing goes through ``/billing/checkout-session``.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response, status

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep
from konduct.domain.billing import Direction
from konduct.schemas.billing import (
    InvoiceDetail,
    InvoicePage,
    PaymentMethodPublic,
    PlanChange,
    PlanChangeOutcome,
    PlanChoice,
    PlanChoiceOutcome,
    ProrationPublic,
    SessionUrl,
    SubscriptionPage,
    SubscriptionPublic,
    SubscriptionUpdate,
    UsagePublic,
    WebhookReceipt,
    parse_payment_method,
)
from konduct.services import billing, stripe_webhooks
from konduct.services.invoice_pdf import invoice_pdf

router = APIRouter(tags=["billing"])

Limit = Query(default=20, ge=1, le=100)
PAYMENT_METHOD_EXAMPLES = {
    "card": {
        "value": {
            "type": "CREDIT_CARD", "brand": "Visa", "last4": "4242", "exp_month": 8,
            "exp_year": 2029, "holder_name": "Ada Lovelace",
        }
    },
    "paypal": {"value": {"type": "PAYPAL", "email": "billing@example.com"}},
    "bank": {"value": {"type": "BANK_TRANSFER", "bank_name": "ING", "account_last4": "1234"}},
}  # fmt: skip
Offset = Query(default=0, ge=0)


@router.post(
    "/subscriptions", response_model=PlanChangeOutcome, status_code=status.HTTP_201_CREATED
)
def create_subscription(
    data: PlanChange,
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    client: Client,
    response: Response,
) -> PlanChangeOutcome:
    """A team on Free takes a paid plan (offline mode). ``preview: true`` only prices it.
    With Stripe, use ``POST /api/billing/checkout-session`` (this answers 409)."""
    outcome = billing.subscribe(
        session, ctx=ctx, settings=settings, plan=data.plan, cycle=data.billing_cycle,
        preview_only=data.preview, client=client,
    )  # fmt: skip
    if data.preview:
        response.status_code = status.HTTP_200_OK
    return outcome


@router.get("/subscriptions", response_model=SubscriptionPage)
def list_subscriptions(
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    limit: int = Limit,
    offset: int = Offset,
) -> SubscriptionPage:
    """The team's subscriptions, newest first (the live one and the ended ones)."""
    return billing.list_subscriptions(
        session, ctx=ctx, settings=settings, limit=limit, offset=offset
    )


@router.get("/subscriptions/{subscription_id}", response_model=SubscriptionPublic)
def get_subscription(
    subscription_id: uuid.UUID, ctx: CurrentUser, session: DbSession, settings: SettingsDep
) -> SubscriptionPublic:
    return billing.get_subscription(
        session, ctx=ctx, settings=settings, subscription_id=subscription_id
    )


@router.put("/subscriptions/{subscription_id}", response_model=SubscriptionPublic)
def update_subscription(
    subscription_id: uuid.UUID,
    data: SubscriptionUpdate,
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    client: Client,
) -> SubscriptionPublic:
    """A new plan or cycle (prorated, either direction) and/or cancel or resume at period end."""
    return billing.update(
        session, ctx=ctx, settings=settings, subscription_id=subscription_id, plan=data.plan,
        cycle=data.billing_cycle, cancel_at_period_end=data.cancel_at_period_end, client=client,
    )  # fmt: skip


@router.post("/subscriptions/{subscription_id}/cancel", response_model=SubscriptionPublic)
def cancel_subscription(
    subscription_id: uuid.UUID,
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    client: Client,
) -> SubscriptionPublic:
    """Cancel at the end of the current period: the plan stays until then."""
    return billing.set_cancel(
        session, ctx=ctx, settings=settings, subscription_id=subscription_id, cancel=True,
        client=client,
    )  # fmt: skip


@router.post("/subscriptions/{subscription_id}/resume", response_model=SubscriptionPublic)
def resume_subscription(
    subscription_id: uuid.UUID,
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    client: Client,
) -> SubscriptionPublic:
    """Take back a cancellation before the period ends."""
    return billing.set_cancel(
        session, ctx=ctx, settings=settings, subscription_id=subscription_id, cancel=False,
        client=client,
    )  # fmt: skip


def _change(direction: Direction):
    def change(
        subscription_id: uuid.UUID,
        data: PlanChange,
        ctx: CurrentUser,
        session: DbSession,
        settings: SettingsDep,
        client: Client,
    ) -> PlanChangeOutcome:
        return billing.change_plan(
            session, ctx=ctx, settings=settings, subscription_id=subscription_id,
            plan=data.plan, cycle=data.billing_cycle, expected=direction,
            preview_only=data.preview, client=client,
        )  # fmt: skip

    return change


router.add_api_route(
    "/subscriptions/{subscription_id}/upgrade",
    _change(Direction.UPGRADE),
    methods=["POST"],
    response_model=PlanChangeOutcome,
    summary="Upgrade: a higher plan, or annual billing; prorated (preview: true to price it)",
)
router.add_api_route(
    "/subscriptions/{subscription_id}/downgrade",
    _change(Direction.DOWNGRADE),
    methods=["POST"],
    response_model=PlanChangeOutcome,
    summary="Downgrade: a lower plan or monthly billing; to FREE means cancel at period end",
)


@router.post("/billing/preview", response_model=ProrationPublic)
def preview_change(
    data: PlanChoice, ctx: CurrentUser, session: DbSession, settings: SettingsDep
) -> ProrationPublic:
    """What moving the team to this plan would cost now, with the proration spelled out."""
    return billing.preview(
        session, ctx=ctx, settings=settings, plan=data.plan, cycle=data.billing_cycle
    )


@router.get("/billing/usage", response_model=UsagePublic)
def usage(ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> UsagePublic:
    """The team's plan, its limits and what the team uses of them."""
    return billing.usage(session, ctx=ctx, settings=settings)


@router.get("/billing/history", response_model=InvoicePage)
def billing_history(
    ctx: CurrentUser, session: DbSession, limit: int = Limit, offset: int = Offset
) -> InvoicePage:
    """Invoices, refunds and failed payments, newest first."""
    return billing.history(session, ctx=ctx, limit=limit, offset=offset)


@router.get("/billing/invoices/{invoice_id}", response_model=InvoiceDetail)
def get_invoice(invoice_id: uuid.UUID, ctx: CurrentUser, session: DbSession) -> InvoiceDetail:
    return billing.invoice(session, ctx=ctx, invoice_id=invoice_id)


@router.get(
    "/billing/invoices/{invoice_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def invoice_as_pdf(invoice_id: uuid.UUID, ctx: CurrentUser, session: DbSession) -> Response:
    found = billing.invoice(session, ctx=ctx, invoice_id=invoice_id)
    return Response(
        invoice_pdf(found),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{found.invoice_number}.pdf"'},
    )


@router.get("/billing/payment-method", response_model=PaymentMethodPublic)
def get_payment_method(
    ctx: CurrentUser, session: DbSession, settings: SettingsDep
) -> PaymentMethodPublic:
    return billing.payment_method(session, ctx=ctx, settings=settings)


def _set_payment_method(
    data: Annotated[dict[str, Any], Body(openapi_examples=PAYMENT_METHOD_EXAMPLES)],
    ctx: CurrentUser,
    session: DbSession,
    settings: SettingsDep,
    client: Client,
) -> PaymentMethodPublic:
    """Offline mode: how the team pays, as shown on invoices (a card's last four digits and
    expiry, never its number). With Stripe, cards change in the customer portal (409)."""
    return billing.set_payment_method(
        session, ctx=ctx, settings=settings, data=parse_payment_method(data), client=client
    )


for method in ("PUT", "POST"):  # the spec says POST; PUT is what it is
    router.add_api_route(
        "/billing/payment-method",
        _set_payment_method,
        methods=[method],
        response_model=PaymentMethodPublic,
        summary="Record the payment method on file (offline mode)",
    )


@router.post("/billing/choose", response_model=PlanChoiceOutcome)
def choose_plan(
    data: PlanChoice, ctx: CurrentUser, session: DbSession, settings: SettingsDep, client: Client
) -> PlanChoiceOutcome:
    """What the billing page's plan buttons do, in one call: ``applied`` (changed now,
    prorated), ``checkout`` (send the browser to Stripe's ``url``) or ``contact_sales``."""
    return billing.choose_plan(
        session, ctx=ctx, settings=settings, plan=data.plan, cycle=data.billing_cycle,
        client=client,
    )  # fmt: skip


@router.post("/billing/checkout-session", response_model=SessionUrl)
def checkout_session(
    data: PlanChoice, ctx: CurrentUser, session: DbSession, settings: SettingsDep
) -> SessionUrl:
    """Stripe mode: a Checkout page to subscribe; send the browser to ``url``."""
    return SessionUrl(
        url=billing.checkout(
            session, ctx=ctx, settings=settings, plan=data.plan, cycle=data.billing_cycle
        )
    )


@router.post("/billing/portal-session", response_model=SessionUrl)
def portal_session(ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> SessionUrl:
    """Stripe mode: the customer portal (cards, cancellation, Stripe's invoices)."""
    return SessionUrl(url=billing.portal(session, ctx=ctx, settings=settings))


@router.post("/billing/webhook", response_model=WebhookReceipt)
async def stripe_webhook(request: Request, session: DbSession, settings: SettingsDep):
    """Stripe's events, verified with STRIPE_WEBHOOK_SECRET; each event id is applied once."""
    payload = await request.body()
    return stripe_webhooks.receive(
        session,
        payload=payload,
        signature=request.headers.get("stripe-signature", ""),
        settings=settings,
    )
