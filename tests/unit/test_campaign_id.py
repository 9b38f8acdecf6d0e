import hashlib
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from uuid import UUID

import pytest

from konduct.domain.campaign_id import (
    CampaignId,
    campaign_hash,
    canonical_json,
    explain,
    generate_campaign_id,
    is_campaign_id,
    parse_campaign_id,
)
from konduct.domain.catalog import objective_by_code, platform_by_code
from konduct.domain.enums import Device
from konduct.domain.errors import ValidationFailed

AT = datetime(2026, 11, 25, 9, 30, 0, tzinfo=UTC)
DATA = {"name": "Summer Sale", "budget": 100}


def md5_prefix(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()[:8].upper()


# --- canonical_json ----------------------------------------------------------


def test_canonical_json_is_sorted_and_compact():
    assert canonical_json({"b": 1, "a": [1, 2], "c": {"z": None, "y": True}}) == (
        '{"a":[1,2],"b":1,"c":{"y":true,"z":null}}'
    )


def test_canonical_json_keeps_non_ascii():
    assert canonical_json({"name": "Café ☕"}) == '{"name":"Café ☕"}'


class Colour(Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=1))),
            '"2026-11-25T09:30:00+00:00"',
        ),
        (date(2026, 2, 1), '"2026-02-01"'),
        (Decimal("1E+2"), '"100"'),
        (Decimal("12.50"), '"12.50"'),
        (Decimal("-0.001"), '"-0.001"'),
        (Colour.RED, '"red"'),
        (Device.MOBILE, '"MOBILE"'),
        ({"b", "a", "c"}, '["a","b","c"]'),
        (frozenset({3, 1, 2}), "[1,2,3]"),
        ((1, "x"), '[1,"x"]'),
        ([{"b": 2, "a": 1}], '[{"a":1,"b":2}]'),
        (UUID("12345678-1234-5678-1234-567812345678"), '"12345678-1234-5678-1234-567812345678"'),
        (1.5, "1.5"),
        (False, "false"),
    ],
)
def test_canonical_json_converts_values(value, expected):
    assert canonical_json({"k": value}) == '{"k":' + expected + "}"


def test_canonical_json_accepts_enum_keys():
    assert canonical_json({Device.ALL: 1}) == '{"ALL":1}'


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"when": object()}, "data.when"),
        ({"outer": {"inner": b"bytes"}}, "data.outer.inner"),
        ({"items": [1, {2, 3}, complex(1, 2)]}, "data.items[2]"),
        ({"ratio": float("nan")}, "data.ratio"),
        ({"amount": Decimal("Infinity")}, "data.amount"),
        ({1: "x"}, "key 1"),
    ],
)
def test_canonical_json_refuses_non_json_values_naming_the_key(data, named):
    with pytest.raises(TypeError, match=re.escape(named)):
        canonical_json(data)


def test_canonical_json_refuses_naive_datetime():
    with pytest.raises(ValueError, match=r"data\.start"):
        canonical_json({"start": datetime(2026, 1, 1)})


def test_canonical_json_refuses_non_mapping():
    with pytest.raises(TypeError):
        canonical_json([("a", 1)])  # type: ignore[arg-type]


def test_campaign_hash_is_md5_prefix_of_canonical_json():
    assert campaign_hash({"a": 1}) == md5_prefix('{"a":1}')
    assert re.fullmatch(r"[0-9A-F]{8}", campaign_hash({"a": 1}))


# --- generate ------------------------------------------------------------------


def test_known_id_matches_independent_md5():
    expected_hash = md5_prefix(
        '{"budget":100,"name":"Summer Sale","objective":"TRF","platform":"FBK"}'
    )
    cid = generate_campaign_id("FBK", "TRF", DATA, AT)
    assert str(cid) == f"FBK-TRF-20261125093000-{expected_hash}"
    assert cid.value == str(cid)
    assert cid.hash == expected_hash
    assert cid.platform is platform_by_code("FBK") and cid.objective is objective_by_code("TRF")


def test_same_data_and_time_give_same_id_whatever_key_order():
    reordered = dict(reversed(list(DATA.items())))
    assert list(reordered) != list(DATA)
    assert generate_campaign_id("FBK", "TRF", DATA, AT) == generate_campaign_id(
        "FBK", "TRF", reordered, AT
    )


def test_platform_spelling_does_not_change_the_hash():
    by_code = generate_campaign_id("FBK", "TRF", DATA, AT)
    by_name = generate_campaign_id("facebook", "traffic", DATA, AT)
    by_info = generate_campaign_id(platform_by_code("FBK"), objective_by_code("TRF"), DATA, AT)
    # The caller's own platform/objective keys are overridden by the codes.
    with_display = generate_campaign_id(
        "FBK", "TRF", {**DATA, "platform": "Facebook", "objective": "traffic"}, AT
    )
    assert by_code == by_name == by_info == with_display


