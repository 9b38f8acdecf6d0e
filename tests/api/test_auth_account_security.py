"""Passwords, sessions, two-factor, API keys and the browser cookie, over REST."""

import time
import uuid
from datetime import timedelta

import jwt
import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from konduct.db import engine_for
from konduct.domain.enums import Plan
from konduct.models import AuditLog, PasswordReset, User, UserSession
from konduct.models.base import utcnow
from tests.api.accounts_helpers import (
    NEW_PASSWORD,
    PASSWORD,
    login,
    new_email,
    register,
    signed_up,
    token_from,
)


def reset_link(client: TestClient, smtp_sink, email: str) -> str:
    assert client.post("/api/auth/forgot-password", json={"email": email}).status_code == 202
    mail = smtp_sink.wait_for(email, "reset your")
    return next(link for link in smtp_sink.links(mail) if "/reset-password?token=" in link)


def test_forgot_password_answers_the_same_for_unknown_addresses(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    known = client.post("/api/auth/forgot-password", json={"email": account.email})
    unknown = client.post("/api/auth/forgot-password", json={"email": new_email("ghost")})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    smtp_sink.wait_for(account.email, "reset your")
    assert not [m for m in smtp_sink.received if "ghost" in " ".join(m.rcpt_tos)]


def test_reset_sets_the_password_once_and_ends_every_session(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    token = token_from(reset_link(client, smtp_sink, account.email))

    weak = client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": "123456789012"}
    )
    assert weak.status_code == 422 and weak.json()["field"] == "new_password"
    same = client.post("/api/auth/reset-password", json={"token": token, "new_password": PASSWORD})
    assert same.status_code == 422 and "last 5" in same.json()["errors"][0]["reason"]

    done = client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert done.status_code == 200
    assert client.get("/api/users/me", headers=account.bearer).status_code == 401
    assert login(client, account.email, PASSWORD).status_code == 401
    assert login(client, account.email, NEW_PASSWORD).status_code == 200
    smtp_sink.wait_for(account.email, "password was changed")

    again = client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": "another-fine-phrase-55"}
    )
    assert again.status_code == 422 and again.json()["field"] == "token"


def test_a_reset_link_expires_after_30_minutes(
    client: TestClient, smtp_sink, migrated_db_url
) -> None:
    account = signed_up(client, smtp_sink)
    token = token_from(reset_link(client, smtp_sink, account.email))
    with Session(engine_for(migrated_db_url)) as session:
        user = session.exec(select(User).where(User.email == account.email)).one()
        row = session.exec(select(PasswordReset).where(PasswordReset.user_id == user.id)).one()
        assert timedelta(minutes=29) < row.expires_at - row.created_at <= timedelta(minutes=30)
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        session.commit()
    late = client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert late.status_code == 422


