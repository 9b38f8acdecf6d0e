"""Campaign use-cases: create with a unique ID, find, edit, move through the lifecycle.

Every function is scoped to the caller's team: a campaign of another team is
"not found", never "forbidden", so its existence does not leak. Every change
appends a CampaignHistory row with what changed and who changed it.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from konduct.domain.campaign_id import canonical_json, codes_in_prefix, generate_campaign_id
from konduct.domain.campaigns import IMMUTABLE_FIELDS, MOVES, changes, next_status
from konduct.domain.catalog import (
    objective_by_code,
    platform_by_code,
    resolve_objective,
    resolve_platform,
)
from konduct.domain.enums import CampaignAction, CampaignStatus
from konduct.domain.errors import Conflict, NotFound, ValidationFailed
from konduct.domain.permissions import Action, require
from konduct.models import Campaign, CampaignHistory, User
from konduct.models.base import utcnow
from konduct.schemas.campaigns import (
    CampaignCreate,
    CampaignPage,
    CampaignPublic,
    CampaignSearch,
    CampaignUpdate,
    DuplicateWarning,
    HistoryEntry,
    UtmParameters,
)
from konduct.schemas.common import CodeName
from konduct.services import audit, limits
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.campaign_ids import insert_with_unique_id

# The fields that make two campaigns "the same" for duplicate warnings.
IDENTITY_FIELDS = (
    "name",
    "manager_name",
    "website_url",
    "platform",
    "objective",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "targeting",
    "utm_parameters",
)


COUNT_CAP = 1_000


class DuplicateCampaign(Conflict):
    """The team already has a campaign with this data; ``existing`` says which."""

    def __init__(self, existing: Campaign):
        self.existing = DuplicateWarning(
            campaign_id=existing.campaign_id, name=existing.name, created_at=existing.created_at
        )
        super().__init__(
            f"This duplicates campaign {existing.campaign_id} ({existing.name}). "
            "Send allow_duplicate=true to create it anyway."
        )

    @property
    def problem_extra(self) -> dict[str, Any]:
        return {"duplicate_of": self.existing.model_dump(mode="json")}


def _team(ctx: AuthContext) -> uuid.UUID:
    if ctx.team_id is None:
        raise NotFound("campaign")
    return ctx.team_id


def _campaign_data(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: fields.get(key) for key in IDENTITY_FIELDS}


def data_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(_campaign_data(fields)).encode()).hexdigest()


def public(campaign: Campaign) -> CampaignPublic:
    platform = platform_by_code(campaign.platform)
    objective = objective_by_code(campaign.objective)
    return CampaignPublic(
        id=campaign.id,
        campaign_id=campaign.campaign_id,
        name=campaign.name,
        manager_name=campaign.manager_name,
        website_url=campaign.website_url,
        platform=CodeName(code=campaign.platform, name=platform.name if platform else "?"),
        objective=CodeName(code=campaign.objective, name=objective.name if objective else "?"),
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        budget=campaign.budget,
        currency=campaign.currency,
        status=campaign.status,
        archived=campaign.archived_at is not None,
        deleted=campaign.deleted_at is not None,
        targeting=campaign.targeting or {},
        utm_parameters=UtmParameters(
            source=campaign.utm_source,
            campaign=campaign.utm_campaign,
            medium=campaign.utm_medium,
            creative=campaign.utm_creative,
        ),
        created_by=campaign.user_id,
        created_at=campaign.created_at,
        updated_at=campaign.updated_at,
    )


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    """The editable fields as JSON values, for diffs in the history."""
    return public(campaign).model_dump(
        mode="json",
        include={
            "name",
            "manager_name",
            "website_url",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "targeting",
            "utm_parameters",
            "status",
        },
    )


def _record(
    session: Session,
    campaign: Campaign,
    ctx: AuthContext,
    action: CampaignAction,
    diff: dict[str, Any],
) -> None:
    session.add(
        CampaignHistory(
            campaign_id=campaign.id, action=action, changes=diff, performed_by=ctx.user.id
        )
    )


# --- create ----------------------------------------------------------------


def find_duplicate(session: Session, *, team_id: uuid.UUID, digest: str) -> Campaign | None:
    return session.exec(
        select(Campaign).where(
            Campaign.team_id == team_id,
            Campaign.data_hash == digest,
            Campaign.deleted_at.is_(None),
        )
    ).first()


def _id_inputs(data: CampaignCreate):
    """The platform, objective and hashed fields a new campaign's ID is made from."""
    platform = resolve_platform(data.platform)
    objective = resolve_objective(data.objective)
    fields = data.model_dump(mode="json", exclude={"status", "allow_duplicate"})
    fields["platform"], fields["objective"] = platform.code, objective.code
    return platform, objective, fields


