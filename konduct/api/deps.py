"""Dependencies shared by the routes: settings, the unit of work, the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlmodel import Session

from konduct.api.guard import client_ip
from konduct.api.problems import quota_headers
from konduct.api.session_cookies import SESSION_COOKIE, check_csrf
from konduct.db import engine_for, session_scope
from konduct.domain.errors import AuthenticationFailed, TooManyAttempts
from konduct.domain.rate_limits import parse_limit
from konduct.services import api_keys, api_quota, auth
from konduct.services.audit import ClientInfo
from konduct.settings import Settings

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def app_settings(request: Request) -> Settings:
    """The settings the API was created with (tests create APIs with their own)."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def unit_of_work(settings: SettingsDep) -> Iterator[Session]:
    """One transaction per request: committed before the answer leaves, else rolled back."""
    with session_scope(engine_for(settings.database_url)) as session:
        yield session


DbSession = Annotated[Session, Depends(unit_of_work, scope="function")]


def client_info(request: Request, settings: SettingsDep) -> ClientInfo:
    country = None
    if settings.trusted_proxy_hops > 0:  # only our own proxy may tell us the country
        country = request.headers.get("cf-ipcountry") or request.headers.get("x-client-country")
    return ClientInfo(
        ip=client_ip(request.scope, settings.trusted_proxy_hops),
        user_agent=request.headers.get("user-agent", "")[:500],
        country=(country or "").upper()[:2] or None,
    )


Client = Annotated[ClientInfo, Depends(client_info)]


def current_context(
    request: Request, response: Response, session: DbSession, settings: SettingsDep
) -> auth.AuthContext:
    """The caller, from an X-API-Key, a Bearer token, or the web app's session cookie.

    API keys are the plan's "API access": each request counts against the team's monthly
    quota, and the answer says what is left (``X-Quota-*``)."""
    if key := request.headers.get("x-api-key"):
        ctx = api_keys.authenticate(session, key=key)
        quota = api_quota.admit(session, ctx=ctx, settings=settings)
        response.headers.update(quota_headers(quota.cap, quota.remaining, quota.reset_at))
        return ctx
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return auth.authenticate_access_token(session, token=header[7:].strip(), settings=settings)
    if cookie := request.cookies.get(SESSION_COOKIE):
        if request.method not in SAFE_METHODS:
            check_csrf(request, settings)
        return auth.authenticate_access_token(
            session, token=cookie, settings=settings, via="cookie"
        )
    raise AuthenticationFailed(
        "Sign in first: send a Bearer token, an X-API-Key header, or the session cookie."
    )


CurrentUser = Annotated[auth.AuthContext, Depends(current_context)]


def rate_limit(name: str, limit: str):
    """A per-IP quota for one route (sign-in, sign-up, reset), counted where the API's is."""
    quota = parse_limit(limit)

    async def check(request: Request, client: Client) -> None:
        decision = await request.app.state.limiter.hit(quota, name, client.ip)
        if not decision.allowed:
            raise TooManyAttempts(
                decision.retry_after,
                f"Too many requests to {name}: the limit is {quota}. "
                f"Try again in {decision.retry_after} s.",
            )

    return Depends(check)
