"""Sign-up, verification and sign-in over REST, with mail read from a real SMTP server."""

import time

import pytest
from fastapi.testclient import TestClient

from tests.api.accounts_helpers import (
    PASSWORD,
    login,
    new_email,
    register,
    signed_up,
    token_from,
)


def test_sign_up_mails_a_single_use_verification_link(client: TestClient, smtp_sink) -> None:
    email = new_email()
    answer = register(client, email)
    assert answer.status_code == 202
    assert answer.json() == {
        "status": "verification_sent",
        "email": email,
        "detail": "Check your inbox: we sent a link to verify your email address.",
    }
    mail = smtp_sink.wait_for(email, "confirm your email")
    assert mail.get_body(preferencelist=("html",)) is not None
    link = next(link for link in smtp_sink.links(mail) if "/verify-email?token=" in link)

    account = login(client, email).json()["tokens"]
    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {account['access_token']}"})
    assert me.json()["email_verified"] is False
    # The sign-up role becomes the role in the person's own new team.
    assert me.json()["team"]["role"] == "ADMIN"
    assert me.json()["team"]["name"] == "Analytical Engines"

    assert (
        client.post("/api/auth/verify-email", json={"token": token_from(link)}).status_code == 200
    )
    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {account['access_token']}"})
    assert me.json()["email_verified"] is True

    reused = client.post("/api/auth/verify-email", json={"token": token_from(link)})
    assert reused.status_code == 422
    assert reused.json()["field"] == "token"


def test_signing_up_twice_answers_the_same_and_tells_the_owner(
    client: TestClient, smtp_sink
) -> None:
    email = new_email()
    first = register(client, email)
    second = register(client, email.upper(), password="another-long-passphrase-77")
    assert first.status_code == second.status_code == 202
    assert first.json() == second.json()
    smtp_sink.wait_for(email, "already have a konduct account")
    # The original password still works: nothing was overwritten.
    assert login(client, email).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "short"}, "password"),
        ({"password": "password123456"}, "password"),
        ({"password": "aaaaaaaaaaaaaaaa"}, "password"),
        ({"accept_terms": False}, "accept_terms"),
        ({"email": "not-an-address"}, "email"),
        ({"role": "OWNER"}, "role"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_sign_up_refuses_bad_input_by_field(client: TestClient, changes: dict, field: str) -> None:
    email = changes.pop("email", new_email())
    answer = register(client, email, **changes)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field


def test_any_characters_are_allowed_in_a_long_password(client: TestClient, smtp_sink) -> None:
    email = new_email()
    password = "Zürich 🚲 ñandú — 東京 sunrise"
    assert register(client, email, password=password).status_code == 202
    assert login(client, email, password).status_code == 200


def test_unknown_email_and_wrong_password_look_the_same(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    wrong = login(client, account.email, "definitely-not-the-password")
    unknown = login(client, new_email("nobody"), "definitely-not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    strip = lambda body: {k: v for k, v in body.items() if k != "instance"}  # noqa: E731
    assert strip(wrong.json()) == strip(unknown.json())


def test_unknown_email_takes_as_long_as_a_wrong_password(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)

    def median_seconds(email: str) -> float:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            login(client, email, "definitely-not-the-password")
            timings.append(time.perf_counter() - started)
        return sorted(timings)[1]

    known, unknown = median_seconds(account.email), median_seconds(new_email("ghost"))
    # Both pay for one bcrypt check; without the decoy the unknown one is ~100x faster.
    assert unknown > known * 0.5


def test_tokens_work_and_sign_out_ends_them(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    assert client.get("/api/users/me", headers=account.bearer).status_code == 200
    assert client.post("/api/auth/logout", headers=account.bearer).status_code == 204
    after = client.get("/api/users/me", headers=account.bearer)
    assert after.status_code == 401
    assert after.headers["WWW-Authenticate"].startswith("Bearer")


def test_refresh_rotates_and_a_reused_token_ends_the_session(client: TestClient, smtp_sink) -> None:
    account = signed_up(client, smtp_sink)
    first = client.post("/api/auth/refresh-token", json={"refresh_token": account.refresh_token})
    assert first.status_code == 200
    rotated = first.json()
    assert rotated["refresh_token"] != account.refresh_token
    assert (
        client.get(
            "/api/users/me", headers={"Authorization": f"Bearer {rotated['access_token']}"}
        ).status_code
        == 200
    )

    # The old token again: someone has a copy. The whole session ends.
    reused = client.post("/api/auth/refresh-token", json={"refresh_token": account.refresh_token})
    assert reused.status_code == 401
    assert "ended for safety" in reused.json()["detail"]
    assert (
        client.get(
            "/api/users/me", headers={"Authorization": f"Bearer {rotated['access_token']}"}
        ).status_code
        == 401
    )
    assert (
        client.post(
            "/api/auth/refresh-token", json={"refresh_token": rotated["refresh_token"]}
        ).status_code
        == 401
    )


@pytest.mark.parametrize(
    "header",
    [
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."},
        {"X-API-Key": "kdt_nope"},
        {},
    ],
)
def test_without_valid_credentials_everything_is_401(client: TestClient, header) -> None:
    answer = client.get("/api/users/me", headers=header)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_token_signed_with_another_secret_is_refused(make_client, smtp_sink) -> None:
    client = make_client()
    account = signed_up(client, smtp_sink)
    other = make_client(jwt_secret="x" * 48)
    assert other.get("/api/users/me", headers=account.bearer).status_code == 401


def test_repeated_failures_lock_the_account_and_mail_its_owner(
    client: TestClient, smtp_sink
) -> None:
    account = signed_up(client, smtp_sink)
    for _ in range(5):
        assert login(client, account.email, "wrong-password-again").status_code == 401
    locked = login(client, account.email, PASSWORD)  # even the right password waits
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 60
    smtp_sink.wait_for(account.email, "paused after failed")


def test_an_unknown_address_locks_the_same_way(client: TestClient) -> None:
    ghost = new_email("ghost")
    answers = [login(client, ghost, "whatever-password-1").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


def test_sign_in_is_rate_limited_per_address_of_origin(make_client, smtp_sink) -> None:
    client = make_client()
    statuses = [login(client, new_email(), "x" * 12).status_code for _ in range(11)]
    assert statuses[-1] == 429
    assert set(statuses[:10]) == {401}


def test_password_strength_meter_endpoint(client: TestClient) -> None:
    weak = client.post("/api/auth/password-strength", json={"password": "password123456"}).json()
    assert weak["acceptable"] is False and weak["score"] <= 1
    strong = client.post(
        "/api/auth/password-strength", json={"password": "amber-lantern-quietly-917"}
    ).json()
    assert strong["acceptable"] is True and strong["score"] >= 3
