from urllib.parse import quote

import pytest

from konduct.domain.errors import FieldProblem, ValidationFailed
from konduct.domain.utm import (
    UtmParams,
    build_tracking_url,
    normalize_params,
    normalize_value,
    parse_tracking_url,
    validate_utm,
    warnings_for,
)

CID = "FBK-TRF-20261125093000-9F86D081"
LANDING = "https://shop.example.com/sale"
BASIC = UtmParams(source="facebook", medium="paid_social", campaign=CID, creative="carousel_a")


def problems_of(landing: str, params: UtmParams = BASIC, **kwargs) -> list[FieldProblem]:
    return validate_utm(landing, params, **kwargs)


def reasons_for(field: str, problems: list[FieldProblem]) -> list[str]:
    return [p.reason for p in problems if p.field == field]


# --- normalisation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Facebook  ", "facebook"),
        ("Summer  Sale\t2026", "summer_sale_2026"),
        ("Paid Social", "paid_social"),
        ("a\n\nb", "a_b"),
        ("Café Crème", "café_crème"),
        ("A&B=C/D?E#F", "a&b=c/d?e#f"),
        ("already_normal", "already_normal"),
        ("Mixed-Case-Value", "mixed-case-value"),
        ("a\u00a0b", "a_b"),
        ("   ", ""),
        (CID.lower(), CID),
        (f"  {CID}  ", CID),
        ("fbk-trf-20261340093000-9f86d081", "fbk-trf-20261340093000-9f86d081"),  # not a valid ID
    ],
)
def test_normalize_value(raw, expected):
    assert normalize_value(raw) == expected


def test_normalize_value_is_idempotent():
    for raw in ["  Summer  Sale ", CID.lower(), "x"]:
        assert normalize_value(normalize_value(raw)) == normalize_value(raw)


def test_normalize_params_blanks_optional_and_defaults_id():
    got = normalize_params(UtmParams(" FB ", "CPC", CID.lower(), creative="  ", term=" Shoes "))
    assert got == UtmParams("fb", "cpc", CID, creative=None, term="shoes", id=CID)


def test_id_default_only_for_campaign_ids():
    assert normalize_params(UtmParams("fb", "cpc", "summer_sale")).id is None
    assert normalize_params(UtmParams("fb", "cpc", CID, id="Cost Key")).id == "cost_key"


# --- building ---------------------------------------------------------------------


def test_build_writes_params_in_fixed_order():
    params = UtmParams(
        source="google",
        medium="cpc",
        campaign=CID,
        creative="banner",
        term="shoes",
        source_platform="google_ads",
        creative_format="display",
        marketing_tactic="prospecting",
    )
    tagged = build_tracking_url(LANDING, params)
    assert tagged.url == (
        f"{LANDING}?utm_source=google&utm_medium=cpc&utm_campaign={CID}&utm_id={CID}"
        "&utm_term=shoes&utm_content=banner&utm_source_platform=google_ads"
        "&utm_creative_format=display&utm_marketing_tactic=prospecting"
    )
    assert [key for key, _ in tagged.query] == [
        "utm_source", "utm_medium", "utm_campaign", "utm_id", "utm_term", "utm_content",
        "utm_source_platform", "utm_creative_format", "utm_marketing_tactic",
    ]  # fmt: skip


def test_build_skips_empty_optional_params():
    tagged = build_tracking_url(LANDING, UtmParams("newsletter", "email", "spring", term=""))
    assert tagged.url == f"{LANDING}?utm_source=newsletter&utm_medium=email&utm_campaign=spring"
    assert tagged.query == (
        ("utm_source", "newsletter"),
        ("utm_medium", "email"),
        ("utm_campaign", "spring"),
    )


def test_build_returns_normalised_params():
    tagged = build_tracking_url(
        LANDING, UtmParams(" Facebook ", "Paid Social", CID.lower(), creative="Video A")
    )
    assert tagged.params == UtmParams("facebook", "paid_social", CID, creative="video_a", id=CID)


