"""SSO-ready settings (Enterprise): admins store their identity provider's SAML or OIDC
details in ``team.settings["sso"]``. Sign-in through it is not switched on yet.

An OIDC client secret is kept only encrypted (Fernet, key derived from SESSION_SECRET)
and never leaves in an answer: the API says only whether one is set.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from cryptography.fernet import Fernet
from sqlmodel import Session

from konduct.domain.enums import TeamRole
from konduct.domain.errors import NotFound
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, limits_for, require_feature
from konduct.domain.sso import parse_sso
from konduct.models import Team
from konduct.schemas.sso import SsoPublic
from konduct.services import audit
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import plan_of
from konduct.settings import get_settings

SETTINGS_KEY = "sso"
SECRET_KEY = "client_secret_encrypted"


def _fernet() -> Fernet:
    key = hashlib.sha256(f"konduct-sso:{get_settings().session_secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _team(session: Session, team_id: uuid.UUID | None, *, for_update: bool = False) -> Team:
    # for_update: team.settings is one JSON document other settings write too.
    team = session.get(Team, team_id, with_for_update=for_update) if team_id else None
    if team is None:
        raise NotFound("team")
    return team


def _public(session: Session, team: Team) -> SsoPublic:
    stored: dict[str, Any] = dict((team.settings or {}).get(SETTINGS_KEY) or {})
    enabled = limits_for(plan_of(session, team.id)).has(Feature.SSO)
    if not stored:
        return SsoPublic(configured=False, enabled=enabled)
    secret_set = bool(stored.pop(SECRET_KEY, None))
    return SsoPublic(configured=True, client_secret_set=secret_set, enabled=enabled, **stored)


def get_sso(session: Session, *, ctx: AuthContext) -> SsoPublic:
    """Admins only: the settings describe how the whole team signs in."""
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    return _public(session, _team(session, ctx.team_id))


def put_sso(
    session: Session,
    *,
    ctx: AuthContext,
    document: dict[str, Any],
    client_secret: str | None,
    client: ClientInfo | None,
) -> SsoPublic:
    """Replace the settings (admins, Enterprise). ``client_secret`` None keeps the saved
    one (OIDC only), "" removes it."""
    require(ctx.team_role or TeamRole.MEMBER, Action.TEAM_SETTINGS)
    team = _team(session, ctx.team_id, for_update=True)
    require_feature(plan_of(session, team.id), Feature.SSO)
    settings = parse_sso(document)
    previous = (team.settings or {}).get(SETTINGS_KEY) or {}
    if settings["protocol"] == "oidc":
        if client_secret:
            settings[SECRET_KEY] = _fernet().encrypt(client_secret.encode()).decode()
        elif client_secret is None and previous.get(SECRET_KEY):
            settings[SECRET_KEY] = previous[SECRET_KEY]
    team.settings = {**(team.settings or {}), SETTINGS_KEY: settings}
    session.add(team)
    session.flush()
    audit.record(
        session,
        action="team.sso",
        client=client,
        user_id=ctx.user.id,
        team_id=team.id,
        details={"protocol": settings["protocol"], "email_domains": settings["email_domains"]},
    )
    return _public(session, team)


def client_secret(team: Team) -> str | None:
    """The decrypted OIDC client secret, for the sign-in flow once it exists."""
    token = ((team.settings or {}).get(SETTINGS_KEY) or {}).get(SECRET_KEY)
    return _fernet().decrypt(token.encode()).decode() if token else None
