"""The signed-in pages: dashboard and tour, onboarding, profile, security, API keys.

Each handler authenticates from the session cookie and calls one account
service in one transaction (``SessionState.with_user``); failures become
messages next to the form. Secrets shown once (recovery codes, a new API key)
live in a state var only until the person dismisses them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError
from konduct.schemas.accounts import (
    ApiKeyCreate,
    EmailChangeRequest,
    Notifications,
    Preferences,
    ProfileUpdate,
)
from konduct.schemas.errors import problem_text
from konduct.services import accounts, api_keys, auth, mfa
from konduct.settings import get_settings
from konduct.state.session import SessionState


class DashboardState(SessionState):
    tour_open: bool = False
    tour_step: int = 0
    verification_resent: bool = False

    @rx.event
    async def open_dashboard(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        seen = await self.with_user(lambda s, ctx: (ctx.user.preferences or {}).get("tour_seen"))
        if not seen:
            self.tour_open, self.tour_step = True, 0
        return None

    @rx.event
    def start_tour(self):
        self.tour_open, self.tour_step = True, 0

    @rx.event
    def next_step(self):
        self.tour_step += 1

    @rx.event
    def previous_step(self):
        self.tour_step = max(0, self.tour_step - 1)

    @rx.event
    async def close_tour(self):
        self.tour_open = False
        await self.with_user(
            lambda s, ctx: accounts.set_preference(s, ctx=ctx, key="tour_seen", value=True)
        )

    @rx.event
    async def resend_verification(self):
        await self.with_user(
            lambda s, ctx: accounts.resend_verification(s, ctx=ctx, settings=get_settings())
        )
        self.verification_resent = True
        return rx.toast.success("We sent a new confirmation link.")


class ProfileState(SessionState):
    full_name: str = ""
    company: str = ""
    theme: str = "SYSTEM"
    notify_email: bool = True
    notify_push: bool = False
    notify_campaigns: bool = True
    notify_system: bool = True
    error: str = ""
    email_message: str = ""

    @rx.event
    async def load_profile(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect

        def read(session, ctx):
            user = ctx.user
            prefs = Preferences.model_validate(
                {k: v for k, v in (user.preferences or {}).items() if k in Preferences.model_fields}
            )
            return user.full_name, user.company or "", prefs

        loaded = await self.with_user(read)
        if loaded:
            self.full_name, self.company, prefs = loaded
            self.theme = prefs.theme.value
            notes = prefs.notifications
            self.notify_email, self.notify_push = notes.email, notes.push
            self.notify_campaigns, self.notify_system = notes.campaign_updates, notes.system_updates
        return None

    @rx.event
    def set_full_name(self, value: str):
        self.full_name = value

    @rx.event
    def set_company(self, value: str):
        self.company = value

    @rx.event
    def set_notify(self, which: str, value: bool):
        setattr(self, f"notify_{which}", bool(value))

    @rx.event
    async def choose_theme(self, value: str | list[str]):
        self.theme = (value if isinstance(value, str) else value[0]).upper()
        return await self.save_profile()

    @rx.event
    async def choose_language(self, value: str):
        self.language = value
        return await self.save_profile()

    def _update(self) -> ProfileUpdate:
        return ProfileUpdate(
            full_name=self.full_name,
            company=self.company,
            preferences=Preferences(
                theme=self.theme,
                language=self.language,
                notifications=Notifications(
                    email=self.notify_email,
                    push=self.notify_push,
                    campaign_updates=self.notify_campaigns,
                    system_updates=self.notify_system,
                ),
            ),
        )

    @rx.event
    async def save_profile(self):
        self.error = ""
        try:
            update = self._update()
        except ValidationError as invalid:
            self.error = problem_text(invalid)
            return None
        client = self._client()
        await self.with_user(
            lambda s, ctx: accounts.update_profile(s, ctx=ctx, data=update, client=client)
        )
        return rx.toast.success(self.t["settings.saved"], duration=2000)

    @rx.event
    async def finish_onboarding(self):
        result = await self.save_profile()
        if self.error:
            return result
        await self.with_user(lambda s, ctx: accounts.complete_onboarding(s, ctx=ctx))
        return rx.redirect("/dashboard")

    @rx.event
    async def change_email(self, form_data: dict[str, Any]):
        self.email_message = ""
        client = self._client()
        try:
            # The same request shape as REST: one address, checked, at most 320 characters.
            request = EmailChangeRequest(
                new_email=str(form_data.get("new_email", "")),
                password=str(form_data.get("password", "")),
            )
        except ValidationError as invalid:
            self.email_message = problem_text(invalid)
            return None
        try:
            await self.with_user(
                lambda s, ctx: accounts.request_email_change(
                    s,
                    ctx=ctx,
                    new_email=request.new_email,
                    password=request.password,
                    client=client,
                    settings=get_settings(),
                )
            )
        except DomainError as failure:
            self.email_message = problem_text(failure)
            return None
        self.email_message = ""
        return rx.toast.success("Check the new address: the change happens when you open the link.")


@dataclass
class SessionRow:
    id: str
    device: str
    ip: str
    location: str
    signed_in: str
    last_seen: str
    current: bool


@dataclass
class KeyRow:
    id: str
    name: str
    prefix: str
    created: str
    last_used: str


def _when(moment) -> str:
    return moment.strftime("%d %b %Y, %H:%M UTC") if moment else "never"


class SecurityState(SessionState):
    sessions: list[SessionRow] = []
    password_error: str = ""
    mfa_qr: str = ""
    mfa_secret: str = ""
    mfa_error: str = ""
    recovery_codes: list[str] = []

    async def _reload_sessions(self) -> None:
        def read(session, ctx):
            rows = auth.active_sessions(session, user=ctx.user)
            return [
                SessionRow(
                    id=str(r.id),
                    device=r.device_label or "Unknown device",
                    ip=r.ip_address or "",
                    location=r.location or "",
                    signed_in=_when(r.created_at),
                    last_seen=_when(r.last_activity),
                    current=r.id == ctx.session_id,
                )
                for r in rows
            ]

        self.sessions = await self.with_user(read) or []

    @rx.event
    async def load_security(self):
        # Recovery codes are shown once: the tab's state outlives a reload, they must not.
        self.recovery_codes = []
        redirect = await self._guard()
        if redirect is not None:
            self.forget_secrets()
            return redirect
        await self._reload_sessions()
        return None

    @rx.event
    async def save_password_policy(self, form_data: dict[str, Any]):
        raw = str(form_data.get("expiry_days", "never")).strip()
        if raw != "never" and not (raw.isascii() and raw.isdigit()):
            return rx.toast.error("Choose one of the offered periods.")
        days = None if raw == "never" else int(raw)
        client = self._client()
        try:
            await self.with_user(
                lambda s, ctx: accounts.set_password_policy(
                    s, ctx=ctx, expiry_days=days, client=client
                )
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        return rx.toast.success(
            f"Passwords now expire after {days} days." if days else "Passwords no longer expire."
        )

    @rx.event
    async def change_password(self, form_data: dict[str, Any]):
        self.password_error = ""
        client = self._client()
        try:
            ended = await self.with_user(
                lambda s, ctx: accounts.change_password(
                    s,
                    ctx=ctx,
                    current_password=str(form_data.get("current_password", "")),
                    new_password=str(form_data.get("new_password", "")),
                    client=client,
                    settings=get_settings(),
                )
            )
        except DomainError as failure:
            self.password_error = problem_text(failure)
            return None
        await self._reload_sessions()
        return rx.toast.success(f"Password changed. {ended} other sign-in(s) ended.")

    @rx.event
    async def end_session(self, session_id: str):
        client = self._client()
        try:
            await self.with_user(
                lambda s, ctx: auth.revoke_session(
                    s, ctx=ctx, session_id=uuid.UUID(session_id), client=client
                )
            )
        except (DomainError, ValueError):
            return rx.toast.error("That sign-in has already ended.")
        await self._reload_sessions()
        return rx.toast.success("Signed out on that device.")

    @rx.event
    async def end_other_sessions(self):
        client = self._client()
        ended = await self.with_user(
            lambda s, ctx: auth.revoke_all_sessions(
                s, user=ctx.user, reason="signed out elsewhere", client=client, keep=ctx.session_id
            )
        )
        await self._reload_sessions()
        return rx.toast.success(f"Signed out everywhere else ({ended}).")

    @rx.event
    async def start_mfa(self):
        self.mfa_error = ""
        try:
            setup = await self.with_user(
                lambda s, ctx: mfa.begin_enrolment(s, ctx=ctx, settings=get_settings())
            )
        except DomainError as failure:
            self.mfa_error = problem_text(failure)
            return
        if setup:
            self.mfa_qr, self.mfa_secret = setup.qr_svg, setup.secret

    @rx.event
    async def confirm_mfa(self, form_data: dict[str, Any]):
        self.mfa_error = ""
        client = self._client()
        try:
            codes = await self.with_user(
                lambda s, ctx: mfa.confirm_enrolment(
                    s,
                    ctx=ctx,
                    code=str(form_data.get("code", "")),
                    client=client,
                    settings=get_settings(),
                )
            )
        except DomainError as failure:
            self.mfa_error = problem_text(failure)
            return
        self.mfa_qr = self.mfa_secret = ""
        self.recovery_codes = codes or []

    @rx.event
    def dismiss_recovery_codes(self):
        self.recovery_codes = []

    @rx.event
    def forget_secrets(self):
        """On sign-out: nothing shown once may stay in this tab's state."""
        self.recovery_codes, self.mfa_qr, self.mfa_secret, self.sessions = [], "", "", []

    @rx.event
    async def disable_mfa(self, form_data: dict[str, Any]):
        self.mfa_error = ""
        client = self._client()
        try:
            await self.with_user(
                lambda s, ctx: mfa.disable(
                    s,
                    ctx=ctx,
                    password=str(form_data.get("password", "")),
                    code=str(form_data.get("code", "")),
                    client=client,
                    settings=get_settings(),
                )
            )
        except DomainError as failure:
            self.mfa_error = problem_text(failure)
            return None
        return rx.toast.success("Two-factor sign-in is off.")


