"""The team naming rules: reading a rule set, and each rule kind against a link's values."""

import pytest

from konduct.domain.errors import ValidationFailed
from konduct.domain.naming_rules import (
    NO_RULES,
    NamingRules,
    Rule,
    allowed_values,
    check,
    conform_value,
    hint,
    parse_rules,
    prepare_value,
)

CID = "FBK-TRF-20261125093000-9F86D081"
RULES = {
    "fields": {
        "source": {"required": True, "allowed": ["facebook", "google", "newsletter"]},
        "medium": {
            "allowed": ["paid_social", "cpc", "email", "social"],
            "depends_on": "source",
            "allowed_by": {"facebook": ["paid_social", "social"], "google": ["cpc"]},
        },
        "creative": {"required": True, "max_length": 12},
    },
    "lowercase": True,
    "banned_characters": "!?#",
    "separator": "_",
}


def rules(**changes) -> NamingRules:
    return parse_rules({**RULES, **changes})


def broken(problems) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in problems}


def paths(doc) -> set[str]:
    with pytest.raises(ValidationFailed) as failure:
        parse_rules(doc)
    return {p.field for p in failure.value.problems}


# --- the rule set itself -------------------------------------------------------------


def test_a_rule_set_round_trips_through_its_document():
    parsed = rules()
    assert parse_rules(parsed.document()) == parsed
    assert parsed.document()["fields"]["medium"]["allowed_by"]["google"] == ["cpc"]


def test_no_rules_is_empty():
    assert parse_rules({}) is NO_RULES and parse_rules(None).empty
    assert parse_rules({"fields": {"term": {}}, "lowercase": False}).empty
    assert not rules().empty


def test_listed_values_are_kept_as_konduct_writes_them():
    parsed = parse_rules({"fields": {"medium": {"allowed": ["Paid Social", " CPC "]}}})
    assert parsed.for_field("medium").allowed == ("paid_social", "cpc")
    dashed = parse_rules({"fields": {"medium": {"allowed": ["Paid Social"]}}, "separator": "-"})
    assert dashed.for_field("medium").allowed == ("paid-social",)


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        ([1, 2], "body"),
        ({"colour": "red"}, "colour"),
        ({"fields": {"utm_bogus": {}}}, "fields.utm_bogus"),
        ({"fields": {"source": "facebook"}}, "fields.source"),
        ({"fields": {"source": {"must": True}}}, "fields.source.must"),
        ({"fields": {"source": {"required": "yes"}}}, "fields.source.required"),
        ({"fields": {"source": {"allowed": "facebook"}}}, "fields.source.allowed"),
        ({"fields": {"source": {"allowed": ["a", ""]}}}, "fields.source.allowed[1]"),
        ({"fields": {"source": {"allowed": ["a", "A"]}}}, "fields.source.allowed[1]"),
        ({"fields": {"source": {"allowed": [f"v{i}" for i in range(201)]}}},
         "fields.source.allowed"),
        ({"fields": {"source": {"max_length": 0}}}, "fields.source.max_length"),
        ({"fields": {"source": {"max_length": 101}}}, "fields.source.max_length"),
        ({"fields": {"source": {"max_length": True}}}, "fields.source.max_length"),
        ({"fields": {"medium": {"depends_on": "colour", "allowed_by": {"a": ["b"]}}}},
         "fields.medium.depends_on"),
        ({"fields": {"medium": {"depends_on": "medium", "allowed_by": {"a": ["b"]}}}},
         "fields.medium.depends_on"),
        ({"fields": {"medium": {"depends_on": "source"}}}, "fields.medium.allowed_by"),
        ({"fields": {"medium": {"allowed_by": {"a": ["b"]}}}}, "fields.medium.allowed_by"),
        ({"fields": {"medium": {"depends_on": "source", "allowed_by": {"a": []}}}},
         "fields.medium.allowed_by.a"),
        ({"lowercase": "yes"}, "lowercase"),
        ({"separator": "."}, "separator"),
        ({"banned_characters": 7}, "banned_characters"),
        ({"banned_characters": "".join(chr(65 + i) for i in range(41))}, "banned_characters"),
        ({"separator": "_", "banned_characters": "_!"}, "banned_characters"),
    ],
)  # fmt: skip
def test_a_bad_rule_set_is_refused_at_the_entry(doc, path):
    assert path in paths(doc)


def test_listed_values_must_pass_the_rules_themselves():
    found = paths(
        {
            "fields": {"medium": {"allowed": ["cpc!", "paid-social", "a_very_long_value"],
                                   "max_length": 10}},
            "banned_characters": "!",
            "separator": "_",
        }
    )  # fmt: skip
    assert {"fields.medium.allowed[0]", "fields.medium.allowed[1]", "fields.medium.allowed[2]"} <= (
        found
    )


def test_dependency_values_must_be_on_both_picklists():
    found = paths(
        {
            "fields": {
                "source": {"allowed": ["facebook"]},
                "medium": {
                    "allowed": ["cpc"],
                    "depends_on": "source",
                    "allowed_by": {"bing": ["cpc"], "facebook": ["email"]},
                },
            }
        }
    )
    assert found == {"fields.medium.allowed_by.bing", "fields.medium.allowed_by.facebook"}


