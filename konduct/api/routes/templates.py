"""/api/templates: a team's campaign templates, and saving a campaign as one."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response, status

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.campaign_tools import (
    SaveAsTemplate,
    TemplateCreate,
    TemplatePage,
    TemplatePublic,
)
from konduct.services import templates

router = APIRouter(tags=["templates"])


@router.get("/templates", response_model=TemplatePage, summary="The team's templates, newest first")
def list_templates(
    ctx: CurrentUser,
    session: DbSession,
    limit: int = Query(default=25, ge=1, le=100),
    offset: int = Query(default=0, ge=0),
) -> TemplatePage:
    return templates.list_page(session, ctx=ctx, limit=limit, offset=offset)


@router.post("/templates", response_model=TemplatePublic, status_code=status.HTTP_201_CREATED)
def create_template(
    data: TemplateCreate, ctx: CurrentUser, session: DbSession, client: Client
) -> TemplatePublic:
    """A template from setup and targeting values (no dates: each campaign sets its own)."""
    template = templates.create(session, ctx=ctx, data=data, client=client)
    return templates.get_public(session, ctx=ctx, template_id=str(template.id))


@router.get("/templates/{template_id}", response_model=TemplatePublic)
def get_template(template_id: str, ctx: CurrentUser, session: DbSession) -> TemplatePublic:
    return templates.get_public(session, ctx=ctx, template_id=template_id)


@router.delete("/templates/{template_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_template(
    template_id: str, ctx: CurrentUser, session: DbSession, client: Client
) -> Response:
    templates.delete(session, ctx=ctx, template_id=template_id, client=client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/campaigns/{ref}/save-as-template",
    response_model=TemplatePublic,
    status_code=status.HTTP_201_CREATED,
    tags=["campaigns"],
)
def save_as_template(
    ref: str, data: SaveAsTemplate, ctx: CurrentUser, session: DbSession, client: Client
) -> TemplatePublic:
    """Keeps the campaign's setup and targeting; not its dates, ID or status."""
    template = templates.save_campaign(session, ctx=ctx, ref=ref, name=data.name, client=client)
    return templates.get_public(session, ctx=ctx, template_id=str(template.id))
