"""White-label branding rules: a team logo served over https and two #rrggbb colours.

Pure: every door (REST, the settings page) goes through ``parse_branding``, so a bad
value is refused the same way everywhere, naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from konduct.domain.errors import FieldProblem, ValidationFailed

MAX_LOGO_URL = 500
COLOR = re.compile(r"#[0-9a-fA-F]{6}")
COLOR_FIELDS = ("primary_color", "accent_color")


@dataclass(frozen=True)
class Branding:
    logo_url: str | None = None
    primary_color: str | None = None
    accent_color: str | None = None

    def colors(self) -> dict[str, str]:
        """As stored in ``team.brand_colors`` (only the colours set)."""
        return {
            key: value
            for key, value in (("primary", self.primary_color), ("accent", self.accent_color))
            if value
        }


def logo_problem(url: str) -> str | None:
    """Why ``url`` cannot be the team logo, or None when it can."""
    if len(url) > MAX_LOGO_URL:
        return f"must be at most {MAX_LOGO_URL} characters"
    if any(ch.isspace() for ch in url):
        return "must not contain spaces"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "is not a valid web address"
    if parts.scheme.lower() != "https":
        return "must start with https:// (browsers block insecure images on secure pages)"
    if not host or "." not in host:
        return "needs a host name, like https://cdn.example.com/logo.png"
    if parts.username or parts.password:
        return "must not carry a user name or password"
    return None


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def parse_branding(
    logo_url: str | None, primary_color: str | None, accent_color: str | None
) -> Branding:
    """Validate and normalise (colours lower-case); an empty value clears that setting."""
    logo, primary, accent = map(_blank_to_none, (logo_url, primary_color, accent_color))
    problems: list[FieldProblem] = []
    if logo and (reason := logo_problem(logo)):
        problems.append(FieldProblem("logo_url", reason))
    for field, value in zip(COLOR_FIELDS, (primary, accent), strict=True):
        if value and not COLOR.fullmatch(value):
            problems.append(FieldProblem(field, "must be a colour like #1a2b3c"))
    if problems:
        raise ValidationFailed(problems)
    return Branding(
        logo_url=logo,
        primary_color=primary.lower() if primary else None,
        accent_color=accent.lower() if accent else None,
    )


def stored_branding(logo_url: str | None, colors: dict | None) -> Branding:
    """What a team row holds, tolerating anything odd written before these rules."""
    colors = colors or {}
    try:
        return parse_branding(logo_url, colors.get("primary"), colors.get("accent"))
    except ValidationFailed:
        return Branding()