def test_dependencies_cannot_go_round_in_a_circle():
    found = paths(
        {
            "fields": {
                "medium": {"depends_on": "source", "allowed_by": {"facebook": ["cpc"]}},
                "source": {"depends_on": "medium", "allowed_by": {"cpc": ["facebook"]}},
            }
        }
    )
    assert "fields.medium.depends_on" in found


# --- checking a link's values -----------------------------------------------------------

GOOD = {"source": "facebook", "medium": "paid_social", "campaign": CID, "creative": "hero_1"}


def test_a_link_that_follows_every_rule_passes():
    assert check(rules(), GOOD, typed=GOOD) == []
    assert check(NO_RULES, {"source": "Anything!"}) == []


def test_required():
    problems = check(rules(), {**GOOD, "creative": None, "source": ""})
    assert broken(problems) == {("creative", Rule.REQUIRED), ("source", Rule.REQUIRED)}
    assert "require" in problems[0].reason


def test_picklist_names_the_allowed_values():
    [problem] = check(rules(), {**GOOD, "source": "bing"})
    assert (problem.field, problem.rule) == ("source", "picklist")
    assert "facebook, google, newsletter" in problem.reason and "picklist" in problem.reason


def test_dependency_limits_the_medium_by_source():
    [problem] = check(rules(), {**GOOD, "medium": "cpc"})
    assert (problem.field, problem.rule) == ("medium", "dependency")
    assert "source 'facebook'" in problem.reason
    assert check(rules(), {**GOOD, "source": "google", "medium": "cpc"}) == []
    # A source without its own list falls back to the medium's picklist.
    assert check(rules(), {**GOOD, "source": "newsletter", "medium": "email"}) == []
    assert broken(check(rules(), {**GOOD, "source": "newsletter", "medium": "sms"})) == {
        ("medium", "picklist")
    }


def test_allowed_values_follow_the_dependency():
    parsed = rules()
    assert allowed_values(parsed, "medium", {"source": "facebook"}) == ("paid_social", "social")
    assert allowed_values(parsed, "medium", {"source": "newsletter"}) == (
        "paid_social",
        "cpc",
        "email",
        "social",
    )
    assert allowed_values(parsed, "term", {}) == ()


def test_lowercase_refuses_what_was_typed_with_capitals():
    [problem] = check(rules(), GOOD, typed={**GOOD, "creative": "Hero_1"})
    assert (problem.field, problem.rule) == ("creative", "lowercase")
    assert "'hero_1'" in problem.reason
    # Values Konduct fills in itself are not typed, so only the written value counts.
    assert check(rules(), GOOD, typed={}) == []
    assert check(rules(lowercase=False), GOOD, typed={"creative": "Hero_1"}) == []


def test_banned_characters():
    [problem] = check(rules(), {**GOOD, "creative": "hero#1?"})
    assert problem.rule == "banned_characters" and "# ?" in problem.reason


@pytest.mark.parametrize(
    ("separator", "value", "ok"),
    [
        ("_", "hero_1", True),
        ("_", "hero-1", False),
        ("-", "hero-1", True),
        ("-", "hero_1", False),
        ("none", "hero1", True),
        ("none", "hero_1", False),
        (None, "hero-1_a", True),
    ],
)
def test_separator(separator, value, ok):
    problems = check(parse_rules({"separator": separator}), {"creative": value})
    assert (problems == []) is ok
    if not ok:
        assert problems[0].rule == "separator"


def test_separator_replaces_spaces_and_conforms_konduct_defaults():
    dashed, joined = parse_rules({"separator": "-"}), parse_rules({"separator": "none"})
    assert prepare_value(dashed, "  spring  sale ") == "spring-sale"
    assert prepare_value(joined, "spring sale") == "springsale"
    assert prepare_value(NO_RULES, "spring sale") == "spring sale"
    assert conform_value(dashed, "meta_ads") == "meta-ads"
    assert conform_value(joined, "meta_ads") == "metaads"
    assert conform_value(NO_RULES, "meta_ads") == "meta_ads"


def test_max_length():
    [problem] = check(rules(), {**GOOD, "creative": "a" * 13})
    assert problem.rule == "max_length" and "at most 12" in problem.reason


def test_one_problem_per_broken_rule():
    values = {**GOOD, "creative": "Hero-1!" + "x" * 10}
    problems = check(rules(), values, typed=values)
    assert [p.rule for p in problems] == [
        "lowercase",
        "banned_characters",
        "separator",
        "max_length",
    ]


def test_generated_campaign_ids_are_exempt():
    strict = parse_rules({"fields": {"campaign": {"max_length": 5}}, "lowercase": True})
    assert check(strict, {"campaign": CID}, typed={"campaign": CID}) == []
    assert broken(check(strict, {"campaign": "spring_sale"})) == {("campaign", "max_length")}


def test_hint_says_the_rules_in_words():
    text = hint(rules(), "medium")
    assert text.startswith("Team rule:")
    assert "follow the source" in text and "lowercase" in text and "joined with _" in text
    assert hint(rules(), "creative").endswith("at most 12 characters")
    assert hint(NO_RULES, "medium") == ""
