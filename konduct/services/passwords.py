"""Password hashing: bcrypt, cost 12, over a SHA-256 pre-hash.

bcrypt reads at most 72 bytes and refuses longer input, while a 128-character
password can be 512 bytes of UTF-8. Hashing the NFKC-normalised password with
SHA-256 first (base64, 44 bytes) keeps every character significant.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import bcrypt

from konduct.domain.passwords import normalize_password

BCRYPT_ROUNDS = 12


def _prehash(password: str) -> bytes:
    digest = hashlib.sha256(normalize_password(password).encode("utf-8")).digest()
    return base64.b64encode(digest)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(_prehash(password), password_hash.encode("ascii"))
    except ValueError:  # a malformed stored hash never matches
        return False


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return hash_password("decoy password that nobody has")


def burn_equal_time(password: str) -> None:
    """Spend a real bcrypt check when there is no account, so timing tells nothing."""
    verify_password(password, _decoy_hash())
