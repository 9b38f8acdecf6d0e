"""Sign-in, sign-up, verification and password reset pages: forms -> account services.

Sign-in goes through the REST API from the browser (it must set the HttpOnly
cookie); the other forms call the services directly. Passwords arrive as
submitted form data and are never kept in a state var.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.navigation import safe_next
from konduct.domain.passwords import context_words, password_problems, strength
from konduct.domain.rate_limits import PASSWORD_RESET_LIMIT, SIGN_UP_LIMIT, parse_limit
from konduct.schemas.accounts import RegisterRequest
from konduct.schemas.errors import problem_text, validation_problems
from konduct.services import accounts, teams, trials
from konduct.settings import get_settings
from konduct.state.session import SessionState, in_transaction, page_limiter


class PasswordMeterState(SessionState):
    """The live strength meter under a new-password field."""

    meter_score: int = 0
    meter_label: str = ""
    meter_advice: str = ""
    meter_ok: bool = False

    def _reset_meter(self) -> None:
        self.meter_score, self.meter_label, self.meter_advice, self.meter_ok = 0, "", "", False

    @rx.event
    def measure(self, password: str):
        if not password:
            self.meter_score, self.meter_label, self.meter_advice, self.meter_ok = 0, "", "", False
            return
        context = context_words(self.user_email, self.user_name)
        estimate = strength(password, context)
        problems = password_problems(password, context=context)
        self.meter_score = estimate.score if not problems else min(estimate.score, 1)
        self.meter_label = estimate.label
        self.meter_ok = not problems
        self.meter_advice = problems[0].reason if problems else (estimate.warning or "")


class LoginState(SessionState):
    step: str = "password"  # then "mfa" when two-factor sign-in is on
    error: str = ""
    busy: bool = False

    @rx.event
    async def open(self):
        """Each visit starts clean: state outlives a page in the same tab, and a sign-in
        interrupted by leaving the page must not leave the button spinning."""
        self.step, self.error, self.busy = "password", "", False
        await self.with_user(lambda session, ctx: None)
        if self.signed_in:
            return rx.redirect(safe_next(self.router.url.query_parameters.get("next")))
        return None

    @rx.event
    def start(self):
        self.busy, self.error = True, ""

    @rx.event
    def finish(self, answer: dict[str, Any]):
        """What the API answered to the browser's sign-in call."""
        self.busy = False
        body = answer.get("body") or {}
        if answer.get("status") == 200 and body.get("signed_in"):
            target = safe_next(self.router.url.query_parameters.get("next"))
            return rx.call_script(f"konduct.afterSignIn({json.dumps(target)})")
        if body.get("mfa_required"):
            self.step = "mfa"
            return None
        self.error = body.get("detail") or "Sign-in failed. Try again in a moment."
        return None

    @rx.event
    def back_to_password(self):
        self.step, self.error = "password", ""


