"""Short verbs for account tests: sign up, read the mail, verify, sign in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.plan_helpers import put_on_plan

PASSWORD = "amber-lantern-quietly-917"
NEW_PASSWORD = "velvet-orchard-midnight-204"


def new_email(tag: str = "user") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def token_from(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


@dataclass
class Account:
    email: str
    password: str
    access_token: str = ""
    refresh_token: str = ""

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def register(client: TestClient, email: str, password: str = PASSWORD, **extra):
    body = {
        "email": email,
        "password": password,
        "full_name": extra.pop("full_name", "Ada Lovelace"),
        "company": extra.pop("company", "Analytical Engines"),
        "role": extra.pop("role", "ADMIN"),
        "accept_terms": extra.pop("accept_terms", True),
        **extra,
    }
    return client.post("/api/auth/register", json=body)


def login(client: TestClient, email: str, password: str = PASSWORD, **extra):
    return client.post("/api/auth/login", json={"email": email, "password": password, **extra})


def signed_up(
    client: TestClient, smtp_sink, *, verify: bool = True, plan: Plan | None = None, **extra
) -> Account:
    """A fresh account, verified unless asked not to, signed in with tokens; its team on
    ``plan`` when given (new teams are on Free)."""
    email = new_email()
    assert register(client, email, **extra).status_code == 202
    if plan is not None:
        put_on_plan(client.app.state.settings.database_url, email, plan)
    if verify:
        mail = smtp_sink.wait_for(email, "confirm your email")
        link = next(link for link in smtp_sink.links(mail) if "verify-email" in link)
        answer = client.post("/api/auth/verify-email", json={"token": token_from(link)})
        assert answer.status_code == 200, answer.text
    answer = login(client, email)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()["tokens"]
    return Account(email, PASSWORD, tokens["access_token"], tokens["refresh_token"])
