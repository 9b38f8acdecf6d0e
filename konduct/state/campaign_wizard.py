"""The campaign wizard: Setup and Audience tabs, then review, one-click ID and save.

The answers live in state, which Reflex keeps per browser tab across reloads
(Redis or disk), so a half-filled wizard survives a reload. Checking and
saving go through the same schema and service as ``POST /api/campaigns``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import reflex as rx
from pydantic import ValidationError

from konduct.domain.catalog import OBJECTIVES, PLATFORMS, resolve_platform
from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.plans import PlanLimitReached
from konduct.domain.targeting import BEHAVIORS, INTERESTS
from konduct.schemas.campaigns import CampaignCreate, country_options, language_options
from konduct.schemas.errors import problem_text, validation_problems
from konduct.services import campaigns
from konduct.services.campaigns import DuplicateCampaign
from konduct.state.session import SessionState

SETUP_FIELDS = (
    "name",
    "manager_name",
    "website_url",
    "platform",
    "objective",
    "start_date",
    "end_date",
    "budget",
    "currency",
)
COUNTRY_NAMES = dict(country_options())
LANGUAGE_NAMES = dict(language_options())
PICKLISTS = {
    "countries": [code for code, _ in country_options()],
    "languages": [code for code, _ in language_options()],
    "interests": list(INTERESTS),
    "behaviors": list(BEHAVIORS),
}


def option_label(kind: str, value: str) -> str:
    if kind == "countries":
        return COUNTRY_NAMES.get(value, value)
    if kind == "languages":
        return LANGUAGE_NAMES.get(value, value)
    return value


@dataclass
class Choice:
    value: str
    label: str
    selected: bool


class WizardState(SessionState):
    tab: str = "setup"
    # Setup
    name: str = ""
    manager_name: str = ""
    website_url: str = ""
    platform: str = PLATFORMS[0].name
    objective: str = OBJECTIVES[2].name
    start_date: str = ""
    end_date: str = ""
    budget: str = ""
    currency: str = "USD"
    # Audience
    age_range: list[int] = [18, 65]
    gender: str = "ALL"
    devices: list[str] = ["ALL"]
    picked: dict[str, list[str]] = {key: [] for key in PICKLISTS}
    queries: dict[str, str] = {key: "" for key in PICKLISTS}
    regions: str = ""
    cities: str = ""
    custom_locations: str = ""
    custom_audience: str = ""
    custom_criteria: str = ""
    special_requirements: str = ""
    # Review
    errors: dict[str, str] = {}
    generated_id: str = ""
    generated_at: str = ""
    duplicate_of: str = ""
    plan_limit: str = ""  # what the team's plan refused, shown with the upgrade link
    saving: bool = False

    @rx.event
    async def open_wizard(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        if not self.manager_name:
            self.manager_name = self.user_name
        # The answers are kept for a person coming back, not a plan refusal: the plan may have
        # changed since (back from an upgrade), and the next save asks the plan again.
        self.plan_limit = ""
        return None

    # --- field setters (one generic handler keeps the page wiring short) ---

    @rx.event
    def set_field(self, field: str, value: Any):
        if field in SETUP_FIELDS or field in (
            "regions",
            "cities",
            "custom_locations",
            "custom_audience",
            "custom_criteria",
            "special_requirements",
            "gender",
        ):
            setattr(self, field, value if isinstance(value, str) else str(value))
            self.plan_limit = ""
            self.generated_id = ""  # the data changed: the previewed ID no longer matches
            self.errors = {k: v for k, v in self.errors.items() if not k.startswith(field)}

    @rx.event
    def set_age_range(self, value: list[int | float]):
        low, high = sorted(int(v) for v in value[:2])
        self.age_range = [low, high]
        self.generated_id = ""

    @rx.event
    def toggle_device(self, device: str):
        chosen = set(self.devices)
        if device == "ALL":
            chosen = {"ALL"}
        else:
            chosen.discard("ALL")
            chosen ^= {device}
        self.devices = sorted(chosen) or ["ALL"]
        self.generated_id = ""

    @rx.event
    def set_query(self, kind: str, text: str):
        self.queries = {**self.queries, kind: text}

    @rx.event
    def toggle_pick(self, kind: str, value: str):
        current = list(self.picked.get(kind, []))
        current = [v for v in current if v != value] if value in current else [*current, value]
        self.picked = {**self.picked, kind: current}
        self.generated_id, self.plan_limit = "", ""

    @rx.var
    def choices(self) -> dict[str, list[Choice]]:
        """Up to 12 matching options per list, the picked ones first."""
        result: dict[str, list[Choice]] = {}
        for kind, values in PICKLISTS.items():
            query = self.queries.get(kind, "").strip().lower()
            picked = self.picked.get(kind, [])
            matches = [
                v
                for v in values
                if v not in picked
                and (not query or query in option_label(kind, v).lower() or query == v.lower())
            ][:12]
            result[kind] = [Choice(v, option_label(kind, v), True) for v in picked] + [
                Choice(v, option_label(kind, v), False) for v in matches
            ]
        return result

    # --- checking and saving ----------------------------------------------

    def _payload(self) -> dict[str, Any]:
        def lines(text: str) -> list[str]:
            return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]

        return {
            "name": self.name,
            "manager_name": self.manager_name,
            "website_url": self.website_url,
            "platform": self.platform,
            "objective": self.objective,
            "start_date": self.start_date or None,
            "end_date": self.end_date or None,
            "budget": self.budget or None,
            "currency": self.currency,
            "targeting": {
                "demographics": {
                    "age_range": self.age_range,
                    "gender": [self.gender],
                    "languages": self.picked.get("languages", []),
                    "locations": {
                        "countries": self.picked.get("countries", []),
                        "regions": lines(self.regions),
                        "cities": lines(self.cities),
                        "custom": lines(self.custom_locations),
                    },
                },
                "interests": self.picked.get("interests", []),
                "behaviors": self.picked.get("behaviors", []),
                "devices": self.devices,
                "custom_audience": self.custom_audience or None,
                "custom_criteria": self.custom_criteria or None,
                "special_requirements": self.special_requirements or None,
            },
        }

    def _check(self) -> CampaignCreate | None:
        try:
            data = CampaignCreate.model_validate(self._payload())
            resolve_platform(data.platform)
        except ValidationError as invalid:
            self.errors = {p.field: p.reason for p in validation_problems(invalid.errors())}
            return None
        except ValidationFailed as failure:
            self.errors = {p.field: p.reason for p in failure.problems}
            return None
        self.errors = {}
        return data

    @rx.event
    def go_to(self, tab: str):
        """Moving on checks what is filled so far; going back never does."""
        order = ("setup", "audience", "review")
        if order.index(tab) > order.index(self.tab) and self._check() is None:
            if any(key.split(".")[0] in SETUP_FIELDS for key in self.errors):
                self.tab = "setup"
            elif tab == "review":
                self.tab = "audience"
            return rx.toast.error("Some answers need a fix: they are marked in red.")
        self.tab = tab
        return None

    @rx.event
    def generate_id(self):
        data = self._check()
        if data is None:
            return rx.toast.error("Fix the marked answers first.")
        now = datetime.now(UTC)
        self.generated_id = campaigns.preview_id(data, at=now)
        self.generated_at = now.isoformat()
        return None

    @rx.event
    def copy_generated_id(self):
        return [
            rx.set_clipboard(self.generated_id),
            rx.toast.success(f"Copied {self.generated_id}"),
        ]

    @rx.event
    async def save(self, status: str):
        async for update in self._save(status, allow_duplicate=False):
            yield update

    @rx.event
    async def save_anyway(self):
        """After the duplicate warning: the person confirmed it is a new campaign."""
        async for update in self._save("DRAFT", allow_duplicate=True):
            yield update

    async def _save(self, status: str, *, allow_duplicate: bool):
        data = self._check()
        if data is None:
            yield rx.toast.error("Fix the marked answers first.")
            return
        data = data.model_copy(update={"status": status, "allow_duplicate": allow_duplicate})
        client = self._client()
        at = datetime.fromisoformat(self.generated_at) if self.generated_id else None
        self.saving = True
        yield
        try:
            campaign = await self.with_user(
                lambda s, ctx: campaigns.create(s, ctx=ctx, data=data, client=client, at=at)
            )
        except DuplicateCampaign as twin:
            self.saving, self.duplicate_of = False, twin.existing.campaign_id
            return
        except PlanLimitReached as limit:
            self.saving, self.plan_limit = False, str(limit)
            yield rx.toast.error("Your plan does not allow this campaign: see why below.")
            return
        except DomainError as failure:
            self.saving = False
            yield rx.toast.error(problem_text(failure))
            return
        self.saving, self.duplicate_of, self.plan_limit = False, "", ""
        target = f"/campaigns/{campaign.campaign_id}"
        self._reset_answers()
        yield rx.redirect(target)

    def _reset_answers(self) -> None:
        for field, default in (
            ("tab", "setup"),
            ("name", ""),
            ("website_url", ""),
            ("start_date", ""),
            ("end_date", ""),
            ("budget", ""),
            ("regions", ""),
            ("cities", ""),
            ("custom_locations", ""),
            ("custom_audience", ""),
            ("custom_criteria", ""),
            ("special_requirements", ""),
            ("generated_id", ""),
            ("duplicate_of", ""),
        ):
            setattr(self, field, default)
        self.picked = {key: [] for key in PICKLISTS}
        self.age_range, self.gender, self.devices, self.errors = [18, 65], "ALL", ["ALL"], {}

    @rx.event
    def start_over(self):
        self._reset_answers()
