"""Campaign IDs: ``PLT-OBJ-YYYYMMDDHHMMSS-HASH``, e.g. ``FBK-TRF-20261125093000-9F86D081``.

* PLT, OBJ: the platform and objective codes from ``konduct.domain.catalog``.
* YYYYMMDDHHMMSS: the creation time in UTC, to the second.
* HASH: the first 8 hex digits (uppercase) of the MD5 of ``canonical_json`` of
  the campaign data plus the platform and objective codes. MD5 is used as a
  fingerprint, not for security.

The same data at the same second therefore gives the same ID; a caller that
finds the ID already taken retries with another ``attempt`` number, which mixes
``"_attempt": N`` into the hashed input to get a different hash.
"""

import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from konduct.domain.catalog import (
    ObjectiveInfo,
    PlatformInfo,
    objective_by_code,
    platform_by_code,
    resolve_objective,
    resolve_platform,
)
from konduct.domain.errors import FieldProblem, ValidationFailed

TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"
HASH_LENGTH = 8
_SHAPE = "PLT-OBJ-YYYYMMDDHHMMSS-HASH"
_CODE = re.compile(r"[A-Z]{3}")
_TIMESTAMP = re.compile(r"\d{14}")
_HASH = re.compile(r"[0-9A-F]{8}")

_Info = TypeVar("_Info", PlatformInfo, ObjectiveInfo)


# --- canonical form of the hashed data -------------------------------------