@pytest.mark.parametrize(
    ("creative", "encoded"),
    [
        ("a&b", "a%26b"),
        ("a=b", "a%3Db"),
        ("a#b", "a%23b"),
        ("a/b?c", "a%2Fb%3Fc"),
        ("a b", "a_b"),  # spaces are normalised before encoding
        ("a+b", "a%2Bb"),
        ("a%b", "a%25b"),
        ("café", "caf%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
    ],
)
def test_build_percent_encodes_values(creative, encoded):
    tagged = build_tracking_url(LANDING, UtmParams("fb", "cpc", "c", creative=creative))
    assert tagged.url.endswith(f"&utm_content={encoded}")
    assert encoded == quote(normalize_value(creative), safe="")


def test_build_keeps_existing_query_and_fragment_last():
    landing = "https://shop.example.com/p?b=2&empty=&a=1&a=3#reviews"
    tagged = build_tracking_url(landing, UtmParams("fb", "cpc", "c"))
    assert tagged.url == (
        "https://shop.example.com/p?b=2&empty=&a=1&a=3"
        "&utm_source=fb&utm_medium=cpc&utm_campaign=c#reviews"
    )


def test_build_keeps_foreign_encoding_verbatim():
    landing = "https://example.com/search?q=red+shoes&x=%2F"
    assert build_tracking_url(landing, UtmParams("fb", "cpc", "c")).url.startswith(
        "https://example.com/search?q=red+shoes&x=%2F&utm_source="
    )


def test_build_lowercases_scheme_and_host_only():
    tagged = build_tracking_url(
        "HTTPS://User@Shop.EXAMPLE.com:8443/Sale/Item?Q=A#Top", UtmParams("fb", "cpc", "c")
    )
    assert tagged.url.startswith("https://User@shop.example.com:8443/Sale/Item?Q=A&utm_source=fb")
    assert tagged.url.endswith("#Top")


def test_build_trims_landing_url():
    assert build_tracking_url(f"  {LANDING}\n", UtmParams("fb", "cpc", "c")).url.startswith(
        LANDING + "?"
    )


@pytest.mark.parametrize(
    ("creative_param", "written"),
    [("utm_content", "utm_content=carousel_a"), ("utm_creative", "utm_creative=carousel_a")],
)
def test_creative_param_switch(creative_param, written):
    tagged = build_tracking_url(LANDING, BASIC, creative_param=creative_param)
    assert written in tagged.url
    other = "utm_creative" if creative_param == "utm_content" else "utm_content"
    assert other not in tagged.url


def test_unknown_creative_param_is_a_programming_error():
    with pytest.raises(ValueError):
        build_tracking_url(LANDING, BASIC, creative_param="utm_banner")  # type: ignore[arg-type]


def test_utm_id_defaults_to_campaign_id():
    tagged = build_tracking_url(LANDING, UtmParams("fb", "cpc", CID.lower()))
    assert f"utm_campaign={CID}&utm_id={CID}" in tagged.url
    assert tagged.params.id == CID


def test_utm_id_given_wins_and_absent_without_campaign_id():
    assert (
        "utm_id=cost_42"
        in build_tracking_url(LANDING, UtmParams("fb", "cpc", CID, id="Cost 42")).url
    )
    assert "utm_id" not in build_tracking_url(LANDING, UtmParams("fb", "cpc", "spring_sale")).url


def test_build_raises_with_every_problem():
    with pytest.raises(ValidationFailed) as caught:
        build_tracking_url("ftp://example.com/file", UtmParams("", " ", "x" * 101))
    fields = [p.field for p in caught.value.problems]
    assert fields == ["url", "source", "medium", "campaign"]


# --- validation ---------------------------------------------------------------------


def test_valid_input_has_no_problems():
    assert problems_of(LANDING) == []
    assert problems_of("http://localhost:8000/") == []


@pytest.mark.parametrize(
    "landing",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "ftp://example.com/file",
        "mailto:team@example.com",
        "data:text/html,<b>hi</b>",
        "file:///etc/passwd",
        "example.com:8080/page",
    ],
)
def test_only_http_and_https_can_be_tagged(landing):
    assert reasons_for("url", problems_of(landing)) == [
        "only http:// and https:// links can be tagged"
    ]