def test_change_password_needs_the_current_one_and_ends_other_sessions(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    other_device = login(client, account.email).json()["tokens"]["access_token"]

    wrong = client.post(
        "/api/auth/change-password",
        headers=account.bearer,
        json={"current_password": "not-my-password-x", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "current_password"

    done = client.post(
        "/api/auth/change-password",
        headers=account.bearer,
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert done.status_code == 200 and done.json()["other_sessions_ended"] == 1
    assert client.get("/api/users/me", headers=account.bearer).status_code == 200
    assert (
        client.get("/api/users/me", headers={"Authorization": f"Bearer {other_device}"}).status_code
        == 401
    )


def test_sessions_are_listed_and_can_be_ended_only_by_their_owner(
    client: TestClient, smtp_sink
) -> None:
    alice = signed_up(client, smtp_sink)
    phone = client.post(
        "/api/auth/login",
        json={"email": alice.email, "password": PASSWORD},
        headers={
            "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
            "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
        },
    ).json()["tokens"]
    listed = client.get("/api/users/me/sessions", headers=alice.bearer).json()
    assert len(listed) == 2
    assert sum(s["current"] for s in listed) == 1
    phone_row = next(s for s in listed if s["id"] == phone["session_id"])
    assert "iOS" in phone_row["device"] and "phone" in phone_row["device"]

    mallory = signed_up(client, smtp_sink)
    stolen = client.delete(f"/api/users/me/sessions/{phone['session_id']}", headers=mallory.bearer)
    assert stolen.status_code == 404
    assert (
        client.delete(f"/api/users/me/sessions/{uuid.uuid4()}", headers=alice.bearer).status_code
        == 404
    )

    assert (
        client.delete(
            f"/api/users/me/sessions/{phone['session_id']}", headers=alice.bearer
        ).status_code
        == 204
    )
    assert (
        client.get(
            "/api/users/me", headers={"Authorization": f"Bearer {phone['access_token']}"}
        ).status_code
        == 401
    )
    assert len(client.get("/api/users/me/sessions", headers=alice.bearer).json()) == 1


def test_sign_out_everywhere_else(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    others = [login(client, account.email).json()["tokens"]["access_token"] for _ in range(2)]
    assert client.delete("/api/users/me/sessions", headers=account.bearer).json() == {"ended": 2}
    for token in others:
        assert (
            client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
    assert client.get("/api/users/me", headers=account.bearer).status_code == 200


def test_a_new_device_triggers_a_mail(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    client.post(
        "/api/auth/login",
        json={"email": account.email, "password": PASSWORD},
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0"},
    )
    mail = smtp_sink.wait_for(account.email, "new sign-in")
    assert "Firefox" in mail.get_body(preferencelist=("plain",)).get_content()


def test_two_factor_enrolment_sign_in_recovery_and_disable(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    setup = client.post("/api/users/me/mfa/setup", headers=account.bearer).json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/Konduct:")
    assert setup["qr_svg"].lstrip().startswith("<?xml") or "<svg" in setup["qr_svg"]
    totp = pyotp.TOTP(setup["secret"])

    bad = client.post("/api/users/me/mfa/confirm", headers=account.bearer, json={"code": "000000"})
    assert bad.status_code == 422
    codes = client.post(
        "/api/users/me/mfa/confirm", headers=account.bearer, json={"code": totp.now()}
    ).json()["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10

    first_step = login(client, account.email).json()
    assert first_step == {
        "signed_in": False,
        "mfa_required": True,
        "mfa_token": first_step["mfa_token"],
        "tokens": None,
    }
    wrong = client.post(
        "/api/auth/login/mfa", json={"mfa_token": first_step["mfa_token"], "code": "123456"}
    )
    assert wrong.status_code == 401
    # The enrolment used the current code; it is good once, so sign in with the next one.
    next_code = totp.at(time.time() + totp.interval)
    right = client.post(
        "/api/auth/login/mfa", json={"mfa_token": first_step["mfa_token"], "code": next_code}
    )
    assert right.status_code == 200 and right.json()["signed_in"] is True
    replay = login(client, account.email).json()
    assert (
        client.post(
            "/api/auth/login/mfa", json={"mfa_token": replay["mfa_token"], "code": next_code}
        ).status_code
        == 401
    )

    # A recovery code works once.
    step = login(client, account.email).json()
    assert (
        client.post(
            "/api/auth/login/mfa", json={"mfa_token": step["mfa_token"], "code": codes[0].upper()}
        ).status_code
        == 200
    )
    step = login(client, account.email).json()
    assert (
        client.post(
            "/api/auth/login/mfa", json={"mfa_token": step["mfa_token"], "code": codes[0]}
        ).status_code
        == 401
    )

    refused = client.post(
        "/api/users/me/mfa/disable",
        headers=account.bearer,
        json={"password": "not-my-password-x", "code": codes[1]},
    )
    assert refused.status_code == 422 and refused.json()["field"] == "password"
    assert (
        client.post(
            "/api/users/me/mfa/disable",
            headers=account.bearer,
            json={"password": PASSWORD, "code": codes[1]},  # the TOTP steps are used up
        ).status_code
        == 204
    )
    final = login(client, account.email)
    assert final.json().get("signed_in") is True, final.text


def test_api_keys_are_shown_once_authenticate_and_can_be_revoked(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    created = client.post(
        "/api/users/me/api-keys", headers=account.bearer, json={"name": "Looker sync"}
    )
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("kdt_") and created.json()["prefix"] == key[:12]

    listed = client.get("/api/users/me/api-keys", headers=account.bearer).json()
    assert listed[0]["name"] == "Looker sync" and "key" not in listed[0]

    me = client.get("/api/users/me", headers={"X-API-Key": key})
    assert me.status_code == 200 and me.json()["email"] == account.email
    assert client.get("/api/users/me/api-keys", headers=account.bearer).json()[0]["last_used_at"]

    other = signed_up(client, smtp_sink)
    key_id = created.json()["id"]
    assert (
        client.delete(f"/api/users/me/api-keys/{key_id}", headers=other.bearer).status_code == 404
    )
    assert (
        client.delete(f"/api/users/me/api-keys/{key_id}", headers=account.bearer).status_code == 204
    )
    assert client.get("/api/users/me", headers={"X-API-Key": key}).status_code == 401


def test_the_web_cookie_is_httponly_and_needs_csrf_for_changes(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    client.cookies.clear()
    answer = login(client, account.email, session="cookie", remember_me=True)
    assert answer.json() == {
        "signed_in": True,
        "mfa_required": False,
        "mfa_token": None,
        "tokens": None,
    }
    cookies = answer.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("konduct_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert "Max-Age=" in session_cookie  # remembered
    csrf = client.cookies["konduct_csrf"]

    assert client.get("/api/users/me").status_code == 200
    no_csrf = client.put("/api/users/me", json={"company": "Elsewhere"})
    assert no_csrf.status_code == 401 and "CSRF" in no_csrf.json()["detail"]
    wrong_origin = client.put(
        "/api/users/me",
        json={"company": "Elsewhere"},
        headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"},
    )
    assert wrong_origin.status_code == 401
    ok = client.put("/api/users/me", json={"company": "Elsewhere"}, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["company"] == "Elsewhere"

    out = client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    assert client.get("/api/users/me").status_code == 401


def test_cookie_sign_in_from_another_site_is_refused(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    answer = client.post(
        "/api/auth/login",
        json={"email": account.email, "password": PASSWORD, "session": "cookie"},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 401


def test_a_browser_session_cookie_is_not_remembered(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    answer = login(client, account.email, session="cookie")
    session_cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith("konduct_session=")
    )
    assert "Max-Age" not in session_cookie and "expires" not in session_cookie.lower()


def test_profile_updates_preferences_and_keeps_markup_as_text(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    payload = "<img src=x onerror=alert(1)>"
    answer = client.put(
        "/api/users/me",
        headers=account.bearer,
        json={
            "full_name": payload,
            "preferences": {
                "theme": "DARK",
                "language": "fr",
                "notifications": {
                    "email": False,
                    "push": True,
                    "campaign_updates": False,
                    "system_updates": True,
                },
            },
        },
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["full_name"] == payload  # stored verbatim; every page renders it as text
    assert body["preferences"]["theme"] == "DARK" and body["preferences"]["language"] == "fr"
    assert body["preferences"]["notifications"]["push"] is True
    for bad in (
        {"preferences": {"theme": "NEON"}},
        {"preferences": {"language": "xx"}},
        {"nickname": "x"},
    ):
        assert client.put("/api/users/me", headers=account.bearer, json=bad).status_code == 422


def test_email_change_needs_the_password_and_the_new_address_confirmed(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    new_address = new_email("moved")
    wrong = client.post(
        "/api/users/me/email",
        headers=account.bearer,
        json={"new_email": new_address, "password": "not-my-password-x"},
    )
    assert wrong.status_code == 422
    assert (
        client.post(
            "/api/users/me/email",
            headers=account.bearer,
            json={"new_email": new_address, "password": PASSWORD},
        ).status_code
        == 202
    )
    assert client.get("/api/users/me", headers=account.bearer).json()["email"] == account.email
    mail = smtp_sink.wait_for(new_address, "new email")
    link = next(link for link in smtp_sink.links(mail) if "verify-email" in link)
    assert (
        client.post("/api/auth/verify-email", json={"token": token_from(link)}).status_code == 200
    )
    assert client.get("/api/users/me", headers=account.bearer).json()["email"] == new_address
    assert login(client, new_address).status_code == 200


def test_sensitive_actions_leave_an_audit_trail(
    client: TestClient, smtp_sink, migrated_db_url
) -> None:
    account = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    login(client, account.email, "wrong-password-here")
    client.post("/api/users/me/api-keys", headers=account.bearer, json={"name": "ci"})
    with Session(engine_for(migrated_db_url)) as session:
        user = session.exec(select(User).where(User.email == account.email)).one()
        actions = {
            row.action for row in session.exec(select(AuditLog).where(AuditLog.user_id == user.id))
        }
    assert {
        "auth.register",
        "auth.email_verified",
        "auth.login",
        "auth.login_failed",
        "api_key.create",
    } <= actions


@pytest.mark.parametrize(
    "path", ["/api/users/me", "/api/users/me/sessions", "/api/users/me/api-keys"]
)
def test_account_endpoints_need_a_signed_in_caller(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401


def test_idle_and_expired_sessions_stop_working(
    client: TestClient, smtp_sink, migrated_db_url
) -> None:
    account = signed_up(client, smtp_sink)
    with Session(engine_for(migrated_db_url)) as session:
        user = session.exec(select(User).where(User.email == account.email)).one()
        row = session.exec(select(UserSession).where(UserSession.user_id == user.id)).one()
        row.last_activity = utcnow() - timedelta(hours=3)  # past the 2-hour idle timeout
        session.add(row)
        session.commit()
    answer = client.get("/api/users/me", headers=account.bearer)
    assert answer.status_code == 401 and "ended" in answer.json()["detail"]


def test_an_expired_access_token_is_refused(make_client, smtp_sink) -> None:
    client = make_client()
    account = signed_up(client, smtp_sink)
    claims = jwt.decode(account.access_token, options={"verify_signature": False})
    claims["exp"] = int((utcnow() - timedelta(minutes=1)).timestamp())
    secret = client.app.state.settings.jwt_secret
    stale = jwt.encode(claims, secret, algorithm="HS256")
    answer = client.get("/api/users/me", headers={"Authorization": f"Bearer {stale}"})
    assert answer.status_code == 401 and "expired" in answer.json()["detail"]


def test_password_reset_requests_are_rate_limited(client: TestClient) -> None:
    statuses = [
        client.post("/api/auth/forgot-password", json={"email": new_email()}).status_code
        for _ in range(6)
    ]
    assert statuses == [202] * 5 + [429]


def test_cookies_are_secure_when_the_app_is_served_over_https(make_client, smtp_sink) -> None:
    client = make_client(app_url="https://konduct.example.com")
    account = signed_up(client, smtp_sink)
    answer = login(client, account.email, session="cookie")
    for cookie in answer.headers.get_list("set-cookie"):
        assert "Secure" in cookie


def test_only_admins_set_the_team_password_policy(client: TestClient, smtp_sink) -> None:
    admin = signed_up(client, smtp_sink, role="ADMIN")
    member = signed_up(client, smtp_sink, role="USER")
    path = "/api/teams/current/password-policy"
    assert client.put(path, headers=member.bearer, json={"expiry_days": 90}).status_code == 403
    assert client.put(path, headers=admin.bearer, json={"expiry_days": 10}).status_code == 422
    assert client.put(path, headers=admin.bearer, json={"expiry_days": 90}).status_code == 200
    with Session(engine_for(client.app.state.settings.database_url)) as session:
        user = session.exec(select(User).where(User.email == admin.email)).one()
        user.password_changed_at = utcnow() - timedelta(days=91)
        session.add(user)
        session.commit()
    assert client.get("/api/users/me", headers=admin.bearer).json()["password_expired"] is True
    assert client.put(path, headers=admin.bearer, json={"expiry_days": None}).status_code == 200
    assert client.get("/api/users/me", headers=admin.bearer).json()["password_expired"] is False


def test_each_door_takes_only_its_own_kind_of_token(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    # An API token put into the cookie (with a forged CSRF pair) is refused...
    client.cookies.set("konduct_session", account.access_token)
    client.cookies.set("konduct_csrf", "forged")
    as_cookie = client.post(
        "/api/users/me/api-keys", json={"name": "x"}, headers={"X-CSRF-Token": "forged"}
    )
    assert as_cookie.status_code == 401
    client.cookies.clear()
    # ...and the web cookie's token is refused as a Bearer token.
    web = login(client, account.email, session="cookie")
    web_token = next(
        c.split(";")[0].split("=", 1)[1]
        for c in web.headers.get_list("set-cookie")
        if c.startswith("konduct_session=")
    )
    client.cookies.clear()
    bearer = client.get("/api/users/me", headers={"Authorization": f"Bearer {web_token}"})
    assert bearer.status_code == 401


def test_an_access_token_replaced_by_a_refresh_stops_working(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    rotated = client.post("/api/auth/refresh-token", json={"refresh_token": account.refresh_token})
    assert rotated.status_code == 200
    assert client.get("/api/users/me", headers=account.bearer).status_code == 401
    fresh = {"Authorization": f"Bearer {rotated.json()['access_token']}"}
    assert client.get("/api/users/me", headers=fresh).status_code == 200


def test_wrong_second_factor_codes_lock_the_account(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    setup = client.post("/api/users/me/mfa/setup", headers=account.bearer).json()
    totp = pyotp.TOTP(setup["secret"])
    client.post("/api/users/me/mfa/confirm", headers=account.bearer, json={"code": totp.now()})
    statuses = []
    for _ in range(3):  # fresh pending sign-ins do not give fresh tries
        step = login(client, account.email).json()
        if "mfa_token" not in step:
            statuses.append("locked")
            break
        for _ in range(2):
            statuses.append(
                client.post(
                    "/api/auth/login/mfa", json={"mfa_token": step["mfa_token"], "code": "000000"}
                ).status_code
            )
    assert "locked" in statuses or 429 in statuses
    smtp_sink.wait_for(account.email, "paused after failed")


def test_api_keys_and_two_factor_need_a_confirmed_address(client: TestClient, smtp_sink) -> None:
    newcomer = signed_up(client, smtp_sink, verify=False)
    key = client.post("/api/users/me/api-keys", headers=newcomer.bearer, json={"name": "x"})
    assert key.status_code == 403
    assert client.post("/api/users/me/mfa/setup", headers=newcomer.bearer).status_code == 403


def test_a_password_reset_revokes_api_keys(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    key = client.post("/api/users/me/api-keys", headers=account.bearer, json={"name": "x"})
    secret = key.json()["key"]
    token = token_from(reset_link(client, smtp_sink, account.email))
    client.post("/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD})
    assert client.get("/api/users/me", headers={"X-API-Key": secret}).status_code == 401


def test_verification_mails_are_limited_per_account(client: TestClient, smtp_sink) -> None:
    newcomer = signed_up(client, smtp_sink, verify=False)
    statuses = [
        client.post("/api/auth/resend-verification", headers=newcomer.bearer).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [202] * 5 and statuses[5] == 429


def test_signing_up_again_takes_as_long_as_signing_up(client: TestClient, smtp_sink) -> None:
    existing = signed_up(client, smtp_sink)

    def seconds(email: str) -> float:
        started = time.perf_counter()
        register(client, email)
        return time.perf_counter() - started

    again = sorted(seconds(existing.email) for _ in range(3))[1]
    fresh = sorted(seconds(new_email()) for _ in range(3))[1]
    assert again > fresh * 0.5  # both pay for one bcrypt computation
