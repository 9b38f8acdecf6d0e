"""A campaign opened through a share link: read-only, for members of its team."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.domain.errors import DomainError
from konduct.services import campaign_sharing
from konduct.state.session import SessionState


@dataclass
class SharedLink:
    label: str
    tagged_url: str


class SharedCampaignState(SessionState):
    found: bool = True
    loading: bool = True
    campaign: dict[str, str] = {}
    links: list[SharedLink] = []

    @rx.event
    async def open_shared(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        token = (self.router.url.path or "").rstrip("/").rsplit("/", 1)[-1]
        self.loading = True
        try:
            shared = await self.with_user(
                lambda s, ctx: campaign_sharing.open_shared(s, ctx=ctx, token=token)
            )
        except DomainError:
            shared = None
        self.loading = False
        if shared is None:
            self.found, self.campaign, self.links = False, {}, []
            return None
        c = shared.campaign
        end = c.end_date.isoformat() if c.end_date else "open"
        ages = c.targeting.get("demographics", {}).get("age_range", [])
        self.found = True
        self.campaign = {
            "campaign_id": c.campaign_id,
            "name": c.name,
            "status": c.status.value,
            "platform": c.platform.name,
            "objective": c.objective.name,
            "manager": c.manager_name,
            "website": c.website_url,
            "dates": f"{c.start_date.isoformat()} → {end}",
            "budget": f"{c.budget:,.2f} {c.currency}",
            "ages": "–".join(str(a) for a in ages),
            "shared_by": shared.shared_by or "a teammate",
        }
        self.links = [SharedLink(link.label or "Link", link.tagged_url) for link in shared.links]
        return None

    @rx.event
    def copy_text(self, text: str):
        return [rx.set_clipboard(text), rx.toast.success("Copied")]
