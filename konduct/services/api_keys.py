"""API keys: named, shown once, stored as a digest with a visible prefix, revocable.

A key acts as the person who made it, in their team, with their role: it
never grants more than its owner has.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from konduct.domain.enums import ApiKeyStatus, UserStatus
from konduct.domain.errors import AuthenticationFailed, NotFound, ValidationFailed
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, require_feature
from konduct.domain.tokens import API_KEY_PREFIX, api_key_prefix, new_api_key, token_digest
from konduct.models import ApiKey, User
from konduct.models.base import utcnow
from konduct.schemas.accounts import ApiKeyCreated, ApiKeyPublic
from konduct.services import audit
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext, context_for
from konduct.services.plans import plan_of

MAX_ACTIVE_KEYS = 25


def _public(key: ApiKey) -> ApiKeyPublic:
    return ApiKeyPublic(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        status=key.status,
        created_at=key.created_at,
        last_used_at=key.last_used_at,
    )


def create(session: Session, *, ctx: AuthContext, name: str, client: ClientInfo) -> ApiKeyCreated:
    require(ctx.team_role, Action.API_KEYS_MANAGE)
    require_verified(ctx)  # an unconfirmed address may not even belong to the person
    if ctx.team_id is None:
        raise ValidationFailed.single("name", "join or create a team first")
    require_feature(plan_of(session, ctx.team_id), Feature.API_ACCESS)
    active = session.exec(
        select(ApiKey.id).where(ApiKey.user_id == ctx.user.id, ApiKey.status == ApiKeyStatus.ACTIVE)
    ).all()
    if len(active) >= MAX_ACTIVE_KEYS:
        raise ValidationFailed.single("name", f"revoke a key first: at most {MAX_ACTIVE_KEYS}")
    secret = new_api_key()
    key = ApiKey(
        user_id=ctx.user.id,
        team_id=ctx.team_id,
        name=name.strip(),
        prefix=api_key_prefix(secret),
        key_hash=token_digest(secret),
        status=ApiKeyStatus.ACTIVE,
    )
    session.add(key)
    session.flush()
    audit.record(
        session,
        action="api_key.create",
        client=client,
        user_id=ctx.user.id,
        team_id=ctx.team_id,
        target_type="api_key",
        target_id=str(key.id),
    )
    return ApiKeyCreated(**_public(key).model_dump(), key=secret)


def list_keys(
    session: Session, *, ctx: AuthContext, limit: int = 50, offset: int = 0
) -> list[ApiKeyPublic]:
    keys = session.exec(
        select(ApiKey)
        .where(ApiKey.user_id == ctx.user.id)
        .order_by(ApiKey.created_at.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [_public(k) for k in keys]


def revoke(session: Session, *, ctx: AuthContext, key_id: uuid.UUID, client: ClientInfo) -> None:
    key = session.get(ApiKey, key_id)
    if key is None or key.user_id != ctx.user.id or key.status != ApiKeyStatus.ACTIVE:
        raise NotFound("API key")
    key.status = ApiKeyStatus.INACTIVE
    key.revoked_at = utcnow()
    session.add(key)
    audit.record(
        session,
        action="api_key.revoke",
        client=client,
        user_id=ctx.user.id,
        team_id=key.team_id,
        target_type="api_key",
        target_id=str(key.id),
    )


def authenticate(session: Session, *, key: str) -> AuthContext:
    if not key.startswith(API_KEY_PREFIX):
        raise AuthenticationFailed("The API key is not valid.")
    stored = session.exec(select(ApiKey).where(ApiKey.key_hash == token_digest(key))).first()
    if stored is None or stored.status != ApiKeyStatus.ACTIVE:
        raise AuthenticationFailed("The API key is not valid or was revoked.")
    user = session.get(User, stored.user_id)
    if user is None or user.status != UserStatus.ACTIVE:
        raise AuthenticationFailed("The API key's owner is not active.")
    # A key acts in the team it was made for, whichever team its owner looks at in the app.
    ctx = context_for(session, user, via="api_key", api_key_id=stored.id, team_id=stored.team_id)
    if ctx.team_id is None:
        raise AuthenticationFailed("The API key's owner is no longer an active team member.")
    stored.last_used_at = utcnow()
    user.api_calls += 1
    session.add_all([stored, user])
    return ctx