@pytest.mark.parametrize(
    ("landing", "reason"),
    [
        ("", "a landing page URL is required"),
        ("   ", "a landing page URL is required"),
        ("/sale", "must be a full link starting with http:// or https://"),
        ("example.com/sale", "must be a full link starting with http:// or https://"),
        ("//example.com/sale", "must be a full link starting with http:// or https://"),
        ("https:///sale", "must include a host name, e.g. https://example.com/page"),
        ("https://:443/sale", "must include a host name, e.g. https://example.com/page"),
        (
            "https://exa mple.com/",
            "must not contain spaces or control characters; encode spaces as %20",
        ),
        (
            "https://example.com/a\tb",
            "must not contain spaces or control characters; encode spaces as %20",
        ),
        (
            "https://example.com/\x00",
            "must not contain spaces or control characters; encode spaces as %20",
        ),
    ],
)
def test_landing_url_shape_refused(landing, reason):
    assert reasons_for("url", problems_of(landing)) == [reason]


@pytest.mark.parametrize("landing", ["http://[::1/", "https://example.com:port/"])
def test_unparseable_url_refused(landing):
    [reason] = reasons_for("url", problems_of(landing))
    assert reason.startswith("is not a valid URL")


def test_existing_utm_keys_we_set_are_refused():
    landing = f"{LANDING}?ref=x&utm_source=old&utm_term=old&utm_content=old"
    params = UtmParams("fb", "cpc", "c", creative="a", term="shoes")
    assert reasons_for("url", problems_of(landing, params)) == [
        "already contains utm_source; remove it from the link, source is set here",
        "already contains utm_term; remove it or leave term empty",
        "already contains utm_content; remove it or leave creative empty",
    ]


def test_existing_utm_id_clashes_with_default_from_campaign_id():
    assert reasons_for(
        "url", problems_of(f"{LANDING}?utm_id=old", UtmParams("fb", "cpc", CID))
    ) == ["already contains utm_id; remove it from the link, Konduct sets it"]


def test_existing_utm_keys_we_do_not_set_are_kept():
    landing = f"{LANDING}?utm_term=shoes"
    assert problems_of(landing, UtmParams("fb", "cpc", "c")) == []
    # utm_content is not set when the team writes utm_creative.
    assert problems_of(f"{LANDING}?utm_content=x", BASIC, creative_param="utm_creative") == []


def test_duplicate_utm_key_in_landing_url_refused():
    landing = f"{LANDING}?utm_term=a&utm_term=b&tag=1&tag=2"
    assert reasons_for("url", problems_of(landing, UtmParams("fb", "cpc", "c"))) == [
        "contains utm_term twice; remove the duplicate"
    ]


def test_encoded_utm_key_is_recognised():
    [reason] = reasons_for("url", problems_of(f"{LANDING}?utm%5Fsource=x"))
    assert "utm_source" in reason


@pytest.mark.parametrize("field", ["source", "medium", "campaign"])
@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_required_values(field, blank):
    params = UtmParams(**{"source": "fb", "medium": "cpc", "campaign": "c", field: blank})
    assert reasons_for(field, problems_of(LANDING, params)) == [f"{field} is required"]


@pytest.mark.parametrize(
    "field",
    [
        "source",
        "medium",
        "campaign",
        "creative",
        "term",
        "id",
        "source_platform",
        "creative_format",
        "marketing_tactic",
    ],
)
def test_values_limited_to_100_characters_after_normalisation(field):
    base = {"source": "fb", "medium": "cpc", "campaign": "c"}
    at_limit = UtmParams(**{**base, field: "x" * 100})
    assert problems_of(LANDING, at_limit) == []
    over = UtmParams(**{**base, field: "x" * 101})
    [reason] = reasons_for(field, problems_of(LANDING, over))
    assert "101 characters" in reason and "100" in reason and "GA4 truncates" in reason


