"""Campaign templates: save a campaign's setup and targeting, list them, start from one.

Templates belong to a team (another team's answers "not found"). Making or using
one needs the Templates feature (Professional and up); reading and deleting do
not, so a team that downgrades keeps what it made.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from konduct.domain.catalog import (
    objective_by_code,
    platform_by_code,
    resolve_objective,
    resolve_platform,
)
from konduct.domain.errors import Conflict, NotFound
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, require_feature
from konduct.models import CampaignTemplate, User
from konduct.schemas.campaign_tools import (
    TemplateCreate,
    TemplateFields,
    TemplatePage,
    TemplatePublic,
)
from konduct.schemas.common import CodeName
from konduct.services import audit, campaigns
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import plan_of


def _team(ctx: AuthContext) -> uuid.UUID:
    if ctx.team_id is None:
        raise NotFound("template")
    return ctx.team_id


def require_templates(session: Session, ctx: AuthContext) -> None:
    """Making or using templates is a plan feature."""
    require_feature(plan_of(session, ctx.team_id), Feature.TEMPLATES)


def fields_of(template: CampaignTemplate) -> TemplateFields:
    return TemplateFields.model_validate(
        {**template.fields, "platform": template.platform, "objective": template.objective}
    )


def public(template: CampaignTemplate, creator: str | None = None) -> TemplatePublic:
    platform = platform_by_code(template.platform)
    objective = objective_by_code(template.objective)
    return TemplatePublic(
        id=template.id,
        name=template.name,
        platform=CodeName(code=template.platform, name=platform.name if platform else "?"),
        objective=CodeName(code=template.objective, name=objective.name if objective else "?"),
        campaign=fields_of(template),
        created_by=template.created_by,
        created_by_name=creator,
        created_at=template.created_at,
    )


def create(
    session: Session, *, ctx: AuthContext, data: TemplateCreate, client: ClientInfo
) -> CampaignTemplate:
    require(ctx.team_role, Action.CAMPAIGN_CREATE)
    team_id = _team(ctx)
    require_templates(session, ctx)
    fields = data.campaign
    platform, objective = resolve_platform(fields.platform), resolve_objective(fields.objective)
    name = data.name.strip()
    taken = session.exec(
        select(CampaignTemplate.id).where(
            CampaignTemplate.team_id == team_id,
            func.lower(CampaignTemplate.name) == name.lower(),
        )
    ).first()
    if taken is not None:
        raise Conflict(f"The team already has a template named {name!r}: pick another name.")
    template = CampaignTemplate(
        team_id=team_id,
        name=name,
        platform=platform.code,
        objective=objective.code,
        fields=fields.model_dump(mode="json", exclude={"platform", "objective"}),
        created_by=ctx.user.id,
    )
    session.add(template)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as clash:  # the same name saved at the same moment
        raise Conflict(f"The team already has a template named {name!r}.") from clash
    audit.record(
        session,
        action="template.create",
        client=client,
        user_id=ctx.user.id,
        team_id=team_id,
        target_type="template",
        target_id=str(template.id),
    )
    return template


def save_campaign(
    session: Session, *, ctx: AuthContext, ref: str, name: str, client: ClientInfo
) -> CampaignTemplate:
    """A template from a campaign: its setup and targeting, not its dates, ID or status."""
    campaign = campaigns.public(campaigns.get(session, ctx=ctx, ref=ref))
    utm = campaign.utm_parameters
    fields = TemplateFields(
        platform=campaign.platform.code,
        objective=campaign.objective.code,
        campaign_name=campaign.name,
        manager_name=campaign.manager_name,
        website_url=campaign.website_url,
        budget=campaign.budget,
        currency=campaign.currency,
        targeting=campaign.targeting,
        # utm_campaign is the campaign's own ID: a new campaign gets its own.
        utm_parameters={"source": utm.source, "medium": utm.medium, "creative": utm.creative},
    )
    return create(session, ctx=ctx, data=TemplateCreate(name=name, campaign=fields), client=client)


def get(session: Session, *, ctx: AuthContext, template_id: str) -> CampaignTemplate:
    require(ctx.team_role, Action.CAMPAIGN_READ)
    team_id = _team(ctx)
    try:
        template = session.get(CampaignTemplate, uuid.UUID(str(template_id)))
    except ValueError:
        template = None
    if template is None or template.team_id != team_id:
        raise NotFound("template")
    return template


def get_public(session: Session, *, ctx: AuthContext, template_id: str) -> TemplatePublic:
    template = get(session, ctx=ctx, template_id=template_id)
    creator = session.get(User, template.created_by) if template.created_by else None
    return public(template, creator.full_name if creator else None)


def for_wizard(session: Session, *, ctx: AuthContext, template_id: str) -> TemplatePublic:
    """A template to start a new campaign from (a plan feature, like saving one)."""
    template = get_public(session, ctx=ctx, template_id=template_id)
    require_templates(session, ctx)
    return template


def list_page(
    session: Session, *, ctx: AuthContext, limit: int = 25, offset: int = 0
) -> TemplatePage:
    require(ctx.team_role, Action.CAMPAIGN_READ)
    team_id = _team(ctx)
    total = session.exec(
        select(func.count())
        .select_from(CampaignTemplate)
        .where(CampaignTemplate.team_id == team_id)
    ).one()
    rows = session.exec(
        select(CampaignTemplate, User.full_name)
        .join(User, User.id == CampaignTemplate.created_by, isouter=True)
        .where(CampaignTemplate.team_id == team_id)
        .order_by(CampaignTemplate.created_at.desc(), CampaignTemplate.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return TemplatePage(
        items=[public(row, name) for row, name in rows], total=total, limit=limit, offset=offset
    )


def delete(session: Session, *, ctx: AuthContext, template_id: str, client: ClientInfo) -> None:
    """Its maker, or someone who may delete campaigns, may delete a template."""
    template = get(session, ctx=ctx, template_id=template_id)
    if template.created_by != ctx.user.id:
        require(ctx.team_role, Action.CAMPAIGN_DELETE)
    session.delete(template)
    audit.record(
        session,
        action="template.delete",
        client=client,
        user_id=ctx.user.id,
        team_id=template.team_id,
        target_type="template",
        target_id=str(template.id),
    )
