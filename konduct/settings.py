"""The one place that reads the environment.

Every setting is a field of :class:`Settings`; the README's table is generated
from the same names. In development and tests, missing secrets are generated
once and kept in ``data/secrets.json`` (git-ignored) so sessions survive a
restart. With ``KONDUCT_ENV=production`` the app refuses to start on a missing
or placeholder secret, or on a SQLite database.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from konduct.domain.rate_limits import parse_limit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_SQLITE_URL = f"sqlite:///{DATA_DIR / 'konduct.db'}"

SECRET_FIELDS = ("jwt_secret", "jwt_refresh_secret", "session_secret")
# Values that ship in examples and docs: never acceptable in production.
PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "dev", "development", "test"}
MIN_SECRET_LENGTH = 32


class SettingsError(RuntimeError):
    """The environment cannot run Konduct as configured; the message says why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=PROJECT_ROOT / ".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    konduct_env: Literal["development", "test", "production"] = "development"

    # Storage
    database_url: str = DEFAULT_SQLITE_URL
    redis_url: str | None = None
    # Namespace for Konduct's own Redis keys (rate limits, counters), so that several
    # deployments or test runs can share one Redis without counting each other's traffic.
    redis_key_prefix: str = Field(default="konduct", pattern=r"^[A-Za-z0-9_.:-]{1,64}$")

    # Secrets (generated locally outside production)
    jwt_secret: str = ""
    jwt_refresh_secret: str = ""
    session_secret: str = Field(
        default="", validation_alias=AliasChoices("SESSION_SECRET", "NEXTAUTH_SECRET")
    )

    # Where the server listens, and where people reach it
    host: str = "127.0.0.1"
    port: int = Field(default=3000, ge=1, le=65535)
    app_url: str = Field(
        default="",
        validation_alias=AliasChoices("APP_URL", "NEXT_PUBLIC_APP_URL", "NEXTAUTH_URL"),
    )
    api_url: str = Field(
        default="", validation_alias=AliasChoices("API_URL", "NEXT_PUBLIC_API_URL")
    )

    # Billing (offline mode when the key is empty)
    stripe_secret_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str = ""  # another Stripe API address (tests: a local server); "" = Stripe's

    # Mail (dev outbox when SMTP_HOST is empty)
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "Konduct <no-reply@konduct.localhost>"
    smtp_starttls: bool = True

    # Analytics
    ga_measurement_id: str = ""

    # Konduct's own people: staff (comma-separated addresses) may open the admin pages
    # (demo/contact requests, site analytics); sales and support receive the site's requests.
    staff_emails: str = ""
    sales_email: str = "sales@konduct.localhost"
    support_email: str = "support@konduct.localhost"

    # REST API guard rails
    api_rate_limit: str = "120/minute"
    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    # "Test URL" may fetch private-network addresses (an intranet, or the test suite).
    url_check_allow_internal: bool = False
    # How many reverse proxies we run in front of the app (0: ignore X-Forwarded-For).
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)

    # GET /metrics (Prometheus): served to callers on these networks that came through no
    # proxy, or to anyone presenting ``Authorization: Bearer <METRICS_TOKEN>``.
    metrics_token: str = ""
    metrics_networks: str = "127.0.0.0/8,::1/128"

    def is_staff(self, email: str) -> bool:
        staff = {address.strip().lower() for address in self.staff_emails.split(",")}
        return email.strip().lower() in staff - {""}

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, url: str) -> str:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    @field_validator("api_rate_limit")
    @classmethod
    def _readable_limit(cls, text: str) -> str:
        parse_limit(text)  # raises with the offending text
        return text

    @field_validator("metrics_networks")
    @classmethod
    def _readable_networks(cls, text: str) -> str:
        for part in text.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # raises naming the part
        return text

    @property
    def metrics_allowed_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [
            ipaddress.ip_network(part.strip(), strict=False)
            for part in self.metrics_networks.split(",")
            if part.strip()
        ]

    @field_validator("redis_url", mode="before")
    @classmethod
    def _blank_redis_is_none(cls, url: str | None) -> str | None:
        return url or None

    @model_validator(mode="after")
    def _fill_and_check(self) -> Settings:
        if not self.app_url:
            self.app_url = f"http://localhost:{self.port}"
        self.app_url = self.app_url.rstrip("/")
        if self.is_production:
            self._refuse_unsafe_production()
        else:
            self._fill_local_secrets()
        return self

    @property
    def is_production(self) -> bool:
        return self.konduct_env == "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def allowed_origins(self) -> list[str]:
        """Origins that may open the app's websocket and call the API from a browser.

        A local address is reachable as localhost, 127.0.0.1 and [::1]; all three
        are the same machine, so all three are allowed.
        """
        origins = [self.app_url]
        for local in ("localhost", "127.0.0.1", "[::1]"):
            if f"://{local}" in self.app_url:
                origins += [
                    self.app_url.replace(f"://{local}", f"://{other}")
                    for other in ("localhost", "127.0.0.1", "[::1]")
                    if other != local
                ]
        return origins

    @property
    def stripe_offline(self) -> bool:
        return not self.stripe_secret_key

    def _refuse_unsafe_production(self) -> None:
        problems = []
        for name in SECRET_FIELDS:
            value = getattr(self, name)
            if value.strip().lower() in PLACEHOLDER_SECRETS or len(value) < MIN_SECRET_LENGTH:
                problems.append(
                    f"{name.upper()} is missing or a placeholder "
                    f"(use at least {MIN_SECRET_LENGTH} random characters)"
                )
        if self.is_sqlite:
            problems.append("DATABASE_URL points at SQLite; production needs PostgreSQL")
        if not self.app_url.startswith("https://"):
            # Secure cookies and HSTS-grade links need it; TLS ends at the proxy in front.
            problems.append("APP_URL must be the public https:// address")
        token = self.metrics_token
        if token and (token.strip().lower() in PLACEHOLDER_SECRETS or len(token) < 24):
            problems.append("METRICS_TOKEN is a placeholder (use at least 24 random characters)")
        if self.stripe_secret_key and not self.stripe_webhook_secret:
            problems.append("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set")
        if problems:
            raise SettingsError(
                "Refusing to start with KONDUCT_ENV=production:\n- " + "\n- ".join(problems)
            )

    def _fill_local_secrets(self) -> None:
        missing = [name for name in SECRET_FIELDS if not getattr(self, name)]
        if not missing:
            return
        kept = _load_or_create_local_secrets()
        for name in missing:
            setattr(self, name, kept[name])


def _load_or_create_local_secrets() -> dict[str, str]:
    """Secrets for development, created once per checkout and kept out of git."""
    path = DATA_DIR / "secrets.json"
    kept: dict[str, str] = {}
    if path.exists():
        kept = json.loads(path.read_text())
    if all(kept.get(name) for name in SECRET_FIELDS):
        return kept
    for name in SECRET_FIELDS:
        kept.setdefault(name, secrets.token_urlsafe(48))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(kept, indent=2))
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return kept


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