def test_length_counts_after_normalisation():
    padded = UtmParams("fb", "cpc", "   " + "x" * 100 + "   ")
    assert problems_of(LANDING, padded) == []


@pytest.mark.parametrize("bad", ["a\x00b", "a\x07b", "a\x7fb", "a\x1fb", "a\x85b"])
def test_control_characters_refused(bad):
    assert reasons_for("term", problems_of(LANDING, UtmParams("fb", "cpc", "c", term=bad))) == [
        "must not contain control characters"
    ]


def test_tagged_url_limited_to_2048_characters():
    params = UtmParams("fb", "cpc", "c")
    tail = len("?utm_source=fb&utm_medium=cpc&utm_campaign=c")
    base = "https://example.com/"
    fits = base + "p" * (2048 - len(base) - tail)
    assert problems_of(fits, params) == []
    [reason] = reasons_for("url", problems_of(fits + "p", params))
    assert "2049 characters" in reason and "2048" in reason


def test_validation_returns_every_problem():
    found = problems_of(
        "https://example.com/?utm_source=a&utm_source=b",
        UtmParams("", "x" * 101, "c", term="\x00"),
    )
    assert sorted(p.field for p in found) == ["medium", "source", "term", "url"]


def test_marketing_tactic_is_free_text():
    tagged = build_tracking_url(
        LANDING, UtmParams("fb", "cpc", "c", marketing_tactic="Remarketing Q4")
    )
    assert tagged.url.endswith("&utm_marketing_tactic=remarketing_q4")


# --- warnings ------------------------------------------------------------------------


def test_no_warnings_for_complete_params():
    assert warnings_for(BASIC) == []


@pytest.mark.parametrize("creative", [None, "", "  "])
def test_warns_without_creative(creative):
    params = UtmParams("fb", "cpc", "c", creative=creative)
    assert warnings_for(params) == [FieldProblem("creative", "add a creative so ads report apart")]


@pytest.mark.parametrize(
    "medium",
    [
        "cpc",
        "PPC",
        "Paid Social",
        "paid_search",
        "email",
        "e-mail",
        "display",
        "qr",
        "cpm",
        "referral",
    ],
)
def test_known_mediums_not_warned(medium):
    assert reasons_for("medium", warnings_for(UtmParams("fb", medium, "c", creative="a"))) == []


@pytest.mark.parametrize("medium", ["flyer", "ads", "newsletter_link", "qr"])
def test_pairs_ga4_cannot_place_are_warned(medium):
    # A source GA4 does not know plus a medium it does not know: the Unassigned channel.
    [reason] = reasons_for("medium", warnings_for(UtmParams("poster", medium, "c", creative="a")))
    assert f"poster / {medium}" in reason and "Unassigned" in reason


def test_a_known_source_rescues_an_odd_medium():
    # facebook with any medium is at least Organic Social.
    assert reasons_for("medium", warnings_for(UtmParams("fb", "facebook", "c", creative="a"))) == []


def test_build_carries_warnings_without_failing():
    tagged = build_tracking_url(LANDING, UtmParams("poster", "flyer", "c"))
    assert {w.field for w in tagged.warnings} == {"creative", "medium"}


# --- parsing ---------------------------------------------------------------------------


def test_parse_splits_landing_values_params_and_campaign_id():
    url = (
        "https://Shop.Example.com/p?x=1&utm_source=fb&utm_medium=cpc"
        f"&utm_campaign={CID}&y=&utm_content=a%26b#top"
    )
    parsed = parse_tracking_url(url)
    assert parsed.landing_url == "https://shop.example.com/p?x=1&y=#top"
    assert parsed.values == {
        "utm_source": "fb",
        "utm_medium": "cpc",
        "utm_campaign": CID,
        "utm_content": "a&b",
    }
    assert parsed.params == UtmParams("fb", "cpc", CID, creative="a&b")
    assert str(parsed.campaign_id) == CID


