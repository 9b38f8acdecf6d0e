"""The decode page: a campaign ID or tagged link in, its meaning out (same service as REST)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.domain.errors import ValidationFailed
from konduct.services import decode as decoding
from konduct.state.session import SessionState, in_transaction


@dataclass
class Meaning:
    key: str
    value: str
    meaning: str


class DecodeState(SessionState):
    text: str = ""
    error: str = ""
    kind: str = ""
    landing_url: str = ""
    channel: str = ""
    parts: list[Meaning] = []
    your_campaign: str = ""
    your_campaign_id: str = ""

    @rx.event
    def set_text(self, value: str):
        self.text = value[:2048]

    @rx.event
    async def decode(self):
        self.error, self.kind, self.parts, self.your_campaign = "", "", [], ""
        text = self.text

        def work(session, ctx):
            return decoding.decode(session, text=text, ctx=ctx)

        try:
            result = await self.with_user(work)
            if result is None:  # not signed in: decode without naming campaigns
                result = await in_transaction(lambda s: decoding.decode(s, text=text, ctx=None))
        except ValidationFailed as failure:
            self.error = failure.problems[0].reason
            return
        self.kind = result["kind"]
        self.landing_url = result.get("landing_url") or ""
        self.channel = result.get("channel") or ""
        cid = result.get("campaign_id")
        parts = []
        if cid:
            parts += [
                Meaning("Platform", cid["platform"]["code"], cid["platform"]["name"]),
                Meaning("Objective", cid["objective"]["code"], cid["objective"]["name"]),
                Meaning("Created", cid["timestamp"], cid["created_at"]),
                Meaning("Fingerprint", cid["hash"], "MD5 of the campaign data, first 8 hex"),
            ]
        parts += [Meaning(p["key"], p["value"], p["meaning"]) for p in result.get("parameters", [])]
        self.parts = parts
        yours = result.get("your_campaign")
        self.your_campaign = yours["name"] if yours else ""
        self.your_campaign_id = cid["campaign_id"] if (yours and cid) else ""
