"""/api/auth: sign up, verify, sign in (with MFA), refresh, sign out, passwords."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from konduct.api.deps import Client, CurrentUser, DbSession, SettingsDep, rate_limit
from konduct.api.session_cookies import check_origin, clear_session_cookies, set_session_cookies
from konduct.domain.passwords import context_words, password_problems, strength
from konduct.domain.rate_limits import PASSWORD_RESET_LIMIT, SIGN_IN_LIMIT, SIGN_UP_LIMIT
from konduct.schemas.accounts import (
    ChangePasswordRequest,
    ForgotPasswordRequest,
    LoginRequest,
    LoginResponse,
    MfaLoginRequest,
    PasswordStrengthRequest,
    PasswordStrengthResponse,
    RefreshRequest,
    RegisterRequest,
    RegisterResponse,
    ResetPasswordRequest,
    TokenPair,
    TokenRequest,
)
from konduct.services import accounts, auth
from konduct.settings import Settings

router = APIRouter(prefix="/auth", tags=["authentication"])

LOGIN_LIMIT = rate_limit("sign-in", SIGN_IN_LIMIT)
MFA_CODE_LIMIT = rate_limit("sign-in code", SIGN_IN_LIMIT)
REGISTER_LIMIT = rate_limit("sign-up", SIGN_UP_LIMIT)
RESET_LIMIT = rate_limit("password reset", PASSWORD_RESET_LIMIT)


def _signed_in(
    issued: auth.IssuedSession, delivery: str, response: Response, settings: Settings
) -> LoginResponse:
    if delivery == "cookie":
        set_session_cookies(
            response,
            access_token=issued.access_token,
            remember_me=issued.row.remember_me,
            settings=settings,
        )
        return LoginResponse(signed_in=True)
    return LoginResponse(
        signed_in=True,
        tokens=TokenPair(
            access_token=issued.access_token,
            expires_in=int(auth.POLICY.access_token_ttl.total_seconds()),
            refresh_token=issued.refresh_token,
            refresh_expires_at=issued.row.absolute_expires_at,
            session_id=issued.row.id,
        ),
    )


@router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RegisterResponse,
    dependencies=[REGISTER_LIMIT],
    summary="Create an account and its team; a verification link is mailed",
)
def register(
    data: RegisterRequest, session: DbSession, client: Client, settings: SettingsDep
) -> RegisterResponse:
    """The same answer whether or not the address already has an account."""
    accounts.register(session, data=data, client=client, settings=settings)
    return RegisterResponse(email=data.email.lower())


@router.post("/login", response_model=LoginResponse, dependencies=[LOGIN_LIMIT])
def login(
    data: LoginRequest,
    request: Request,
    response: Response,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> LoginResponse:
    """Unknown address and wrong password get the same 401. With two-factor sign-in on,
    the answer is ``mfa_required`` and a short-lived ``mfa_token`` for `/auth/login/mfa`."""
    if data.session == "cookie":
        check_origin(request, settings)  # no signing a victim into our account from elsewhere
    outcome = auth.login(
        session,
        email=data.email,
        password=data.password,
        remember_me=data.remember_me,
        client=client,
        settings=settings,
        web=data.session == "cookie",
    )
    if isinstance(outcome, auth.MfaChallenge):
        return LoginResponse(signed_in=False, mfa_required=True, mfa_token=outcome.mfa_token)
    return _signed_in(outcome, data.session, response, settings)


@router.post("/login/mfa", response_model=LoginResponse, dependencies=[MFA_CODE_LIMIT])
def login_mfa(
    data: MfaLoginRequest,
    request: Request,
    response: Response,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> LoginResponse:
    if data.session == "cookie":
        check_origin(request, settings)
    issued = auth.complete_mfa_login(
        session, mfa_token=data.mfa_token, code=data.code, client=client, settings=settings
    )
    return _signed_in(issued, data.session, response, settings)


@router.post("/refresh-token", response_model=TokenPair, dependencies=[LOGIN_LIMIT])
def refresh_token(
    data: RefreshRequest, session: DbSession, client: Client, settings: SettingsDep
) -> TokenPair:
    """Rotates the refresh token. Presenting an already-used one ends that session."""
    issued = auth.refresh(
        session, refresh_token=data.refresh_token, client=client, settings=settings
    )
    return _signed_in(issued, "token", Response(), settings).tokens


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    ctx: CurrentUser, response: Response, session: DbSession, client: Client, settings: SettingsDep
) -> Response:
    auth.logout(session, ctx=ctx, client=client)
    response.status_code = status.HTTP_204_NO_CONTENT
    clear_session_cookies(response, settings)
    return response


@router.post("/verify-email", summary="Use an email verification link's token")
def verify_email(
    data: TokenRequest, session: DbSession, client: Client, settings: SettingsDep
) -> dict[str, str]:
    user = accounts.verify_email(session, token=data.token, client=client, settings=settings)
    return {"status": "verified", "email": user.email}


@router.post(
    "/resend-verification",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[RESET_LIMIT],
)
def resend_verification(ctx: CurrentUser, session: DbSession, settings: SettingsDep) -> dict:
    accounts.resend_verification(session, ctx=ctx, settings=settings)
    return {"status": "sent"}


@router.post(
    "/forgot-password",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[RESET_LIMIT],
    summary="Mail a password reset link (same answer for every address)",
)
def forgot_password(
    data: ForgotPasswordRequest, session: DbSession, client: Client, settings: SettingsDep
) -> dict[str, str]:
    accounts.request_password_reset(session, email=data.email, client=client, settings=settings)
    return {
        "status": "sent_if_registered",
        "detail": "If an account uses this address, a reset link is on its way. "
        "It works once, for 30 minutes.",
    }


@router.post("/reset-password", dependencies=[RESET_LIMIT])
def reset_password(
    data: ResetPasswordRequest, session: DbSession, client: Client, settings: SettingsDep
) -> dict[str, str]:
    """Sets the new password and ends every session of the account."""
    accounts.reset_password(
        session, token=data.token, new_password=data.new_password, client=client, settings=settings
    )
    return {"status": "password_reset", "detail": "Your password is changed. Sign in with it."}


@router.post("/change-password")
def change_password(
    data: ChangePasswordRequest,
    ctx: CurrentUser,
    session: DbSession,
    client: Client,
    settings: SettingsDep,
) -> dict[str, int | str]:
    """Needs the current password; every other session of the account ends."""
    ended = accounts.change_password(
        session,
        ctx=ctx,
        current_password=data.current_password,
        new_password=data.new_password,
        client=client,
        settings=settings,
    )
    return {"status": "password_changed", "other_sessions_ended": ended}


@router.post("/password-strength", response_model=PasswordStrengthResponse)
def password_strength(data: PasswordStrengthRequest) -> PasswordStrengthResponse:
    """What the sign-up page's meter shows: an estimate, and the rules a password breaks."""
    context = context_words(data.email, data.full_name)
    estimate = strength(data.password, context)
    problems = [p.reason for p in password_problems(data.password, context=context)]
    return PasswordStrengthResponse(
        score=estimate.score,
        label=estimate.label,
        warning=estimate.warning,
        suggestions=list(estimate.suggestions),
        problems=problems,
        acceptable=not problems,
    )
