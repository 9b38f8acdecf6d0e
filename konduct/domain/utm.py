"""UTM-tagged tracking links: build, validate, normalise and read back.

The spec's four levels map to GA4 parameters as source -> ``utm_source``,
medium -> ``utm_medium``, campaign -> ``utm_campaign`` (normally the campaign
ID) and creative -> ``utm_content`` (GA4 reads utm_content, not
utm_creative; a team may choose ``utm_creative`` instead). GA4's optional
set is supported too: term -> ``utm_term``, id -> ``utm_id`` (GA4's join key
for cost-data import; defaults to the campaign when that is a Konduct
campaign ID), source_platform -> ``utm_source_platform``, creative_format ->
``utm_creative_format`` and marketing_tactic -> ``utm_marketing_tactic``.

Normalisation rule for every value (``normalize_value``): strip surrounding
whitespace, turn each internal run of whitespace into one underscore, then
lowercase -- except a value that is a valid Konduct campaign ID, which keeps
its canonical uppercase form so it matches the campaign record and the GA4
data-import key. Nothing else is changed; percent-encoding happens only when
the link is written.

The landing page's own query parameters are kept verbatim (order, blank
values and repeats included; only empty ``&&`` segments are dropped) and its
fragment stays last. Only the scheme and host are lowercased.
"""

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Literal
from urllib.parse import SplitResult, quote, unquote_plus, urlsplit, urlunsplit

from konduct.domain.campaign_id import CampaignId, is_campaign_id, parse_campaign_id
from konduct.domain.errors import FieldProblem, ValidationFailed
from konduct.domain.ga4 import UNASSIGNED, channel_group

CreativeParam = Literal["utm_content", "utm_creative"]
CREATIVE_PARAMS: tuple[CreativeParam, ...] = ("utm_content", "utm_creative")
MAX_VALUE_LENGTH = 100  # GA4 truncates longer campaign values in reports
MAX_URL_LENGTH = 2048  # browsers and ad platforms may cut longer links
REQUIRED_FIELDS = ("source", "medium", "campaign")


# Whitespace to collapse; the separators \x1c-\x1f and NEL count as control
# characters instead so that they are refused rather than hidden.
_WHITESPACE = re.compile(r"[^\S\x1c-\x1f\x85]+")


@dataclass(frozen=True)
class UtmParams:
    source: str
    medium: str
    campaign: str
    creative: str | None = None
    term: str | None = None
    id: str | None = None
    source_platform: str | None = None
    creative_format: str | None = None
    marketing_tactic: str | None = None  # free text, e.g. prospecting, remarketing


@dataclass(frozen=True)
class TrackingUrl:
    url: str
    params: UtmParams  # normalised, utm_id default applied
    query: tuple[tuple[str, str], ...]  # utm pairs as written, not encoded
    warnings: tuple[FieldProblem, ...]


@dataclass(frozen=True)
class ParsedTrackingUrl:
    landing_url: str  # the link with every utm_* key removed
    values: dict[str, str]  # every utm_* key found, decoded, e.g. {"utm_source": "x"}
    params: UtmParams | None  # None unless source, medium and campaign are all set
    campaign_id: CampaignId | None  # from utm_campaign, else utm_id


def _utm_key(field: str, creative_param: CreativeParam) -> str:
    return creative_param if field == "creative" else f"utm_{field}"


# The order parameters are written in.
_WRITE_ORDER = (
    "source", "medium", "campaign", "id", "term", "creative",
    "source_platform", "creative_format", "marketing_tactic",
)  # fmt: skip


# --- values ------------------------------------------------------------------


def normalize_value(value: str) -> str:
    """Apply the module's normalisation rule to one value."""
    collapsed = _WHITESPACE.sub("_", value.strip())
    if is_campaign_id(collapsed):
        return parse_campaign_id(collapsed).value
    return collapsed.lower()


def normalize_params(params: UtmParams) -> UtmParams:
    """Every value normalised; blank optional values become None; ``id``
    defaults to the campaign when the campaign is a Konduct campaign ID."""
    changes: dict[str, str | None] = {}
    for field in fields(UtmParams):
        raw = getattr(params, field.name)
        value = normalize_value(raw) if isinstance(raw, str) else ""
        changes[field.name] = value if value or field.name in REQUIRED_FIELDS else None
    if changes["id"] is None and is_campaign_id(changes["campaign"] or ""):
        changes["id"] = changes["campaign"]
    return replace(params, **changes)


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


# --- landing URL ---------------------------------------------------------------


