"""When a demo can happen: the sales team's business hours, minus the slots already held.

Slots are computed in the sales team's own zone (a 9:00 slot is 9:00 *there*, summer
or winter) and handed around as aware UTC datetimes; the visitor's zone only changes how
they are shown. Everything here is pure: "now" and the booked slots are arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from konduct.domain.errors import Conflict, FieldProblem, ValidationFailed

SALES_TIMEZONE = "America/New_York"
SLOT_MINUTES = 30
DAY_START = time(9, 0)
DAY_END = time(17, 0)  # the last slot starts SLOT_MINUTES before
BUSINESS_DAYS = frozenset({0, 1, 2, 3, 4})  # Monday to Friday
MIN_NOTICE = timedelta(hours=4)  # sales needs time to prepare
HORIZON_DAYS = 21
# Zone families people live in; "Etc/GMT+5" and the old "US/Eastern" aliases only confuse.
_REGIONS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/")
_REGIONS += ("Europe/", "Indian/", "Pacific/")


class SlotTaken(Conflict):
    """Someone else holds that slot (or took it a moment ago)."""

    problem_extra = {"field": "slot"}

    def __init__(self) -> None:
        super().__init__("That time was just booked by someone else. Pick another free slot.")


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    """The IANA names a visitor may pick, sorted, with UTC first."""
    names = sorted(n for n in available_timezones() if n.startswith(_REGIONS))
    return ("UTC", *names)


def zone(name: str, *, field: str = "timezone") -> ZoneInfo:
    """The zone called ``name`` (an IANA name such as "Europe/Paris"), or a field problem."""
    cleaned = (name or "").strip()
    if cleaned in timezone_names():
        try:
            return ZoneInfo(cleaned)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValidationFailed.single(
        field, f"{name!r} is not a time zone we know: use an IANA name such as Europe/Paris."
    )


def _sales_zone() -> ZoneInfo:
    return ZoneInfo(SALES_TIMEZONE)


def _on_grid(moment: datetime) -> bool:
    local = moment.astimezone(_sales_zone())
    if local.weekday() not in BUSINESS_DAYS or local.second or local.microsecond:
        return False
    if local.minute % SLOT_MINUTES:
        return False
    start = local.time()
    last = (datetime.combine(date.min, DAY_END) - timedelta(minutes=SLOT_MINUTES)).time()
    return DAY_START <= start <= last


def business_slots(first_day: date, days: int) -> list[datetime]:
    """Every slot of ``days`` sales-zone days from ``first_day`` on, as UTC datetimes."""
    sales = _sales_zone()
    slots: list[datetime] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in BUSINESS_DAYS:
            continue
        moment = datetime.combine(day, DAY_START, tzinfo=sales)
        end = datetime.combine(day, DAY_END, tzinfo=sales)
        while moment + timedelta(minutes=SLOT_MINUTES) <= end:
            slots.append(moment.astimezone(UTC))
            moment += timedelta(minutes=SLOT_MINUTES)
    return slots


def free_slots(now: datetime, booked: Iterable[datetime]) -> list[datetime]:
    """The slots a visitor may pick now: enough notice, within the horizon, not held."""
    held = {b.astimezone(UTC) for b in booked}
    today = now.astimezone(_sales_zone()).date()
    earliest, latest = now + MIN_NOTICE, now + timedelta(days=HORIZON_DAYS)
    return [
        slot
        for slot in business_slots(today, HORIZON_DAYS + 1)
        if earliest <= slot <= latest and slot not in held
    ]


def check_slot(slot: datetime, now: datetime, booked: Iterable[datetime]) -> datetime:
    """The slot in UTC if a visitor may book it; ValidationFailed or SlotTaken if not."""
    if slot.tzinfo is None:
        raise ValidationFailed.single(
            "slot", "Give the time with its UTC offset, e.g. 2026-03-02T15:00:00Z."
        )
    slot = slot.astimezone(UTC)
    problems: list[FieldProblem] = []
    if slot <= now:
        problems.append(FieldProblem("slot", "That time is in the past: pick a future slot."))
    elif slot < now + MIN_NOTICE:
        hours = int(MIN_NOTICE.total_seconds() // 3600)
        problems.append(
            FieldProblem("slot", f"Pick a slot at least {hours} hours from now, so we can prepare.")
        )
    elif slot > now + timedelta(days=HORIZON_DAYS):
        problems.append(
            FieldProblem(
                "slot", f"We book demos up to {HORIZON_DAYS} days ahead: pick an earlier day."
            )
        )
    elif not _on_grid(slot):
        problems.append(
            FieldProblem(
                "slot",
                "Demos start on the half hour, Monday to Friday, 9:00 to 17:00 "
                f"{SALES_TIMEZONE} time: pick one of the offered slots.",
            )
        )
    if problems:
        raise ValidationFailed(problems)
    if slot in {b.astimezone(UTC) for b in booked}:
        raise SlotTaken()
    return slot


def check_staff_slot(slot: datetime, now: datetime, booked: Iterable[datetime]) -> datetime:
    """Staff may schedule any future half hour (they know their calendars), but not
    on top of another held demo."""
    if slot.tzinfo is None:
        raise ValidationFailed.single("scheduled_at", "Give the time with its UTC offset.")
    slot = slot.astimezone(UTC)
    if slot <= now:
        raise ValidationFailed.single("scheduled_at", "That time is in the past.")
    if slot.minute % SLOT_MINUTES or slot.second or slot.microsecond:
        raise ValidationFailed.single("scheduled_at", "Demos start on the hour or half hour.")
    if slot in {b.astimezone(UTC) for b in booked}:
        raise SlotTaken()
    return slot


@dataclass(frozen=True)
class DaySlots:
    day: date  # in the visitor's zone
    slots: tuple[datetime, ...]  # UTC


def by_local_day(slots: Iterable[datetime], tz: ZoneInfo) -> list[DaySlots]:
    """Slots grouped by the visitor's calendar day, in order."""
    days: dict[date, list[datetime]] = {}
    for slot in sorted(slots):
        days.setdefault(slot.astimezone(tz).date(), []).append(slot)
    return [DaySlots(day, tuple(items)) for day, items in days.items()]


def slot_end(slot: datetime) -> datetime:
    return slot + timedelta(minutes=SLOT_MINUTES)


def describe(slot: datetime, tz: ZoneInfo) -> str:
    """'Tuesday 3 March 2026, 15:00–15:30 (Europe/Paris)', for mails and pages."""
    start, end = slot.astimezone(tz), slot_end(slot).astimezone(tz)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}–{end:%H:%M} ({tz.key})"
