"""The pure rules of the visitor requests: demo slots, lifecycles, honeypot, invites."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from konduct.domain import demo_slots, ics
from konduct.domain.enums import ContactStatus, DemoStatus
from konduct.domain.errors import ValidationFailed
from konduct.domain.visitor_requests import (
    CONTACT_TRANSITIONS,
    DEMO_TRANSITIONS,
    TICKET_TRANSITIONS,
    TicketStatus,
    TransitionRefused,
    check_honeypot,
    check_transition,
    retry_delay,
)

NEW_YORK = ZoneInfo("America/New_York")
# A Monday at 08:00 in New York (winter: UTC-5).
MONDAY_8AM = datetime(2026, 1, 5, 8, 0, tzinfo=NEW_YORK).astimezone(UTC)


def ny(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


def test_business_slots_are_half_hours_from_9_to_17_on_weekdays_in_new_york():
    monday = demo_slots.business_slots(MONDAY_8AM.date(), 1)
    assert len(monday) == 16
    assert monday[0] == ny(5, 9) and monday[-1] == ny(5, 16, 30)
    saturday = datetime(2026, 1, 10).date()
    assert demo_slots.business_slots(saturday, 2) == []


def test_business_hours_follow_daylight_saving_in_the_sales_zone():
    # 9:00 in New York is 14:00 UTC in winter, 13:00 UTC in summer.
    winter = demo_slots.business_slots(datetime(2026, 1, 5).date(), 1)[0]
    summer = demo_slots.business_slots(datetime(2026, 7, 6).date(), 1)[0]
    assert (winter.hour, summer.hour) == (14, 13)


def test_free_slots_need_notice_and_skip_booked_ones():
    free = demo_slots.free_slots(MONDAY_8AM, booked=[ny(5, 13)])
    # Four hours of notice from 8:00: the first slot is 12:00.
    assert free[0] == ny(5, 12)
    assert ny(5, 13) not in free and ny(5, 13, 30) in free
    assert all(slot <= MONDAY_8AM + timedelta(days=demo_slots.HORIZON_DAYS) for slot in free)


def test_check_slot_names_what_is_wrong():
    def reason(slot: datetime) -> str:
        with pytest.raises(ValidationFailed) as refused:
            demo_slots.check_slot(slot, MONDAY_8AM, [])
        assert refused.value.problems[0].field == "slot"
        return refused.value.problems[0].reason

    assert "past" in reason(MONDAY_8AM - timedelta(hours=1))
    assert "at least 4 hours" in reason(ny(5, 10))
    assert "days ahead" in reason(MONDAY_8AM + timedelta(days=30))
    assert "half hour" in reason(ny(6, 10, 15))
    assert "half hour" in reason(ny(6, 18))  # after hours
    assert "half hour" in reason(ny(10, 10))  # a Saturday
    assert "offset" in reason(datetime(2026, 1, 6, 15, 0))  # naive
    assert demo_slots.check_slot(ny(6, 10), MONDAY_8AM, []) == ny(6, 10)
    with pytest.raises(demo_slots.SlotTaken):
        demo_slots.check_slot(ny(6, 10), MONDAY_8AM, [ny(6, 10)])


def test_time_zones_are_iana_names():
    assert demo_slots.zone("Europe/Paris").key == "Europe/Paris"
    assert "UTC" in demo_slots.timezone_names() and "US/Eastern" not in demo_slots.timezone_names()
    for bad in ("Mars/Olympus", "", "../../etc/passwd", "EST5EDT"):
        with pytest.raises(ValidationFailed) as refused:
            demo_slots.zone(bad)
        assert refused.value.problems[0].field == "timezone"


def test_slots_are_grouped_by_the_visitors_day():
    tokyo = ZoneInfo("Asia/Tokyo")
    # 16:30 New York on Monday is 06:30 Tuesday in Tokyo.
    days = demo_slots.by_local_day([ny(5, 9), ny(5, 16, 30)], tokyo)
    assert [d.day.isoformat() for d in days] == ["2026-01-05", "2026-01-06"]
    assert demo_slots.describe(ny(5, 9), tokyo) == "Monday 5 January 2026, 23:00–23:30 (Asia/Tokyo)"


def test_lifecycles():
    check_transition(DEMO_TRANSITIONS, DemoStatus.PENDING, DemoStatus.SCHEDULED, what="demo")
    check_transition(DEMO_TRANSITIONS, DemoStatus.SCHEDULED, DemoStatus.SCHEDULED, what="demo")
    check_transition(DEMO_TRANSITIONS, DemoStatus.SCHEDULED, DemoStatus.COMPLETED, what="demo")
    with pytest.raises(TransitionRefused, match="possible next: CANCELLED, SCHEDULED"):
        check_transition(DEMO_TRANSITIONS, DemoStatus.PENDING, DemoStatus.COMPLETED, what="demo")
    with pytest.raises(TransitionRefused, match="closed"):
        check_transition(DEMO_TRANSITIONS, DemoStatus.CANCELLED, DemoStatus.PENDING, what="demo")
    check_transition(
        CONTACT_TRANSITIONS, ContactStatus.RESOLVED, ContactStatus.IN_PROGRESS, what="c"
    )
    with pytest.raises(TransitionRefused):
        check_transition(
            CONTACT_TRANSITIONS, ContactStatus.IN_PROGRESS, ContactStatus.NEW, what="c"
        )
    with pytest.raises(ValidationFailed):
        check_transition(TICKET_TRANSITIONS, TicketStatus.OPEN, "CLOSED", what="ticket")


def test_honeypot_and_retry_pauses():
    check_honeypot("")
    check_honeypot(None)
    check_honeypot("   ")
    with pytest.raises(ValidationFailed) as refused:
        check_honeypot("http://buy.example")
    assert refused.value.problems[0].field == "website"
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_calendar_invite_follows_rfc_5545():
    invite = ics.Invite(
        uid="demo-1@konduct",
        start=ny(6, 10),
        end=ny(6, 10, 30),
        summary="Konduct demo",
        description="Line one\nwith; commas, and \\ backslashes " + "é" * 80,
        organizer_name="Konduct Sales",
        organizer_email="sales@konduct.localhost",
        attendee_name='Ada "the Countess" Lovelace',
        attendee_email="ada@example.com",
        url="https://konduct.example/demo/status/abc",
        sequence=2,
    )
    text = ics.calendar(invite, now=MONDAY_8AM)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART:20260106T150000Z" in lines and "DTEND:20260106T153000Z" in lines
    assert "DTSTAMP:20260105T130000Z" in lines and "SEQUENCE:2" in lines
    assert "METHOD:REQUEST" in lines and "STATUS:TENTATIVE" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert description.startswith("DESCRIPTION:Line one\\nwith\\; commas\\, and \\\\ backslashes")
    attendee = next(line for line in lines if line.startswith("ATTENDEE"))
    assert 'CN="Ada the Countess Lovelace"' in attendee
    assert attendee.endswith(":mailto:ada@example.com")


def test_a_cancelled_invite_is_a_cancel():
    invite = ics.Invite(
        uid="u",
        start=ny(6, 10),
        end=ny(6, 10, 30),
        summary="s",
        description="d",
        organizer_name="o",
        organizer_email="o@example.com",
        attendee_name="a",
        attendee_email="a@example.com",
        status="CANCELLED",
    )
    lines = _unfold(ics.calendar(invite, now=MONDAY_8AM))
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines
