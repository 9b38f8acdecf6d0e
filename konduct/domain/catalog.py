"""The advertising platforms and campaign objectives Konduct knows.

Each has a fixed 3-letter code that becomes part of every campaign ID, so a
code must never change or be reused once IDs carrying it exist.

``PlatformInfo.source_platform`` is the value suggested for GA4's
``utm_source_platform`` (the buying platform that set the budget and
targeting). Values are written already normalised (lowercase, underscores)
so they survive UTM normalisation unchanged:

* Facebook, Instagram -> ``meta_ads`` (both are bought in Meta Ads Manager)
* Google Ads, YouTube -> ``google_ads`` (YouTube ads are bought in Google Ads)
* TikTok -> ``tiktok_ads``, LinkedIn -> ``linkedin_ads``, Twitter/X -> ``x_ads``
* Other -> ``None`` (unknown; the user supplies it if they care)
"""

import re
from dataclasses import dataclass
from typing import TypeVar

from konduct.domain.errors import ValidationFailed


@dataclass(frozen=True)
class PlatformInfo:
    code: str
    name: str
    # None means the user must type the source: Konduct cannot guess it.
    utm_source: str | None
    source_platform: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObjectiveInfo:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


PLATFORMS: tuple[PlatformInfo, ...] = (
    PlatformInfo("FBK", "Facebook", "facebook", "meta_ads", ("fb", "facebook ads")),
    PlatformInfo("IGM", "Instagram", "instagram", "meta_ads", ("ig", "insta")),
    PlatformInfo("GAD", "Google Ads", "google", "google_ads", ("google", "adwords")),
    PlatformInfo("TTK", "TikTok", "tiktok", "tiktok_ads", ("tik tok",)),
    PlatformInfo("LNK", "LinkedIn", "linkedin", "linkedin_ads", ("linked in",)),
    PlatformInfo("TWX", "Twitter/X", "twitter", "x_ads", ("twitter", "x")),
    PlatformInfo("YTB", "YouTube", "youtube", "google_ads", ("yt", "you tube")),
    PlatformInfo("OTH", "Other", None, None, ("others",)),
)

OBJECTIVES: tuple[ObjectiveInfo, ...] = (
    ObjectiveInfo("BRA", "Brand Awareness", ("awareness",)),
    ObjectiveInfo("RCH", "Reach"),
    ObjectiveInfo("TRF", "Traffic"),
    ObjectiveInfo("ENG", "Engagement"),
    ObjectiveInfo("APP", "App Installs", ("app install", "app promotion")),
    ObjectiveInfo("VID", "Video Views", ("video view",)),
    ObjectiveInfo("LEA", "Lead Generation", ("leads", "lead gen")),
    ObjectiveInfo("MSG", "Messages", ("messaging",)),
    ObjectiveInfo("CNV", "Conversions", ("conversion",)),
    ObjectiveInfo("CAT", "Catalog Sales", ("catalogue sales",)),
    ObjectiveInfo("STR", "Store Traffic", ("store visits",)),
)

_Entry = TypeVar("_Entry", PlatformInfo, ObjectiveInfo)

_SEPARATORS = re.compile(r"[\s_\-]+")


def lookup_key(value: str) -> str:
    """How a typed platform/objective is compared: trimmed, any case, and
    "-", "_" and spaces treated alike, so "google_ads" == "Google Ads"."""
    return _SEPARATORS.sub(" ", value.strip().lower()).strip()


def _index(items: tuple[_Entry, ...]) -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for item in items:
        for spelling in (item.code, item.name, *item.aliases):
            key = lookup_key(spelling)
            # A shared spelling would silently pick one entry: fail at import instead.
            if index.get(key, item) is not item:
                raise RuntimeError(f"catalog spelling {spelling!r} is ambiguous")
            index[key] = item
    return index


_PLATFORM_INDEX = _index(PLATFORMS)
_OBJECTIVE_INDEX = _index(OBJECTIVES)
_PLATFORM_CODES = {p.code: p for p in PLATFORMS}
_OBJECTIVE_CODES = {o.code: o for o in OBJECTIVES}


def _refusal(field: str, value: object, choices: str) -> ValidationFailed:
    if not isinstance(value, str) or not value.strip():
        return ValidationFailed.single(field, f"{field} is required; use one of {choices}")
    return ValidationFailed.single(field, f"unknown {field} {value!r}; use one of {choices}")


def _choices(items: tuple[PlatformInfo, ...] | tuple[ObjectiveInfo, ...]) -> str:
    return ", ".join(f"{item.code} ({item.name})" for item in items)


def resolve_platform(value: str) -> PlatformInfo:
    """The platform named by its code, display name or an alias."""
    found = _PLATFORM_INDEX.get(lookup_key(value)) if isinstance(value, str) else None
    if found is None:
        raise _refusal("platform", value, _choices(PLATFORMS))
    return found


def resolve_objective(value: str) -> ObjectiveInfo:
    """The objective named by its code, display name or an alias."""
    found = _OBJECTIVE_INDEX.get(lookup_key(value)) if isinstance(value, str) else None
    if found is None:
        raise _refusal("objective", value, _choices(OBJECTIVES))
    return found


def platform_by_code(code: str) -> PlatformInfo | None:
    """Exact 3-letter code (any case) or None: the campaign ID parser's lookup."""
    return _PLATFORM_CODES.get(code.upper())


def objective_by_code(code: str) -> ObjectiveInfo | None:
    """Exact 3-letter code (any case) or None: the campaign ID parser's lookup."""
    return _OBJECTIVE_CODES.get(code.upper())
