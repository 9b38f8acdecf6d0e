"""The visitor request pages: trial, demo, talk to sales, support, and their status pages.

Form values in, the same services as the REST doors, display values out. Each public
form is counted against the same per-address quota as its REST route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from konduct.domain import demo_slots
from konduct.domain.errors import DomainError, NotFound, ValidationFailed
from konduct.domain.rate_limits import parse_limit
from konduct.domain.visitor_requests import (
    CONTACT_LIMIT,
    DEMO_REQUEST_LIMIT,
    STATUS_LOOKUP_LIMIT,
    SUPPORT_TICKET_LIMIT,
    TRIAL_LIMIT,
)
from konduct.schemas.errors import problem_text, validation_problems
from konduct.schemas.visitor_requests import (
    ContactSubmit,
    DemoRequestIn,
    TicketIn,
    TrialStartRequest,
)
from konduct.services import contact_requests, demo_requests, support_tickets, trials
from konduct.services.analytics import VISITOR_COOKIE
from konduct.settings import get_settings
from konduct.state.session import SessionState, in_transaction, page_limiter

# What a status lookup gives the page: status, title, (label, value) facts.
Found = tuple[str, str, list[list[str]]]
STATUS_LABELS = {
    "PENDING": "Pending confirmation",
    "SCHEDULED": "Scheduled",
    "COMPLETED": "Completed",
    "CANCELLED": "Cancelled",
    "NEW": "New",
    "OPEN": "Open",
    "IN_PROGRESS": "In progress",
    "RESOLVED": "Resolved",
}


# What the visitor can expect next, by kind of request and status.
NEXT_STEPS = {
    ("demo", "PENDING"): "We confirm the time by mail within one business day. The invite in "
    "your confirmation mail keeps your calendar up to date.",
    ("demo", "SCHEDULED"): "Your demo is confirmed. The invite we mailed holds the time and "
    "updates itself if we ever have to move it.",
    ("demo", "COMPLETED"): "Thanks for joining. The quickest next step: start a free trial "
    "with your own campaigns.",
    ("demo", "CANCELLED"): "This demo will not take place. Book another time whenever it "
    "suits you.",
    ("contact", "NEW"): "Someone from sales answers by mail within one business day.",
    ("contact", "IN_PROGRESS"): "Our sales team is on it: look out for their mail.",
    ("contact", "RESOLVED"): "We consider this answered. Reply to our mail if anything is "
    "still open.",
    ("ticket", "OPEN"): "Our support team answers by mail, usually the same day. Reply to it "
    "to add details.",
    ("ticket", "IN_PROGRESS"): "We are working on it and will write as soon as we know more.",
    ("ticket", "RESOLVED"): "We consider this solved. Reply to our mail and it opens again.",
}


def _text(form: dict[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _last_segment(path: str | None) -> str:
    return (path or "").rstrip("/").rsplit("/", 1)[-1]


class _FormState(SessionState):
    """What every visitor form shares: field errors, a busy flag, the quota check."""

    errors: dict[str, str] = {}
    busy: bool = False

    async def _over_quota(self, name: str, limit: str) -> bool:
        decision = await page_limiter().hit(
            parse_limit(limit), name, self.router.session.client_ip or "unknown"
        )
        if not decision.allowed:
            self.errors = {
                "form": f"Too many requests from here. Try again in {decision.retry_after} s."
            }
        return not decision.allowed

    def _parse(self, schema: type[BaseModel], values: dict[str, Any]) -> Any:
        try:
            return schema(**values)
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return None

    async def _run(self, work: Callable[[Session], Any]) -> Any:
        try:
            return await in_transaction(work)
        except ValidationFailed as failure:
            self.errors = {p.field: p.reason for p in failure.problems}
            if "website" in self.errors:  # the honeypot: say it where people look
                self.errors["form"] = self.errors.pop("website")
        except DomainError as failure:
            # A taken slot names its field: the message goes next to it.
            field = (getattr(failure, "problem_extra", None) or {}).get("field", "form")
            self.errors = {field: problem_text(failure)}
        return None


# --- Trial --------------------------------------------------------------------------------


class TrialState(_FormState):
    @rx.event
    async def open(self):
        self.errors, self.busy = {}, False
        await self.with_user(lambda session, ctx: None)
        if self.signed_in:  # an account already: nothing to start
            return [rx.redirect("/dashboard"), rx.toast.info("You already have an account.")]
        return None

    @rx.event
    async def submit(self, form: dict[str, Any]):
        self.errors, self.busy = {}, True
        yield
        data = self._parse(
            TrialStartRequest,
            {
                "email": _text(form, "email"),
                "full_name": _text(form, "full_name"),
                "company": _text(form, "company") or None,
                "team_size": _text(form, "team_size") or "2-10",
                "role": _text(form, "role") or "ADMIN",
                "website": _text(form, "website"),
            },
        )
        if data is None or await self._over_quota("trial", TRIAL_LIMIT):
            self.busy = False
            return
        settings = get_settings()
        visitor = self._cookie(VISITOR_COOKIE) or None
        signup = await self._run(
            lambda s: trials.start_trial(s, data=data, settings=settings, visitor_id=visitor)
        )
        self.busy = False
        if signup is not None:
            yield rx.redirect(f"/register?trial={signup.public_token}")


# --- Demo ---------------------------------------------------------------------------------


class DemoState(_FormState):
    timezone: str = "UTC"
    days: list[dict[str, Any]] = []  # {date, label, slots: [{start, label}]}
    selected_day: str = ""
    selected_slot: str = ""  # ISO start, UTC
    slots_loading: bool = True

    @rx.var
    def day_slots(self) -> list[dict[str, str]]:
        for day in self.days:
            if day["date"] == self.selected_day:
                return day["slots"]
        return []

    @rx.var
    def selected_label(self) -> str:
        for day in self.days:
            for slot in day["slots"]:
                if slot["start"] == self.selected_slot:
                    return f"{day['label']}, {slot['label']} ({self.timezone})"
        return ""

    async def _load_slots(self) -> None:
        timezone = self.timezone
        answer = await in_transaction(lambda s: demo_requests.available(s, timezone=timezone))
        self.days = [
            {
                "date": day.date,
                "label": day.label,
                "slots": [
                    {"start": slot.start.isoformat(), "label": slot.label} for slot in day.slots
                ],
            }
            for day in answer.days
        ]
        dates = [day["date"] for day in self.days]
        if self.selected_day not in dates:
            self.selected_day = dates[0] if dates else ""
        starts = {slot["start"] for slot in self.day_slots}
        if self.selected_slot not in starts:
            self.selected_slot = ""
        self.slots_loading = False

    @rx.event
    async def open(self):
        # Not the slots: the picker loads them once it knows the zone (they may come first).
        self.errors, self.busy, self.selected_slot = {}, False, ""
        await self.with_user(lambda session, ctx: None)

    @rx.event
    def detect_timezone(self):
        """Ask the browser for its zone (the picker calls this once it is on the page)."""
        return rx.call_script(
            "Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'",
            callback=DemoState.detected_timezone,
        )

    @rx.event
    async def detected_timezone(self, name: str):
        """The browser's zone; one we do not know falls back to UTC."""
        self.timezone = name if name in demo_slots.timezone_names() else "UTC"
        await self._load_slots()

    @rx.event
    async def change_timezone(self, name: str):
        if name not in demo_slots.timezone_names():
            self.errors = {"timezone": f"{name!r} is not a time zone we know."}
            return
        self.errors = {k: v for k, v in self.errors.items() if k != "timezone"}
        self.timezone = name
        self.selected_slot = ""
        await self._load_slots()

    @rx.event
    def pick_day(self, day: str):
        self.selected_day = day
        self.selected_slot = ""

    @rx.event
    def pick_slot(self, start: str):
        self.selected_slot = start
        self.errors = {k: v for k, v in self.errors.items() if k != "slot"}

    @rx.event
    async def submit(self, form: dict[str, Any]):
        self.errors, self.busy = {}, True
        yield
        if not self.selected_slot:
            self.errors, self.busy = {"slot": "Pick a day and a time first."}, False
            return
        data = self._parse(
            DemoRequestIn,
            {
                "name": _text(form, "name"),
                "email": _text(form, "email"),
                "company": _text(form, "company"),
                "phone": _text(form, "phone") or None,
                "message": _text(form, "message") or None,
                "slot": self.selected_slot,
                "timezone": self.timezone,
                "website": _text(form, "website"),
            },
        )
        if data is None or await self._over_quota("demo request", DEMO_REQUEST_LIMIT):
            self.busy = False
            return
        settings = get_settings()
        visitor = self._cookie(VISITOR_COOKIE) or None
        row = await self._run(
            lambda s: demo_requests.request_demo(
                s, data=data, settings=settings, visitor_id=visitor
            )
        )
        self.busy = False
        if row is None:
            if "slot" in self.errors:  # taken meanwhile: show what is free now
                await self._load_slots()
            return
        yield rx.redirect(f"/demo/status/{row.public_token}")


