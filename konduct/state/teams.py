"""The team pages: members, invitations, roles, usage; the invite link; the team switcher.

Each handler calls one service in one transaction (``with_user``); refusals
(roles, plan limits, the last admin) become a message on the page.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError
from konduct.domain.plans import PlanLimitReached
from konduct.schemas.errors import problem_text
from konduct.schemas.teams import InviteRequest, MemberUpdate
from konduct.services import team_usage, teams
from konduct.settings import get_settings
from konduct.state.session import SessionState, in_transaction

MEMBERS_PAGE = 50
LIMIT_NAMES = {"team_members": "people", "campaigns_per_month": "campaigns this month"}


def _short_date(value) -> str:
    return value.strftime("%d %b %Y") if value else ""


class TeamSwitchState(SessionState):
    @rx.event
    async def switch_team(self, team_id: str):
        client = self._client()
        try:
            choice = await self.with_user(
                lambda s, ctx: teams.switch_team(
                    s, ctx=ctx, team_id=uuid.UUID(team_id), client=client
                )
            )
        except (DomainError, ValueError):
            return rx.toast.error("That team is not available to you.")
        if choice is None:
            return rx.redirect("/login")
        # A full load: every page's data belongs to the team that was current before.
        return [
            rx.toast.success(f"Now working in {choice.name}"),
            rx.call_script("window.location.reload()"),
        ]


class TeamState(SessionState):
    members: list[dict[str, str]] = []
    members_total: int = 0
    offset: int = 0
    invite_email: str = ""
    invite_role: str = "MEMBER"
    invite_error: str = ""
    limit_message: str = ""
    action_error: str = ""
    busy: bool = False
    # Usage (admins and managers)
    can_see_usage: bool = False
    usage_month: str = ""
    stats: list[dict[str, str]] = []
    months: list[dict[str, Any]] = []
    member_usage: list[dict[str, Any]] = []
    over_limit: list[str] = []

    @rx.var
    def is_admin(self) -> bool:
        return self.team_role == "ADMIN"

    @rx.var
    def over_limit_text(self) -> str:
        if not self.over_limit:
            return ""
        what = " and ".join(LIMIT_NAMES.get(name, name) for name in self.over_limit)
        return (
            f"Your team has more {what} than the current plan includes. Everything is kept; "
            "adding more waits until you upgrade or make room."
        )

    @rx.event
    async def open_team(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        self.invite_error = self.limit_message = self.action_error = ""
        await self._load()
        return None

    async def _load(self) -> None:
        settings = get_settings()
        offset = self.offset

        def read(session, ctx):
            page = teams.list_members(session, ctx=ctx, limit=MEMBERS_PAGE, offset=offset)
            try:
                usage = team_usage.usage(session, ctx=ctx, settings=settings)
            except DomainError:
                usage = None
            return page, usage

        try:
            result = await self.with_user(read)
        except DomainError as failure:
            self.action_error = problem_text(failure)
            return
        if result is None:
            return
        page, usage = result
        self.members_total = page.total
        self.members = [
            {
                "id": str(m.id),
                "name": m.full_name or "Invited",
                "email": m.email,
                "role": m.role.value,
                "status": m.status.value,
                "since": _short_date(m.joined_at or m.invited_at),
                "is_me": str(m.user_id is not None and m.email == self.user_email),
            }
            for m in page.items
        ]
        self.can_see_usage = usage is not None
        if usage is None:
            return
        self.usage_month = usage.month
        self.over_limit = usage.over_limit
        cap = f" of {usage.campaigns_cap}" if usage.campaigns_cap is not None else ""
        seats = f" of {usage.seats_cap}" if usage.seats_cap is not None else ""
        api = f"{usage.api_calls:,} of {usage.api_quota:,}" if usage.api_quota else "—"
        self.stats = [
            {
                "label": "Campaigns this month",
                "value": f"{usage.campaigns}{cap}",
                "id": "campaigns",
            },
            {"label": "Tracking links", "value": str(usage.links), "id": "links"},
            {
                "label": "API calls" if usage.api_quota else "API calls (not on this plan)",
                "value": api,
                "id": "api",
            },
            {"label": "People", "value": f"{usage.seats_taken}{seats}", "id": "seats"},
        ]
        self.months = [m.model_dump() for m in usage.months]
        self.member_usage = [
            {
                "name": m.full_name,
                "campaigns": m.campaigns,
                "links": m.links,
                "api_calls": m.api_calls,
            }
            for m in usage.members
        ]

    @rx.event
    def set_invite_email(self, value: str):
        self.invite_email, self.invite_error, self.limit_message = value, "", ""

    @rx.event
    def set_invite_role(self, value: str):
        self.invite_role = value

    @rx.event
    async def send_invite(self):
        self.invite_error = self.limit_message = ""
        try:
            data = InviteRequest.model_validate(
                {"email": self.invite_email, "role": self.invite_role}
            )
        except ValidationError as invalid:
            self.invite_error = problem_text(invalid)
            return
        client, settings = self._client(), get_settings()
        self.busy = True
        yield
        try:
            await self.with_user(
                lambda s, ctx: teams.invite(s, ctx=ctx, data=data, client=client, settings=settings)
            )
        except PlanLimitReached as limit:
            self.busy, self.limit_message = False, str(limit)
            return
        except DomainError as failure:
            self.busy, self.invite_error = False, problem_text(failure)
            return
        self.busy = False
        sent_to, self.invite_email = data.email, ""
        await self._load()
        yield rx.toast.success(f"Invitation sent to {sent_to}")

    async def _change(self, work, done: str):
        self.action_error = self.limit_message = ""
        client = self._client()
        try:
            await self.with_user(lambda s, ctx: work(s, ctx, client))
        except PlanLimitReached as limit:
            self.limit_message = str(limit)
            return None
        except DomainError as failure:
            self.action_error = problem_text(failure)
            return rx.toast.error(self.action_error)
        await self._load()
        return rx.toast.success(done)

    @rx.event
    async def set_role(self, member_id: str, role: str):
        data = MemberUpdate(role=role)
        return await self._change(
            lambda s, ctx, client: teams.update_member(
                s, ctx=ctx, member_id=uuid.UUID(member_id), data=data, client=client
            ),
            "Role changed",
        )

    @rx.event
    async def set_status(self, member_id: str, status: str):
        data = MemberUpdate(status=status)
        return await self._change(
            lambda s, ctx, client: teams.update_member(
                s, ctx=ctx, member_id=uuid.UUID(member_id), data=data, client=client
            ),
            "Member deactivated" if status == "INACTIVE" else "Member reactivated",
        )

    @rx.event
    async def remove(self, member_id: str):
        return await self._change(
            lambda s, ctx, client: teams.remove_member(
                s, ctx=ctx, member_id=uuid.UUID(member_id), client=client
            ),
            "Removed from the team",
        )

    @rx.event
    async def page(self, step: int):
        self.offset = max(0, min(self.offset + step * MEMBERS_PAGE, max(0, self.members_total - 1)))
        await self._load()


class InviteState(SessionState):
    """The page an invitation link opens: who invites, to which team; then join."""

    valid: bool = True
    problem: str = ""
    team: str = ""
    inviter: str = ""
    invited_email: str = ""
    role: str = ""
    joining: bool = False
    sign_in_href: str = "/login"
    register_href: str = "/register"

    @property
    def _token(self) -> str:
        return self.router.url.query_parameters.get("token", "")

    @rx.event
    async def open_invite(self):
        self.joining, self.problem = False, ""
        self.sign_in_href = "/login?next=" + quote(f"/invite?token={self._token}", safe="")
        self.register_href = "/register?invite=" + quote(self._token, safe="")
        await self.with_user(lambda session, ctx: None)
        token, settings = self._token, get_settings()
        try:
            preview = await in_transaction(
                lambda s: teams.invitation(s, token=token, settings=settings)
            )
        except DomainError as failure:
            self.valid, self.problem = False, problem_text(failure)
            return
        self.valid = True
        self.team, self.inviter = preview.team_name, preview.invited_by or "A teammate"
        self.invited_email, self.role = preview.email, preview.role.value.title()

    @rx.event
    async def join(self):
        token, client, settings = self._token, self._client(), get_settings()
        self.joining, self.problem = True, ""
        yield
        try:
            choice = await self.with_user(
                lambda s, ctx: teams.accept(
                    s, ctx=ctx, token=token, client=client, settings=settings
                )
            )
        except DomainError as failure:
            self.joining, self.problem = False, problem_text(failure)
            return
        self.joining = False
        if choice is None:
            yield rx.redirect(self.sign_in_href)
            return
        yield rx.toast.success(f"Welcome to {choice.name}")
        yield rx.redirect("/campaigns")
