"""Calendar invitations (RFC 5545 iCalendar), written by hand: one event, times in UTC.

UTC times (``...Z``) need no VTIMEZONE block, and every calendar shows them in its
owner's zone. Lines end in CRLF, text values are escaped, and lines longer than 75
octets are folded, as the RFC asks (section 3.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

PRODID = "-//Konduct//Demo requests//EN"
EventStatus = Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]


@dataclass(frozen=True)
class Invite:
    uid: str  # stable per demo request, so updates replace the same event
    start: datetime  # aware
    end: datetime  # aware
    summary: str
    description: str
    organizer_name: str
    organizer_email: str
    attendee_name: str
    attendee_email: str
    url: str = ""
    status: EventStatus = "TENTATIVE"
    sequence: int = 0  # raise it for every change of the same event


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _param(value: str) -> str:
    """A parameter value (CN=...): quoted, without the characters quoting cannot hold."""
    cleaned = "".join(ch for ch in value if ch not in '"\r\n' and ord(ch) >= 32)
    return f'"{cleaned}"'


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for ch in line:
        piece = ch.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with one space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar(invite: Invite, *, now: datetime, method: str = "REQUEST") -> str:
    """The whole VCALENDAR document for ``invite``."""
    method = "CANCEL" if invite.status == "CANCELLED" else method
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{invite.uid}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(invite.start)}",
        f"DTEND:{_stamp(invite.end)}",
        f"SEQUENCE:{invite.sequence}",
        f"STATUS:{invite.status}",
        f"SUMMARY:{escape_text(invite.summary)}",
        f"DESCRIPTION:{escape_text(invite.description)}",
        f"ORGANIZER;CN={_param(invite.organizer_name)}:mailto:{invite.organizer_email}",
        (
            f"ATTENDEE;CN={_param(invite.attendee_name)};ROLE=REQ-PARTICIPANT;"
            f"PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{invite.attendee_email}"
        ),
    ]
    if invite.url:
        lines.append(f"URL:{invite.url}")
    lines += ["TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