# --- Talk to sales ------------------------------------------------------------------------


class ContactState(_FormState):
    @rx.event
    async def open(self):
        self.errors, self.busy = {}, False
        await self.with_user(lambda session, ctx: None)

    @rx.event
    async def submit(self, form: dict[str, Any]):
        self.errors, self.busy = {}, True
        yield
        data = self._parse(
            ContactSubmit,
            {
                "name": _text(form, "name"),
                "email": _text(form, "email"),
                "company": _text(form, "company"),
                "company_size": _text(form, "company_size") or None,
                "industry": _text(form, "industry") or None,
                "phone": _text(form, "phone") or None,
                "message": _text(form, "message"),
                "website": _text(form, "website"),
            },
        )
        if data is None or await self._over_quota("sales contact", CONTACT_LIMIT):
            self.busy = False
            return
        settings = get_settings()
        visitor = self._cookie(VISITOR_COOKIE) or None
        row = await self._run(
            lambda s: contact_requests.submit(s, data=data, settings=settings, visitor_id=visitor)
        )
        self.busy = False
        if row is not None:
            yield rx.redirect(f"/contact/status/{row.public_token}")


# --- Support ------------------------------------------------------------------------------


class SupportState(_FormState):
    @rx.event
    async def open(self):
        self.errors, self.busy = {}, False
        await self.with_user(lambda session, ctx: None)

    @rx.event
    async def submit(self, form: dict[str, Any]):
        self.errors, self.busy = {}, True
        yield
        data = self._parse(
            TicketIn,
            {
                "name": _text(form, "name"),
                "email": _text(form, "email"),
                "subject": _text(form, "subject"),
                "category": _text(form, "category") or "QUESTION",
                "message": _text(form, "message"),
                "website": _text(form, "website"),
            },
        )
        if data is None or await self._over_quota("support ticket", SUPPORT_TICKET_LIMIT):
            self.busy = False
            return
        settings = get_settings()
        row = await self._run(
            lambda s: support_tickets.open_ticket(s, data=data, settings=settings)
        )
        self.busy = False
        if row is not None:
            yield rx.redirect(f"/support/status/{row.public_token}")


