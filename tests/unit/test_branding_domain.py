"""White-label branding rules: https logos and #rrggbb colours, refused by field."""

from __future__ import annotations

import pytest

from konduct.domain.branding import parse_branding, stored_branding
from konduct.domain.errors import ValidationFailed


def test_valid_branding_is_normalised() -> None:
    branding = parse_branding(" https://cdn.example.com/logo.png ", "#1A2B3C", "#ff8800")
    assert branding.logo_url == "https://cdn.example.com/logo.png"
    assert branding.colors() == {"primary": "#1a2b3c", "accent": "#ff8800"}


def test_empty_values_clear() -> None:
    branding = parse_branding("", None, "  ")
    assert branding.logo_url is None and branding.colors() == {}


@pytest.mark.parametrize(
    "url",
    [
        "http://cdn.example.com/logo.png",
        "javascript:alert(1)",
        "https://",
        "https://localhost/logo.png",
        "https://user:pw@cdn.example.com/logo.png",
        "https://cdn.example.com/my logo.png",
        "https://cdn.example.com/" + "a" * 600,
        "//cdn.example.com/logo.png",
    ],
)
def test_bad_logo_urls_are_refused(url: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_branding(url, None, None)
    assert [p.field for p in refused.value.problems] == ["logo_url"]


@pytest.mark.parametrize("colour", ["red", "#fff", "#12345g", "1a2b3c", "#1a2b3c4d"])
def test_bad_colours_are_refused_naming_each_field(colour: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_branding(None, colour, colour)
    assert [p.field for p in refused.value.problems] == ["primary_color", "accent_color"]


def test_odd_stored_values_are_ignored() -> None:
    assert stored_branding("http://old.example.com/x.png", {"primary": "red"}).logo_url is None
