"""Calendar months in UTC: the unit of plan quotas, usage statistics and usage reports."""

from __future__ import annotations

from datetime import UTC, datetime


def month_start(at: datetime) -> datetime:
    at = at.astimezone(UTC)
    return datetime(at.year, at.month, 1, tzinfo=UTC)


def next_month_start(at: datetime) -> datetime:
    at = at.astimezone(UTC)
    return datetime(at.year + at.month // 12, at.month % 12 + 1, 1, tzinfo=UTC)


def previous_month_start(at: datetime) -> datetime:
    at = at.astimezone(UTC)
    year, month = (at.year - 1, 12) if at.month == 1 else (at.year, at.month - 1)
    return datetime(year, month, 1, tzinfo=UTC)


def month_key(at: datetime) -> str:
    """``"2026-12"``: how a month names counters and report periods."""
    at = at.astimezone(UTC)
    return f"{at.year:04d}-{at.month:02d}"


def parse_month(text: str) -> datetime:
    """``"2026-11"`` -> the first instant of that month; ValueError otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return datetime(year, month, 1, tzinfo=UTC)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a month: {text!r} (expected e.g. 2026-11)") from exc


def last_months(at: datetime, count: int) -> list[datetime]:
    """The first instants of the ``count`` months ending with the one of ``at``, oldest first."""
    months = [month_start(at)]
    while len(months) < count:
        months.insert(0, previous_month_start(months[0]))
    return months
