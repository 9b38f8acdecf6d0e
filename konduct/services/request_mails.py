"""The mails of the visitor request flows, in the look every Konduct mail shares.

Trial welcome sequence (sent later by the scheduled-mail job, so rendered from a stored
context), demo confirmations with a calendar invite, the notes to sales and support, and
the auto-replies visitors get.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from konduct.domain import demo_slots, ics
from konduct.domain.visitor_requests import TICKET_CATEGORY_LABELS
from konduct.models import ContactRequest, DemoRequest, SupportTicket
from konduct.services.mail import Attachment, Mail
from konduct.services.mail_templates import branded_mail
from konduct.settings import Settings

TRIAL_FOOTER = "You get this mail because you started a Konduct trial with this address."
REQUEST_FOOTER = "You get this mail because you sent this request on the Konduct website."
STAFF_FOOTER = "You get this mail because you are on Konduct's team for visitor requests."


def demo_status_url(row: DemoRequest, settings: Settings) -> str:
    return f"{settings.app_url}/demo/status/{row.public_token}"


def contact_status_url(row: ContactRequest, settings: Settings) -> str:
    return f"{settings.app_url}/contact/status/{row.public_token}"


def ticket_status_url(row: SupportTicket, settings: Settings) -> str:
    return f"{settings.app_url}/support/status/{row.public_token}"


# --- The trial's welcome sequence ---------------------------------------------------------


def _trial_welcome(to: str, context: dict[str, Any], settings: Settings) -> Mail:
    return branded_mail(
        to,
        subject="Welcome to your Konduct trial",
        title="Welcome to your Konduct trial",
        full_name=context.get("full_name", ""),
        paragraphs=[
            "Thanks for trying Konduct. One step is left: choose a password, and your "
            "workspace is ready to generate campaign IDs and tracking links.",
            "Your trial includes everything in the Free plan, with no card needed.",
        ],
        button=("Finish creating my account", context["register_url"]),
        after=["In two days we'll send three tips that save most teams an hour a week."],
        footer=TRIAL_FOOTER,
    )


def _trial_tips(to: str, context: dict[str, Any], settings: Settings) -> Mail:
    return branded_mail(
        to,
        subject="Three tips for campaign IDs your team can trust",
        title="Three tips for your first campaigns",
        full_name=context.get("full_name", ""),
        paragraphs=[
            "1. Generate the ID first, then name everything after it: ads, links, reports.",
            "2. Keep utm_source and utm_medium lowercase: Konduct does it for you, GA4 "
            "counts 'Facebook' and 'facebook' as two sources.",
            "3. Share the short link with its QR code, so every click is counted.",
        ],
        button=("Create a campaign", f"{settings.app_url}/campaigns/new"),
        footer=TRIAL_FOOTER,
    )


def _trial_checkin(to: str, context: dict[str, Any], settings: Settings) -> Mail:
    return branded_mail(
        to,
        subject="How is your Konduct trial going?",
        title="How is it going?",
        full_name=context.get("full_name", ""),
        paragraphs=[
            "You've had Konduct for five days. If something is in your way, reply to this "
            "mail: a person reads it.",
            "Want a walk-through for your team? Book a 30-minute demo at a time that suits you.",
        ],
        button=("Book a demo", f"{settings.app_url}/demo"),
        footer=TRIAL_FOOTER,
    )


# Scheduled mails are rendered when they are sent, from the context stored with them.
SCHEDULED_RENDERERS: dict[str, Callable[[str, dict[str, Any], Settings], Mail]] = {
    "trial.welcome": _trial_welcome,
    "trial.tips": _trial_tips,
    "trial.checkin": _trial_checkin,
}


# --- Demo requests ------------------------------------------------------------------------


def demo_invite(row: DemoRequest, settings: Settings, *, now: datetime | None = None) -> bytes:
    status = {"PENDING": "TENTATIVE", "SCHEDULED": "CONFIRMED"}.get(row.status, "CANCELLED")
    invite = ics.Invite(
        uid=f"demo-{row.id}@konduct",
        start=row.slot_at,
        end=demo_slots.slot_end(row.slot_at),
        summary="Konduct demo",
        description=(
            f"A {demo_slots.SLOT_MINUTES}-minute walk-through of Konduct for {row.company}. "
            f"Status and changes: {demo_status_url(row, settings)}"
        ),
        organizer_name="Konduct Sales",
        organizer_email=settings.sales_email,
        attendee_name=row.name,
        attendee_email=row.email,
        url=demo_status_url(row, settings),
        status=status,  # type: ignore[arg-type]
        sequence=row.revision,
    )
    return ics.calendar(invite, now=now or datetime.now(UTC)).encode("utf-8")


def _when(row: DemoRequest) -> str:
    return demo_slots.describe(row.slot_at, demo_slots.zone(row.timezone))


def _with_invite(mail: Mail, row: DemoRequest, settings: Settings) -> Mail:
    invite = Attachment("konduct-demo.ics", demo_invite(row, settings), "text/calendar")
    return replace(mail, attachments=(invite,))


def demo_confirmation_mail(row: DemoRequest, settings: Settings) -> Mail:
    mail = branded_mail(
        row.email,
        subject="Your Konduct demo request: " + _when(row),
        title="We got your demo request",
        full_name=row.name,
        paragraphs=[
            "Thanks! We hold this time for you. Someone from our sales team confirms it "
            "within one business day, usually much sooner.",
        ],
        facts=[("When", _when(row)), ("Company", row.company), ("Status", "Pending")],
        button=("See my request", demo_status_url(row, settings)),
        after=["The attached invite puts the time in your calendar (tentative until confirmed)."],
        footer=REQUEST_FOOTER,
    )
    return _with_invite(mail, row, settings)


def demo_scheduled_mail(row: DemoRequest, settings: Settings) -> Mail:
    mail = branded_mail(
        row.email,
        subject="Your Konduct demo is confirmed: " + _when(row),
        title="Your demo is confirmed",
        full_name=row.name,
        paragraphs=["See you then. The attached invite updates the event in your calendar."],
        facts=[("When", _when(row)), ("Company", row.company)],
        button=("See my request", demo_status_url(row, settings)),
        footer=REQUEST_FOOTER,
    )
    return _with_invite(mail, row, settings)


def demo_cancelled_mail(row: DemoRequest, settings: Settings) -> Mail:
    mail = branded_mail(
        row.email,
        subject="Your Konduct demo was cancelled",
        title="Your demo was cancelled",
        full_name=row.name,
        paragraphs=[
            f"The demo planned for {_when(row)} will not take place. Pick another time "
            "whenever it suits you."
        ],
        button=("Book another time", f"{settings.app_url}/demo"),
        footer=REQUEST_FOOTER,
    )
    return _with_invite(mail, row, settings)


def demo_followup_mail(row: DemoRequest, settings: Settings) -> Mail:
    return branded_mail(
        row.email,
        subject="Thanks for your time: your next steps with Konduct",
        title="Thanks for joining the demo",
        full_name=row.name,
        paragraphs=[
            "It was good to show you Konduct. The fastest way to see it with your own "
            "campaigns is a free trial: your first IDs and tracking links in minutes.",
            "Questions after the call? Reply to this mail and it reaches our sales team.",
        ],
        button=("Start my free trial", f"{settings.app_url}/start-trial"),
        footer=REQUEST_FOOTER,
    )


def demo_sales_mail(row: DemoRequest, settings: Settings) -> Mail:
    sales_zone = demo_slots.zone(demo_slots.SALES_TIMEZONE)
    return branded_mail(
        settings.sales_email,
        subject=f"Demo request: {row.company} ({_when(row)})",
        title="A new demo request",
        full_name="team",
        paragraphs=[f"{row.name} of {row.company} asked for a demo."],
        facts=[
            ("When (visitor)", _when(row)),
            ("When (sales)", demo_slots.describe(row.slot_at, sales_zone)),
            ("Email", row.email),
            ("Phone", row.phone or "-"),
            ("Message", row.message or "-"),
        ],
        button=("Open the requests", f"{settings.app_url}/admin/requests"),
        footer=STAFF_FOOTER,
        reply_to=row.email,
    )


# --- Talk to sales ------------------------------------------------------------------------


def contact_sales_mail(row: ContactRequest, settings: Settings) -> Mail:
    return branded_mail(
        settings.sales_email,
        subject=f"Sales request: {row.company}",
        title="Someone wants to talk to sales",
        full_name="team",
        paragraphs=[f"{row.name} of {row.company} wrote:", row.message],
        facts=[
            ("Email", row.email),
            ("Phone", row.phone or "-"),
            ("Company size", row.company_size or "-"),
            ("Industry", row.industry or "-"),
        ],
        button=("Open the requests", f"{settings.app_url}/admin/requests?tab=contact"),
        footer=STAFF_FOOTER,
        reply_to=row.email,
    )


def contact_autoreply_mail(row: ContactRequest, settings: Settings) -> Mail:
    return branded_mail(
        row.email,
        subject="We got your message: Konduct sales",
        title="Thanks, we'll be in touch",
        full_name=row.name,
        paragraphs=[
            "Your message reached our sales team. Someone replies within one business day, "
            "usually with a few questions and times for a call.",
        ],
        facts=[("Company", row.company), ("Status", "New")],
        button=("See my request", contact_status_url(row, settings)),
        footer=REQUEST_FOOTER,
    )


# --- Support tickets ----------------------------------------------------------------------


def ticket_support_mail(row: SupportTicket, settings: Settings) -> Mail:
    return branded_mail(
        settings.support_email,
        subject=f"[Ticket #{row.number}] {row.subject}",
        title=f"Support ticket #{row.number}",
        full_name="team",
        paragraphs=[f"{row.name} ({row.email}) wrote:", row.message],
        facts=[("Category", TICKET_CATEGORY_LABELS[row.category])],
        button=("Open the tickets", f"{settings.app_url}/admin/requests?tab=tickets"),
        footer=STAFF_FOOTER,
        reply_to=row.email,
    )


def ticket_autoreply_mail(row: SupportTicket, settings: Settings) -> Mail:
    return branded_mail(
        row.email,
        subject=f"[Ticket #{row.number}] We got your request: {row.subject}",
        title=f"Your ticket number is #{row.number}",
        full_name=row.name,
        paragraphs=[
            "Thanks for writing. Our support team answers within one business day. "
            f"Quote ticket #{row.number} if you write to us about it again.",
        ],
        facts=[("Ticket", f"#{row.number}"), ("Subject", row.subject), ("Status", "Open")],
        button=("See my ticket", ticket_status_url(row, settings)),
        footer=REQUEST_FOOTER,
    )
