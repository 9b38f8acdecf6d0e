"""/settings/naming-rules: the team's enforced UTM conventions, and the links breaking them."""

from __future__ import annotations

import reflex as rx

from konduct.components import tokens
from konduct.components.forms import form_field
from konduct.components.layout import NO_INDEX
from konduct.domain.naming_rules import FIELD_LABELS, RULE_FIELDS
from konduct.pages.settings import section, settings_page
from konduct.state.naming_rules import NamingRulesState, ViolationRow
from konduct.state.session import SessionState

S = NamingRulesState


def _id(kind: str, name: str) -> str:
    return f"rule-{name.replace('_', '-')}-{kind.replace('_', '-')}"


def field_card(name: str) -> rx.Component:
    """The rules of one UTM field."""
    others = [other for other in RULE_FIELDS if other != name]
    error = S.errors.get(name, "")
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.text(FIELD_LABELS[name].capitalize(), weight="bold"),
                    rx.code(f"utm_{'content' if name == 'creative' else name}", size="1"),
                    spacing="1",
                    align="start",
                ),
                rx.spacer(),
                rx.switch(
                    checked=S.required[name],
                    on_change=lambda v: S.set_field_rule("required", name, v),
                    disabled=~S.can_edit,
                    id=_id("required", name),
                ),
                rx.el.label(rx.text("Required", size="2"), html_for=_id("required", name)),
                align="start",
                width="100%",
                spacing="2",
            ),
            form_field(
                "Allowed values (comma separated; empty: any)",
                rx.input(
                    value=S.allowed[name],
                    on_change=lambda v: S.set_field_rule("allowed", name, v),
                    placeholder="e.g. paid_social, email, cpc",
                    disabled=~S.can_edit,
                    id=_id("allowed", name),
                    width="100%",
                ),
                html_for=_id("allowed", name),
            ),
            rx.grid(
                form_field(
                    "Max length",
                    rx.input(
                        value=S.max_length[name],
                        on_change=lambda v: S.set_field_rule("max_length", name, v),
                        type="number",
                        min="1",
                        max="100",
                        placeholder="100",
                        disabled=~S.can_edit,
                        id=_id("max_length", name),
                        width="100%",
                    ),
                    html_for=_id("max_length", name),
                ),
                form_field(
                    "Values depend on",
                    rx.select(
                        ["none", *others],
                        value=rx.cond(S.depends_on[name] != "", S.depends_on[name], "none"),
                        on_change=lambda v: S.set_field_rule("depends_on", name, v),
                        disabled=~S.can_edit,
                        id=_id("depends_on", name),
                        width="100%",
                    ),
                    html_for=_id("depends_on", name),
                ),
                columns="2",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                S.depends_on[name] != "",
                form_field(
                    "Allowed for each " + S.depends_on[name] + " (one per line)",
                    rx.text_area(
                        value=S.allowed_by[name],
                        on_change=lambda v: S.set_field_rule("allowed_by", name, v),
                        placeholder="facebook: paid_social, social\ngoogle: cpc",
                        disabled=~S.can_edit,
                        id=_id("allowed_by", name),
                        width="100%",
                        rows="3",
                    ),
                    html_for=_id("allowed_by", name),
                    hint="Values not listed fall back to the allowed values above.",
                ),
                rx.fragment(),
            ),
            rx.text(
                "Campaign IDs Konduct generates always pass: these rules apply to other "
                "campaign values.",
                size="1",
                color=tokens.MUTED_TEXT,
            )
            if name == "campaign"
            else rx.fragment(),
            rx.cond(
                error != "",
                rx.text(error, size="1", color="var(--red-11)", role="alert", id=f"{name}-error"),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def global_rules() -> rx.Component:
    return section(
        "Every field",
        rx.hstack(
            rx.switch(
                checked=S.lowercase,
                on_change=lambda v: S.set_global("lowercase", v),
                disabled=~S.can_edit,
                id="rule-lowercase",
            ),
            rx.el.label(
                rx.text("Lowercase only: refuse values typed with capitals", size="2"),
                html_for="rule-lowercase",
            ),
            align="center",
            spacing="2",
        ),
        rx.grid(
            form_field(
                "Banned characters",
                rx.input(
                    value=S.banned_characters,
                    on_change=lambda v: S.set_global("banned_characters", v),
                    placeholder="!?#&",
                    disabled=~S.can_edit,
                    id="rule-banned",
                    width="100%",
                    max_length=40,
                ),
                html_for="rule-banned",
                error=S.errors.get("banned_characters", ""),
            ),
            form_field(
                "Words joined with",
                rx.select.root(
                    rx.select.trigger(id="rule-separator", width="100%"),
                    rx.select.content(
                        rx.select.item("No rule", value="any"),
                        rx.select.item("- (spring-sale)", value="-"),
                        rx.select.item("_ (spring_sale)", value="_"),
                        rx.select.item("Nothing (springsale)", value="none"),
                    ),
                    value=S.separator,
                    on_change=lambda v: S.set_global("separator", v),
                    disabled=~S.can_edit,
                ),
                html_for="rule-separator",
                hint="Spaces typed in a value become this separator.",
                error=S.errors.get("separator", ""),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        description="Konduct writes values lowercase with spaces replaced; these rules go further.",
    )


def violation_row(row: ViolationRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link(row.campaign_name, href="/campaigns/" + row.campaign_ref, weight="medium"),
            rx.cond(row.label != "", rx.text("· ", row.label, size="2"), rx.fragment()),
            rx.spacer(),
            rx.link(
                rx.button("Fix", size="1", variant="soft"),
                href="/campaigns/" + row.campaign_ref + "?edit=" + row.link_id,
            ),
            wrap="wrap",
            spacing="1",
            width="100%",
            align="center",
        ),
        rx.code(row.tagged_url, size="1", variant="ghost", word_break="break-all"),
        rx.text(row.problems, size="1", color="var(--red-11)"),
        spacing="1",
        width="100%",
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
    )


def violations_section() -> rx.Component:
    return section(
        "Links that break the rules",
        rx.cond(
            S.violations_total > 0,
            rx.vstack(
                rx.foreach(S.violations, violation_row),
                rx.hstack(
                    rx.text(S.violations_label, size="2", color=tokens.MUTED_TEXT),
                    rx.spacer(),
                    rx.button(
                        "Previous", variant="soft", on_click=S.page(-1), disabled=S.offset == 0
                    ),
                    rx.button(
                        "Next",
                        variant="soft",
                        on_click=S.page(1),
                        disabled=S.offset + 10 >= S.violations_total,
                    ),
                    width="100%",
                    align="center",
                ),
                width="100%",
                spacing="1",
            ),
            rx.text(
                "No link breaks the saved rules. Links made before a rule changed are listed "
                "here, with the rule each one breaks.",
                size="2",
                color=tokens.MUTED_TEXT,
                id="violations-empty",
            ),
        ),
        id="violations",
    )


@rx.page(
    route="/settings/naming-rules",
    title="Naming rules | Konduct",
    meta=NO_INDEX,
    on_load=S.open_rules,
)
def naming_rules_page() -> rx.Component:
    return settings_page(
        "/settings/naming-rules",
        SessionState.t["nav.naming_rules"],
        rx.text(
            "One way to name every link: the link builder offers only the values allowed here, "
            "and Konduct (pages and API) refuses links that break a rule, saying which.",
            size="2",
            color=tokens.MUTED_TEXT,
        ),
        rx.cond(
            S.note != "",
            rx.callout(
                rx.fragment(S.note, " ", rx.link("See plans", href="/settings/billing")),
                icon="sparkles",
                color_scheme="amber",
                id="rules-note",
            ),
            rx.fragment(),
        ),
        rx.cond(
            S.can_edit,
            rx.fragment(),
            rx.callout(
                "Only team admins change the naming rules. You can read them here.",
                icon="lock",
                size="1",
                id="rules-read-only",
            ),
        ),
        global_rules(),
        rx.grid(
            *[field_card(name) for name in RULE_FIELDS],
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            S.can_edit,
            rx.hstack(
                rx.button(
                    "Save naming rules",
                    on_click=S.save,
                    loading=S.saving,
                    disabled=~S.enforced,
                    id="save-rules",
                    size="3",
                ),
                justify="end",
                width="100%",
            ),
            rx.fragment(),
        ),
        violations_section(),
    )
