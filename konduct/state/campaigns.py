"""The campaign list (search and history) and one campaign's page (lifecycle, links, history)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import reflex as rx
from pydantic import ValidationError

from konduct.domain.errors import DomainError
from konduct.schemas.campaigns import CampaignPublic, CampaignSearch
from konduct.schemas.errors import validation_problems
from konduct.services import campaigns, clicks, utm_links
from konduct.services.kv import store_for
from konduct.services.qr import qr_png, qr_svg
from konduct.services.qr_variants import qr_target
from konduct.settings import get_settings
from konduct.state.session import SessionState

PAGE_SIZE = 20


@dataclass
class CampaignRow:
    id: str
    campaign_id: str
    name: str
    platform: str
    objective: str
    status: str
    budget: str
    dates: str
    created: str


@dataclass
class LinkRow:
    id: str
    label: str
    tagged_url: str
    short_path: str
    qr: str
    qr_target: str  # what the QR code encodes (a QR variant's short link)
    is_variant: bool = False


@dataclass
class HistoryRow:
    action: str
    who: str
    when: str
    summary: str


def _row(c: CampaignPublic) -> CampaignRow:
    end = c.end_date.isoformat() if c.end_date else "open"
    return CampaignRow(
        id=str(c.id),
        campaign_id=c.campaign_id,
        name=c.name,
        platform=c.platform.name,
        objective=c.objective.name,
        status=c.status.value,
        budget=f"{c.budget:,.2f} {c.currency}",
        dates=f"{c.start_date.isoformat()} → {end}",
        created=c.created_at.strftime("%d %b %Y"),
    )


class CampaignListState(SessionState):
    rows: list[CampaignRow] = []
    total: int = 0
    total_capped: bool = False
    offset: int = 0
    q: str = ""
    platform: str = ""
    status: str = ""
    archived: bool = False
    error: str = ""

    async def _search(self) -> None:
        self.error = ""
        try:
            filters = CampaignSearch(
                q=self.q or None,
                platform=self.platform or None,
                status=self.status or None,
                archived=self.archived,
                limit=PAGE_SIZE,
                offset=self.offset,
            )
        except ValidationError as invalid:
            self.error = validation_problems(invalid.errors())[0].reason
            return
        page = await self.with_user(lambda s, ctx: campaigns.search(s, ctx=ctx, filters=filters))
        if page is not None:
            self.rows, self.total = [_row(c) for c in page.items], page.total
            self.total_capped = page.total_capped

    @rx.event
    async def open_list(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        await self._search()
        return None

    @rx.event
    async def set_filter(self, name: str, value: str | bool):
        if name in ("q", "platform", "status", "archived"):
            setattr(self, name, value)
            self.offset = 0
            await self._search()

    @rx.event
    async def page(self, step: int):
        self.offset = max(0, min(self.offset + step * PAGE_SIZE, max(0, self.total - 1)))
        await self._search()

    @rx.var
    def export_query(self) -> str:
        """The current filters, for the export links."""
        params = {"q": self.q, "platform": self.platform, "status": self.status}
        params = {k: v for k, v in params.items() if v}
        if self.archived:
            params["archived"] = "true"
        return urlencode(params)

    @rx.var
    def page_label(self) -> str:
        if not self.total:
            return ""
        last = min(self.offset + PAGE_SIZE, self.total)
        more = "+" if self.total_capped else ""
        return f"{self.offset + 1}–{last} of {self.total:,}{more}"


class CampaignDetailState(SessionState):
    found: bool = True
    campaign: dict[str, str] = {}
    archived: bool = False
    deleted: bool = False
    links: list[LinkRow] = []
    history: list[HistoryRow] = []
    clicks_total: int = 0
    recent: list[CampaignRow] = []
    clicks_by_day: list[dict[str, str | int]] = []
    clicks_by_link: list[dict[str, str | int]] = []

    @property
    def ref(self) -> str:
        """The campaign ID (or UUID) from the address /campaigns/{ref}."""
        return (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]

    async def _load(self) -> None:
        ref = self.ref

        settings = get_settings()

        def read(session, ctx):
            c = campaigns.get(session, ctx=ctx, ref=ref)
            links = utm_links.list_links(session, ctx=ctx, ref=ref)
            entries = campaigns.history(session, ctx=ctx, ref=ref)
            kv = store_for(settings.redis_url, settings.redis_key_prefix)
            figures = clicks.campaign_clicks(session, ctx=ctx, ref=ref, kv=kv)
            recent = campaigns.search(session, ctx=ctx, filters=CampaignSearch(limit=12)).items
            return campaigns.public(c), links, entries, figures, recent

        try:
            loaded = await self.with_user(read)
        except DomainError:
            self.found = False
            return
        if loaded is None:
            return
        c, links, entries, figures, recent = loaded
        self.found = True
        self.recent = [_row(item) for item in recent]
        self.clicks_total = figures["total"]
        self.clicks_by_day = figures["by_day"]
        self.clicks_by_link = [
            {"label": row["label"], "clicks": row["clicks"]} for row in figures["by_link"]
        ]
        self.archived, self.deleted = c.archived, c.deleted
        row = _row(c)
        self.campaign = {
            "id": str(c.id),
            "campaign_id": c.campaign_id,
            "name": c.name,
            "status": c.status.value,
            "platform": c.platform.name,
            "objective": c.objective.name,
            "budget": row.budget,
            "dates": row.dates,
            "manager": c.manager_name,
            "website": c.website_url,
            "ages": "–".join(
                str(a) for a in c.targeting.get("demographics", {}).get("age_range", [])
            ),
        }
        self.links = [
            LinkRow(
                id=str(link.id),
                label=link.label or link.medium,
                tagged_url=link.tagged_url,
                short_path=f"/r/{link.short_code}",
                qr=qr_svg(qr_target(link, settings.app_url)),
                qr_target=qr_target(link, settings.app_url),
                is_variant=link.parent_link_id is not None,
            )
            for link in links
        ]
        self.history = [
            HistoryRow(
                action=e.action,
                who=e.performed_by_name or "someone",
                when=e.timestamp.strftime("%d %b %Y %H:%M UTC"),
                summary=", ".join(
                    f"{k}: {v.get('from', '—')} → {v.get('to')}"
                    for k, v in e.changes.items()
                    if isinstance(v, dict)
                )[:300],
            )
            for e in entries
        ]

    @rx.event
    async def open_campaign(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        await self._load()
        return None

    @rx.event
    async def act(self, verb: str):
        ref, client = self.ref, self._client()
        actions = {
            "archive": lambda s, ctx: campaigns.archive(s, ctx=ctx, ref=ref, client=client),
            "restore": lambda s, ctx: campaigns.restore(s, ctx=ctx, ref=ref, client=client),
            "delete": lambda s, ctx: campaigns.delete(s, ctx=ctx, ref=ref, client=client),
        }
        work = actions.get(verb) or (
            lambda s, ctx: campaigns.move(s, ctx=ctx, ref=ref, verb=verb, client=client)
        )
        try:
            await self.with_user(work)
        except DomainError as failure:
            return rx.toast.error(str(failure))
        if verb == "delete":
            return [rx.redirect("/campaigns"), rx.toast.success("Campaign deleted.")]
        await self._load()
        return rx.toast.success("Done.")

    @rx.event
    def copy_text(self, text: str):
        return [rx.set_clipboard(text), rx.toast.success("Copied")]

    @rx.event
    def download_qr(self, link_id: str, image_format: str):
        link = next((row for row in self.links if row.id == link_id), None)
        if link is None:
            return None
        name = f"{self.campaign.get('campaign_id', 'qr')}-{link.label}".replace(" ", "_")
        if image_format == "png":
            return rx.download(
                data=qr_png(link.qr_target), filename=f"{name}.png", mime_type="image/png"
            )
        return rx.download(data=link.qr, filename=f"{name}.svg", mime_type="image/svg+xml")
