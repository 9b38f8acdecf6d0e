"""Campaign rules: the lifecycle, what may change after creation, and change records.

Statuses are the spec's DRAFT, ACTIVE, PAUSED and COMPLETED; "archived" and
"deleted" are flags beside the status (a paused campaign can be archived and
come back paused). Every move is a named action, recorded in the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from konduct.domain.enums import CampaignAction, CampaignStatus
from konduct.domain.errors import Conflict

S = CampaignStatus


@dataclass(frozen=True)
class Move:
    action: CampaignAction
    allowed_from: frozenset[CampaignStatus]
    to: CampaignStatus | None  # None: the status stays; a flag changes instead


# What each lifecycle verb does. Publishing a draft is recorded as an UPDATE of its status.
MOVES: dict[str, Move] = {
    "publish": Move(CampaignAction.UPDATE, frozenset({S.DRAFT}), S.ACTIVE),
    "pause": Move(CampaignAction.PAUSE, frozenset({S.ACTIVE}), S.PAUSED),
    "resume": Move(CampaignAction.RESUME, frozenset({S.PAUSED}), S.ACTIVE),
    "complete": Move(CampaignAction.COMPLETE, frozenset({S.ACTIVE, S.PAUSED}), S.COMPLETED),
}

# Fields fixed at creation: the campaign ID spells them out, so changing them would make it lie.
IMMUTABLE_FIELDS = ("platform", "objective")


def next_status(verb: str, current: CampaignStatus, *, archived: bool) -> CampaignStatus:
    """The status after ``verb``, or Conflict saying why it cannot happen now."""
    move = MOVES[verb]
    current = CampaignStatus(current)  # the database hands back plain text
    if archived:
        raise Conflict("This campaign is archived: restore it first.")
    if current not in move.allowed_from:
        allowed = ", ".join(sorted(s.value.lower() for s in move.allowed_from))
        raise Conflict(
            f"Cannot {verb} a {current.value.lower()} campaign; only {allowed} ones can be."
        )
    return move.to or current


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"from": old, "to": new}}`` for every field whose value differs."""
    return {
        key: {"from": before.get(key), "to": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