def _split_url(url: str, problems: list[FieldProblem]) -> SplitResult | None:
    """The parsed http(s) URL, or None after adding why it cannot be used."""

    def refuse(reason: str) -> None:
        problems.append(FieldProblem("url", reason))

    if not isinstance(url, str) or not url.strip():
        refuse("a landing page URL is required")
        return None
    url = url.strip()
    if any(char.isspace() for char in url) or _has_control_character(url):
        refuse("must not contain spaces or control characters; encode spaces as %20")
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a malformed port
    except ValueError as exc:
        refuse(f"is not a valid URL ({exc})")
        return None
    if not parts.scheme:
        refuse("must be a full link starting with http:// or https://")
        return None
    if parts.scheme.lower() not in ("http", "https"):
        refuse("only http:// and https:// links can be tagged")
        return None
    if not parts.hostname:
        refuse("must include a host name, e.g. https://example.com/page")
        return None
    return parts


def _query_segments(query: str) -> list[str]:
    return [segment for segment in query.split("&") if segment]


def _segment_key(segment: str) -> str:
    return unquote_plus(segment.partition("=")[0])


def _lowercase_scheme_and_host(parts: SplitResult) -> SplitResult:
    userinfo, at, hostport = parts.netloc.rpartition("@")
    return parts._replace(scheme=parts.scheme.lower(), netloc=f"{userinfo}{at}{hostport.lower()}")


def _utm_key_problems(
    parts: SplitResult, keys_to_set: dict[str, str], id_always_set: bool
) -> list[FieldProblem]:
    """Repeated utm_* keys, and keys the link already has that we would set."""
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for segment in _query_segments(parts.query):
        key = _segment_key(segment)
        if not key.startswith("utm_"):
            continue
        if key in seen:
            problems.append(FieldProblem("url", f"contains {key} twice; remove the duplicate"))
        elif key in keys_to_set:
            problems.append(
                FieldProblem("url", _already_there(key, keys_to_set[key], id_always_set))
            )
        seen.add(key)
    return problems


def _already_there(key: str, field: str, id_always_set: bool) -> str:
    # With a campaign ID as campaign, leaving id empty still sets utm_id.
    if field == "id" and id_always_set:
        return f"already contains {key}; remove it from the link, Konduct sets it"
    if field in REQUIRED_FIELDS:
        return f"already contains {key}; remove it from the link, {field} is set here"
    return f"already contains {key}; remove it or leave {field} empty"


# --- building --------------------------------------------------------------------


def _pairs(params: UtmParams, creative_param: CreativeParam) -> tuple[tuple[str, str], ...]:
    """The utm pairs to write, in order, skipping empty optional values."""
    pairs = []
    for field in _WRITE_ORDER:
        value = getattr(params, field)
        if value:
            pairs.append((_utm_key(field, creative_param), value))
    return tuple(pairs)


def _assemble(parts: SplitResult, pairs: tuple[tuple[str, str], ...]) -> str:
    written = [f"{key}={quote(value, safe='')}" for key, value in pairs]
    query = "&".join([*_query_segments(parts.query), *written])
    return urlunsplit(_lowercase_scheme_and_host(parts)._replace(query=query))


def _check_creative_param(creative_param: str) -> None:
    if creative_param not in CREATIVE_PARAMS:
        raise ValueError(f"creative_param must be one of {CREATIVE_PARAMS}, got {creative_param!r}")


def _value_problems(params: UtmParams) -> list[FieldProblem]:
    problems = []
    for field in fields(UtmParams):
        value = getattr(params, field.name)
        if field.name in REQUIRED_FIELDS and not value:
            problems.append(FieldProblem(field.name, f"{field.name} is required"))
        if not value:
            continue
        if len(value) > MAX_VALUE_LENGTH:
            problems.append(
                FieldProblem(
                    field.name,
                    f"is {len(value)} characters after normalisation; keep it to "
                    f"{MAX_VALUE_LENGTH} or fewer (GA4 truncates longer values)",
                )
            )
        if _has_control_character(value):
            problems.append(FieldProblem(field.name, "must not contain control characters"))
    return problems


def _validate(
    landing_url: str, params: UtmParams, creative_param: CreativeParam
) -> tuple[list[FieldProblem], UtmParams, str | None]:
    """All problems, the normalised params and the tagged URL (if it could be built)."""
    _check_creative_param(creative_param)
    normalised = normalize_params(params)
    problems: list[FieldProblem] = []
    parts = _split_url(landing_url, problems)
    tagged: str | None = None
    if parts is not None:
        pairs = _pairs(normalised, creative_param)
        keys_to_set = {key: _field_for(key) for key, _ in pairs}
        id_always_set = is_campaign_id(normalised.campaign)
        problems += _utm_key_problems(parts, keys_to_set, id_always_set)
        tagged = _assemble(parts, pairs)
        if len(tagged) > MAX_URL_LENGTH:
            problems.append(
                FieldProblem(
                    "url",
                    f"the tagged link would be {len(tagged)} characters; keep it to "
                    f"{MAX_URL_LENGTH} or fewer (longer links get cut)",
                )
            )
    problems += _value_problems(normalised)
    return problems, normalised, tagged


