import re

import pytest

from konduct.domain.catalog import (
    OBJECTIVES,
    PLATFORMS,
    lookup_key,
    objective_by_code,
    platform_by_code,
    resolve_objective,
    resolve_platform,
)
from konduct.domain.errors import ValidationFailed


def test_platforms_in_spec_order_with_sources():
    assert [(p.code, p.name, p.utm_source) for p in PLATFORMS] == [
        ("FBK", "Facebook", "facebook"),
        ("IGM", "Instagram", "instagram"),
        ("GAD", "Google Ads", "google"),
        ("TTK", "TikTok", "tiktok"),
        ("LNK", "LinkedIn", "linkedin"),
        ("TWX", "Twitter/X", "twitter"),
        ("YTB", "YouTube", "youtube"),
        ("OTH", "Other", None),
    ]


def test_objectives_in_spec_order():
    assert [(o.code, o.name) for o in OBJECTIVES] == [
        ("BRA", "Brand Awareness"),
        ("RCH", "Reach"),
        ("TRF", "Traffic"),
        ("ENG", "Engagement"),
        ("APP", "App Installs"),
        ("VID", "Video Views"),
        ("LEA", "Lead Generation"),
        ("MSG", "Messages"),
        ("CNV", "Conversions"),
        ("CAT", "Catalog Sales"),
        ("STR", "Store Traffic"),
    ]


@pytest.mark.parametrize("items", [PLATFORMS, OBJECTIVES], ids=["platforms", "objectives"])
def test_codes_are_unique_three_upper_letters(items):
    codes = [item.code for item in items]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


@pytest.mark.parametrize("items", [PLATFORMS, OBJECTIVES], ids=["platforms", "objectives"])
def test_no_spelling_names_two_entries(items):
    keys = [lookup_key(s) for item in items for s in {item.code, item.name, *item.aliases}]
    assert len(keys) == len(set(keys))


def test_source_platform_values_are_already_normalised():
    for platform in PLATFORMS:
        value = platform.source_platform
        assert value is None or re.fullmatch(r"[a-z_]+", value)
    assert platform_by_code("OTH").source_platform is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("FBK", "FBK"),
        ("fbk", "FBK"),
        ("Facebook", "FBK"),
        ("  FACEBOOK  ", "FBK"),
        ("google_ads", "GAD"),
        ("GOOGLE ADS", "GAD"),
        ("google-ads", "GAD"),
        ("gad", "GAD"),
        ("Google__Ads", "GAD"),
        ("Twitter", "TWX"),
        ("X", "TWX"),
        ("x", "TWX"),
        ("Twitter/X", "TWX"),
        ("twitter/x", "TWX"),
        ("tik-tok", "TTK"),
        ("TikTok", "TTK"),
        ("LinkedIn", "LNK"),
        ("youtube", "YTB"),
        ("Instagram", "IGM"),
        ("other", "OTH"),
    ],
)
def test_resolve_platform_accepts_codes_names_and_aliases(typed, code):
    assert resolve_platform(typed).code == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("BRA", "BRA"),
        ("brand awareness", "BRA"),
        ("Brand_Awareness", "BRA"),
        ("BRAND-AWARENESS", "BRA"),
        ("trf", "TRF"),
        ("Traffic", "TRF"),
        ("app installs", "APP"),
        ("lead_generation", "LEA"),
        ("Lead Gen", "LEA"),
        ("  catalog sales ", "CAT"),
        ("store-traffic", "STR"),
        ("video views", "VID"),
    ],
)
def test_resolve_objective_accepts_codes_names_and_aliases(typed, code):
    assert resolve_objective(typed).code == code


@pytest.mark.parametrize("item", PLATFORMS, ids=lambda p: p.code)
def test_every_platform_resolves_by_its_own_spellings(item):
    for spelling in (item.code, item.name, *item.aliases):
        assert resolve_platform(spelling.upper()) is item
        assert resolve_platform(spelling.lower()) is item


@pytest.mark.parametrize("item", OBJECTIVES, ids=lambda o: o.code)
def test_every_objective_resolves_by_its_own_spellings(item):
    for spelling in (item.code, item.name, *item.aliases):
        assert resolve_objective(spelling.swapcase()) is item


@pytest.mark.parametrize("typed", ["myspace", "FBKK", "face book", "google ads!", "ZZZ"])
def test_resolve_platform_refuses_unknown_listing_choices(typed):
    with pytest.raises(ValidationFailed) as caught:
        resolve_platform(typed)
    [problem] = caught.value.problems
    assert problem.field == "platform"
    assert repr(typed) in problem.reason
    assert "FBK (Facebook)" in problem.reason and "OTH (Other)" in problem.reason


@pytest.mark.parametrize("typed", ["", "   "])
def test_resolve_platform_refuses_blank(typed):
    with pytest.raises(ValidationFailed) as caught:
        resolve_platform(typed)
    assert caught.value.problems[0].field == "platform"
    assert "required" in caught.value.problems[0].reason


@pytest.mark.parametrize("typed", ["sales", "XYZ", ""])
def test_resolve_objective_refuses_unknown(typed):
    with pytest.raises(ValidationFailed) as caught:
        resolve_objective(typed)
    [problem] = caught.value.problems
    assert problem.field == "objective"
    assert "BRA (Brand Awareness)" in problem.reason and "STR (Store Traffic)" in problem.reason


def test_by_code_lookups_are_exact_codes_any_case():
    assert platform_by_code("gad").name == "Google Ads"
    assert objective_by_code("Cnv").name == "Conversions"
    assert platform_by_code("Google Ads") is None
    assert platform_by_code("google") is None
    assert objective_by_code("Traffic") is None
    assert objective_by_code("ZZZ") is None
