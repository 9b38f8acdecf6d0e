"""The campaign-details mail: what a person typed is escaped, links are absolute."""

from __future__ import annotations

import pytest

from konduct.services.mail_templates import campaign_details_mail


def details(**changes):
    values = {
        "sender": "Ada <b>Lovelace</b>",
        "campaign_name": "Spring <script>x</script>",
        "campaign_id": "FBK-TRF-20270301000000-ABCDEF12",
        "facts": [("Website", "https://e.com/?a=1&b=<2>")],
        "links": [("Story & feed", "https://e.com/s?utm_source=facebook&utm_medium=paid")],
        "note": "See <i>this</i>",
        "page_link": "https://konduct.example.com/campaigns/FBK-TRF-20270301000000-ABCDEF12",
    }
    values.update(changes)
    return campaign_details_mail("boss@example.com", **values)


def test_typed_values_are_escaped_in_the_html_and_plain_in_the_text() -> None:
    mail = details()
    assert "<script>" not in mail.html and "&lt;script&gt;x&lt;/script&gt;" in mail.html
    assert "<b>Lovelace" not in mail.html and "<i>this</i>" not in mail.html
    assert "Story &amp; feed" in mail.html
    assert 'href="https://e.com/s?utm_source=facebook&amp;utm_medium=paid"' in mail.html
    assert "https://e.com/s?utm_source=facebook&utm_medium=paid" in mail.text
    assert "See <i>this</i>" in mail.text
    assert mail.subject == "Campaign details: Spring <script>x</script>"


def test_a_campaign_without_links_says_so() -> None:
    assert "no tracking links yet" in details(links=[]).text


def test_links_that_are_not_web_addresses_are_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        details(links=[("bad", "javascript:alert(1)")])