# --- Status pages -------------------------------------------------------------------------


class RequestStatusState(SessionState):
    """One status page's request, found by the token at the end of the address."""

    found: str = "loading"  # "yes", "no"
    kind: str = ""  # "demo", "contact", "ticket"
    status: str = ""
    status_label: str = ""
    title: str = ""
    facts: list[list[str]] = []
    next_step: str = ""

    async def _open(self, kind: str, lookup: Callable[[Session, str], Found]):
        self.found, self.kind, self.facts = "loading", kind, []
        await self.with_user(lambda session, ctx: None)
        decision = await page_limiter().hit(
            parse_limit(STATUS_LOOKUP_LIMIT),
            "request status",
            self.router.session.client_ip or "unknown",
        )
        if not decision.allowed:
            self.found = "no"
            return
        token = _last_segment(self.router.url.path)
        try:
            self.status, self.title, self.facts = await in_transaction(lambda s: lookup(s, token))
        except NotFound:
            self.found = "no"
            return
        self.found = "yes"
        self.status_label = STATUS_LABELS.get(self.status, self.status)
        self.next_step = NEXT_STEPS.get((kind, self.status), "")

    @rx.event
    async def open_demo(self):
        settings = get_settings()

        def lookup(session: Session, token: str) -> Found:
            view = demo_requests.status(session, token=token, settings=settings)
            facts = [["When", view.when], ["Name", view.name], ["Company", view.company]]
            return view.status, f"Demo for {view.company}", facts

        await self._open("demo", lookup)

    @rx.event
    async def open_contact(self):
        settings = get_settings()

        def lookup(session: Session, token: str) -> Found:
            view = contact_requests.status(session, token=token, settings=settings)
            sent = f"{view.created_at:%d %b %Y, %H:%M} UTC"
            facts = [["Name", view.name], ["Company", view.company], ["Sent", sent]]
            return view.status, f"Your message to sales, {view.company}", facts

        await self._open("contact", lookup)

    @rx.event
    async def open_ticket(self):
        settings = get_settings()

        def lookup(session: Session, token: str) -> Found:
            view = support_tickets.status(session, token=token, settings=settings)
            sent = f"{view.created_at:%d %b %Y, %H:%M} UTC"
            facts = [["Ticket", f"#{view.number}"], ["Subject", view.subject], ["Opened", sent]]
            return view.status, f"Ticket #{view.number}", facts

        await self._open("ticket", lookup)