def preview_id(data: CampaignCreate, *, at: datetime) -> str:
    """The ID ``create`` will give this data at ``at`` (unless that ID is taken by then)."""
    platform, objective, fields = _id_inputs(data)
    return str(generate_campaign_id(platform, objective, fields, at))


def create(
    session: Session,
    *,
    ctx: AuthContext,
    data: CampaignCreate,
    client: ClientInfo,
    at: datetime | None = None,
) -> Campaign:
    """``at``: the moment of a previewed ID, so the saved campaign keeps the ID people saw."""
    require(ctx.team_role, Action.CAMPAIGN_CREATE)
    require_verified(ctx)
    team_id = _team(ctx)
    platform, objective, fields = _id_inputs(data)
    limits.check_new_campaign(
        session, team_id=team_id, platform=platform.code, targeting=fields.get("targeting")
    )
    digest = data_hash(fields)
    if not data.allow_duplicate and (
        twin := find_duplicate(session, team_id=team_id, digest=digest)
    ):
        raise DuplicateCampaign(twin)
    utm = data.utm_parameters

    def build_row(campaign_id) -> Campaign:
        return Campaign(
            campaign_id=str(campaign_id),
            team_id=team_id,
            user_id=ctx.user.id,
            name=data.name.strip(),
            manager_name=data.manager_name.strip(),
            website_url=data.website_url,
            platform=platform.code,
            objective=objective.code,
            start_date=data.start_date,
            end_date=data.end_date,
            budget=data.budget,
            currency=data.currency,
            status=CampaignStatus(data.status),
            targeting=data.targeting.model_dump(mode="json"),
            utm_source=utm.source,
            utm_medium=utm.medium,
            utm_campaign=utm.campaign or str(campaign_id),
            utm_creative=utm.creative,
            data_hash=digest,
        )

    campaign = insert_with_unique_id(
        session,
        platform=platform.code,
        objective=objective.code,
        data=fields,
        build_row=build_row,
        at=at,
    )
    _record(session, campaign, ctx, CampaignAction.CREATE, {"status": {"to": campaign.status}})
    ctx.user.campaigns_created += 1
    ctx.user.last_campaign_date = utcnow()
    session.add(ctx.user)
    audit.record(
        session,
        action="campaign.create",
        client=client,
        user_id=ctx.user.id,
        team_id=team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
    )
    return campaign


# --- read ------------------------------------------------------------------


def get(session: Session, *, ctx: AuthContext, ref: str, include_deleted: bool = False) -> Campaign:
    """By row UUID or by campaign ID (any case); only the caller's team's campaigns."""
    require(ctx.team_role, Action.CAMPAIGN_READ)
    team_id = _team(ctx)
    query = select(Campaign).where(Campaign.team_id == team_id)
    try:
        query = query.where(Campaign.id == uuid.UUID(ref))
    except ValueError:
        query = query.where(Campaign.campaign_id == ref.strip().upper())
    campaign = session.exec(query).first()
    if campaign is None or (campaign.deleted_at is not None and not include_deleted):
        raise NotFound("campaign")
    return campaign