class ApiKeysState(SessionState):
    keys: list[KeyRow] = []
    new_key: str = ""
    error: str = ""

    async def _reload(self) -> None:
        def read(session, ctx):
            return [
                KeyRow(
                    id=str(k.id),
                    name=k.name,
                    prefix=k.prefix,
                    created=_when(k.created_at),
                    last_used=_when(k.last_used_at),
                )
                for k in api_keys.list_keys(session, ctx=ctx)
                if k.status == "ACTIVE"
            ]

        self.keys = await self.with_user(read) or []

    @rx.event
    async def load_keys(self):
        # A new key is shown once: the tab's state outlives a reload, the key must not.
        self.new_key = ""
        redirect = await self._guard()
        if redirect is not None:
            self.forget_secrets()
            return redirect
        await self._reload()
        return None

    @rx.event
    async def create_key(self, form_data: dict[str, Any]):
        self.error = ""
        try:
            name = ApiKeyCreate(name=str(form_data.get("name", "")).strip()).name
        except ValidationError:
            self.error = "Give the key a name of up to 100 characters, e.g. where it is used."
            return
        client = self._client()
        try:
            created = await self.with_user(
                lambda s, ctx: api_keys.create(s, ctx=ctx, name=name, client=client)
            )
        except DomainError as failure:
            self.error = problem_text(failure)
            return
        self.new_key = created.key if created else ""
        await self._reload()

    @rx.event
    def dismiss_new_key(self):
        self.new_key = ""

    @rx.event
    def forget_secrets(self):
        self.new_key, self.keys = "", []

    @rx.event
    def copy_new_key(self):
        return [rx.set_clipboard(self.new_key), rx.toast.success("Key copied")]

    @rx.event
    async def revoke_key(self, key_id: str):
        client = self._client()
        try:
            await self.with_user(
                lambda s, ctx: api_keys.revoke(s, ctx=ctx, key_id=uuid.UUID(key_id), client=client)
            )
        except (DomainError, ValueError):
            return rx.toast.error("That key was already revoked.")
        await self._reload()
        return rx.toast.success("Key revoked: it stops working at once.")
