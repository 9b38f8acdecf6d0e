"""The naming-rules settings page: the team's rules as a form, and the links breaking them.

The form holds text the admin edits (lists as comma-separated values, a
dependency as one ``parent: a, b`` line per parent value); saving turns it into
the rule-set document and hands it to the same service as ``PUT
/api/teams/naming-rules``, so the page and the API refuse the same things.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.domain.enums import TeamRole
from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.naming_rules import RULE_FIELDS
from konduct.domain.permissions import Action, can
from konduct.schemas.errors import problem_text
from konduct.services import naming_rules
from konduct.state.session import SessionState

VIOLATIONS_PAGE = 10
NO_SEPARATOR_RULE = "any"


@dataclass
class ViolationRow:
    link_id: str
    campaign_ref: str
    campaign_name: str
    label: str
    tagged_url: str
    problems: str


def _words(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _dependency_lines(text: str) -> dict[str, list[str]]:
    """``facebook: paid_social, social`` per line -> {"facebook": ["paid_social", "social"]}."""
    mapping: dict[str, list[str]] = {}
    for line in text.splitlines():
        parent, colon, values = line.partition(":")
        if parent.strip():
            mapping[parent.strip()] = _words(values) if colon else []
    return mapping


class NamingRulesState(SessionState):
    loaded: bool = False
    can_edit: bool = False
    enforced: bool = False
    note: str = ""
    required: dict[str, bool] = {f: False for f in RULE_FIELDS}
    allowed: dict[str, str] = {f: "" for f in RULE_FIELDS}
    max_length: dict[str, str] = {f: "" for f in RULE_FIELDS}
    depends_on: dict[str, str] = {f: "" for f in RULE_FIELDS}
    allowed_by: dict[str, str] = {f: "" for f in RULE_FIELDS}
    lowercase: bool = False
    banned_characters: str = ""
    separator: str = NO_SEPARATOR_RULE
    errors: dict[str, str] = {}
    saving: bool = False
    violations: list[ViolationRow] = []
    violations_total: int = 0
    offset: int = 0

    def _fill(self, rules: dict) -> None:
        fields = rules.get("fields", {})
        for name in RULE_FIELDS:
            doc = fields.get(name, {})
            self.required[name] = bool(doc.get("required"))
            self.allowed[name] = ", ".join(doc.get("allowed", []))
            self.max_length[name] = str(doc.get("max_length") or "")
            self.depends_on[name] = doc.get("depends_on") or ""
            self.allowed_by[name] = "\n".join(
                f"{parent}: {', '.join(values)}"
                for parent, values in (doc.get("allowed_by") or {}).items()
            )
        self.lowercase = bool(rules.get("lowercase"))
        self.banned_characters = rules.get("banned_characters") or ""
        self.separator = rules.get("separator") or NO_SEPARATOR_RULE

    def _document(self) -> dict:
        fields: dict[str, dict] = {}
        for name in RULE_FIELDS:
            doc: dict = {}
            if self.required[name]:
                doc["required"] = True
            if values := _words(self.allowed[name]):
                doc["allowed"] = values
            raw_length = self.max_length[name].strip()
            if raw_length:
                doc["max_length"] = int(raw_length) if raw_length.isdigit() else raw_length
            if self.depends_on[name]:
                doc["depends_on"] = self.depends_on[name]
                doc["allowed_by"] = _dependency_lines(self.allowed_by[name])
            if doc:
                fields[name] = doc
        return {
            "fields": fields,
            "lowercase": self.lowercase,
            "banned_characters": self.banned_characters,
            "separator": None if self.separator == NO_SEPARATOR_RULE else self.separator,
        }

    async def _load_violations(self) -> None:
        offset = self.offset
        page = await self.with_user(
            lambda s, ctx: naming_rules.violations(s, ctx=ctx, limit=VIOLATIONS_PAGE, offset=offset)
        )
        if page is None:
            return
        self.violations_total = page.total
        self.violations = [
            ViolationRow(
                link_id=item.link_id,
                campaign_ref=item.campaign_ref,
                campaign_name=item.campaign_name,
                label=item.label or "",
                tagged_url=item.tagged_url,
                problems="; ".join(f"{p.field}: {p.reason}" for p in item.problems),
            )
            for item in page.items
        ]

    @rx.event
    async def open_rules(self):
        redirect = await self._guard()
        if redirect is not None:
            return redirect
        try:
            public = await self.with_user(lambda s, ctx: naming_rules.get_rules(s, ctx=ctx))
        except DomainError as failure:
            self.note = problem_text(failure)
            return None
        if public is None:
            return None
        self.enforced, self.note = public.enforced, public.note or ""
        self.can_edit = can(_role(self.team_role), Action.TEAM_SETTINGS)
        self.errors, self.offset = {}, 0
        self._fill(public.rules)
        await self._load_violations()
        self.loaded = True
        return None

    @rx.event
    def set_field_rule(self, kind: str, name: str, value: str | bool):
        if name not in RULE_FIELDS:
            return
        if kind == "required":
            self.required[name] = bool(value)
        elif kind in ("allowed", "max_length", "depends_on", "allowed_by"):
            text = value if isinstance(value, str) else ""
            getattr(self, kind)[name] = "" if text == "none" and kind == "depends_on" else text

    @rx.event
    def set_global(self, kind: str, value: str | bool | list[str]):
        if kind == "lowercase":
            self.lowercase = bool(value)
        elif kind == "banned_characters" and isinstance(value, str):
            self.banned_characters = value
        elif kind == "separator":
            chosen = value if isinstance(value, str) else value[0]
            if chosen in (NO_SEPARATOR_RULE, "-", "_", "none"):
                self.separator = chosen

    @rx.event
    async def save(self):
        self.errors = {}
        document, client = self._document(), self._client()
        self.saving = True
        yield
        try:
            public = await self.with_user(
                lambda s, ctx: naming_rules.put_rules(s, ctx=ctx, document=document, client=client)
            )
        except ValidationFailed as failure:
            self.saving = False
            for problem in failure.problems:
                # "fields.medium.allowed[2]" is shown on the medium card; globals by name.
                parts = problem.field.split(".")
                key = parts[1] if parts[0] == "fields" and len(parts) > 1 else parts[0]
                key = key.split("[")[0]
                self.errors.setdefault(key, problem.reason)
            yield rx.toast.error("Not saved: " + failure.problems[0].reason)
            return
        except DomainError as failure:
            self.saving = False
            yield rx.toast.error(problem_text(failure))
            return
        self.saving = False
        if public is None:
            return
        self._fill(public.rules)
        self.offset = 0
        await self._load_violations()
        broken = public.violations_total or 0
        yield rx.toast.success(
            "Naming rules saved."
            + (f" {broken} existing link{'s' if broken != 1 else ''} break them." if broken else "")
        )

    @rx.event
    async def page(self, step: int):
        last_page = max(0, (self.violations_total - 1) // VIOLATIONS_PAGE * VIOLATIONS_PAGE)
        self.offset = min(max(0, self.offset + step * VIOLATIONS_PAGE), last_page)
        await self._load_violations()

    @rx.var
    def violations_label(self) -> str:
        if not self.violations_total:
            return ""
        last = min(self.offset + VIOLATIONS_PAGE, self.violations_total)
        return f"{self.offset + 1}–{last} of {self.violations_total}"


def _role(value: str) -> TeamRole | None:
    return TeamRole(value) if value in {role.value for role in TeamRole} else None