class RegisterState(PasswordMeterState):
    done: bool = False
    done_email: str = ""
    errors: dict[str, str] = {}
    busy: bool = False
    # What "Start Free Trial" collected (?trial=<token>), to fill the form with.
    prefill_key: str = "blank"
    prefill_email: str = ""
    prefill_name: str = ""
    prefill_company: str = ""
    prefill_role: str = "ADMIN"
    # Registering from an invitation (?invite=<token>): its address, and the way back to it.
    sign_in_href: str = "/login"

    @rx.event
    async def open(self):
        self.done, self.done_email, self.errors, self.busy = False, "", {}, False
        self._reset_meter()
        await self.with_user(lambda session, ctx: None)
        token = self.router.url.query_parameters.get("trial", "")
        found = await in_transaction(lambda s: trials.prefill(s, token=token)) if token else None
        self.prefill_key = token if found else "blank"
        self.prefill_email = found.email if found else ""
        self.prefill_name = found.full_name if found else ""
        self.prefill_company = found.company if found else ""
        self.prefill_role = found.role if found else "ADMIN"
        self.sign_in_href = "/login"
        invite = self.router.url.query_parameters.get("invite", "")
        if invite and not found:
            settings = get_settings()
            try:
                invited = await in_transaction(
                    lambda s: teams.invitation(s, token=invite, settings=settings)
                )
            except DomainError:
                return  # a stale invitation: the form starts blank, the invite page says why
            self.prefill_key, self.prefill_email = f"invite-{invite[:16]}", invited.email
            self.sign_in_href = "/login?next=" + quote(f"/invite?token={invite}", safe="")

    @rx.event
    async def submit(self, form_data: dict[str, Any]):
        self.errors, self.busy = {}, True
        yield
        try:
            data = RegisterRequest(
                email=form_data.get("email", ""),
                password=form_data.get("password", ""),
                full_name=form_data.get("full_name", ""),
                company=form_data.get("company") or None,
                role=form_data.get("role") or "USER",
                accept_terms=form_data.get("accept_terms") in (True, "on", "true"),
            )
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            self.busy = False
            return
        decision = await page_limiter().hit(
            parse_limit(SIGN_UP_LIMIT), "sign-up", self.router.session.client_ip or "unknown"
        )
        if not decision.allowed:
            self.errors = {
                "form": f"Too many sign-ups from here. Try again in {decision.retry_after} s."
            }
            self.busy = False
            return
        client = self._client()
        try:
            await in_transaction(
                lambda session: accounts.register(
                    session, data=data, client=client, settings=get_settings()
                )
            )
        except ValidationFailed as failure:
            self.errors = {p.field: p.reason for p in failure.problems}
            self.busy = False
            return
        self.done, self.done_email, self.busy = True, data.email.lower(), False


class VerifyEmailState(SessionState):
    outcome: str = "checking"  # "verified", "invalid"
    message: str = ""

    @rx.event
    async def verify(self):
        token = self.router.url.query_parameters.get("token", "")
        client, settings = self._client(), get_settings()
        try:
            user = await in_transaction(
                lambda session: accounts.verify_email(
                    session, token=token, client=client, settings=settings
                )
            )
        except ValidationFailed as failure:
            self.outcome, self.message = "invalid", failure.problems[0].reason
        else:
            self.outcome, self.message = "verified", f"{user.email} is confirmed."
        await self.with_user(lambda session, ctx: None)


class ForgotPasswordState(SessionState):
    sent: bool = False
    error: str = ""

    @rx.event
    async def open(self):
        self.sent, self.error = False, ""
        await self.with_user(lambda session, ctx: None)

    @rx.event
    async def submit(self, form_data: dict[str, Any]):
        email = (form_data.get("email") or "").strip()
        if "@" not in email:
            self.error = "Enter the email address you sign in with."
            return
        decision = await page_limiter().hit(
            parse_limit(PASSWORD_RESET_LIMIT),
            "password reset",
            self.router.session.client_ip or "unknown",
        )
        if not decision.allowed:
            self.error = f"Too many requests from here. Try again in {decision.retry_after} s."
            return
        client = self._client()
        await in_transaction(
            lambda session: accounts.request_password_reset(
                session, email=email, client=client, settings=get_settings()
            )
        )
        self.sent, self.error = True, ""


class ResetPasswordState(PasswordMeterState):
    done: bool = False
    error: str = ""
    busy: bool = False

    @rx.event
    async def open(self):
        self.done, self.error, self.busy = False, "", False
        self._reset_meter()
        await self.with_user(lambda session, ctx: None)

    @rx.event
    async def submit(self, form_data: dict[str, Any]):
        self.error, self.busy = "", True
        yield
        token = self.router.url.query_parameters.get("token", "")
        password = form_data.get("new_password") or ""
        client = self._client()
        try:
            await in_transaction(
                lambda session: accounts.reset_password(
                    session,
                    token=token,
                    new_password=password,
                    client=client,
                    settings=get_settings(),
                )
            )
        except DomainError as failure:
            self.error = problem_text(failure)
            self.busy = False
            return
        self.done, self.busy = True, False
