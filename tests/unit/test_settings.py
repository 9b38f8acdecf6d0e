"""Settings: local secrets in development, refusal of unsafe production settings."""

import json

import pytest

from konduct import settings as settings_module
from konduct.settings import Settings, SettingsError

GOOD_SECRET = "k" * 48


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No .env, no inherited variables, secrets written to a temporary data folder."""
    for name in (
        "KONDUCT_ENV",
        "DATABASE_URL",
        "REDIS_URL",
        "JWT_SECRET",
        "JWT_REFRESH_SECRET",
        "SESSION_SECRET",
        "NEXTAUTH_SECRET",
        "APP_URL",
        "NEXT_PUBLIC_APP_URL",
        "NEXTAUTH_URL",
        "PORT",
        "API_RATE_LIMIT",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings_module, "DATA_DIR", tmp_path)
    monkeypatch.setitem(Settings.model_config, "env_file", None)
    return tmp_path


def production(**overrides) -> Settings:
    values = {
        "konduct_env": "production",
        "database_url": "postgresql://konduct@db:5432/konduct",
        "app_url": "https://konduct.example.com",
        "jwt_secret": GOOD_SECRET,
        "jwt_refresh_secret": GOOD_SECRET + "r",
        "session_secret": GOOD_SECRET + "s",
        **overrides,
    }
    return Settings(**values)


def test_development_generates_secrets_once_and_keeps_them(isolated) -> None:
    first = Settings()
    second = Settings()
    assert len(first.jwt_secret) >= 32
    assert first.jwt_secret == second.jwt_secret
    assert first.jwt_secret != first.jwt_refresh_secret != first.session_secret
    kept = json.loads((isolated / "secrets.json").read_text())
    assert kept["jwt_secret"] == first.jwt_secret
    assert (isolated / "secrets.json").stat().st_mode & 0o077 == 0  # owner-only


def test_given_secrets_win_over_generated_ones() -> None:
    assert Settings(jwt_secret="from-the-environment").jwt_secret == "from-the-environment"


def test_production_accepts_complete_settings() -> None:
    assert production().is_production


@pytest.mark.parametrize("secret", ["", "change-me", "secret", "short-but-not-placeholder"])
def test_production_refuses_weak_secrets(secret: str) -> None:
    with pytest.raises(SettingsError, match="JWT_SECRET"):
        production(jwt_secret=secret)


def test_production_needs_an_https_address() -> None:
    with pytest.raises(SettingsError, match="APP_URL"):
        production(app_url="http://konduct.example.com")


def test_production_refuses_sqlite() -> None:
    with pytest.raises(SettingsError, match="SQLite"):
        production(database_url="sqlite:///data/konduct.db")


def test_production_needs_the_webhook_secret_with_a_stripe_key() -> None:
    with pytest.raises(SettingsError, match="STRIPE_WEBHOOK_SECRET"):
        production(stripe_secret_key="sk_live_x")


def test_production_does_not_write_local_secrets(isolated) -> None:
    with pytest.raises(SettingsError):
        production(jwt_secret="")
    assert not (isolated / "secrets.json").exists()


def test_postgres_urls_use_psycopg3(monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h:5432/db")
    assert Settings().database_url == "postgresql+psycopg://u@h:5432/db"


def test_spec_names_are_accepted_as_aliases(monkeypatch) -> None:
    monkeypatch.setenv("NEXT_PUBLIC_APP_URL", "https://konduct.example.com/")
    monkeypatch.setenv("NEXTAUTH_SECRET", "n" * 40)
    configured = Settings()
    assert configured.app_url == "https://konduct.example.com"
    assert configured.session_secret == "n" * 40


def test_app_url_follows_the_port(monkeypatch) -> None:
    monkeypatch.setenv("PORT", "8080")
    configured = Settings()
    assert configured.app_url == "http://localhost:8080"
    assert set(configured.allowed_origins) == {
        "http://localhost:8080",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
    }


def test_a_public_app_url_allows_only_itself() -> None:
    assert Settings(app_url="https://konduct.example.com").allowed_origins == [
        "https://konduct.example.com"
    ]


def test_a_mistyped_rate_limit_is_refused_at_start(monkeypatch) -> None:
    monkeypatch.setenv("API_RATE_LIMIT", "lots")
    with pytest.raises(ValueError, match="not a rate limit"):
        Settings()
