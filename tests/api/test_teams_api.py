"""Teams over REST: invitations by mail, joining, roles, deactivation, removal, the team
switcher, usage and the monthly report; every endpoint for every role, and team isolation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from konduct.db import engine_for, session_scope
from konduct.domain.enums import Plan
from konduct.domain.months import month_start
from konduct.services.team_usage import send_monthly_reports
from konduct.settings import PROJECT_ROOT
from tests.api.accounts_helpers import (
    PASSWORD,
    Account,
    login,
    new_email,
    register,
    signed_up,
    token_from,
)
from tests.api.test_campaigns_api import campaign_body
from tests.api.test_plan_limits_api import BASIC_TARGETING, assert_plan_problem


def invite(client: TestClient, admin: Account, email: str, role: str = "MEMBER"):
    return client.post(
        "/api/teams/invite", json={"email": email, "role": role}, headers=admin.bearer
    )


def invite_token(smtp_sink, email: str) -> str:
    mail = smtp_sink.wait_for(email, "invited you")
    return token_from(next(link for link in smtp_sink.links(mail) if "/invite?" in link))


def account_for(
    client: TestClient, email: str, *, role: str = "USER", verify: bool = False
) -> Account:
    """An account with this very address (as an invitee makes one)."""
    answer = register(client, email, role=role, full_name="Grace Hopper", company="Navy Labs")
    assert answer.status_code == 202
    tokens = login(client, email).json()["tokens"]
    return Account(email, PASSWORD, tokens["access_token"], tokens["refresh_token"])


def joined(client: TestClient, smtp_sink, admin: Account, role: str = "MEMBER") -> Account:
    email = new_email("member")
    assert invite(client, admin, email, role).status_code == 201
    token = invite_token(smtp_sink, email)
    member = account_for(client, email)
    answer = client.post("/api/teams/invite/accept", json={"token": token}, headers=member.bearer)
    assert answer.status_code == 200, answer.text
    return member


def member_id(client: TestClient, admin: Account, email: str) -> str:
    items = client.get("/api/teams/members", headers=admin.bearer).json()["items"]
    return next(m["id"] for m in items if m["email"] == email)


@pytest.fixture
def admin(client: TestClient, smtp_sink) -> Account:
    return signed_up(client, smtp_sink, role="ADMIN", plan=Plan.PROFESSIONAL)


def test_an_invited_person_registers_joins_and_sees_the_team_campaigns(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    campaign = client.post(
        "/api/campaigns", json=campaign_body(name="Team launch"), headers=admin.bearer
    ).json()
    email = new_email("invitee")
    answer = invite(client, admin, email, "MANAGER")
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "INVITED" and answer.json()["email"] == email
    token = invite_token(smtp_sink, email)

    preview = client.post("/api/teams/invite/preview", json={"token": token})
    assert preview.status_code == 200
    assert preview.json()["team_name"] == "Analytical Engines"
    assert preview.json()["role"] == "MANAGER" and preview.json()["email"] == email

    invitee = account_for(client, email)  # registers with the invited address
    joined_team = client.post(
        "/api/teams/invite/accept", json={"token": token}, headers=invitee.bearer
    )
    assert joined_team.status_code == 200, joined_team.text
    assert joined_team.json()["current"] is True and joined_team.json()["role"] == "MANAGER"

    me = client.get("/api/users/me", headers=invitee.bearer).json()
    assert me["team"]["name"] == "Analytical Engines" and me["team"]["role"] == "MANAGER"
    assert me["email_verified"] is True  # the invite link proved the mailbox
    listed = client.get("/api/campaigns", headers=invitee.bearer).json()
    assert [c["campaign_id"] for c in listed["items"]] == [campaign["campaign_id"]]
    # The link works once.
    again = client.post("/api/teams/invite/accept", json={"token": token}, headers=invitee.bearer)
    assert again.status_code == 422 and again.json()["field"] == "token"


def test_invitation_links_are_for_their_address_and_cannot_be_forged(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    email = new_email("invitee")
    invite(client, admin, email)
    token = invite_token(smtp_sink, email)
    someone_else = signed_up(client, smtp_sink)
    answer = client.post(
        "/api/teams/invite/accept", json={"token": token}, headers=someone_else.bearer
    )
    assert answer.status_code == 422 and email in answer.json()["errors"][0]["reason"]
    forged = token.rsplit(".", 1)[0] + ".Zm9yZ2Vk"
    assert client.post("/api/teams/invite/preview", json={"token": forged}).status_code == 422
    assert (
        client.post("/api/teams/invite/preview", json={"token": "nonsense-token"}).status_code
        == 422
    )
    # Inviting again sends a new link and retires the first one.
    smtp_sink.clear()
    assert invite(client, admin, email).status_code == 201
    fresh = invite_token(smtp_sink, email)
    assert fresh != token
    assert client.post("/api/teams/invite/preview", json={"token": token}).status_code == 422
    assert client.post("/api/teams/invite/preview", json={"token": fresh}).status_code == 200
    # Accepting needs a signed-in caller.
    assert client.post("/api/teams/invite/accept", json={"token": fresh}).status_code == 401


def test_inviting_refuses_members_and_bad_input(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    assert invite(client, admin, admin.email).status_code == 409  # already a member
    bad = invite(client, admin, "not-an-address")
    assert bad.status_code == 422 and bad.json()["field"] == "email"
    odd = client.post(
        "/api/teams/invite", json={"email": new_email(), "role": "OWNER"}, headers=admin.bearer
    )
    assert odd.status_code == 422 and odd.json()["field"] == "role"
    extra = client.post(
        "/api/teams/invite", json={"email": new_email(), "admin": True}, headers=admin.bearer
    )
    assert extra.status_code == 422


def test_free_teams_have_no_members_and_professional_has_five_seats(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    free = signed_up(client, smtp_sink, role="ADMIN")
    assert_plan_problem(invite(client, free, new_email()), "team_members")
    for _ in range(4):  # the admin plus four invitations fill five seats
        assert invite(client, admin, new_email()).status_code == 201
    assert_plan_problem(invite(client, admin, new_email()), "team_members", upgrade_to="ENTERPRISE")
    # Withdrawing an invitation frees its seat.
    page = client.get("/api/teams/members", headers=admin.bearer).json()
    invited = next(m for m in page["items"] if m["status"] == "INVITED")
    assert (
        client.delete(f"/api/teams/members/{invited['id']}", headers=admin.bearer).status_code
        == 204
    )
    assert invite(client, admin, new_email()).status_code == 201


def test_members_list_is_paginated_and_ordered(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    for _ in range(3):
        invite(client, admin, new_email())
    first = client.get("/api/teams/members", params={"limit": 2}, headers=admin.bearer).json()
    assert first["total"] == 4 and len(first["items"]) == 2 and first["limit"] == 2
    assert first["items"][0]["email"] == admin.email and first["items"][0]["role"] == "ADMIN"
    rest = client.get(
        "/api/teams/members", params={"limit": 2, "offset": 2}, headers=admin.bearer
    ).json()
    assert len(rest["items"]) == 2 and {m["status"] for m in rest["items"]} == {"INVITED"}
    assert (
        client.get("/api/teams/members", params={"limit": 500}, headers=admin.bearer).status_code
        == 422
    )


@pytest.mark.parametrize("role", ["MEMBER", "MANAGER"])
def test_only_admins_invite_change_and_remove(
    client: TestClient, smtp_sink, admin: Account, role: str
) -> None:
    person = joined(client, smtp_sink, admin, role)
    other = joined(client, smtp_sink, admin)
    other_id = member_id(client, admin, other.email)
    # Everyone in the team sees its people.
    listed = client.get("/api/teams/members", headers=person.bearer)
    assert listed.status_code == 200 and listed.json()["total"] == 3
    forbidden = [
        invite(client, person, new_email()),
        client.put(f"/api/teams/members/{other_id}", json={"role": "ADMIN"}, headers=person.bearer),
        client.delete(f"/api/teams/members/{other_id}", headers=person.bearer),
    ]
    for answer in forbidden:
        assert answer.status_code == 403 and answer.json()["type"] == "/problems/forbidden"
    usage = client.get("/api/teams/usage", headers=person.bearer)
    assert usage.status_code == (200 if role == "MANAGER" else 403)


def test_admins_set_roles_deactivate_reactivate_and_remove(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    member = joined(client, smtp_sink, admin)
    mid = member_id(client, admin, member.email)
    promoted = client.put(
        f"/api/teams/members/{mid}", json={"role": "MANAGER"}, headers=admin.bearer
    )
    assert promoted.status_code == 200 and promoted.json()["role"] == "MANAGER"
    me = client.get("/api/users/me", headers=member.bearer).json()
    assert me["team"]["role"] == "MANAGER"

    off = client.put(f"/api/teams/members/{mid}", json={"status": "INACTIVE"}, headers=admin.bearer)
    assert off.status_code == 200 and off.json()["status"] == "INACTIVE"
    # Deactivated: back in their own team, the old team's campaigns out of reach.
    me = client.get("/api/users/me", headers=member.bearer).json()
    assert me["team"]["name"] != "Analytical Engines"
    switch = client.post(
        "/api/teams/switch", json={"team_id": promoted.json()["id"]}, headers=member.bearer
    )
    assert switch.status_code == 404
    on = client.put(f"/api/teams/members/{mid}", json={"status": "ACTIVE"}, headers=admin.bearer)
    assert on.status_code == 200 and on.json()["status"] == "ACTIVE"
    invalid = client.put(
        f"/api/teams/members/{mid}", json={"status": "INVITED"}, headers=admin.bearer
    )
    assert invalid.status_code == 422

    assert client.delete(f"/api/teams/members/{mid}", headers=admin.bearer).status_code == 204
    emails = [
        m["email"] for m in client.get("/api/teams/members", headers=admin.bearer).json()["items"]
    ]
    assert member.email not in emails
    assert client.delete(f"/api/teams/members/{mid}", headers=admin.bearer).status_code == 404


def test_a_team_keeps_its_last_admin(client: TestClient, smtp_sink, admin: Account) -> None:
    mine = member_id(client, admin, admin.email)
    for change in ({"role": "MEMBER"}, {"status": "INACTIVE"}):
        answer = client.put(f"/api/teams/members/{mine}", json=change, headers=admin.bearer)
        assert answer.status_code == 409 and "admin" in answer.json()["detail"]
    assert client.delete(f"/api/teams/members/{mine}", headers=admin.bearer).status_code == 409
    # With a second admin, the first may step down.
    second = joined(client, smtp_sink, admin)
    sid = member_id(client, admin, second.email)
    client.put(f"/api/teams/members/{sid}", json={"role": "ADMIN"}, headers=admin.bearer)
    stepped = client.put(
        f"/api/teams/members/{mine}", json={"role": "MEMBER"}, headers=admin.bearer
    )
    assert stepped.status_code == 200


def test_another_team_cannot_see_or_change_our_members(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    member = joined(client, smtp_sink, admin)
    mid = member_id(client, admin, member.email)
    stranger = signed_up(client, smtp_sink, role="ADMIN", plan=Plan.PROFESSIONAL)
    theirs = client.get("/api/teams/members", headers=stranger.bearer).json()
    assert [m["email"] for m in theirs["items"]] == [stranger.email]
    assert (
        client.put(
            f"/api/teams/members/{mid}", json={"role": "ADMIN"}, headers=stranger.bearer
        ).status_code
        == 404
    )
    assert client.delete(f"/api/teams/members/{mid}", headers=stranger.bearer).status_code == 404
    assert client.get("/api/teams/members", headers=admin.bearer).json()["total"] == 2
    team_a = client.get("/api/users/me", headers=admin.bearer).json()["team"]["id"]
    answer = client.post("/api/teams/switch", json={"team_id": team_a}, headers=stranger.bearer)
    assert answer.status_code == 404


def test_an_invitation_does_not_tell_whether_the_address_has_an_account(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    """Until they join, an invited person with an account looks like one without."""
    existing = account_for(client, new_email("known"))
    unknown = new_email("unknown")
    answers = [invite(client, admin, existing.email).json(), invite(client, admin, unknown).json()]
    listed = client.get("/api/teams/members", headers=admin.bearer).json()["items"]
    pending = [m for m in listed if m["email"] in (existing.email, unknown)]
    for member in answers + pending:
        assert member["status"] == "INVITED"
        assert member["full_name"] is None and member["user_id"] is None, member
    assert len(pending) == 2


def test_the_team_switcher_changes_the_current_team_for_every_door(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    client.post("/api/campaigns", json=campaign_body(name="Admin's"), headers=admin.bearer)
    member = joined(client, smtp_sink, admin)
    teams = client.get("/api/teams", headers=member.bearer).json()
    assert len(teams) == 2
    current = next(t for t in teams if t["current"])
    own = next(t for t in teams if not t["current"])
    assert current["name"] == "Analytical Engines"
    assert client.get("/api/campaigns", headers=member.bearer).json()["total"] == 1
    switched = client.post("/api/teams/switch", json={"team_id": own["id"]}, headers=member.bearer)
    assert switched.status_code == 200 and switched.json()["current"] is True
    assert client.get("/api/campaigns", headers=member.bearer).json()["total"] == 0
    assert client.get("/api/users/me", headers=member.bearer).json()["team"]["id"] == own["id"]
    bad = client.post("/api/teams/switch", json={"team_id": "nope"}, headers=member.bearer)
    assert bad.status_code == 422 and bad.json()["field"] == "team_id"


def test_api_keys_act_in_their_own_team_and_die_with_the_membership(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    member = joined(client, smtp_sink, admin)
    # Verified by the invite link; the key belongs to the joined (Professional) team.
    key = client.post("/api/users/me/api-keys", headers=member.bearer, json={"name": "sync"})
    assert key.status_code == 201, key.text
    headers = {"X-API-Key": key.json()["key"]}
    teams = client.get("/api/teams", headers=member.bearer).json()
    own = next(t for t in teams if not t["current"])
    client.post("/api/teams/switch", json={"team_id": own["id"]}, headers=member.bearer)
    me = client.get("/api/users/me", headers=headers).json()
    assert me["team"]["name"] == "Analytical Engines"  # the key's team, not the current one
    mid = member_id(client, admin, member.email)
    client.delete(f"/api/teams/members/{mid}", headers=admin.bearer)
    assert client.get("/api/users/me", headers=headers).status_code == 401


def test_usage_counts_campaigns_links_and_api_calls_per_member(
    client: TestClient, smtp_sink, admin: Account
) -> None:
    member = joined(client, smtp_sink, admin, "MANAGER")
    for account, n in ((admin, 2), (member, 1)):
        for i in range(n):
            campaign = client.post(
                "/api/campaigns",
                json=campaign_body(name=f"{account.email} {i}", targeting=BASIC_TARGETING),
                headers=account.bearer,
            ).json()
    link = client.post(
        f"/api/campaigns/{campaign['id']}/utm",
        json={"url": "https://www.example.com/", "medium": "cpc", "creative": "hero"},
        headers=member.bearer,
    )
    assert link.status_code == 201, link.text
    usage = client.get("/api/teams/usage", headers=admin.bearer)
    assert usage.status_code == 200
    body = usage.json()
    assert body["plan"] == "PROFESSIONAL" and body["campaigns"] == 3 and body["links"] == 1
    assert body["seats_taken"] == 2 and body["seats_cap"] == 5 and body["over_limit"] == []
    by_email = {m["email"]: m for m in body["members"]}
    assert by_email[admin.email]["campaigns"] == 2 and by_email[member.email]["campaigns"] == 1
    assert by_email[member.email]["links"] == 1
    assert len(body["months"]) == 6 and body["months"][-1]["campaigns"] == 3


def test_the_monthly_usage_report_mails_each_admin_once(
    client: TestClient, smtp_sink, admin: Account, migrated_db_url: str
) -> None:
    client.post("/api/campaigns", json=campaign_body(name="Reported"), headers=admin.bearer)
    settings = client.app.state.settings
    month = month_start(datetime.now(UTC))
    for _ in range(2):  # a scheduler that runs twice sends the report once
        with session_scope(engine_for(migrated_db_url)) as session:
            send_monthly_reports(session, settings=settings, month=month)
    mail = smtp_sink.wait_for(admin.email, "your Konduct usage")
    text = mail.get_body(("plain",)).get_content()
    assert "Campaigns created: 1" in text and "/settings/team" in text
    time.sleep(0.3)
    reports = [
        m
        for m in smtp_sink.messages
        if admin.email in str(m["To"]) and "usage" in str(m["Subject"])
    ]
    assert len(reports) == 1


def test_two_report_runs_at_once_send_the_report_once(
    client: TestClient, smtp_sink, admin: Account, migrated_db_url: str
) -> None:
    """Both runs start before either has committed: the first claims the month per team."""
    client.post("/api/campaigns", json=campaign_body(name="Twice"), headers=admin.bearer)
    settings = client.app.state.settings
    month = month_start(datetime(2026, 6, 1, tzinfo=UTC))
    engine = engine_for(migrated_db_url)
    with session_scope(engine) as first, session_scope(engine) as second:
        send_monthly_reports(first, settings=settings, month=month)
        send_monthly_reports(second, settings=settings, month=month)
    smtp_sink.wait_for(admin.email, "your Konduct usage")
    time.sleep(0.3)
    june = [
        m
        for m in smtp_sink.messages
        if admin.email in str(m["To"]) and "June 2026" in m.get_body(("plain",)).get_content()
    ]
    assert len(june) == 1


def test_free_teams_get_no_usage_report_and_the_cli_runs_it(
    client: TestClient, smtp_sink, migrated_db_url: str, redis_url: str, rate_limit_prefix: str
) -> None:
    free = signed_up(client, smtp_sink, role="ADMIN")
    pro = signed_up(client, smtp_sink, role="ADMIN", plan=Plan.PROFESSIONAL)
    env = {
        **os.environ,
        "KONDUCT_ENV": "test",
        "DATABASE_URL": migrated_db_url,
        "REDIS_URL": redis_url,
        "REDIS_KEY_PREFIX": rate_limit_prefix,
        "SMTP_HOST": smtp_sink.host,
        "SMTP_PORT": str(smtp_sink.port),
        "SMTP_STARTTLS": "false",
    }
    month = datetime.now(UTC).strftime("%Y-%m")
    done = subprocess.run(
        [sys.executable, "-m", "konduct", "usage-report", "--month", month],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage reports for" in done.stdout
    smtp_sink.wait_for(pro.email, "your Konduct usage", timeout=20)
    assert not any(
        free.email in str(m["To"]) and "usage" in str(m["Subject"]) for m in smtp_sink.messages
    )
    wrong = subprocess.run(
        [sys.executable, "-m", "konduct", "usage-report", "--month", "someday"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wrong.returncode == 2 and "not a month" in wrong.stderr