@pytest.mark.parametrize(
    "other",
    [
        {"name": "Winter Sale", "budget": 100},
        {"name": "Summer Sale", "budget": 101},
        {"name": "Summer Sale"},
    ],
)
def test_different_data_gives_different_hash(other):
    assert (
        generate_campaign_id("FBK", "TRF", other, AT).hash
        != generate_campaign_id("FBK", "TRF", DATA, AT).hash
    )


def test_platform_and_objective_are_hashed():
    base = generate_campaign_id("FBK", "TRF", DATA, AT).hash
    assert generate_campaign_id("IGM", "TRF", DATA, AT).hash != base
    assert generate_campaign_id("FBK", "RCH", DATA, AT).hash != base


def test_time_changes_the_timestamp_not_the_hash():
    first = generate_campaign_id("FBK", "TRF", DATA, AT)
    later = generate_campaign_id("FBK", "TRF", DATA, AT + timedelta(seconds=1))
    assert first.hash == later.hash
    assert str(later).split("-")[2] == "20261125093001"


def test_attempt_changes_the_hash_predictably():
    plain = generate_campaign_id("FBK", "TRF", DATA, AT)
    assert generate_campaign_id("FBK", "TRF", DATA, AT, attempt=0) == plain
    retry = generate_campaign_id("FBK", "TRF", DATA, AT, attempt=1)
    again = generate_campaign_id("FBK", "TRF", DATA, AT, attempt=2)
    assert len({plain.hash, retry.hash, again.hash}) == 3
    assert retry.hash == md5_prefix(
        '{"_attempt":1,"budget":100,"name":"Summer Sale","objective":"TRF","platform":"FBK"}'
    )


def test_negative_attempt_refused():
    with pytest.raises(ValueError):
        generate_campaign_id("FBK", "TRF", DATA, AT, attempt=-1)


def test_naive_datetime_refused():
    with pytest.raises(ValueError, match="naive"):
        generate_campaign_id("FBK", "TRF", DATA, datetime(2026, 11, 25, 9, 30))


def test_non_utc_time_converted_and_microseconds_dropped():
    paris = timezone(timedelta(hours=1))
    cid = generate_campaign_id(
        "FBK", "TRF", DATA, datetime(2026, 11, 25, 10, 30, 0, 999_999, tzinfo=paris)
    )
    assert cid.timestamp == AT and cid.timestamp.utcoffset() == timedelta(0)
    assert str(cid).startswith("FBK-TRF-20261125093000-")


def test_offset_crossing_midnight_uses_utc_date():
    cid = generate_campaign_id(
        "GAD", "CNV", DATA, datetime(2026, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=3)))
    )
    assert str(cid).split("-")[2] == "20251231220000"


def test_unknown_platform_refused_as_validation_failure():
    with pytest.raises(ValidationFailed) as caught:
        generate_campaign_id("myspace", "TRF", DATA, AT)
    assert caught.value.problems[0].field == "platform"


def test_whole_id_is_uppercase_and_shaped():
    cid = str(generate_campaign_id("ytb", "vid", {"x": "lower case"}, AT))
    assert cid == cid.upper()
    assert re.fullmatch(r"[A-Z]{3}-[A-Z]{3}-\d{14}-[0-9A-F]{8}", cid)


def test_campaign_id_refuses_bad_values():
    fbk, trf = platform_by_code("FBK"), objective_by_code("TRF")
    with pytest.raises(ValueError):
        CampaignId(fbk, trf, datetime(2026, 1, 1), "ABCDEF12")
    with pytest.raises(ValueError):
        CampaignId(fbk, trf, AT, "abcdef12")


# --- parse ------------------------------------------------------------------------


def test_parse_round_trips_generated_ids():
    cid = generate_campaign_id("LNK", "LEA", DATA, AT)
    assert parse_campaign_id(str(cid)) == cid


def test_parse_trims_and_uppercases():
    cid = parse_campaign_id("  fbk-trf-20261125093000-9f86d081\n")
    assert str(cid) == "FBK-TRF-20261125093000-9F86D081"
    assert cid.platform.code == "FBK" and cid.objective.code == "TRF"
    assert cid.timestamp == AT and cid.hash == "9F86D081"


