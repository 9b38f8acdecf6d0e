"""Password policy, session lifetimes, lockout backoff and token helpers."""

from datetime import UTC, datetime, timedelta

import pytest

from konduct.domain.passwords import (
    MAX_LENGTH,
    context_words,
    normalize_password,
    password_problems,
    strength,
)
from konduct.domain.sessions import SessionPolicy, SessionStatus, lock_duration, session_status
from konduct.domain.tokens import (
    api_key_prefix,
    new_api_key,
    new_token,
    normalize_recovery_code,
    recovery_code,
    same_secret,
    token_digest,
)

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("elevenchars", "at least 12"),
        ("x" * (MAX_LENGTH + 1), "at most 128"),
        ("password1234", "commonly used"),
        ("qwertyuiopasdf", "too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
        ("adalovelace1", "email or name"),
    ],
)
def test_refused_passwords_say_why(password: str, reason: str) -> None:
    problems = password_problems(
        password, context=context_words("ada.lovelace@example.com", "Ada Lovelace")
    )
    assert problems and reason in problems[0].reason
    assert problems[0].field == "password"


@pytest.mark.parametrize(
    "password",
    [
        "amber-lantern-quietly-917",
        "correct horse battery staple",
        "Zürich 🚲 ñandú sunrise",
        "the quiet fox filed 9 tax returns on a rainy tuesday in lisbon "
        "while an owl counted stars above porto harbour at dawn",  # 118 characters
    ],
)
def test_long_unusual_passwords_are_accepted_without_composition_rules(password: str) -> None:
    assert password_problems(password) == []


def test_normalisation_makes_equivalent_text_equal() -> None:
    assert normalize_password("ﬁle-cabinet-number-nine") == normalize_password(
        "file-cabinet-number-nine"
    )


def test_strength_rises_with_unpredictability() -> None:
    assert strength("").score == 0
    assert strength("password").score < strength("amber-lantern-quietly-917").score
    assert strength("amber-lantern-quietly-917").label in ("Strong", "Very strong")


def status(**changes) -> SessionStatus:
    values = {
        "now": NOW,
        "last_activity": NOW - timedelta(minutes=5),
        "absolute_expires_at": NOW + timedelta(hours=1),
        "revoked_at": None,
        "remember_me": False,
        "policy": SessionPolicy(),
    }
    return session_status(**{**values, **changes})


def test_session_lifecycle() -> None:
    assert status() is SessionStatus.ACTIVE
    assert status(last_activity=NOW - timedelta(hours=3)) is SessionStatus.IDLE
    assert status(last_activity=NOW - timedelta(hours=3), remember_me=True) is SessionStatus.ACTIVE
    assert status(absolute_expires_at=NOW) is SessionStatus.EXPIRED
    assert status(revoked_at=NOW - timedelta(seconds=1)) is SessionStatus.REVOKED


def test_remember_me_lasts_longer_than_a_browser_session() -> None:
    policy = SessionPolicy()
    assert policy.absolute_expiry(NOW, True) - NOW == timedelta(days=30)
    assert policy.absolute_expiry(NOW, False) - NOW == timedelta(hours=12)


def test_lockout_backoff_doubles_and_is_capped() -> None:
    assert [lock_duration(n).total_seconds() / 60 for n in range(1, 7)] == [5, 10, 20, 40, 80, 120]
    assert lock_duration(50) == timedelta(hours=2)


def test_tokens_and_keys() -> None:
    token = new_token()
    assert len(token) >= 43 and token != new_token()
    assert len(token_digest(token)) == 64 and token_digest(token) == token_digest(token)
    assert same_secret("abc", "abc") and not same_secret("abc", "abd")
    key = new_api_key()
    assert key.startswith("kdt_") and api_key_prefix(key) == key[:12]


def test_recovery_codes_are_typable() -> None:
    code = recovery_code()
    assert len(code) == 14 and code.count("-") == 2
    assert not set(code) & set("01ilo")
    assert normalize_recovery_code(code.upper().replace("-", " ")) == code


@pytest.mark.parametrize(
    ("asked", "followed"),
    [
        ("/settings/security", "/settings/security"),
        ("/campaigns?status=ACTIVE", "/campaigns?status=ACTIVE"),
        ("//evil.example/x", "/dashboard"),
        ("/\t/evil.example", "/dashboard"),
        ("/\n/evil.example", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("https://evil.example", "/dashboard"),
        ("", "/dashboard"),
        (None, "/dashboard"),
    ],
)
def test_only_paths_on_this_site_are_followed_after_sign_in(asked, followed) -> None:
    from konduct.domain.navigation import safe_next

    assert safe_next(asked) == followed
