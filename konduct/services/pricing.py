"""The pricing calculator's use-cases: price a team, and mail the quote.

The arithmetic is ``konduct.domain.pricing``; this adds the quote's JSON shape (one for
the page and the REST API) and its mail. A quote goes to the visitor ("me"), or to
``SALES_EMAIL`` with the visitor as Reply-To plus a copy to the visitor ("sales").
Mail leaves after the unit of work commits (``queue_mail``). Robots that fill in the
hidden ``website`` field get the same answer and no mail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from konduct.domain import pricing
from konduct.domain.enums import BillingCycle
from konduct.domain.visitor_requests import check_honeypot
from konduct.schemas.pricing import QuoteInput, QuoteSendInput
from konduct.services.mail import Mail
from konduct.services.mail_templates import branded_mail
from konduct.services.outgoing import queue_mail
from konduct.settings import Settings

QUOTE_SEND_LIMIT = "5/hour"  # quotes a visitor's address may mail


def format_money(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def quote_json(quote: pricing.Quote) -> dict[str, Any]:
    return {
        "requested_plan": quote.requested_plan.value,
        "plan": quote.plan.value,
        "plan_name": quote.plan_name,
        "fits_requested": quote.fits_requested,
        "reasons": list(quote.reasons),
        "custom": quote.custom,
        "billing_cycle": quote.billing_cycle.value,
        "period": quote.period,
        "team_size": quote.team_size,
        "campaigns_per_month": quote.campaigns_per_month,
        "lines": [{"label": line.label, "amount": str(line.amount)} for line in quote.lines],
        "total": str(quote.total),
        "monthly_equivalent": str(quote.monthly_equivalent),
        "annual_savings": str(quote.annual_savings),
        "comparison": [
            {
                "label": row.label,
                "free": row.free,
                "professional": row.professional,
                "enterprise": row.enterprise,
            }
            for row in quote.comparison
        ],
    }


def price(data: QuoteInput) -> dict[str, Any]:
    """The quote for the calculator's inputs (raises ValidationFailed on bad input)."""
    return quote_json(pricing.quote(data.to_request()))


def quote_facts(quote: pricing.Quote, reference: str) -> list[tuple[str, str]]:
    cycle = "annually" if quote.billing_cycle == BillingCycle.ANNUAL else "monthly"
    facts = [
        ("Reference", reference),
        ("Plan", quote.plan_name + (" (estimate)" if quote.custom else "")),
        ("Team size", f"{quote.team_size} people"),
        ("Campaigns a month", f"{quote.campaigns_per_month:,}"),
        ("Billing", cycle),
    ]
    facts += [(line.label, format_money(line.amount)) for line in quote.lines]
    facts.append((f"Total a {quote.period}", format_money(quote.total)))
    if quote.annual_savings > 0:
        facts.append(("Saved by paying annually", format_money(quote.annual_savings)))
    return facts


def quote_mails(
    data: QuoteSendInput, quote: pricing.Quote, reference: str, settings: Settings
) -> list[Mail]:
    facts = quote_facts(quote, reference)
    why = list(quote.reasons)
    if data.send_to == "sales":
        to_sales = branded_mail(
            settings.sales_email,
            subject=f"Quote request {reference}: {quote.plan_name}, {quote.team_size} people",
            title="A visitor asks for a quote",
            full_name="sales team",
            paragraphs=[
                f"{data.name or 'A visitor'} ({data.email})"
                + (f" from {data.company}" if data.company else "")
                + " sent this quote from the pricing calculator. Reply to this mail to answer.",
                *why,
                *([f"Their note: {data.message}"] if data.message else []),
            ],
            facts=facts,
            button=("Open the pricing page", f"{settings.app_url}/pricing"),
            footer="Sent from the pricing calculator on konduct.",
            reply_to=data.email,
        )
        copy = branded_mail(
            data.email,
            subject=f"Your Konduct quote {reference} is with our sales team",
            title="We have your quote request",
            full_name=data.name,
            paragraphs=[
                "Thanks for your interest. Our sales team has your quote and will answer "
                "within one working day.",
                *(
                    ["The figures below are an estimate; the contract confirms the price."]
                    if quote.custom
                    else []
                ),
            ],
            facts=facts,
            button=("See plans and pricing", f"{settings.app_url}/pricing"),
            footer="You get this mail because you asked for a quote on Konduct's pricing page.",
        )
        return [to_sales, copy]
    intro = (
        "Here is the estimate you made with the pricing calculator. Enterprise is priced per "
        "contract: talk to sales to confirm it."
        if quote.custom
        else f"Here is your quote for Konduct {quote.plan_name}."
    )
    return [
        branded_mail(
            data.email,
            subject=f"Your Konduct quote {reference}: {quote.plan_name}",
            title=f"Your quote: {format_money(quote.total)} a {quote.period}",
            full_name=data.name,
            paragraphs=[intro, *why],
            facts=facts,
            button=(
                ("Talk to sales", f"{settings.app_url}/contact-sales")
                if quote.custom
                else ("Start free", f"{settings.app_url}/register")
            ),
            footer="You get this mail because you asked for a quote on Konduct's pricing page.",
        )
    ]


def send_quote(
    session: Session, data: QuoteSendInput, *, settings: Settings, now: datetime | None = None
) -> dict[str, Any]:
    """Price ``data`` and queue its mail(s); answers the quote with its reference."""
    check_honeypot(data.website)  # the site's one spam rule, as on every visitor form
    request = data.to_request()
    quote = pricing.quote(request)
    day = (now or datetime.now(UTC)).date().isoformat()
    reference = pricing.quote_reference(request, day)
    for mail in quote_mails(data, quote, reference, settings):
        queue_mail(session, mail, settings)
    sent_to = "sales" if data.send_to == "sales" else data.email
    return {"reference": reference, "sent_to": sent_to, "quote": quote_json(quote)}
