"""'Start Free Trial': collect who is coming, hand over to registration, start the
welcome sequence.

Registration itself stays :func:`konduct.services.accounts.register`: the trial only
remembers what the visitor typed (under an unguessable token, so no address travels in
a URL) and queues the sequence's mails in ``scheduled_mail``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from konduct.domain.visitor_requests import (
    SEQUENCE_COOLDOWN,
    WELCOME_SEQUENCE,
    SequenceStep,
    check_honeypot,
    sequence_window,
)
from konduct.models import TrialSignup
from konduct.models.base import utcnow
from konduct.schemas.visitor_requests import TrialPrefill, TrialStartRequest
from konduct.services import analytics, scheduled_mail
from konduct.settings import Settings

PREFILL_TTL = timedelta(days=30)


def register_url(signup: TrialSignup, settings: Settings) -> str:
    return f"{settings.app_url}/register?trial={signup.public_token}"


def start_trial(
    session: Session,
    *,
    data: TrialStartRequest,
    settings: Settings,
    now: datetime | None = None,
    visitor_id: str | None = None,
) -> TrialSignup:
    """``visitor_id``: the browser's analytics cookie, so the sign-up joins that visit."""
    check_honeypot(data.website)
    now = now or utcnow()
    email = data.email.strip().lower()
    recent = session.exec(
        select(TrialSignup.id).where(
            TrialSignup.email == email, TrialSignup.created_at > now - SEQUENCE_COOLDOWN
        )
    ).first()
    signup = TrialSignup(
        email=email,
        full_name=data.full_name.strip(),
        company=(data.company or "").strip() or None,
        team_size=data.team_size,
        role=data.role,
        created_at=now,
    )
    session.add(signup)
    session.flush()
    if recent is None:  # one sequence per address a month: nobody floods someone's inbox
        for step in WELCOME_SEQUENCE:
            if not step.needs_confirmed_account:  # the rest waits for a confirmed account
                _schedule(session, signup, step, settings, key=sequence_window(email, now))
    analytics.record_conversion(session, "trial_signup", visitor_id=visitor_id, path="/start-trial")
    return signup


def _schedule(
    session: Session, signup: TrialSignup, step: SequenceStep, settings: Settings, *, key: str
) -> None:
    scheduled_mail.schedule(
        session,
        kind=step.kind,
        recipient=signup.email,
        context={
            "full_name": signup.full_name,
            "company": signup.company or "",
            "register_url": register_url(signup, settings),
        },
        due_at=max(signup.created_at + step.delay, utcnow()),
        dedupe_key=f"trial:{key}:{step.kind}",
    )


def address_confirmed(session: Session, *, email: str, settings: Settings) -> None:
    """An account confirmed ``email``: if it started a trial lately, its later welcome mails
    are queued now, on the trial's own schedule (at once for days already past)."""
    signup = session.exec(
        select(TrialSignup)
        .where(TrialSignup.email == email.strip().lower())
        .where(TrialSignup.created_at > utcnow() - SEQUENCE_COOLDOWN)
        .order_by(col(TrialSignup.created_at).desc())
        .limit(1)
    ).first()
    if signup is None:
        return
    for step in WELCOME_SEQUENCE:
        if step.needs_confirmed_account:
            _schedule(session, signup, step, settings, key=str(signup.id))


def prefill(session: Session, *, token: str, now: datetime | None = None) -> TrialPrefill | None:
    """What the trial form collected, for the registration form; None if unknown or old."""
    if not token or len(token) > 64:
        return None
    signup = session.exec(
        select(TrialSignup).where(
            TrialSignup.public_token == token,
            col(TrialSignup.created_at) > (now or utcnow()) - PREFILL_TTL,
        )
    ).first()
    if signup is None:
        return None
    return TrialPrefill(
        email=signup.email,
        full_name=signup.full_name,
        company=signup.company or "",
        role=signup.role.value if hasattr(signup.role, "value") else str(signup.role),
    )