def reasons(text: str) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        parse_campaign_id(text)
    assert {p.field for p in caught.value.problems} == {"campaign_id"}
    return [p.reason for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "FBK-TRF-20261125093000",
            "expected PLT-OBJ-YYYYMMDDHHMMSS-HASH (4 parts separated by '-'), got 3 parts",
        ),
        (
            "FBK-TRF-20261125093000-9F86D081-X",
            "expected PLT-OBJ-YYYYMMDDHHMMSS-HASH (4 parts separated by '-'), got 5 parts",
        ),
        ("FBKTRF202611250930009F86D081", "(4 parts separated by '-'), got 1 part"),
        ("", "a campaign ID (PLT-OBJ-YYYYMMDDHHMMSS-HASH) is required"),
        ("ZZZ-TRF-20261125093000-9F86D081", "unknown platform code 'ZZZ'"),
        ("FBK-ZZZ-20261125093000-9F86D081", "unknown objective code 'ZZZ'"),
        ("FB-TRF-20261125093000-9F86D081", "platform code 'FB' must be 3 letters"),
        ("FBK-TR1-20261125093000-9F86D081", "objective code 'TR1' must be 3 letters"),
        (
            "FBK-TRF-20261340093000-9F86D081",
            "timestamp '20261340093000' is not a valid UTC date-time",
        ),
        (
            "FBK-TRF-20260230093000-9F86D081",
            "timestamp '20260230093000' is not a valid UTC date-time",
        ),
        (
            "FBK-TRF-20261125250000-9F86D081",
            "timestamp '20261125250000' is not a valid UTC date-time",
        ),
        (
            "FBK-TRF-20261125096000-9F86D081",
            "timestamp '20261125096000' is not a valid UTC date-time",
        ),
        ("FBK-TRF-2026112509300-9F86D081", "timestamp '2026112509300' must be 14 digits"),
        ("FBK-TRF-2026-11-25-9F86D081", "got 6 parts"),
        ("FBK-TRF-20261125093000-9F86D08", "hash '9F86D08' must be 8 hex digits, got 7"),
        ("FBK-TRF-20261125093000-9F86D0811", "hash '9F86D0811' must be 8 hex digits, got 9"),
        ("FBK-TRF-20261125093000-9G86D081", "hash '9G86D081' must contain only hex digits"),
    ],
)
def test_parse_refuses_malformed_ids_saying_why(text, reason):
    assert any(reason in r for r in reasons(text)), reasons(text)


def test_parse_reports_every_broken_part():
    found = reasons("ZZZ-QQQ-20261340093000-XYZ")
    assert len(found) == 4


def test_parse_accepts_leap_day():
    assert parse_campaign_id("FBK-TRF-20280229000000-00000000").timestamp == datetime(
        2028, 2, 29, tzinfo=UTC
    )
    assert any("not a valid" in r for r in reasons("FBK-TRF-20270229000000-00000000"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FBK-TRF-20261125093000-9F86D081", True),
        ("oth-str-20261125093000-abcdef12", True),
        ("FBK-TRF-20261125093000-9F86D08", False),
        ("summer_sale", False),
        ("", False),
    ],
)
def test_is_campaign_id(text, expected):
    assert is_campaign_id(text) is expected


# --- explain ------------------------------------------------------------------------


def test_explain_describes_each_part_as_json():
    described = explain(parse_campaign_id("GAD-CNV-20261125093000-9F86D081"))
    assert json.loads(json.dumps(described)) == described
    assert described["campaign_id"] == "GAD-CNV-20261125093000-9F86D081"
    assert described["platform"] == {"code": "GAD", "name": "Google Ads"}
    assert described["objective"] == {"code": "CNV", "name": "Conversions"}
    assert described["timestamp"] == "20261125093000"
    assert described["created_at"] == "2026-11-25T09:30:00Z"
    assert described["hash"] == "9F86D081"
    assert "MD5" in described["hash_meaning"] and "same data" in described["hash_meaning"]


def test_an_id_prefix_names_the_codes_it_already_fixes() -> None:
    from konduct.domain.campaign_id import codes_in_prefix

    assert codes_in_prefix("FBK-TRF-2021") == ("FBK", "TRF")
    assert codes_in_prefix("fbk-trf-") == ("FBK", "TRF")
    assert codes_in_prefix("FBK-TRF") == ("FBK", "TRF")  # codes are exactly 3 letters
    assert codes_in_prefix("FBK-T") == ("FBK", None)
    assert codes_in_prefix("FBK") == ("FBK", None)
    assert codes_in_prefix("FB") == (None, None)
    assert codes_in_prefix("XYZ-TRF-2021") == (None, None)  # not a platform code
    assert codes_in_prefix("FBK-ZZZ-2021") == ("FBK", None)
