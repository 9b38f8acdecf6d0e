"""The branding settings page: the same service as ``GET/PUT /api/teams/branding``."""

from __future__ import annotations

import reflex as rx

from konduct.domain.enums import TeamRole
from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.permissions import Action, can
from konduct.schemas.errors import problem_text
from konduct.services import branding
from konduct.state.session import SessionState


class BrandingState(SessionState):
    loaded: bool = False
    enabled: bool = False
    logo_url: str = ""
    primary_color: str = ""
    accent_color: str = ""
    errors: dict[str, str] = {}
    saving: bool = False

    @rx.var
    def can_edit(self) -> bool:
        role = TeamRole(self.team_role) if self.team_role in TeamRole.__members__ else None
        return self.enabled and role is not None and can(role, Action.TEAM_SETTINGS)

    def _fill(self, public) -> None:
        self.enabled = public.enabled
        self.logo_url = public.logo_url or ""
        self.primary_color = public.primary_color or ""
        self.accent_color = public.accent_color or ""

    @rx.event
    async def open_branding(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        self.errors = {}
        try:
            public = await self.with_user(lambda s, ctx: branding.get_branding(s, ctx=ctx))
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        if public is not None:
            self._fill(public)
        self.loaded = True
        return None

    @rx.event
    def set_logo_url(self, value: str):
        self.logo_url = value

    @rx.event
    def set_primary_color(self, value: str):
        self.primary_color = value

    @rx.event
    def set_accent_color(self, value: str):
        self.accent_color = value

    @rx.event
    async def save(self):
        self.errors, self.saving = {}, True
        yield
        values, client = (self.logo_url, self.primary_color, self.accent_color), self._client()
        try:
            public = await self.with_user(
                lambda s, ctx: branding.put_branding(
                    s,
                    ctx=ctx,
                    logo_url=values[0],
                    primary_color=values[1],
                    accent_color=values[2],
                    client=client,
                )
            )
        except ValidationFailed as failure:
            self.saving = False
            self.errors = {p.field: p.reason for p in failure.problems}
            yield rx.toast.error("Not saved: " + failure.problems[0].reason)
            return
        except DomainError as failure:
            self.saving = False
            yield rx.toast.error(problem_text(failure))
            return
        self.saving = False
        if public is not None:
            self._fill(public)
            yield rx.toast.success("Branding saved")
