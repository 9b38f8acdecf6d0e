"""/api/teams/naming-rules: the team's enforced UTM conventions and the links breaking them."""

from __future__ import annotations

from fastapi import APIRouter, Query

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.naming_rules import NamingRulesIn, NamingRulesPublic, ViolationPage
from konduct.services import naming_rules

router = APIRouter(prefix="/teams/naming-rules", tags=["teams"])


@router.get("", response_model=NamingRulesPublic, summary="The team's naming rules")
def get_rules(ctx: CurrentUser, session: DbSession) -> NamingRulesPublic:
    """Every member may read them; ``enforced`` is false when the plan does not include them."""
    return naming_rules.get_rules(session, ctx=ctx)


@router.put("", response_model=NamingRulesPublic, summary="Replace the team's naming rules")
def put_rules(
    data: NamingRulesIn, ctx: CurrentUser, session: DbSession, client: Client
) -> NamingRulesPublic:
    """Admins only, on Professional or Enterprise. A bad rule set is a 422 naming the entry
    (e.g. ``fields.medium.allowed_by.facebook``). The answer counts the existing links that
    break the new rules; ``GET /violations`` lists them."""
    document = data.model_dump(exclude_defaults=True)
    document["fields"] = {
        name: rules.model_dump(exclude_defaults=True) for name, rules in data.fields.items()
    }
    return naming_rules.put_rules(session, ctx=ctx, document=document, client=client)


@router.get("/violations", response_model=ViolationPage, summary="Links that break the rules")
def list_violations(
    ctx: CurrentUser,
    session: DbSession,
    limit: int = Query(default=50, ge=1, le=100),
    offset: int = Query(default=0, ge=0),
) -> ViolationPage:
    """The team's links (of campaigns not deleted) that break its saved rules, newest first,
    each with one problem per broken rule."""
    return naming_rules.violations(session, ctx=ctx, limit=limit, offset=offset)
