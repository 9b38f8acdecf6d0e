"""A team's enforced UTM naming rules: the rule set, and checking a link against it.

An admin writes the rules once; every link the team builds is checked against
them (the builder offers only allowed values, the API refuses the rest). The
rule kinds, each named in the problem it raises (``RuleProblem.rule``):

* ``required``  -- the field must have a value;
* ``picklist``  -- the value must be one of the field's allowed values;
* ``dependency``-- the allowed values depend on another field's value, e.g.
  the mediums allowed for ``source=facebook`` (a parent value not listed falls
  back to the field's picklist, or to anything when it has none);
* ``lowercase`` -- values must be typed in lowercase (Konduct lowercases what it
  writes anyway; with this rule it refuses ``Facebook`` instead of fixing it);
* ``banned_characters`` -- none of these characters may appear;
* ``separator`` -- words are joined with ``-``, ``_`` or nothing (``none``):
  spaces are replaced by it, and the other separators are refused;
* ``max_length`` -- at most this many characters.

``lowercase``, ``banned_characters`` and ``separator`` hold for every field;
the others are set per field. Campaign IDs Konduct generates are the team's
campaign convention already, so rules never apply to a ``campaign`` value that
is one. The stored form (``NamingRules.document()``) is plain JSON, kept in
``team.settings["utm_conventions"]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from konduct.domain.campaign_id import is_campaign_id
from konduct.domain.errors import FieldProblem, ValidationFailed
from konduct.domain.utm import normalize_value

# The UTM fields a team may constrain (``creative`` is utm_content / utm_creative).
RULE_FIELDS = (
    "source",
    "medium",
    "campaign",
    "creative",
    "term",
    "source_platform",
    "marketing_tactic",
    "creative_format",
)
FIELD_LABELS = {
    "source": "source",
    "medium": "medium",
    "campaign": "campaign",
    "creative": "content (creative)",
    "term": "term",
    "source_platform": "source platform",
    "marketing_tactic": "marketing tactic",
    "creative_format": "creative format",
}
SEPARATORS = {"-": "-", "_": "_", "none": ""}  # the stored name -> the joining text
SEPARATOR_CHARACTERS = ("-", "_")
MAX_VALUE_LENGTH = 100  # as the core: GA4 truncates longer values
MAX_PICKLIST = 200
MAX_BANNED = 40
_WHITESPACE = re.compile(r"\s+")


class Rule(StrEnum):
    REQUIRED = "required"
    PICKLIST = "picklist"
    DEPENDENCY = "dependency"
    LOWERCASE = "lowercase"
    BANNED_CHARACTERS = "banned_characters"
    SEPARATOR = "separator"
    MAX_LENGTH = "max_length"


@dataclass(frozen=True)
class RuleProblem(FieldProblem):
    """A field problem caused by one of the team's rules; ``rule`` names which."""

    rule: str = ""


@dataclass(frozen=True)
class FieldRules:
    required: bool = False
    allowed: tuple[str, ...] = ()  # empty: any value
    max_length: int | None = None
    depends_on: str | None = None
    allowed_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {}
        if self.required:
            doc["required"] = True
        if self.allowed:
            doc["allowed"] = list(self.allowed)
        if self.max_length is not None:
            doc["max_length"] = self.max_length
        if self.depends_on:
            doc["depends_on"] = self.depends_on
            doc["allowed_by"] = {k: list(v) for k, v in self.allowed_by.items()}
        return doc


@dataclass(frozen=True)
class NamingRules:
    fields: Mapping[str, FieldRules] = field(default_factory=dict)
    lowercase: bool = False
    banned_characters: str = ""
    separator: str | None = None  # a key of SEPARATORS, or None: no rule

    @property
    def empty(self) -> bool:
        return not (
            self.lowercase
            or self.banned_characters
            or self.separator
            or any(rules.document() for rules in self.fields.values())
        )

    def for_field(self, name: str) -> FieldRules:
        return self.fields.get(name) or FieldRules()

    def document(self) -> dict[str, Any]:
        """The canonical JSON form (what is stored and what the API answers)."""
        fields_doc = {
            name: rules.document()
            for name in RULE_FIELDS
            if (rules := self.fields.get(name)) and rules.document()
        }
        return {
            "fields": fields_doc,
            "lowercase": self.lowercase,
            "banned_characters": self.banned_characters,
            "separator": self.separator,
        }