def search(session: Session, *, ctx: AuthContext, filters: CampaignSearch) -> CampaignPage:
    require(ctx.team_role, Action.CAMPAIGN_READ)
    team_id = _team(ctx)
    conditions = [Campaign.team_id == team_id, Campaign.deleted_at.is_(None)]
    conditions.append(
        Campaign.archived_at.is_not(None) if filters.archived else Campaign.archived_at.is_(None)
    )
    if filters.q:
        for word in filters.q.split():
            conditions.append(func.lower(Campaign.name).contains(word.lower(), autoescape=True))
    if filters.campaign_id:
        prefix = filters.campaign_id.strip().upper()
        conditions.append(Campaign.campaign_id.startswith(prefix, autoescape=True))
        # Redundant for correctness, but it lets PostgreSQL walk the platform/objective
        # index newest first instead of scanning every date for matching prefixes.
        platform_code, objective_code = codes_in_prefix(prefix)
        if platform_code:
            conditions.append(Campaign.platform == platform_code)
        if objective_code:
            conditions.append(Campaign.objective == objective_code)
    if filters.platform:
        conditions.append(Campaign.platform == resolve_platform(filters.platform).code)
    if filters.objective:
        conditions.append(Campaign.objective == resolve_objective(filters.objective).code)
    if filters.status:
        conditions.append(Campaign.status == filters.status)
    if filters.created_from:
        conditions.append(
            Campaign.created_at >= datetime.combine(filters.created_from, time.min, UTC)
        )
    if filters.created_to:
        conditions.append(
            Campaign.created_at <= datetime.combine(filters.created_to, time.max, UTC)
        )
    for column, value in (
        (Campaign.utm_source, filters.utm_source),
        (Campaign.utm_medium, filters.utm_medium),
        (Campaign.utm_campaign, filters.utm_campaign),
        (Campaign.utm_creative, filters.utm_creative),
    ):
        if value:
            conditions.append(or_(column == value, column == value.strip().lower()))
    # Counting a million matches costs more than finding a page of them: count up to a cap.
    counted = select(Campaign.id).where(*conditions).limit(COUNT_CAP + 1).subquery()
    total = session.exec(select(func.count()).select_from(counted)).one()
    rows = session.exec(
        select(Campaign)
        .where(*conditions)
        .order_by(Campaign.created_at.desc(), Campaign.id.desc())
        .offset(filters.offset)
        .limit(filters.limit)
    ).all()
    return CampaignPage(
        items=[public(row) for row in rows],
        total=min(total, COUNT_CAP),
        total_capped=total > COUNT_CAP,
        limit=filters.limit,
        offset=filters.offset,
    )


