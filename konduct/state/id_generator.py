"""The public ID generator: picks -> the campaign ID service -> the ID and its parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import reflex as rx
from pydantic import ValidationError

from konduct.domain.catalog import OBJECTIVES, PLATFORMS
from konduct.domain.errors import ValidationFailed
from konduct.schemas.campaign_ids import CampaignIdRequest
from konduct.schemas.errors import validation_problems
from konduct.services import campaign_ids

PLATFORM_NAMES = [p.name for p in PLATFORMS]
OBJECTIVE_NAMES = [o.name for o in OBJECTIVES]


@dataclass
class IdPart:
    kind: str
    value: str
    label: str
    meaning: str


class IdGeneratorState(rx.State):
    platform: str = PLATFORM_NAMES[0]
    objective: str = OBJECTIVE_NAMES[2]  # Traffic: the most common first pick
    name: str = ""
    campaign_id: str = ""
    parts: list[IdPart] = []
    error: str = ""

    @rx.event
    def set_platform(self, value: str):
        self.platform = value

    @rx.event
    def set_objective(self, value: str):
        self.objective = value

    @rx.event
    def set_name(self, value: str):
        self.name = value

    @rx.event
    def generate(self):
        self.error = ""
        try:
            request = CampaignIdRequest(
                platform=self.platform, objective=self.objective, name=self.name or None
            )
            described = campaign_ids.describe(campaign_ids.generate(request))
        except ValidationError as invalid:
            self.error = "; ".join(
                f"{p.field}: {p.reason}" for p in validation_problems(invalid.errors())
            )
            return
        except ValidationFailed as failure:
            self.error = "; ".join(p.reason for p in failure.problems)
            return
        stamp = datetime.strptime(described["timestamp"], "%Y%m%d%H%M%S")
        self.campaign_id = described["campaign_id"]
        self.parts = [
            IdPart(
                kind="platform",
                value=described["platform"]["code"],
                label="Platform",
                meaning=described["platform"]["name"],
            ),
            IdPart(
                kind="objective",
                value=described["objective"]["code"],
                label="Objective",
                meaning=described["objective"]["name"],
            ),
            IdPart(
                kind="timestamp",
                value=described["timestamp"],
                label="Created",
                meaning=stamp.strftime("%d %b %Y, %H:%M:%S UTC"),
            ),
            IdPart(
                kind="hash",
                value=described["hash"],
                label="Fingerprint",
                meaning="MD5 of the campaign data, first 8 hex digits",
            ),
        ]

    @rx.event
    def copy_id(self):
        if not self.campaign_id:
            return rx.toast.warning("Generate an ID first.")
        return [
            rx.set_clipboard(self.campaign_id),
            rx.toast.success(f"Copied {self.campaign_id}", duration=2500),
        ]