NO_RULES = NamingRules()


# --- reading a rule set -------------------------------------------------------------


class _Reader:
    """Collects every problem of a rule-set document, each at its JSON path."""

    def __init__(self, separator: str | None = None) -> None:
        self.problems: list[FieldProblem] = []
        self.separator = separator

    def normalize(self, value: str) -> str:
        """Listed values are kept as Konduct writes them: ``Paid Social`` -> ``paid_social``."""
        if self.separator is not None:
            value = _WHITESPACE.sub(SEPARATORS[self.separator], value.strip())
        return normalize_value(value)

    def refuse(self, path: str, reason: str) -> None:
        self.problems.append(FieldProblem(path, reason))

    def unknown_keys(self, doc: Mapping, known: tuple[str, ...], path: str) -> None:
        for key in doc:
            if key not in known:
                self.refuse(f"{path}{key}", "is not a known rule")


def _value_list(reader: _Reader, raw: Any, path: str) -> tuple[str, ...]:
    if not isinstance(raw, list):
        reader.refuse(path, "must be a list of values")
        return ()
    if len(raw) > MAX_PICKLIST:
        reader.refuse(path, f"may list at most {MAX_PICKLIST} values")
    values: list[str] = []
    for index, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            reader.refuse(f"{path}[{index}]", "must be a non-empty text value")
            continue
        value = reader.normalize(item)
        if value in values:
            reader.refuse(f"{path}[{index}]", f"{value!r} is listed twice")
            continue
        values.append(value)
    return tuple(values)


def _parse_field(reader: _Reader, name: str, raw: Any) -> FieldRules | None:
    path = f"fields.{name}"
    if not isinstance(raw, Mapping):
        reader.refuse(path, "must be an object of rules")
        return None
    reader.unknown_keys(
        raw, ("required", "allowed", "max_length", "depends_on", "allowed_by"), f"{path}."
    )
    required = raw.get("required", False)
    if not isinstance(required, bool):
        reader.refuse(f"{path}.required", "must be true or false")
        required = False
    allowed = _value_list(reader, raw["allowed"], f"{path}.allowed") if "allowed" in raw else ()
    max_length = raw.get("max_length")
    if max_length is not None and (
        isinstance(max_length, bool)
        or not isinstance(max_length, int)
        or not 1 <= max_length <= MAX_VALUE_LENGTH
    ):
        reader.refuse(f"{path}.max_length", f"must be a whole number from 1 to {MAX_VALUE_LENGTH}")
        max_length = None
    depends_on = raw.get("depends_on")
    allowed_by: dict[str, tuple[str, ...]] = {}
    if depends_on is not None:
        if depends_on not in RULE_FIELDS:
            reader.refuse(f"{path}.depends_on", f"must be one of {', '.join(RULE_FIELDS)}")
            depends_on = None
        elif depends_on == name:
            reader.refuse(f"{path}.depends_on", "a field cannot depend on itself")
            depends_on = None
        by = raw.get("allowed_by")
        if not isinstance(by, Mapping) or not by:
            reader.refuse(
                f"{path}.allowed_by",
                f"list the allowed values for each {depends_on or 'parent'} value",
            )
        else:
            for parent_value, values in by.items():
                key = reader.normalize(str(parent_value))
                if not key:
                    reader.refuse(f"{path}.allowed_by", "a parent value cannot be empty")
                    continue
                allowed_by[key] = _value_list(reader, values, f"{path}.allowed_by.{key}")
                if not allowed_by[key]:
                    reader.refuse(f"{path}.allowed_by.{key}", "list at least one value")
    elif "allowed_by" in raw:
        reader.refuse(f"{path}.allowed_by", "needs depends_on: which field the values follow")
    return FieldRules(
        required=required,
        allowed=allowed,
        max_length=max_length,
        depends_on=depends_on,
        allowed_by=allowed_by,
    )


