"""The templates page: the team's templates, delete, and start the wizard from one."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.domain.catalog import objective_by_code, platform_by_code
from konduct.domain.errors import DomainError
from konduct.domain.plans import Feature, PlanLimitReached, limits_for
from konduct.schemas.campaign_tools import TemplatePublic
from konduct.schemas.errors import problem_text
from konduct.services import templates
from konduct.services.plans import plan_of
from konduct.state.campaign_wizard import PICKLISTS, WizardState
from konduct.state.session import SessionState

PAGE_SIZE = 12


@dataclass
class TemplateRow:
    id: str
    name: str
    platform: str
    objective: str
    summary: str
    created: str


def _row(t: TemplatePublic) -> TemplateRow:
    fields = t.campaign
    ages = fields.targeting.demographics.age_range
    budget = f" · {fields.budget:,.2f} {fields.currency}" if fields.budget is not None else ""
    who = f" by {t.created_by_name}" if t.created_by_name else ""
    return TemplateRow(
        id=str(t.id),
        name=t.name,
        platform=t.platform.name,
        objective=t.objective.name,
        summary=f"Ages {ages[0]}–{ages[1]}{budget}",
        created=f"{t.created_at.strftime('%d %b %Y')}{who}",
    )


def prefill_wizard(wizard: WizardState, template: TemplatePublic) -> None:
    """The wizard's answers from a template; dates stay empty (each campaign sets its own)."""
    fields = template.campaign
    targeting = fields.targeting
    demographics = targeting.demographics
    locations = demographics.locations
    wizard._reset_answers()
    platform = platform_by_code(template.platform.code)
    objective = objective_by_code(template.objective.code)
    wizard.name = fields.campaign_name or ""
    wizard.manager_name = fields.manager_name or wizard.manager_name
    wizard.website_url = fields.website_url or ""
    wizard.platform = platform.name if platform else wizard.platform
    wizard.objective = objective.name if objective else wizard.objective
    wizard.budget = f"{fields.budget:.2f}" if fields.budget is not None else ""
    wizard.currency = fields.currency
    wizard.age_range = list(demographics.age_range)
    wizard.gender = demographics.gender[0].value if demographics.gender else "ALL"
    wizard.devices = [d.value for d in targeting.devices] or ["ALL"]
    wizard.picked = {
        **{key: [] for key in PICKLISTS},
        "countries": list(locations.countries),
        "languages": list(demographics.languages),
        "interests": list(targeting.interests),
        "behaviors": list(targeting.behaviors),
    }
    wizard.regions = ", ".join(locations.regions)
    wizard.cities = ", ".join(locations.cities)
    wizard.custom_locations = ", ".join(locations.custom)
    wizard.custom_audience = targeting.custom_audience or ""
    wizard.custom_criteria = targeting.custom_criteria or ""
    wizard.special_requirements = targeting.special_requirements or ""


class TemplatesState(SessionState):
    rows: list[TemplateRow] = []
    total: int = 0
    offset: int = 0
    loaded: bool = False
    allowed: bool = True  # the plan lets the team make and use templates

    async def _list(self) -> None:
        offset = self.offset

        def read(session, ctx):
            page = templates.list_page(session, ctx=ctx, limit=PAGE_SIZE, offset=offset)
            return page, limits_for(plan_of(session, ctx.team_id)).has(Feature.TEMPLATES)

        found = await self.with_user(read)
        if found is not None:
            page, self.allowed = found
            self.rows, self.total, self.loaded = [_row(t) for t in page.items], page.total, True

    @rx.event
    async def open_templates(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        await self._list()
        return None

    @rx.event
    async def page(self, step: int):
        self.offset = max(0, min(self.offset + step * PAGE_SIZE, max(0, self.total - 1)))
        await self._list()

    @rx.event
    async def delete(self, template_id: str):
        client = self._client()
        try:
            await self.with_user(
                lambda s, ctx: templates.delete(s, ctx=ctx, template_id=template_id, client=client)
            )
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        if self.offset >= self.total - 1:
            self.offset = max(0, self.offset - PAGE_SIZE)
        await self._list()
        return rx.toast.success("Template deleted.")

    @rx.event
    async def use(self, template_id: str):
        """Fill the wizard from the template and open it."""
        try:
            template = await self.with_user(
                lambda s, ctx: templates.for_wizard(s, ctx=ctx, template_id=template_id)
            )
        except PlanLimitReached as limit:
            return rx.toast.error(str(limit))
        except DomainError as failure:
            return rx.toast.error(problem_text(failure))
        if template is None:
            return rx.redirect("/login?next=/templates")
        wizard = await self.get_state(WizardState)
        prefill_wizard(wizard, template)
        return [
            rx.redirect("/campaigns/new"),
            rx.toast.success(f"Started from {template.name}: set the dates, then review."),
        ]