def canonical_json(data: Mapping[str, Any]) -> str:
    """The exact text hashed into a campaign ID.

    Contract ("same data and time give the same ID") -- change it and every
    future ID for the same data changes:

    * ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``,
      so key order and whitespace never matter;
    * str, int, float (finite), bool and None as JSON writes them;
    * datetime -> ISO 8601 in UTC (``2026-11-25T09:30:00+00:00``); naive
      datetimes are refused (ValueError) because their instant is unknown;
    * date -> ``YYYY-MM-DD``; Decimal -> its digits without exponent
      (``Decimal("1E+2")`` -> ``"100"``; ``"1.50"`` stays ``"1.50"``);
    * Enum -> its ``.value``; UUID -> its lowercase hyphenated string;
    * tuple -> list; set/frozenset -> list sorted by each item's canonical JSON;
    * nested mappings and lists are converted recursively; mapping keys must
      be strings (a str-valued Enum key counts as its value).

    Anything else raises TypeError naming the offending key path.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"campaign data must be a mapping, got {type(data).__name__}")
    return _dumps(_plain(data, "data"))


def _dumps(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def _plain(value: Any, path: str) -> Any:
    """``value`` as JSON types only; ``path`` names it in error messages."""
    # bool before int and datetime before date: they are subclasses.
    if value is None or isinstance(value, (str, bool, int)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return _plain(value.value, path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"{path}: {value!r} is not valid JSON")
        return value
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{path}: naive datetime {value!r}; pass a timezone-aware one")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError(f"{path}: {value!r} is not valid JSON")
        return format(value, "f")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Mapping):
        return _plain_mapping(value, path)
    if isinstance(value, (list, tuple)):
        return [_plain(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = [_plain(item, f"{path}[]") for item in value]
        return sorted(items, key=_dumps)
    raise TypeError(f"{path}: {type(value).__name__} is not JSON-able")


def _plain_mapping(value: Mapping[Any, Any], path: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, item in value.items():
        name = key.value if isinstance(key, Enum) else key
        if not isinstance(name, str):
            raise TypeError(f"{path}: key {key!r} must be a string")
        if name in result:
            raise TypeError(f"{path}: key {name!r} appears twice")
        result[name] = _plain(item, f"{path}.{name}")
    return result


def campaign_hash(data: Mapping[str, Any]) -> str:
    """First 8 hex digits, uppercase, of the MD5 of ``canonical_json(data)``."""
    digest = hashlib.md5(canonical_json(data).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:HASH_LENGTH].upper()


# --- the ID value ----------------------------------------------------------


@dataclass(frozen=True)
class CampaignId:
    platform: PlatformInfo
    objective: ObjectiveInfo
    timestamp: datetime  # aware, UTC, whole seconds
    hash: str

    def __post_init__(self) -> None:
        if self.timestamp.utcoffset() != UTC.utcoffset(None) or self.timestamp.microsecond:
            raise ValueError("CampaignId.timestamp must be UTC with whole seconds")
        if not _HASH.fullmatch(self.hash):
            raise ValueError(f"CampaignId.hash must be 8 uppercase hex digits, got {self.hash!r}")

    @property
    def value(self) -> str:
        stamp = self.timestamp.strftime(TIMESTAMP_FORMAT)
        return f"{self.platform.code}-{self.objective.code}-{stamp}-{self.hash}"

    def __str__(self) -> str:
        return self.value


def generate_campaign_id(
    platform: str | PlatformInfo,
    objective: str | ObjectiveInfo,
    data: Mapping[str, Any],
    at: datetime,
    attempt: int = 0,
) -> CampaignId:
    """The ID for ``data`` created at ``at`` (timezone-aware; converted to UTC).

    The hashed input is ``data`` with ``"platform"``/``"objective"`` replaced by
    the codes, so "facebook" and "FBK" give the same hash. ``attempt`` > 0
    adds ``"_attempt": attempt`` so a collision retry gets a new hash for the
    same data and second; attempt 0 hashes the data as is.
    """
    if at.utcoffset() is None:
        raise ValueError("campaign IDs need a timezone-aware datetime; got a naive one")
    if attempt < 0:
        raise ValueError(f"attempt must be 0 or more, got {attempt}")
    plt = platform if isinstance(platform, PlatformInfo) else resolve_platform(platform)
    obj = objective if isinstance(objective, ObjectiveInfo) else resolve_objective(objective)
    hashed: dict[str, Any] = {**data, "platform": plt.code, "objective": obj.code}
    if attempt:
        hashed["_attempt"] = attempt
    moment = at.astimezone(UTC).replace(microsecond=0)
    return CampaignId(plt, obj, moment, campaign_hash(hashed))


# --- reading IDs back --------------------------------------------------------


def parse_campaign_id(text: str) -> CampaignId:
    """The ID in ``text`` (trimmed, any case); every broken part is reported."""
    cleaned = text.strip().upper() if isinstance(text, str) else ""
    if not cleaned:
        raise ValidationFailed.single("campaign_id", f"a campaign ID ({_SHAPE}) is required")
    parts = cleaned.split("-")
    if len(parts) != 4:
        raise ValidationFailed.single(
            "campaign_id",
            f"expected {_SHAPE} (4 parts separated by '-'), "
            f"got {len(parts)} part{'' if len(parts) == 1 else 's'}",
        )
    plt_code, obj_code, stamp, digest = parts
    problems: list[str] = []
    platform = _known_code("platform", plt_code, platform_by_code, problems)
    objective = _known_code("objective", obj_code, objective_by_code, problems)
    moment = _utc_timestamp(stamp, problems)
    if len(digest) != HASH_LENGTH:
        problems.append(f"hash '{digest}' must be {HASH_LENGTH} hex digits, got {len(digest)}")
    elif not _HASH.fullmatch(digest):
        problems.append(f"hash '{digest}' must contain only hex digits (0-9, A-F)")
    if problems:
        raise ValidationFailed([FieldProblem("campaign_id", reason) for reason in problems])
    assert platform and objective and moment  # each is None only with a problem
    return CampaignId(platform, objective, moment, digest)


def _known_code(
    kind: str, code: str, lookup: Callable[[str], _Info | None], problems: list[str]
) -> _Info | None:
    if not _CODE.fullmatch(code):
        problems.append(f"{kind} code '{code}' must be 3 letters")
        return None
    found = lookup(code)
    if found is None:
        problems.append(f"unknown {kind} code '{code}'")
    return found


def _utc_timestamp(stamp: str, problems: list[str]) -> datetime | None:
    if not _TIMESTAMP.fullmatch(stamp):
        problems.append(f"timestamp '{stamp}' must be 14 digits (YYYYMMDDHHMMSS, UTC)")
        return None
    # Sliced by hand: strptime accepts 1-digit fields and could misread digits.
    fields = [int(stamp[a:b]) for a, b in ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14))]
    try:
        return datetime(*fields, tzinfo=UTC)
    except ValueError as exc:
        problems.append(f"timestamp '{stamp}' is not a valid UTC date-time ({exc})")
        return None


def codes_in_prefix(prefix: str) -> tuple[str | None, str | None]:
    """The platform and objective codes an ID prefix already fixes.

    Codes are exactly 3 letters, so ``"FBK"`` fixes the platform and
    ``"FBK-TRF-2021"`` both: ``("FBK", "TRF")``; ``"FB"`` fixes nothing. Search
    adds them as conditions so the database can use its platform/objective
    index instead of scanning every date for matching prefixes.
    """
    parts = prefix.strip().upper().split("-")
    platform = parts[0] if platform_by_code(parts[0]) else None
    objective = parts[1] if platform and len(parts) > 1 and objective_by_code(parts[1]) else None
    return platform, objective


def is_campaign_id(text: str) -> bool:
    try:
        parse_campaign_id(text)
    except ValidationFailed:
        return False
    return True


def explain(cid: CampaignId) -> dict[str, Any]:
    """A JSON-able description of each part of ``cid``, for people and the API."""
    return {
        "campaign_id": cid.value,
        "platform": {"code": cid.platform.code, "name": cid.platform.name},
        "objective": {"code": cid.objective.code, "name": cid.objective.name},
        "timestamp": cid.timestamp.strftime(TIMESTAMP_FORMAT),
        "created_at": cid.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hash": cid.hash,
        "hash_meaning": (
            "First 8 hex digits of the MD5 fingerprint of the campaign's data: "
            "the same data created in the same second always gets the same ID."
        ),
    }