def _check_globals(reader: _Reader, doc: Mapping) -> tuple[bool, str, str | None]:
    lowercase = doc.get("lowercase", False)
    if not isinstance(lowercase, bool):
        reader.refuse("lowercase", "must be true or false")
        lowercase = False
    banned = doc.get("banned_characters", "") or ""
    if not isinstance(banned, str):
        reader.refuse("banned_characters", "must be text: the characters to ban")
        banned = ""
    banned = "".join(dict.fromkeys(ch for ch in banned if not ch.isspace()))
    if len(banned) > MAX_BANNED:
        reader.refuse("banned_characters", f"ban at most {MAX_BANNED} characters")
    separator = doc.get("separator")
    if separator is not None and separator not in SEPARATORS:
        reader.refuse("separator", "must be -, _ or none (or null for no rule)")
        separator = None
    if separator is not None and SEPARATORS[separator] and SEPARATORS[separator] in banned:
        reader.refuse("banned_characters", f"bans {separator!r}, the separator the rules ask for")
    return lowercase, banned, separator


def _check_consistency(reader: _Reader, rules: NamingRules) -> None:
    """Values the rules list must themselves pass the rules; dependencies must not loop."""
    for name, field_rules in rules.fields.items():
        for index, value in enumerate(field_rules.allowed):
            for problem in _value_problems(rules, name, value, typed=value, skip_lists=True):
                reader.refuse(f"fields.{name}.allowed[{index}]", f"{value!r} {problem.reason}")
        parent = field_rules.depends_on
        if not parent:
            continue
        parent_rules = rules.for_field(parent)
        for parent_value, values in field_rules.allowed_by.items():
            where = f"fields.{name}.allowed_by.{parent_value}"
            if parent_rules.allowed and parent_value not in parent_rules.allowed:
                reader.refuse(where, f"{parent_value!r} is not one of the allowed {parent} values")
            for value in values:
                if field_rules.allowed and value not in field_rules.allowed:
                    reader.refuse(where, f"{value!r} is not one of the allowed {name} values")
                for problem in _value_problems(rules, name, value, typed=value, skip_lists=True):
                    reader.refuse(where, f"{value!r} {problem.reason}")
        seen, step = {name}, parent
        while step:
            if step in seen:
                reader.refuse(f"fields.{name}.depends_on", "dependencies go round in a circle")
                break
            seen.add(step)
            step = rules.for_field(step).depends_on


def parse_rules(doc: Any) -> NamingRules:
    """A rule set from its JSON form; raises ValidationFailed naming every bad entry."""
    if doc is None or doc == {}:
        return NO_RULES
    if not isinstance(doc, Mapping):
        raise ValidationFailed.single("body", "the naming rules must be a JSON object")
    reader = _Reader()
    lowercase, banned, separator = _check_globals(reader, doc)
    reader.separator = separator
    reader.unknown_keys(doc, ("fields", "lowercase", "banned_characters", "separator"), "")
    fields_doc = doc.get("fields") or {}
    parsed: dict[str, FieldRules] = {}
    if not isinstance(fields_doc, Mapping):
        reader.refuse("fields", "must map field names to their rules")
        fields_doc = {}
    for name, raw in fields_doc.items():
        if name not in RULE_FIELDS:
            reader.refuse(f"fields.{name}", f"is not a UTM field; use {', '.join(RULE_FIELDS)}")
            continue
        if (rules := _parse_field(reader, name, raw)) is not None:
            parsed[name] = rules
    rules = NamingRules(
        fields=parsed, lowercase=lowercase, banned_characters=banned, separator=separator
    )
    if not reader.problems:
        _check_consistency(reader, rules)
    if reader.problems:
        raise ValidationFailed(reader.problems)
    return rules


# --- values ---------------------------------------------------------------------------


def prepare_value(rules: NamingRules, value: str | None) -> str | None:
    """Spaces become the team's separator (before the core's own normalisation)."""
    if value is None or rules.separator is None:
        return value
    return _WHITESPACE.sub(SEPARATORS[rules.separator], value.strip())


def conform_value(rules: NamingRules, value: str | None) -> str | None:
    """A value Konduct fills in itself (e.g. ``meta_ads``), in the team's separator style."""
    value = prepare_value(rules, value)
    if value is None or rules.separator is None:
        return value
    joint = SEPARATORS[rules.separator]
    for other in SEPARATOR_CHARACTERS:
        if other != joint:
            value = value.replace(other, joint)
    return value


def _label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def allowed_values(
    rules: NamingRules, name: str, values: Mapping[str, str | None]
) -> tuple[str, ...]:
    """What ``name`` may be given the other values; empty: free text."""
    field_rules = rules.for_field(name)
    if field_rules.depends_on:
        parent_value = values.get(field_rules.depends_on) or ""
        if parent_value in field_rules.allowed_by:
            return field_rules.allowed_by[parent_value]
    return field_rules.allowed


