"""The billing page and the invoice page: display values in, one billing service call out.

Every figure comes from ``services.billing`` (the REST API's functions): the
proration shown in the confirm dialog is the one the change then invoices.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import reflex as rx

from konduct.domain.billing import Direction, direction, format_money, needs_sales
from konduct.domain.enums import BillingCycle, Plan
from konduct.domain.errors import DomainError
from konduct.domain.plans import limits_for
from konduct.schemas.billing import InvoicePublic, parse_payment_method
from konduct.schemas.errors import problem_text
from konduct.services import billing
from konduct.settings import get_settings
from konduct.state.session import SessionState

HISTORY_PAGE = 10


@dataclass
class InvoiceRow:
    id: str
    number: str
    date: str
    description: str
    amount: str
    status: str
    href: str


def _row(item: InvoicePublic) -> InvoiceRow:
    return InvoiceRow(
        id=str(item.id),
        number=item.invoice_number,
        date=f"{item.created_at:%d %b %Y}",
        description=item.description,
        amount=format_money(item.amount, item.currency),
        status=item.status.value,
        href=item.page_url,
    )


def _date(moment) -> str:
    return f"{moment:%d %b %Y}" if moment else ""


class BillingState(SessionState):
    loaded: bool = False
    mode: str = "offline"
    can_manage: bool = False
    can_view_invoices: bool = False
    plan: str = "FREE"
    plan_name: str = "Free"
    cycle: str = "MONTHLY"
    price_label: str = ""
    period_label: str = ""
    cancel_at_period_end: bool = False
    subscription_id: str = ""
    campaigns_used: int = 0
    campaigns_limit: int = -1  # -1: unlimited
    members_used: int = 0
    members_limit: int = -1
    api_used: int = 0
    api_limit: int = 0  # 0: the plan has no API access
    over_limit: list[str] = []
    chosen_cycle: str = "MONTHLY"
    payment_summary: str = ""
    invoices: list[InvoiceRow] = []
    invoices_total: int = 0
    invoices_offset: int = 0
    notice: str = ""
    error: str = ""
    # The confirm dialog
    confirm_open: bool = False
    confirm_plan: str = ""
    confirm_cycle: str = ""
    preview_title: str = ""
    preview_summary: str = ""
    preview_due: str = ""
    preview_period: str = ""
    preview_error: str = ""
    busy: bool = False
    cancel_open: bool = False
    payment_error: str = ""

    async def _reload(self) -> None:
        settings = get_settings()

        def read(session, ctx) -> dict[str, Any]:
            usage = billing.usage(session, ctx=ctx, settings=settings)
            sub = billing.current(session, ctx=ctx)
            found: dict[str, Any] = {
                "usage": usage,
                "sub": billing.subscription_public(sub, settings) if sub else None,
                "manage": billing.can_manage(ctx),
                "view": billing.can_view_invoices(ctx),
                "history": None,
                "method": None,
            }
            if found["view"]:
                found["history"] = billing.history(
                    session, ctx=ctx, limit=HISTORY_PAGE, offset=self.invoices_offset
                )
                found["method"] = billing.payment_method(session, ctx=ctx, settings=settings)
            return found

        try:
            found = await self.with_user(read)
        except DomainError as failed:
            self.error = problem_text(failed)
            return
        if not found:
            return
        usage, sub = found["usage"], found["sub"]
        self.mode = usage.mode
        self.can_manage, self.can_view_invoices = found["manage"], found["view"]
        self.plan, self.plan_name = usage.plan.value, usage.plan_name
        self.campaigns_used = usage.campaigns_this_month.used
        self.campaigns_limit = usage.campaigns_this_month.limit or -1
        self.members_used = usage.team_members.used
        self.members_limit = usage.team_members.limit or -1
        self.api_used = usage.api_calls_this_month.used
        self.api_limit = usage.api_calls_this_month.limit or 0
        self.over_limit = usage.over_limit
        if sub is not None:
            self.subscription_id = str(sub.id)
            self.cycle = sub.billing_cycle.value
            per = "year" if sub.billing_cycle == BillingCycle.ANNUAL else "month"
            self.price_label = f"{format_money(sub.price, sub.currency)} / {per}"
            self.cancel_at_period_end = sub.cancel_at_period_end
            when = _date(sub.end_date)
            # A plan set by hand (the CLI, an offline Enterprise deal) may have no period end.
            if not when:
                self.period_label = "No end date: the plan runs until it is changed."
            elif sub.cancel_at_period_end:
                self.period_label = f"Ends on {when}; the team then moves to Free."
            else:
                self.period_label = f"Renews on {when}."
        else:
            self.subscription_id, self.cycle, self.cancel_at_period_end = "", "MONTHLY", False
            self.price_label, self.period_label = "$0", "Free forever: no card needed."
        if found["history"] is not None:
            self.invoices = [_row(i) for i in found["history"].items]
            self.invoices_total = found["history"].total
        if found["method"] is not None:
            self.payment_summary = found["method"].summary
        self.loaded = True

    @rx.event
    async def open_billing(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        self.error = self.notice = ""
        self.invoices_offset = 0
        outcome = self.router.url.query_parameters.get("checkout", "")
        if outcome == "done":
            self.notice = "Thank you: Stripe confirmed the payment. The new plan shows here in a "
            self.notice += "moment, as soon as Stripe tells Konduct."
        elif outcome == "cancelled":
            self.notice = "Checkout was cancelled: nothing was charged."
        await self._reload()
        self.chosen_cycle = self.cycle
        return None

    @rx.event
    def set_chosen_cycle(self, value: str | list[str]):
        value = value[0] if isinstance(value, list) else value
        if value in ("MONTHLY", "ANNUAL"):
            self.chosen_cycle = value

    @rx.var
    def card_actions(self) -> dict[str, str]:
        """Per plan card: what its button says ("" = no button)."""
        actions: dict[str, str] = {}
        current, cycle = Plan(self.plan), BillingCycle(self.cycle)
        chosen = BillingCycle(self.chosen_cycle)
        for plan in Plan:
            target_cycle = chosen if plan != Plan.FREE else cycle
            moving = direction(current, cycle, plan, target_cycle)
            if moving == Direction.SAME:
                actions[plan.value] = "Current plan"
            elif not self.can_manage:
                actions[plan.value] = ""
            elif needs_sales(plan, offline=self.mode == "offline"):
                actions[plan.value] = "Contact sales"
            elif plan == Plan.FREE and self.cancel_at_period_end:
                actions[plan.value] = "Moving at period end"
            else:
                actions[plan.value] = "Upgrade" if moving == Direction.UPGRADE else "Downgrade"
        return actions

    @rx.var
    def history_label(self) -> str:
        if not self.invoices_total:
            return ""
        last = min(self.invoices_offset + HISTORY_PAGE, self.invoices_total)
        return f"{self.invoices_offset + 1}–{last} of {self.invoices_total}"

    @rx.var
    def campaigns_percent(self) -> int:
        if self.campaigns_limit <= 0:
            return 0
        return min(100, round(100 * self.campaigns_used / self.campaigns_limit))

    @rx.var
    def members_percent(self) -> int:
        if self.members_limit <= 0:
            return 0
        return min(100, round(100 * self.members_used / self.members_limit))

    @rx.var
    def api_used_text(self) -> str:
        return f"{self.api_used:,}"

    @rx.var
    def api_limit_text(self) -> str:
        return f"{self.api_limit:,}"

    @rx.var
    def api_percent(self) -> int:
        if self.api_limit <= 0:
            return 0
        return min(100, round(100 * self.api_used / self.api_limit))

    @rx.event
    async def choose(self, plan: str):
        """Open the confirm dialog with the change priced by the billing service."""
        if plan not in Plan.__members__:
            return
        target = Plan(plan)
        cycle = BillingCycle(self.chosen_cycle if target != Plan.FREE else self.cycle)
        self.confirm_plan, self.confirm_cycle = target.value, cycle.value
        self.preview_error = ""
        settings = get_settings()
        try:
            priced = await self.with_user(
                lambda s, ctx: billing.preview(
                    s, ctx=ctx, settings=settings, plan=target, cycle=cycle
                )
            )
        except DomainError as failed:
            self.preview_summary, self.preview_due, self.preview_period = "", "", ""
            self.preview_error = problem_text(failed)
            self.preview_title = f"{limits_for(target).name}"
            self.confirm_open = True
            return
        if priced is None:
            return
        verb = "Upgrade" if priced.direction == "upgrade" else "Downgrade"
        self.preview_title = f"{verb} to {limits_for(target).name} ({cycle.value.lower()})"
        self.preview_summary = priced.summary
        if priced.refund > 0:
            self.preview_due = f"{format_money(priced.refund, priced.currency)} back now"
        else:
            self.preview_due = f"{format_money(priced.amount_due, priced.currency)} due now"
        self.preview_period = (
            f"Current period ends {_date(priced.period_end)}"
            if priced.effective_at_period_end
            else f"Covers {_date(priced.period_start)} – {_date(priced.period_end)}"
        )
        self.confirm_open = True

    @rx.event
    def close_confirm(self, open_: bool = False):
        self.confirm_open = bool(open_) and self.confirm_open

    @rx.event
    async def confirm_change(self):
        if self.busy or not self.confirm_plan:
            return
        self.busy = True
        yield
        settings = get_settings()
        plan, cycle = Plan(self.confirm_plan), BillingCycle(self.confirm_cycle)
        try:
            chosen = await self.with_user(
                lambda s, ctx: billing.choose_plan(
                    s, ctx=ctx, settings=settings, plan=plan, cycle=cycle
                )
            )
        except DomainError as failed:
            self.preview_error = problem_text(failed)
            self.busy = False
            return
        self.busy = False
        if chosen is None:
            return
        if chosen.action != "applied" and chosen.url:  # Stripe Checkout, or the sales form
            yield rx.redirect(chosen.url)  # another host: the same tab goes there
            return
        self.confirm_open = False
        await self._reload()
        self.chosen_cycle = self.cycle
        yield rx.toast.success(chosen.message)

    @rx.event
    def ask_cancel(self):
        self.cancel_open = True

    @rx.event
    def close_cancel(self, open_: bool = False):
        self.cancel_open = bool(open_) and self.cancel_open

    async def _set_cancel(self, cancel: bool):
        if not self.subscription_id:
            return None
        settings = get_settings()
        sub_id = uuid.UUID(self.subscription_id)
        try:
            await self.with_user(
                lambda s, ctx: billing.set_cancel(
                    s, ctx=ctx, settings=settings, subscription_id=sub_id, cancel=cancel
                )
            )
        except DomainError as failed:
            return rx.toast.error(problem_text(failed))
        self.cancel_open = False
        await self._reload()
        return rx.toast.success(
            "Cancelled: the plan stays until the end of this period."
            if cancel
            else "Welcome back: the plan renews as before."
        )

    @rx.event
    async def cancel_plan(self):
        return await self._set_cancel(True)

    @rx.event
    async def resume_plan(self):
        return await self._set_cancel(False)

    @rx.event
    async def save_payment_method(self, form: dict[str, Any]):
        settings = get_settings()
        self.payment_error = ""
        data = {
            "type": "CREDIT_CARD",
            "brand": form.get("brand") or "Visa",
            "last4": str(form.get("last4", "")).strip(),
            "exp_month": str(form.get("exp_month", "")).strip() or None,
            "exp_year": str(form.get("exp_year", "")).strip() or None,
            "holder_name": str(form.get("holder_name", "")).strip(),
        }
        try:
            card = parse_payment_method(data)
            saved = await self.with_user(
                lambda s, ctx: billing.set_payment_method(s, ctx=ctx, settings=settings, data=card)
            )
        except DomainError as failed:
            self.payment_error = problem_text(failed)
            return None
        if saved is not None:
            self.payment_summary = saved.summary
        return rx.toast.success("Payment method saved.")

    @rx.event
    async def open_portal(self):
        settings = get_settings()
        try:
            url = await self.with_user(lambda s, ctx: billing.portal(s, ctx=ctx, settings=settings))
        except DomainError as failed:
            return rx.toast.error(problem_text(failed))
        return rx.redirect(url) if url else None

    @rx.event
    async def history_page(self, step: int):
        self.invoices_offset = max(
            0, min(self.invoices_offset + step * HISTORY_PAGE, max(0, self.invoices_total - 1))
        )
        await self._reload()


class InvoiceState(SessionState):
    found: bool = False
    missing: bool = False
    number: str = ""
    date: str = ""
    status: str = ""
    description: str = ""
    period: str = ""
    amount: str = ""
    team_name: str = ""
    bill_to_name: str = ""
    bill_to_email: str = ""
    plan_line: str = ""
    payment_method: str = ""
    offline: bool = False
    stripe_url: str = ""
    pdf_url: str = ""

    @rx.event
    async def open_invoice(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        self.found = self.missing = False
        ref = (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]
        try:
            invoice_id = uuid.UUID(ref)
            detail = await self.with_user(
                lambda s, ctx: billing.invoice(s, ctx=ctx, invoice_id=invoice_id)
            )
        except (ValueError, DomainError):
            self.missing = True
            return None
        if detail is None:
            return None
        self.number, self.date = detail.invoice_number, _date(detail.created_at)
        self.status, self.description = detail.status.value, detail.description
        self.period = _date(detail.period_start)
        if detail.period_end:
            self.period += f" – {_date(detail.period_end)}"
        self.amount = format_money(detail.amount, detail.currency)
        self.team_name, self.bill_to_name = detail.team_name, detail.bill_to_name
        self.bill_to_email = detail.bill_to_email
        self.plan_line = f"{detail.plan_name} ({detail.billing_cycle.value.lower()})"
        self.payment_method = detail.payment_method or "—"
        self.offline, self.stripe_url = detail.offline, detail.invoice_url or ""
        self.pdf_url = detail.pdf_url
        self.found = True
        return None
