"""Usage statistics per team and per member, and the monthly usage report by mail.

Campaigns and tracking links are counted from the database (who made them,
when); API calls from the per-member counters of ``api_quota``. A month is a
calendar month in UTC, as for the plan quotas.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy import event, func
from sqlmodel import Session, select

from konduct.domain.enums import MemberStatus, Plan, TeamRole
from konduct.domain.errors import NotFound
from konduct.domain.months import last_months, month_key, month_start, next_month_start
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, limits_for
from konduct.models import Campaign, Team, TeamMember, User, UtmLink
from konduct.models.base import utcnow
from konduct.models.billing import Subscription
from konduct.schemas.teams import MemberUsage, MonthUsage, TeamUsage
from konduct.services import api_quota, limits, team_mails
from konduct.services.auth import AuthContext
from konduct.services.kv import store_for
from konduct.services.outgoing import queue_mail
from konduct.services.plans import LIVE_STATUSES, plan_of
from konduct.settings import Settings

CHART_MONTHS = 6
REPORT_PATH = "/settings/team"
log = logging.getLogger("konduct.usage")


def _counts_by_user(
    session: Session, column, user_column, team_id: uuid.UUID, start: datetime, end: datetime
) -> dict[uuid.UUID, int]:
    model = column.class_
    rows = session.exec(
        select(user_column, func.count())
        .select_from(model)
        .where(model.team_id == team_id, column >= start, column < end)
        .group_by(user_column)
    ).all()
    return {user_id: count for user_id, count in rows if user_id is not None}


def team_usage(
    session: Session, *, team_id: uuid.UUID, settings: Settings, at: datetime | None = None
) -> TeamUsage:
    """The month of ``at`` (default: this one) in numbers, plus the months before it."""
    at = at or utcnow()
    start, end = month_start(at), next_month_start(at)
    team = session.get(Team, team_id)
    plan = plan_of(session, team_id)
    plan_limits = limits_for(plan)
    people = session.exec(
        select(TeamMember, User)
        .join(User, User.id == TeamMember.user_id)
        .where(TeamMember.team_id == team_id, TeamMember.status != MemberStatus.INVITED)
        .order_by(func.lower(User.full_name))
    ).all()
    user_ids = [user.id for _, user in people]
    campaigns = _counts_by_user(session, Campaign.created_at, Campaign.user_id, team_id, start, end)
    links = _counts_by_user(session, UtmLink.created_at, UtmLink.created_by, team_id, start, end)
    calls = api_quota.calls_by_member(settings, team_id, at, user_ids)
    members = [
        MemberUsage(
            user_id=user.id,
            full_name=user.full_name,
            email=user.email,
            role=TeamRole(member.role),
            status=MemberStatus(member.status),
            campaigns=campaigns.get(user.id, 0),
            links=links.get(user.id, 0),
            api_calls=calls.get(user.id, 0),
        )
        for member, user in people
    ]
    months = []
    for first in last_months(at, CHART_MONTHS):
        after = next_month_start(first)
        if first == start:
            lk, a = sum(links.values()), sum(calls.values())
        else:
            lk = sum(
                _counts_by_user(
                    session, UtmLink.created_at, UtmLink.created_by, team_id, first, after
                ).values()
            )
            a = sum(api_quota.calls_by_member(settings, team_id, first, user_ids).values())
        c = limits.campaigns_created_since(session, team_id, first, after)
        months.append(MonthUsage(month=month_key(first), campaigns=c, links=lk, api_calls=a))
    return TeamUsage(
        team_id=team.id,
        team_name=team.name,
        plan=plan.value,
        month=month_key(at),
        campaigns=months[-1].campaigns,  # the quota's count, also campaigns of people gone
        campaigns_cap=plan_limits.campaigns_per_month,
        links=sum(links.values()),
        api_calls=sum(calls.values()),
        api_quota=plan_limits.api_requests_per_month,
        seats_taken=limits.seats_taken(session, team_id),
        seats_cap=plan_limits.max_members,
        over_limit=limits.team_over_limit(session, team_id),
        members=members,
        months=months,
    )


def usage(
    session: Session, *, ctx: AuthContext, settings: Settings, at: datetime | None = None
) -> TeamUsage:
    """The current team's usage; admins and managers (who see billing) may read it."""
    require(ctx.team_role, Action.BILLING_VIEW)
    if ctx.team_id is None:
        raise NotFound("team")
    return team_usage(session, team_id=ctx.team_id, settings=settings, at=at)


# --- the monthly report ------------------------------------------------------------


def _month_label(at: datetime) -> str:
    return at.strftime("%B %Y")


def _teams_with_reports(session: Session) -> list[uuid.UUID]:
    """Teams whose live plan includes monthly usage reports."""
    plans = [plan for plan in Plan if limits_for(plan).has(Feature.MONTHLY_USAGE_REPORT)]
    return list(
        session.exec(
            select(Subscription.team_id)
            .where(Subscription.status.in_(LIVE_STATUSES), Subscription.plan.in_(plans))
            .distinct()
        ).all()
    )


# A month's report is remembered as sent for 70 days; a run in progress holds it for an hour.
REPORT_MARKER_SECONDS = 70 * 86400
REPORT_CLAIM_SECONDS = 3600


def send_monthly_reports(session: Session, *, settings: Settings, month: datetime) -> int:
    """Mail each active admin of every team on a plan with reports its usage in ``month``.

    Meant for a monthly scheduler (``python -m konduct usage-report``). A team already
    reported for that month is skipped, so running it twice sends nothing twice.
    Returns how many mails were queued (they go out when the caller commits)."""
    kv = store_for(settings.redis_url, settings.redis_key_prefix)
    label, sent = _month_label(month), 0
    for team_id in _teams_with_reports(session):
        marker = f"usage-report:{team_id}:{month_key(month)}"
        # Claimed before anything is queued, so two runs at once cannot both send; the claim
        # becomes "sent" when the mails commit, and a run that failed frees it within the hour.
        if not kv.claim(marker, "sending", REPORT_CLAIM_SECONDS):
            continue
        report = team_usage(session, team_id=team_id, settings=settings, at=month)
        admins = session.exec(
            select(User)
            .join(TeamMember, TeamMember.user_id == User.id)
            .where(
                TeamMember.team_id == team_id,
                TeamMember.status == MemberStatus.ACTIVE,
                TeamMember.role == TeamRole.ADMIN,
            )
        ).all()
        totals = [
            ("Campaigns created", str(report.campaigns)),
            ("Tracking links", str(report.links)),
            ("API calls", f"{report.api_calls:,} of {report.api_quota:,}"),
            ("People", f"{report.seats_taken} of {report.seats_cap or 'unlimited'}"),
        ]
        per_member = [
            f"{m.full_name}: {m.campaigns} campaigns, {m.links} links, {m.api_calls} API calls"
            for m in report.members
        ]
        for admin in admins:
            queue_mail(
                session,
                team_mails.usage_report_mail(
                    admin.email,
                    admin.full_name,
                    team_name=report.team_name,
                    month_label=label,
                    totals=totals,
                    per_member=per_member,
                    link=settings.app_url + REPORT_PATH,
                ),
                settings,
            )
            sent += 1
        event.listen(
            session,
            "after_commit",
            lambda _s, key=marker: kv.set(key, "sent", REPORT_MARKER_SECONDS),
            once=True,
        )
    log.info("usage reports for %s: %d mails", label, sent)
    return sent
