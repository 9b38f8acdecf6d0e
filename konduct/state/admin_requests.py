"""/admin/requests: Konduct staff see demo requests, sales contacts and support tickets,
and move them along their lifecycles. Everybody else is told the page does not exist."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx
from pydantic import ValidationError

from konduct.domain import demo_slots
from konduct.domain.errors import DomainError
from konduct.schemas.errors import problem_text, validation_problems
from konduct.schemas.visitor_requests import ContactUpdate, DemoUpdate, TicketUpdate
from konduct.services import contact_requests, demo_requests, support_tickets
from konduct.services.staff import is_staff
from konduct.settings import get_settings
from konduct.state.session import SessionState
from konduct.state.visitor_requests import STATUS_LABELS

PAGE_SIZE = 20
TABS = ("demo", "contact", "tickets")
STATUSES = {
    "demo": ("PENDING", "SCHEDULED", "COMPLETED", "CANCELLED"),
    "contact": ("NEW", "IN_PROGRESS", "RESOLVED"),
    "tickets": ("OPEN", "IN_PROGRESS", "RESOLVED"),
}
SALES_ZONE = ZoneInfo(demo_slots.SALES_TIMEZONE)


def _row(kind: str, item: Any) -> dict[str, str]:
    """One table row as text, with a flag per action the lifecycle allows next."""
    row = {
        "id": item.id,
        "status": item.status,
        "status_label": STATUS_LABELS.get(item.status, item.status),
        "email": item.email,
        "created": f"{item.created_at:%d %b %Y %H:%M}",
    }
    if kind == "demo":
        row.update(
            who=f"{item.name} · {item.company}",
            detail=item.when,
            sales_time=demo_slots.describe(item.slot, SALES_ZONE),
            slot_local=f"{item.slot.astimezone(SALES_ZONE):%Y-%m-%dT%H:%M}",
            note=item.message or "",
        )
    elif kind == "contact":
        row.update(
            who=f"{item.name} · {item.company}",
            detail=" · ".join(x for x in (item.company_size, item.industry) if x),
            note=item.message,
        )
    else:
        row.update(who=f"#{item.number} · {item.name}", detail=item.subject, note=item.message)
    for status in ("SCHEDULED", "COMPLETED", "CANCELLED", "IN_PROGRESS", "RESOLVED"):
        row[f"can_{status.lower()}"] = "1" if status in item.next_statuses else ""
    return row


class AdminRequestsState(SessionState):
    allowed: str = "loading"  # "yes", "no"
    tab: str = "demo"
    status_filter: str = "all"
    offset: int = 0
    total: int = 0
    rows: list[dict[str, str]] = []
    loading: bool = False
    # The "schedule a demo" dialog.
    scheduling: str = ""  # the demo's token
    schedule_at: str = ""  # datetime-local text, in the sales zone
    schedule_error: str = ""

    @rx.var
    def status_options(self) -> list[str]:
        return ["all", *STATUSES.get(self.tab, ())]

    @rx.var
    def page_label(self) -> str:
        if not self.total:
            return ""
        last = min(self.offset + PAGE_SIZE, self.total)
        return f"{self.offset + 1}–{last} of {self.total}"

    @rx.var
    def has_previous(self) -> bool:
        return self.offset > 0

    @rx.var
    def has_next(self) -> bool:
        return self.offset + PAGE_SIZE < self.total

    def _lister(self):
        settings = get_settings()
        status = None if self.status_filter == "all" else self.status_filter
        kind, offset = self.tab, self.offset

        def work(session, ctx):
            args = {"ctx": ctx, "settings": settings, "limit": PAGE_SIZE, "offset": offset}
            if kind == "demo":
                page = demo_requests.list_requests(session, status=status, **args)
            elif kind == "contact":
                page = contact_requests.list_requests(session, status=status, **args)
            else:
                page = support_tickets.list_tickets(session, status=status, **args)
            return page.total, [_row(kind, item) for item in page.items]

        return work

    async def _reload(self) -> None:
        self.loading = True
        settings = get_settings()
        allowed = await self.with_user(lambda session, ctx: is_staff(ctx, settings))
        if not allowed:
            self.allowed, self.rows, self.total, self.loading = "no", [], 0, False
            return
        self.allowed = "yes"
        self.total, self.rows = await self.with_user(self._lister())
        self.loading = False

    @rx.event
    async def open(self):
        query = self.router.url.query_parameters
        tab = query.get("tab", "demo")
        self.tab = tab if tab in TABS else "demo"
        self.status_filter, self.offset, self.scheduling = "all", 0, ""
        await self.with_user(lambda session, ctx: None)
        if not self.signed_in:
            return rx.redirect("/login?next=/admin/requests")
        await self._reload()
        return None

    @rx.event
    async def set_tab(self, tab: str):
        self.tab = tab if tab in TABS else "demo"
        self.status_filter, self.offset = "all", 0
        await self._reload()

    @rx.event
    async def set_status_filter(self, status: str):
        self.status_filter, self.offset = status, 0
        await self._reload()

    @rx.event
    async def turn_page(self, step: int):
        self.offset = max(0, self.offset + step * PAGE_SIZE)
        await self._reload()

    @rx.event
    async def move(self, token: str, status: str):
        """Move one request to ``status`` (not a demo's scheduling: that needs a time)."""
        settings = get_settings()
        kind = self.tab

        def work(session, ctx):
            if kind == "demo":
                data = DemoUpdate(status=status)
                demo_requests.update(session, ctx=ctx, token=token, data=data, settings=settings)
            elif kind == "contact":
                data = ContactUpdate(status=status)
                contact_requests.update(session, ctx=ctx, token=token, data=data, settings=settings)
            else:
                data = TicketUpdate(status=status)
                support_tickets.update(session, ctx=ctx, token=token, data=data, settings=settings)

        try:
            await self.with_user(work)
        except (DomainError, ValueError) as failure:
            return rx.toast.error(problem_text(failure))
        await self._reload()
        return rx.toast.success(f"Marked {STATUS_LABELS.get(status, status).lower()}.")

    @rx.event
    def start_scheduling(self, token: str, slot_local: str):
        self.scheduling, self.schedule_at, self.schedule_error = token, slot_local, ""

    @rx.event
    def set_schedule_at(self, value: str):
        self.schedule_at = value

    @rx.event
    def stop_scheduling(self, _open: bool = False):
        self.scheduling = ""

    @rx.event
    async def confirm_schedule(self):
        settings = get_settings()
        token = self.scheduling
        try:
            when = datetime.fromisoformat(self.schedule_at).replace(tzinfo=SALES_ZONE)
        except ValueError:
            self.schedule_error = "Pick a date and a time."
            return None
        try:
            data = DemoUpdate(status="SCHEDULED", scheduled_at=when)
        except ValidationError as invalid:
            self.schedule_error = validation_problems(invalid.errors())[0].reason.capitalize()
            return None
        try:
            await self.with_user(
                lambda session, ctx: demo_requests.update(
                    session, ctx=ctx, token=token, data=data, settings=settings
                )
            )
        except DomainError as failure:
            self.schedule_error = problem_text(failure)
            return None
        self.scheduling = ""
        await self._reload()
        return rx.toast.success("Demo scheduled: the invite is on its way.")