def _value_problems(
    rules: NamingRules,
    name: str,
    value: str,
    *,
    typed: str | None,
    skip_lists: bool = False,
    values: Mapping[str, str | None] | None = None,
) -> list[RuleProblem]:
    field_rules = rules.for_field(name)
    label = _label(name)
    problems: list[RuleProblem] = []

    def broken(rule: Rule, reason: str) -> None:
        problems.append(RuleProblem(name, reason, rule.value))

    if rules.lowercase and typed is not None and typed != typed.lower():
        broken(
            Rule.LOWERCASE,
            f"must be typed in lowercase ({typed.lower()!r}): the team's lowercase rule",
        )
    banned = sorted({ch for ch in value if ch in rules.banned_characters})
    if banned:
        shown = " ".join(banned)
        broken(Rule.BANNED_CHARACTERS, f"contains {shown}, banned by the team's naming rules")
    if rules.separator is not None:
        joint = SEPARATORS[rules.separator]
        wrong = [ch for ch in SEPARATOR_CHARACTERS if ch != joint and ch in value]
        if wrong:
            style = f"joined with {joint}" if joint else "written together without separators"
            broken(
                Rule.SEPARATOR,
                f"uses {' and '.join(wrong)}; the team's words are {style} (separator rule)",
            )
    if field_rules.max_length is not None and len(value) > field_rules.max_length:
        broken(
            Rule.MAX_LENGTH,
            f"is {len(value)} characters; the team's rule allows at most "
            f"{field_rules.max_length} for {label}",
        )
    if skip_lists:
        return problems
    values = values or {}
    parent = field_rules.depends_on
    parent_value = values.get(parent) if parent else None
    if parent and parent_value in field_rules.allowed_by:
        allowed = field_rules.allowed_by[parent_value]
        if value not in allowed:
            broken(
                Rule.DEPENDENCY,
                f"{value!r} is not allowed with {_label(parent)} {parent_value!r}; "
                f"the team allows {', '.join(allowed)} (dependency rule)",
            )
    elif field_rules.allowed and value not in field_rules.allowed:
        broken(
            Rule.PICKLIST,
            f"{value!r} is not on the team's {label} list; choose "
            f"{', '.join(field_rules.allowed[:12])}"
            + ("…" if len(field_rules.allowed) > 12 else "")
            + " (picklist rule)",
        )
    return problems


def check(
    rules: NamingRules,
    values: Mapping[str, str | None],
    *,
    typed: Mapping[str, str | None] | None = None,
) -> list[RuleProblem]:
    """One problem per broken rule. ``values``: what the link will carry, by field,
    after normalisation; ``typed``: the values as the person typed them (for the
    lowercase rule; Konduct's own defaults are not typed, and stored links were
    lowercased when written)."""
    if rules.empty:
        return []
    typed = typed or {}
    problems: list[RuleProblem] = []
    for name in RULE_FIELDS:
        value = values.get(name) or ""
        if name == "campaign" and is_campaign_id(value):
            continue
        if not value:
            if rules.for_field(name).required:
                problems.append(
                    RuleProblem(
                        name,
                        f"the team's naming rules require a {_label(name)}",
                        Rule.REQUIRED.value,
                    )
                )
            continue
        raw = typed.get(name)
        problems += _value_problems(
            rules, name, value, typed=raw.strip() if raw else None, values=values
        )
    return problems


def hint(rules: NamingRules, name: str) -> str:
    """The rules of one field in a few words, for the builder to show under it."""
    field_rules = rules.for_field(name)
    parts: list[str] = []
    if field_rules.required:
        parts.append("required")
    if field_rules.depends_on:
        parts.append(f"choices follow the {_label(field_rules.depends_on)}")
    elif field_rules.allowed:
        parts.append("one of the team's values")
    if rules.lowercase:
        parts.append("lowercase")
    if rules.separator is not None:
        joint = SEPARATORS[rules.separator]
        parts.append(f"words joined with {joint}" if joint else "no separators")
    if rules.banned_characters:
        parts.append(f"no {' '.join(rules.banned_characters)}")
    if field_rules.max_length is not None:
        parts.append(f"at most {field_rules.max_length} characters")
    return "Team rule: " + ", ".join(parts) if parts else ""
