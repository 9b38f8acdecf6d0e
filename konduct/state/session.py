"""Who is signed in, for the pages.

The browser's HttpOnly session cookie travels with the websocket handshake;
Reflex keeps that header on the backend and never sends it back to the page
(``router.headers.cookie``). Every check goes through the same service as the
REST API (``services.auth.authenticate_access_token``), so an ended session
stops working in open tabs too. Only display values become state vars.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import TypeVar
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from konduct.api.session_cookies import SESSION_COOKIE
from konduct.components.i18n import LABELS, label_set
from konduct.db import session_scope
from konduct.domain.errors import DomainError
from konduct.services import accounts, auth, branding, plans, staff, teams
from konduct.services.audit import ClientInfo
from konduct.services.rate_limits import RateLimiter
from konduct.settings import get_settings

T = TypeVar("T")


async def in_transaction(work: Callable[[Session], T]) -> T:
    """Run ``work`` in a unit of work on a worker thread (bcrypt must not stall the loop)."""

    def run() -> T:
        with session_scope() as session:
            return work(session)

    return await asyncio.to_thread(run)


_limiter: RateLimiter | None = None


def page_limiter() -> RateLimiter:
    """The quotas of page events, counted where the REST API counts them (same keys)."""
    global _limiter
    if _limiter is None:
        settings = get_settings()
        _limiter = RateLimiter(settings.redis_url, key_prefix=f"{settings.redis_key_prefix}:rl")
    return _limiter


class SessionState(rx.State):
    signed_in: bool = False
    # Konduct's own people see the site's admin pages in their menu.
    is_staff: bool = False
    user_name: str = ""
    user_email: str = ""
    email_verified: bool = False
    mfa_enabled: bool = False
    team_name: str = ""
    team_logo: str = ""  # white-label (Enterprise): empty unless set and on the plan
    team_role: str = ""
    onboarding_done: bool = True
    password_expired: bool = False
    language: str = "en"
    # The current team's plan and the person's teams (for the team switcher).
    plan: str = "FREE"
    teams: list[dict[str, str]] = []

    @rx.var
    def t(self) -> dict[str, str]:
        """The app's labels in the person's language."""
        return label_set(self.language)

    def _cookie(self, name: str) -> str:
        """A cookie the browser sent with the websocket handshake ("" when absent)."""
        try:
            jar = SimpleCookie(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(name)
        return morsel.value if morsel else ""

    def _session_cookie(self) -> str:
        return self._cookie(SESSION_COOKIE)

    def _client(self) -> ClientInfo:
        return ClientInfo(
            ip=self.router.session.client_ip or "unknown",
            user_agent=self.router.headers.user_agent or "",
        )

    def _authenticate(self, session: Session) -> auth.AuthContext | None:
        token = self._session_cookie()
        if not token:
            return None
        try:
            return auth.authenticate_access_token(
                session, token=token, settings=get_settings(), via="cookie"
            )
        except DomainError:
            return None

    def _show(self, session: Session, ctx: auth.AuthContext | None) -> None:
        if ctx is None:
            self.signed_in = False
            self.user_name = self.user_email = self.team_name = self.team_role = ""
            self.plan, self.teams, self.team_logo = "FREE", [], ""
            self.is_staff = False
            return
        user = ctx.user
        self.signed_in = True
        self.user_name = user.full_name
        self.user_email = user.email
        self.email_verified = user.email_verified
        self.mfa_enabled = user.mfa_enabled
        self.team_role = ctx.team_role.value if ctx.team_role else ""
        public = accounts.public_user(session, ctx)
        self.team_name = public.team.name if public.team else ""
        self.onboarding_done = user.onboarding_completed_at is not None
        self.password_expired = accounts.password_expired(session, user=user)
        language = (user.preferences or {}).get("language", "en")
        self.language = language if language in LABELS else "en"
        self.plan = plans.plan_of(session, ctx.team_id).value
        self.team_logo = branding.shown_logo(session, ctx.team_id)
        self.is_staff = staff.is_staff(ctx, get_settings())
        self.teams = [
            {"id": str(t.id), "name": t.name, "role": t.role.value, "current": str(t.current)}
            for t in teams.memberships(session, user=user)
        ]

    async def with_user(self, work: Callable[[Session, auth.AuthContext], T]) -> T | None:
        """Run ``work`` as the signed-in person; None (and signed out) when nobody is."""

        def run(session: Session) -> tuple[T | None, auth.AuthContext | None]:
            ctx = self._authenticate(session)
            result = work(session, ctx) if ctx is not None else None
            if ctx is not None:
                session.flush()
                session.refresh(ctx.user)
            self._show(session, ctx)
            return result, ctx

        result, _ = await in_transaction(run)
        return result

    @rx.event
    async def load(self):
        """For every page: show who is signed in, if anyone."""
        await self.with_user(lambda session, ctx: None)

    async def _guard(self):
        """A redirect for strangers (to sign in, then back) or the not yet onboarded."""
        await self.with_user(lambda session, ctx: None)
        # Prerendered pages are served as folders, so paths can arrive with a trailing slash.
        path = (self.router.url.path or "/dashboard").rstrip("/") or "/"
        if not self.signed_in:
            return rx.redirect(f"/login?next={quote(path)}")
        if not self.onboarding_done and path != "/onboarding":
            return rx.redirect("/onboarding")
        return None

    @rx.event
    async def require_signed_in(self):
        """For app pages: send strangers to sign in, and back here afterwards."""
        return await self._guard()

    @rx.event
    def sign_out(self):
        return rx.call_script("konduct.signOut()")

    @rx.event
    async def remember_theme(self, mode: str):
        """The header's theme menu: the browser applies it; a signed-in account keeps it."""
        theme = mode.upper()
        if theme in ("LIGHT", "DARK", "SYSTEM"):
            await self.with_user(
                lambda session, ctx: accounts.set_preference(
                    session, ctx=ctx, key="theme", value=theme
                )
            )
