"""The web app's session cookie and its CSRF guard.

The access token travels in ``konduct_session``: HttpOnly (no script can read
it), SameSite=Lax, Secure whenever the app is served over HTTPS, kept across
browser restarts only with "remember me". State-changing API calls that rely
on the cookie must also send ``X-CSRF-Token`` equal to the readable
``konduct_csrf`` cookie (double submit) from an allowed Origin; a form on
another site can do neither.
"""

from __future__ import annotations

from fastapi import Request, Response

from konduct.domain.errors import AuthenticationFailed
from konduct.domain.sessions import SessionPolicy
from konduct.domain.tokens import new_token, same_secret
from konduct.settings import Settings

SESSION_COOKIE = "konduct_session"
CSRF_COOKIE = "konduct_csrf"
CSRF_HEADER = "x-csrf-token"


def _secure(settings: Settings) -> bool:
    return settings.app_url.startswith("https://")


def set_session_cookies(
    response: Response, *, access_token: str, remember_me: bool, settings: Settings
) -> None:
    max_age = int(SessionPolicy().remember_me_lifetime.total_seconds()) if remember_me else None
    common = {"max_age": max_age, "samesite": "lax", "secure": _secure(settings), "path": "/"}
    response.set_cookie(SESSION_COOKIE, access_token, httponly=True, **common)
    response.set_cookie(CSRF_COOKIE, new_token(16), httponly=False, **common)


def clear_session_cookies(response: Response, settings: Settings) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=_secure(settings), samesite="lax")


def check_origin(request: Request, settings: Settings) -> None:
    origin = request.headers.get("origin")
    if origin and origin.rstrip("/") not in settings.allowed_origins:
        raise AuthenticationFailed("Requests from another site are not accepted.")


def check_csrf(request: Request, settings: Settings) -> None:
    check_origin(request, settings)
    sent = request.headers.get(CSRF_HEADER, "")
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not sent or not expected or not same_secret(sent, expected):
        raise AuthenticationFailed(
            "Missing or wrong X-CSRF-Token header: send the konduct_csrf cookie's value."
        )
