"""Team invitations: a signed, expiring link naming one pending membership.

The link carries ``<member id>.<expiry>.<signature>``; the signature (HMAC-SHA256
with the app's session secret) also covers when the invitation was sent, so
sending it again retires the earlier link, and accepting or removing the
membership makes it worthless. Nothing secret is stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

INVITE_TTL = timedelta(days=7)
# Looking at invitation links without signing in, per client address.
INVITE_PREVIEW_LIMIT = "30/minute"


@dataclass(frozen=True)
class InviteClaim:
    member_id: uuid.UUID
    expires_at: datetime


def _signature(secret: str, member_id: uuid.UUID, expires: int, invited_at: datetime) -> str:
    message = f"team-invite:{member_id}:{expires}:{invited_at.astimezone(UTC).isoformat()}"
    mac = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def sign_invite(secret: str, member_id: uuid.UUID, invited_at: datetime) -> str:
    expires = int((invited_at + INVITE_TTL).timestamp())
    return f"{member_id}.{expires}.{_signature(secret, member_id, expires, invited_at)}"


def read_invite(token: str) -> InviteClaim | None:
    """The membership a token names, before its signature is checked (``verify_invite``)."""
    try:
        member, expires, _ = token.strip().split(".")
        return InviteClaim(uuid.UUID(member), datetime.fromtimestamp(int(expires), UTC))
    except (ValueError, OverflowError, OSError):
        return None


def verify_invite(secret: str, token: str, invited_at: datetime, now: datetime) -> bool:
    claim = read_invite(token)
    if claim is None or claim.expires_at <= now:
        return False
    expires = int(claim.expires_at.timestamp())
    expected = _signature(secret, claim.member_id, expires, invited_at)
    return hmac.compare_digest(token.strip().rsplit(".", 1)[-1], expected)
