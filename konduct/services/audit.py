"""The audit trail: who did what, when, from where. Written in the caller's transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from konduct.models import AuditLog


@dataclass(frozen=True)
class ClientInfo:
    """Where a request came from, as far as we can tell."""

    ip: str = "unknown"
    user_agent: str = ""
    country: str | None = None


def record(
    session: Session,
    *,
    action: str,
    client: ClientInfo | None = None,
    user_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    entry = AuditLog(
        action=action,
        user_id=user_id,
        team_id=team_id,
        target_type=target_type,
        target_id=target_id,
        ip_address=client.ip if client else None,
        user_agent=(client.user_agent[:500] if client and client.user_agent else None),
        details=details or {},
    )
    session.add(entry)
    return entry
