"""Secrets handed to people (links, refresh tokens, API keys) and how they are stored.

Only a SHA-256 digest is ever stored: the tokens are long random values, so a
fast hash is enough (unlike passwords), and lookups by digest stay indexed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32
API_KEY_PREFIX = "kdt_"
API_KEY_VISIBLE = 12  # characters of a key shown in lists: "kdt_" + 8


def new_token(nbytes: int = TOKEN_BYTES) -> str:
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_secret(a: str, b: str) -> bool:
    """Constant-time comparison: no timing hint about how much matched."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def api_key_prefix(key: str) -> str:
    return key[:API_KEY_VISIBLE]


def recovery_code() -> str:
    """``xxxx-xxxx-xxxx``: easy to type from paper, 60 bits of randomness."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize_recovery_code(code: str) -> str:
    raw = "".join(ch for ch in code.lower() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw
