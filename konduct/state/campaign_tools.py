"""The campaign page's tools: save as template, mail the details, share a read-only link."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError
from konduct.schemas.campaign_tools import CampaignEmail, SaveAsTemplate
from konduct.schemas.errors import problem_text, validation_problems
from konduct.services import campaign_sharing, templates
from konduct.settings import get_settings
from konduct.state.session import SessionState


@dataclass
class ShareRow:
    id: str
    created: str


class CampaignToolsState(SessionState):
    template_name: str = ""
    email_to: str = ""
    email_note: str = ""
    email_error: str = ""
    sending: bool = False
    share_url: str = ""
    shares: list[ShareRow] = []

    @property
    def ref(self) -> str:
        """The campaign ID (or UUID) from the address /campaigns/{ref}."""
        return (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    def set_value(self, field: str, value: str):
        if field in ("template_name", "email_to", "email_note"):
            setattr(self, field, value)
            self.email_error = ""

    @rx.event
    async def save_template(self):
        try:
            data = SaveAsTemplate(name=self.template_name)
        except ValidationError:
            return rx.toast.error("Give the template a name.")
        ref, client = self.ref, self._client()
        try:
            await self.with_user(
                lambda s, ctx: templates.save_campaign(
                    s, ctx=ctx, ref=ref, name=data.name, client=client
                )
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        self.template_name = ""
        return rx.toast.success(f"Saved as template {data.name!r}: find it under Templates.")

    @rx.event
    async def send_email(self):
        try:
            data = CampaignEmail(to=self.email_to, note=self.email_note or None)
        except ValidationError as invalid:
            self.email_error = validation_problems(invalid.errors())[0].reason
            return
        ref, client, settings = self.ref, self._client(), get_settings()
        self.sending = True
        yield
        try:
            await self.with_user(
                lambda s, ctx: campaign_sharing.email_details(
                    s, ctx=ctx, ref=ref, data=data, settings=settings, client=client
                )
            )
        except DomainError as failure:
            self.sending = False
            yield rx.toast.error(problem_text(failure))
            return
        self.sending, self.email_note = False, ""
        yield rx.toast.success(f"Campaign details sent to {data.to}.")

    async def _list_shares(self) -> None:
        ref = self.ref
        page = await self.with_user(
            lambda s, ctx: campaign_sharing.list_shares(s, ctx=ctx, ref=ref)
        )
        if page is not None:
            self.shares = [
                ShareRow(id=str(item.id), created=item.created_at.strftime("%d %b %Y %H:%M UTC"))
                for item in page.items
            ]

    @rx.event
    async def open_sharing(self):
        self.share_url = ""
        await self._list_shares()

    @rx.event
    async def create_share(self):
        ref, client, settings = self.ref, self._client(), get_settings()
        try:
            made = await self.with_user(
                lambda s, ctx: campaign_sharing.create_share(
                    s, ctx=ctx, ref=ref, settings=settings, client=client
                )
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        if made is None:
            return None
        self.share_url = made.url
        await self._list_shares()
        return [rx.set_clipboard(made.url), rx.toast.success("Share link copied.")]

    @rx.event
    def copy_share(self):
        return [rx.set_clipboard(self.share_url), rx.toast.success("Copied")]

    @rx.event
    async def revoke(self, share_id: str):
        ref, client = self.ref, self._client()
        try:
            await self.with_user(
                lambda s, ctx: campaign_sharing.revoke_share(
                    s, ctx=ctx, ref=ref, share_id=share_id, client=client
                )
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        self.share_url = ""
        await self._list_shares()
        return rx.toast.success("Link revoked: it opens nothing any more.")
