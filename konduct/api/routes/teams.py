"""/api/teams: the caller's current team. (Invites and members arrive with team management.)"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from konduct.api.deps import Client, CurrentUser, DbSession
from konduct.schemas.common import StrictInput
from konduct.services import accounts

router = APIRouter(prefix="/teams", tags=["teams"])


class PasswordPolicy(StrictInput):
    expiry_days: int | None = Field(
        default=None, description="Days before members must choose a new password (30-730), or null"
    )


@router.put("/current/password-policy", response_model=PasswordPolicy)
def set_password_policy(
    data: PasswordPolicy, ctx: CurrentUser, session: DbSession, client: Client
) -> PasswordPolicy:
    """Admins only. Members whose password is older see a banner asking for a new one."""
    accounts.set_password_policy(session, ctx=ctx, expiry_days=data.expiry_days, client=client)
    return data
