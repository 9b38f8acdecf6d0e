"""What visitors may ask of the site: trials, demos, sales contacts, support tickets.

The lifecycles (which status may follow which), the vocabularies the forms offer, the
spam rules (a honeypot field and per-address quotas) and the welcome mail sequence of
a trial. Pure rules: the services apply them, every door shares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from konduct.domain.enums import ContactStatus, DemoStatus
from konduct.domain.errors import Conflict, ValidationFailed


class TicketStatus(StrEnum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"


class TicketCategory(StrEnum):
    QUESTION = "QUESTION"
    BUG = "BUG"
    BILLING = "BILLING"
    ACCOUNT = "ACCOUNT"
    FEATURE = "FEATURE"


TICKET_CATEGORY_LABELS = {
    TicketCategory.QUESTION: "A question",
    TicketCategory.BUG: "Something is broken",
    TicketCategory.BILLING: "Billing and plans",
    TicketCategory.ACCOUNT: "My account or sign-in",
    TicketCategory.FEATURE: "A feature idea",
}
TEAM_SIZES = ("1", "2-10", "11-50", "51-200", "201-1000", "1000+")
COMPANY_SIZES = TEAM_SIZES
INDUSTRIES = (
    "Agency",
    "E-commerce and retail",
    "Education",
    "Finance",
    "Healthcare",
    "Media and publishing",
    "Non-profit",
    "Software and SaaS",
    "Travel and hospitality",
    "Other",
)

# --- Lifecycles ---------------------------------------------------------------------------

# A scheduled demo may be scheduled again (moved to another time).
DEMO_TRANSITIONS: dict[str, frozenset[str]] = {
    DemoStatus.PENDING: frozenset({DemoStatus.SCHEDULED, DemoStatus.CANCELLED}),
    DemoStatus.SCHEDULED: frozenset(
        {DemoStatus.SCHEDULED, DemoStatus.COMPLETED, DemoStatus.CANCELLED}
    ),
    DemoStatus.COMPLETED: frozenset(),
    DemoStatus.CANCELLED: frozenset(),
}
# A resolved contact or ticket can be reopened when the visitor writes back.
CONTACT_TRANSITIONS: dict[str, frozenset[str]] = {
    ContactStatus.NEW: frozenset({ContactStatus.IN_PROGRESS, ContactStatus.RESOLVED}),
    ContactStatus.IN_PROGRESS: frozenset({ContactStatus.RESOLVED}),
    ContactStatus.RESOLVED: frozenset({ContactStatus.IN_PROGRESS}),
}
TICKET_TRANSITIONS: dict[str, frozenset[str]] = {
    TicketStatus.OPEN: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED}),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.RESOLVED}),
    TicketStatus.RESOLVED: frozenset({TicketStatus.IN_PROGRESS}),
}
# Statuses in which a demo still holds its slot in the calendar.
DEMO_HOLDS_SLOT = (DemoStatus.PENDING, DemoStatus.SCHEDULED)


class TransitionRefused(Conflict):
    problem_extra = {"field": "status"}


def check_transition(
    transitions: dict[str, frozenset[str]], current: str, target: str, *, what: str
) -> None:
    """Raise unless ``target`` may follow ``current``; names the allowed next steps."""
    if target not in transitions:
        raise ValidationFailed.single("status", f"{target!r} is not a status of a {what}.")
    allowed = transitions.get(current, frozenset())
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or "none: it is closed"
        raise TransitionRefused(
            f"A {what} that is {current} cannot become {target} (possible next: {options})."
        )


def next_statuses(transitions: dict[str, frozenset[str]], current: str) -> list[str]:
    return sorted(transitions.get(current, frozenset()))


# --- Spam ---------------------------------------------------------------------------------

# The hidden form field people never see; bots that fill every input fill it too.
HONEYPOT_FIELD = "website"
SPAM_REFUSAL = "This request could not be accepted. If you are a person, write to us by mail."


def check_honeypot(value: str | None) -> None:
    """A filled honeypot refuses the request, blandly: a bot learns nothing from it."""
    if value and value.strip():
        raise ValidationFailed.single(HONEYPOT_FIELD, SPAM_REFUSAL)


# Per-address quotas, shared by the REST routes and the pages (same counter names).
TRIAL_LIMIT = "5/hour"
DEMO_REQUEST_LIMIT = "5/hour"
CONTACT_LIMIT = "5/hour"
SUPPORT_TICKET_LIMIT = "10/hour"
STATUS_LOOKUP_LIMIT = "60/minute"

# --- The welcome sequence of a trial ------------------------------------------------------


@dataclass(frozen=True)
class SequenceStep:
    kind: str  # names the mail template
    delay: timedelta  # after the sign-up
    # Later mails go only to an address an account has confirmed: a trial form anyone can
    # fill in must not make Konduct write to a stranger more than once.
    needs_confirmed_account: bool = True


WELCOME_SEQUENCE = (
    SequenceStep("trial.welcome", timedelta(0), needs_confirmed_account=False),
    SequenceStep("trial.tips", timedelta(days=2)),
    SequenceStep("trial.checkin", timedelta(days=5)),
)
# One sequence per address in this window: a stranger cannot flood someone's inbox by
# starting trials with their address.
SEQUENCE_COOLDOWN = timedelta(days=30)


def sequence_window(email: str, at: datetime) -> str:
    """A key naming this address's cooldown window, so two trials started at the same moment
    (which both pass the "none recently" check) still queue one welcome mail."""
    return f"{email}:{int(at.timestamp() // SEQUENCE_COOLDOWN.total_seconds())}"


# A scheduled mail that keeps failing is retried with growing pauses, then given up.
MAX_SEND_ATTEMPTS = 6


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes... after the 1st, 2nd, 3rd failed attempt."""
    return timedelta(minutes=2 ** max(0, attempts - 1))