def test_parse_decodes_plus_as_space():
    parsed = parse_tracking_url(f"{LANDING}?utm_source=news+letter&utm_medium=email&utm_campaign=c")
    assert parsed.params.source == "news letter"


def test_parse_without_required_params_gives_no_params():
    parsed = parse_tracking_url(f"{LANDING}?utm_source=fb&utm_medium=cpc")
    assert parsed.params is None and parsed.campaign_id is None
    assert parsed.values == {"utm_source": "fb", "utm_medium": "cpc"}
    assert (
        parse_tracking_url(f"{LANDING}?utm_source=fb&utm_medium=cpc&utm_campaign=").params is None
    )


def test_parse_creative_prefers_utm_content_then_utm_creative():
    base = f"{LANDING}?utm_source=fb&utm_medium=cpc&utm_campaign=c"
    assert parse_tracking_url(base + "&utm_creative=b").params.creative == "b"
    assert parse_tracking_url(base + "&utm_creative=b&utm_content=a").params.creative == "a"


def test_parse_campaign_id_from_utm_id_when_campaign_is_not_one():
    parsed = parse_tracking_url(
        f"{LANDING}?utm_source=fb&utm_medium=cpc&utm_campaign=spring&utm_id={CID.lower()}"
    )
    assert str(parsed.campaign_id) == CID


def test_parse_refuses_duplicate_utm_keys():
    with pytest.raises(ValidationFailed) as caught:
        parse_tracking_url(f"{LANDING}?utm_source=a&utm_source=b")
    assert caught.value.problems == (
        FieldProblem("url", "contains utm_source twice; remove the duplicate"),
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/?utm_source=x", "/relative?utm_source=x"]
)
def test_parse_refuses_non_http_links(url):
    with pytest.raises(ValidationFailed) as caught:
        parse_tracking_url(url)
    assert caught.value.problems[0].field == "url"


@pytest.mark.parametrize(
    ("landing", "params", "creative_param"),
    [
        ("https://shop.example.com/sale", BASIC, "utm_content"),
        ("https://shop.example.com/sale", BASIC, "utm_creative"),
        (
            "https://shop.example.com/p?b=2&empty=&a=1&a=3#reviews",
            UtmParams(
                " Google ", "CPC", "Spring Sale!", creative="A&B=C #1", term="red shoes", id="X 1"
            ),
            "utm_content",
        ),
        (
            "http://example.com",
            UtmParams(
                "newsletter",
                "email",
                CID.lower(),
                creative="Café ☕/?",
                source_platform="Meta Ads",
                creative_format="Carousel",
                marketing_tactic="remarketing",
            ),
            "utm_creative",
        ),
        (
            "https://example.com/path/?q=a+b&x=%2F#frag/with?chars",
            UtmParams("fb", "cpc", "c"),
            "utm_content",
        ),
    ],
)
def test_round_trip(landing, params, creative_param):
    tagged = build_tracking_url(landing, params, creative_param=creative_param)
    parsed = parse_tracking_url(tagged.url)
    assert parsed.params == normalize_params(params) == tagged.params
    assert parsed.landing_url == landing
    assert dict(tagged.query) == parsed.values


def test_round_trip_normalises_scheme_and_host():
    tagged = build_tracking_url("HTTPS://EXAMPLE.com/Path?a=1", BASIC)
    assert parse_tracking_url(tagged.url).landing_url == "https://example.com/Path?a=1"


@pytest.mark.parametrize(
    ("code", "medium"),
    [
        ("FBK", "paid_social"),
        ("igm", "paid_social"),
        ("GAD", "cpc"),
        ("YTB", "paid_video"),
        ("OTH", ""),
    ],
)
def test_suggested_medium_per_platform(code: str, medium: str) -> None:
    from konduct.domain.utm import suggested_medium, warnings_for

    assert suggested_medium(code) == medium
    if medium:  # every suggestion is one GA4 recognises
        params = UtmParams(source="x", medium=medium, campaign="c", creative="a")
        assert warnings_for(params) == []