def history(
    session: Session, *, ctx: AuthContext, ref: str, limit: int = 50, offset: int = 0
) -> list[HistoryEntry]:
    campaign = get(session, ctx=ctx, ref=ref, include_deleted=True)
    rows = session.exec(
        select(CampaignHistory, User.full_name)
        .join(User, User.id == CampaignHistory.performed_by, isouter=True)
        .where(CampaignHistory.campaign_id == campaign.id)
        .order_by(CampaignHistory.timestamp.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        HistoryEntry(
            id=entry.id,
            action=entry.action,
            changes=entry.changes,
            performed_by=entry.performed_by,
            performed_by_name=name,
            timestamp=entry.timestamp,
        )
        for entry, name in rows
    ]


# --- change ----------------------------------------------------------------


def update(
    session: Session, *, ctx: AuthContext, ref: str, data: CampaignUpdate, client: ClientInfo
) -> Campaign:
    require(ctx.team_role, Action.CAMPAIGN_UPDATE)
    campaign = get(session, ctx=ctx, ref=ref)
    if campaign.archived_at is not None:
        raise Conflict("This campaign is archived: restore it before editing.")
    limits.check_campaign_edit(
        session,
        campaign=campaign,
        targeting=data.targeting.model_dump(mode="json") if data.targeting is not None else None,
    )
    for field in IMMUTABLE_FIELDS:
        value = getattr(data, field)
        if value is not None:
            resolved = (resolve_platform if field == "platform" else resolve_objective)(value)
            if resolved.code != getattr(campaign, field):
                raise ValidationFailed.single(
                    field, f"the campaign ID fixes the {field}; create a new campaign instead"
                )
    before = _snapshot(campaign)
    given = data.model_dump(exclude_unset=True, exclude={"platform", "objective"})
    for key in (
        "name",
        "manager_name",
        "website_url",
        "start_date",
        "end_date",
        "budget",
        "currency",
    ):
        if key in given and given[key] is not None:
            setattr(
                campaign, key, given[key].strip() if isinstance(given[key], str) else given[key]
            )
    if "end_date" in given and given["end_date"] is None:
        campaign.end_date = None
    if campaign.end_date and campaign.end_date < campaign.start_date:
        raise ValidationFailed.single("end_date", "end_date must not be before start_date")
    if data.targeting is not None:
        campaign.targeting = data.targeting.model_dump(mode="json")
    if data.utm_parameters is not None:
        utm = data.utm_parameters
        campaign.utm_source, campaign.utm_medium = utm.source, utm.medium
        campaign.utm_campaign = utm.campaign or campaign.campaign_id
        campaign.utm_creative = utm.creative
    diff = changes(before, _snapshot(campaign))
    if diff:
        fields = {
            **_snapshot(campaign),
            "platform": campaign.platform,
            "objective": campaign.objective,
        }
        campaign.data_hash = data_hash(fields)
        campaign.updated_at = utcnow()
        session.add(campaign)
        _record(session, campaign, ctx, CampaignAction.UPDATE, diff)
        audit.record(
            session,
            action="campaign.update",
            client=client,
            user_id=ctx.user.id,
            team_id=campaign.team_id,
            target_type="campaign",
            target_id=campaign.campaign_id,
        )
    return campaign


def move(
    session: Session, *, ctx: AuthContext, ref: str, verb: str, client: ClientInfo
) -> Campaign:
    """publish, pause, resume or complete."""
    require(ctx.team_role, Action.CAMPAIGN_LIFECYCLE)
    campaign = get(session, ctx=ctx, ref=ref)
    if verb in ("publish", "resume"):  # pausing or ending is always allowed
        limits.check_campaign_edit(session, campaign=campaign, targeting=None)
    before = campaign.status
    campaign.status = next_status(verb, before, archived=campaign.archived_at is not None)
    campaign.updated_at = utcnow()
    session.add(campaign)
    _record(
        session,
        campaign,
        ctx,
        MOVES[verb].action,
        {"status": {"from": before, "to": campaign.status}},
    )
    return campaign


def archive(session: Session, *, ctx: AuthContext, ref: str, client: ClientInfo) -> Campaign:
    require(ctx.team_role, Action.CAMPAIGN_LIFECYCLE)
    campaign = get(session, ctx=ctx, ref=ref)
    if campaign.archived_at is not None:
        raise Conflict("This campaign is already archived.")
    campaign.archived_at = utcnow()
    session.add(campaign)
    _record(
        session, campaign, ctx, CampaignAction.ARCHIVE, {"archived": {"from": False, "to": True}}
    )
    return campaign


def restore(session: Session, *, ctx: AuthContext, ref: str, client: ClientInfo) -> Campaign:
    """Undo an archive or a delete."""
    require(ctx.team_role, Action.CAMPAIGN_LIFECYCLE)
    campaign = get(session, ctx=ctx, ref=ref, include_deleted=True)
    if campaign.deleted_at is not None:
        require(ctx.team_role, Action.CAMPAIGN_DELETE)
        campaign.deleted_at = None
        diff = {"deleted": {"from": True, "to": False}}
    elif campaign.archived_at is not None:
        campaign.archived_at = None
        diff = {"archived": {"from": True, "to": False}}
    else:
        raise Conflict("This campaign is neither archived nor deleted.")
    session.add(campaign)
    _record(session, campaign, ctx, CampaignAction.RESTORE, diff)
    return campaign


def delete(session: Session, *, ctx: AuthContext, ref: str, client: ClientInfo) -> Campaign:
    """Soft delete: hidden everywhere, restorable (undo) by someone allowed to delete."""
    require(ctx.team_role, Action.CAMPAIGN_DELETE)
    campaign = get(session, ctx=ctx, ref=ref)
    campaign.deleted_at = utcnow()
    session.add(campaign)
    _record(session, campaign, ctx, CampaignAction.DELETE, {"deleted": {"from": False, "to": True}})
    audit.record(
        session,
        action="campaign.delete",
        client=client,
        user_id=ctx.user.id,
        team_id=campaign.team_id,
        target_type="campaign",
        target_id=campaign.campaign_id,
    )
    return campaign
