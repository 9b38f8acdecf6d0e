"""Team naming rules: read and set them (admins, on plans that include them), list the
links that break them, and give the UTM link service the rules in force.

The rules live in ``team.settings["utm_conventions"]`` in their canonical form. A team
whose plan lacks the feature (Free, or after a downgrade) keeps its rules but they are
not enforced, so nothing is lost when it upgrades again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from konduct.domain.enums import TeamRole
from konduct.domain.errors import NotFound, ValidationFailed
from konduct.domain.naming_rules import NO_RULES, NamingRules, check, parse_rules
from konduct.domain.permissions import Action, require
from konduct.domain.plans import FEATURE_NAMES, Feature, limits_for, require_feature
from konduct.models import Campaign, Team, UtmLink
from konduct.schemas.common import FieldError
from konduct.schemas.naming_rules import LinkViolation, NamingRulesPublic, ViolationPage
from konduct.services import audit
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import plan_of

SETTINGS_KEY = "utm_conventions"
log = logging.getLogger("konduct.naming_rules")


def _team(session: Session, team_id: uuid.UUID | None, *, for_update: bool = False) -> Team:
    # for_update: team.settings is one JSON document that other settings write too; without
    # the row lock two saves at once would each drop the other's change.
    team = session.get(Team, team_id, with_for_update=for_update) if team_id else None
    if team is None:
        raise NotFound("team")
    return team


def stored_rules(team: Team) -> NamingRules:
    """The team's rules as saved, enforced or not."""
    try:
        return parse_rules((team.settings or {}).get(SETTINGS_KEY) or {})
    except ValidationFailed:  # only ever written through put_rules; never block links on it
        log.error("team %s has unreadable naming rules; ignoring them", team.id)
        return NO_RULES


def enforced(session: Session, team_id: uuid.UUID) -> bool:
    return limits_for(plan_of(session, team_id)).has(Feature.NAMING_RULES)


def rules_in_force(session: Session, team_id: uuid.UUID) -> NamingRules:
    """What links of this team are checked against (nothing when the plan lacks it)."""
    team = session.get(Team, team_id)
    if team is None or not enforced(session, team_id):
        return NO_RULES
    return stored_rules(team)


def _public(session: Session, team: Team, violations_total: int | None = None):
    on = enforced(session, team.id)
    return NamingRulesPublic(
        rules=stored_rules(team).document(),
        enforced=on,
        note=None
        if on
        else f"{FEATURE_NAMES[Feature.NAMING_RULES]} are part of the Professional plan: "
        "these rules are kept but not enforced.",
        violations_total=violations_total,
    )


def get_rules(session: Session, *, ctx: AuthContext) -> NamingRulesPublic:
    """Every member may read the rules: they build links under them."""
    require(ctx.team_role, Action.TEAM_VIEW)
    return _public(session, _team(session, ctx.team_id))


def put_rules(
    session: Session, *, ctx: AuthContext, document: dict[str, Any], client: ClientInfo
) -> NamingRulesPublic:
    """Replace the team's rules (admins only, on a plan that includes them)."""
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    team = _team(session, ctx.team_id, for_update=True)
    require_feature(plan_of(session, team.id), Feature.NAMING_RULES)
    rules = parse_rules(document)
    team.settings = {**(team.settings or {}), SETTINGS_KEY: rules.document()}
    session.add(team)
    session.flush()
    audit.record(
        session,
        action="team.naming_rules",
        client=client,
        user_id=ctx.user.id,
        team_id=team.id,
        details={"fields": sorted(rules.document()["fields"])},
    )
    total = sum(1 for _ in _violations(session, team.id, rules))
    return _public(session, team, violations_total=total)


def link_values(link: UtmLink) -> dict[str, str | None]:
    """A stored link's values by rule field."""
    return {
        "source": link.source,
        "medium": link.medium,
        "campaign": link.campaign,
        "creative": link.creative,
        "term": link.term,
        "source_platform": link.source_platform,
        "marketing_tactic": link.marketing_tactic,
        "creative_format": link.creative_format,
    }


def _violations(
    session: Session, team_id: uuid.UUID, rules: NamingRules
) -> Iterator[tuple[UtmLink, Campaign, list]]:
    """The team's live links that break ``rules``, newest first (checked in Python: the
    rules are too rich for SQL; a team's links are thousands, not millions)."""
    if rules.empty:
        return
    rows = session.exec(
        select(UtmLink, Campaign)
        .join(Campaign, col(Campaign.id) == col(UtmLink.campaign_id))
        .where(UtmLink.team_id == team_id, col(Campaign.deleted_at).is_(None))
        .order_by(col(UtmLink.created_at).desc(), col(UtmLink.id))
        .execution_options(yield_per=500)
    )
    for link, campaign in rows:
        problems = check(rules, link_values(link))
        if problems:
            yield link, campaign, problems


def violations(
    session: Session, *, ctx: AuthContext, limit: int = 50, offset: int = 0
) -> ViolationPage:
    """The links that break the team's saved rules (whether or not the plan enforces them)."""
    require(ctx.team_role, Action.TEAM_VIEW)
    team = _team(session, ctx.team_id)
    items: list[LinkViolation] = []
    total = 0
    for link, campaign, problems in _violations(session, team.id, stored_rules(team)):
        if offset <= total < offset + limit:
            items.append(
                LinkViolation(
                    link_id=str(link.id),
                    campaign_ref=campaign.campaign_id,
                    campaign_name=campaign.name,
                    label=link.label,
                    tagged_url=link.tagged_url,
                    problems=[FieldError.of(p) for p in problems],
                )
            )
        total += 1
    return ViolationPage(items=items, total=total, limit=limit, offset=offset)
