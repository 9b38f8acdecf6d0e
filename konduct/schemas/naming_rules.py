"""Team naming rules over the API: the rule set in, the rule set and its violations out."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from konduct.domain.naming_rules import RULE_FIELDS
from konduct.schemas.common import FieldError, StrictInput

RuleField = Literal[
    "source",
    "medium",
    "campaign",
    "creative",
    "term",
    "source_platform",
    "marketing_tactic",
    "creative_format",
]


class FieldRulesIn(StrictInput):
    required: bool = False
    allowed: list[str] = Field(
        default_factory=list, max_length=200, description="The only values allowed; empty: any"
    )
    max_length: int | None = Field(default=None, ge=1, le=100)
    depends_on: RuleField | None = Field(
        default=None, description="The field whose value decides what this one may be"
    )
    allowed_by: dict[str, list[str]] = Field(
        default_factory=dict,
        description="For each value of depends_on, the values allowed here",
        examples=[{"facebook": ["paid_social", "social"], "google": ["cpc"]}],
    )


class NamingRulesIn(StrictInput):
    fields: dict[str, FieldRulesIn] = Field(
        default_factory=dict, description="By UTM field: " + ", ".join(RULE_FIELDS)
    )
    lowercase: bool = Field(default=False, description="Refuse values typed with capitals")
    banned_characters: str = Field(default="", max_length=40, examples=["!?#&"])
    separator: Literal["-", "_", "none"] | None = Field(
        default=None, description="How words are joined; spaces are replaced by it"
    )


class NamingRulesPublic(BaseModel):
    rules: dict = Field(description="The rule set, in the shape PUT takes")
    enforced: bool = Field(description="False when the team's plan does not include the rules")
    note: str | None = Field(default=None, description="Why the rules are not enforced")
    violations_total: int | None = Field(
        default=None, description="After a PUT: how many existing links break the new rules"
    )


class LinkViolation(BaseModel):
    link_id: str
    campaign_ref: str = Field(description="The campaign ID of the link's campaign")
    campaign_name: str
    label: str | None
    tagged_url: str
    problems: list[FieldError]


class ViolationPage(BaseModel):
    items: list[LinkViolation]
    total: int
    limit: int
    offset: int
