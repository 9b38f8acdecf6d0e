"""/api/users/me: the signed-in person's profile, sessions, two-factor and API keys."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, status

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep
from konduct.schemas.accounts import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    EmailChangeRequest,
    MfaCode,
    MfaDisableRequest,
    MfaSetup,
    ProfileUpdate,
    RecoveryCodes,
    SessionPublic,
    UserPublic,
)
from konduct.services import accounts, api_keys, auth, mfa
from konduct.services.devices import describe_device

router = APIRouter(prefix="/users/me", tags=["your account"])

Limit = Query(default=50, ge=1, le=100)
Offset = Query(default=0, ge=0)


@router.get("", response_model=UserPublic)
def me(ctx: CurrentUser, session: DbSession) -> UserPublic:
    return accounts.public_user(session, ctx)


@router.put("", response_model=UserPublic)
def update_me(
    data: ProfileUpdate, ctx: CurrentUser, session: DbSession, client: Client
) -> UserPublic:
    accounts.update_profile(session, ctx=ctx, data=data, client=client)
    return accounts.public_user(session, ctx)


@router.post("/onboarding", response_model=UserPublic, summary="Mark onboarding as done")
def finish_onboarding(ctx: CurrentUser, session: DbSession) -> UserPublic:
    accounts.complete_onboarding(session, ctx=ctx)
    return accounts.public_user(session, ctx)


@router.post("/email", status_code=status.HTTP_202_ACCEPTED)
def change_email(
    data: EmailChangeRequest,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> dict[str, str]:
    """Mails a link to the new address; the address changes when the link is opened."""
    accounts.request_email_change(
        session,
        ctx=ctx,
        new_email=data.new_email,
        password=data.password,
        client=client,
        settings=settings,
    )
    return {"status": "verification_sent", "detail": "Open the link we sent to the new address."}


@router.get("/sessions", response_model=list[SessionPublic])
def sessions(
    ctx: CurrentUser, session: DbSession, limit: int = Limit, offset: int = Offset
) -> list[SessionPublic]:
    rows = auth.active_sessions(session, user=ctx.user, limit=limit, offset=offset)
    return [
        SessionPublic(
            id=row.id,
            device=row.device_label or describe_device(row.user_agent),
            user_agent=row.user_agent,
            ip_address=row.ip_address,
            location=row.location,
            created_at=row.created_at,
            last_activity=row.last_activity,
            remember_me=row.remember_me,
            current=row.id == ctx.session_id,
        )
        for row in rows
    ]


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def end_session(
    session_id: uuid.UUID, ctx: CurrentUser, session: DbSession, client: Client
) -> None:
    auth.revoke_session(session, ctx=ctx, session_id=session_id, client=client)


@router.delete("/sessions", summary="Sign out everywhere else")
def end_other_sessions(ctx: CurrentUser, session: DbSession, client: Client) -> dict[str, int]:
    ended = auth.revoke_all_sessions(
        session, user=ctx.user, reason="signed out elsewhere", client=client, keep=ctx.session_id
    )
    return {"ended": ended}


@router.post("/mfa/setup", response_model=MfaSetup, summary="Start two-factor enrolment")
def mfa_setup(ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> MfaSetup:
    return mfa.begin_enrolment(session, ctx=ctx, settings=settings)


@router.post("/mfa/confirm", response_model=RecoveryCodes)
def mfa_confirm(
    data: MfaCode, ctx: CurrentUser, session: DbSession, client: Client, settings: SettingsDep
) -> RecoveryCodes:
    codes = mfa.confirm_enrolment(
        session, ctx=ctx, code=data.code, client=client, settings=settings
    )
    return RecoveryCodes(recovery_codes=codes)


@router.post("/mfa/disable", status_code=status.HTTP_204_NO_CONTENT)
def mfa_disable(
    data: MfaDisableRequest,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> None:
    mfa.disable(
        session, ctx=ctx, password=data.password, code=data.code, client=client, settings=settings
    )


@router.get("/api-keys", response_model=list[ApiKeyPublic])
def list_api_keys(
    ctx: CurrentUser, session: DbSession, limit: int = Limit, offset: int = Offset
) -> list[ApiKeyPublic]:
    return api_keys.list_keys(session, ctx=ctx, limit=limit, offset=offset)


@router.post("/api-keys", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED)
def create_api_key(
    data: ApiKeyCreate, ctx: CurrentUser, session: DbSession, client: Client
) -> ApiKeyCreated:
    return api_keys.create(session, ctx=ctx, name=data.name, client=client)


@router.delete("/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_api_key(key_id: uuid.UUID, ctx: CurrentUser, session: DbSession, client: Client) -> None:
    api_keys.revoke(session, ctx=ctx, key_id=key_id, client=client)