def _field_for(key: str) -> str:
    return "creative" if key in CREATIVE_PARAMS else key.removeprefix("utm_")


def validate_utm(
    landing_url: str, params: UtmParams, creative_param: CreativeParam = "utm_content"
) -> list[FieldProblem]:
    """Every reason the link cannot be tagged with ``params``; empty when it can."""
    return _validate(landing_url, params, creative_param)[0]


def warnings_for(params: UtmParams) -> list[FieldProblem]:
    """Advice that does not block building the link."""
    warnings = []
    if not (params.creative and normalize_value(params.creative)):
        warnings.append(FieldProblem("creative", "add a creative so ads report apart"))
    source = normalize_value(params.source) if params.source else ""
    medium = normalize_value(params.medium) if params.medium else ""
    if source and medium and channel_group(source, medium, params.campaign or "") == UNASSIGNED:
        warnings.append(
            FieldProblem(
                "medium",
                f"GA4 puts {source} / {medium} in its Unassigned channel, so the traffic "
                "will not show under Paid Social, Paid Search or the like; try cpc, "
                "paid_social, display or email",
            )
        )
    return warnings


def build_tracking_url(
    landing_url: str, params: UtmParams, *, creative_param: CreativeParam = "utm_content"
) -> TrackingUrl:
    """The landing URL tagged with ``params``; raises ValidationFailed listing
    every problem."""
    problems, normalised, tagged = _validate(landing_url, params, creative_param)
    if problems or tagged is None:
        raise ValidationFailed(problems)
    return TrackingUrl(
        url=tagged,
        params=normalised,
        query=_pairs(normalised, creative_param),
        warnings=tuple(warnings_for(normalised)),
    )


# --- reading back -----------------------------------------------------------------


def parse_tracking_url(url: str) -> ParsedTrackingUrl:
    """Split a tagged link into its landing URL and its utm_* values."""
    problems: list[FieldProblem] = []
    parts = _split_url(url, problems)
    if parts is None:
        raise ValidationFailed(problems)
    kept: list[str] = []
    values: dict[str, str] = {}
    for segment in _query_segments(parts.query):
        key = _segment_key(segment)
        if not key.startswith("utm_"):
            kept.append(segment)
        elif key in values:
            raise ValidationFailed.single("url", f"contains {key} twice; remove the duplicate")
        else:
            values[key] = unquote_plus(segment.partition("=")[2])
    landing = urlunsplit(_lowercase_scheme_and_host(parts)._replace(query="&".join(kept)))
    return ParsedTrackingUrl(
        landing_url=landing,
        values=values,
        params=_params_from(values),
        campaign_id=_campaign_id_from(values),
    )


def _params_from(values: dict[str, str]) -> UtmParams | None:
    """Values as found (not re-normalised): this reports what the link says."""
    if not all(values.get(f"utm_{field}") for field in REQUIRED_FIELDS):
        return None

    def optional(key: str) -> str | None:
        return values.get(key) or None

    return UtmParams(
        source=values["utm_source"],
        medium=values["utm_medium"],
        campaign=values["utm_campaign"],
        creative=optional("utm_content") or optional("utm_creative"),
        term=optional("utm_term"),
        id=optional("utm_id"),
        source_platform=optional("utm_source_platform"),
        creative_format=optional("utm_creative_format"),
        marketing_tactic=optional("utm_marketing_tactic"),
    )


def _campaign_id_from(values: dict[str, str]) -> CampaignId | None:
    for key in ("utm_campaign", "utm_id"):
        if is_campaign_id(values.get(key, "")):
            return parse_campaign_id(values[key])
    return None


# What the builder proposes before anyone types: paid placements on each platform.
SUGGESTED_MEDIUMS = (
    "paid_social",
    "cpc",
    "display",
    "paid_video",
    "email",
    "social",
    "affiliate",
    "referral",
    "qr",
)
_MEDIUM_BY_PLATFORM = {"GAD": "cpc", "YTB": "paid_video", "OTH": ""}


def suggested_medium(platform_code: str) -> str:
    """The usual medium for paid traffic from a platform ('' when there is no usual one)."""
    return _MEDIUM_BY_PLATFORM.get(platform_code.upper(), "paid_social")
