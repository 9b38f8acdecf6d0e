"""Site analytics rules: what an event may carry, bots, percentiles, GA4-style engagement."""

from datetime import date

import pytest
from pydantic import ValidationError

from konduct.domain import analytics as rules
from konduct.domain.errors import ValidationFailed
from konduct.schemas.analytics import TrackBatch, TrackEvent

VISITOR = "v" * 22


def test_paths_lose_their_query_and_fragment() -> None:
    assert rules.clean_path("/pricing?email=ada@example.com#top") == "/pricing"
    assert rules.clean_path("/resources/") == "/resources"
    assert rules.clean_path("/") == "/"
    for bad in ("https://evil.example/", "//evil.example", "pricing", "/" + "a" * 600):
        with pytest.raises(ValueError):
            rules.clean_path(bad)


def test_referrers_keep_only_their_site() -> None:
    hosts = ["localhost:3000"]
    assert rules.clean_referrer("https://News.Example.com/a/b?q=1", hosts) == (
        "https://news.example.com"
    )
    assert rules.clean_referrer("http://localhost:3000/pricing?x=1", hosts) == "/pricing"
    assert rules.clean_referrer("javascript:alert(1)", hosts) is None
    assert rules.clean_referrer("", hosts) is None


def test_properties_are_small_and_flat() -> None:
    assert rules.clean_properties({"plan": "pro", "seats": 3, "annual": True}) == {
        "plan": "pro",
        "seats": 3.0,
        "annual": True,
    }
    for bad in ({"Bad-Key": 1}, {"nested": {"a": 1}}, {"long": "x" * 101}, {"nan": float("nan")}):
        with pytest.raises(ValueError):
            rules.clean_properties(bad)
    with pytest.raises(ValueError):
        rules.clean_properties({f"k{n}": n for n in range(9)})


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-httpx/0.28",
        "Mozilla/5.0 (Linux) Chrome-Lighthouse",
        "facebookexternalhit/1.1",
    ],
)
def test_bots_are_recognised(agent: str) -> None:
    assert rules.is_bot(agent)


def test_browsers_are_not_bots() -> None:
    assert not rules.is_bot(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    )
    assert not rules.is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1")


def test_events_are_checked_by_type() -> None:
    vital = TrackEvent(type="web_vital", path="/", label="lcp", value=1234.5)
    assert vital.label == "LCP"
    with pytest.raises(ValidationError):
        TrackEvent(type="web_vital", path="/", label="XYZ", value=1)
    with pytest.raises(ValidationError):
        TrackEvent(type="web_vital", path="/", label="CLS", value=-0.1)
    with pytest.raises(ValidationError):
        TrackEvent(type="cta_click", path="/")  # a click names its CTA
    with pytest.raises(ValidationError):
        TrackEvent(type="cta_click", path="/", label="<script>")
    with pytest.raises(ValidationError):
        TrackEvent(type="engagement", path="/", value=-1)
    # Only vitals and engagement carry a value.
    assert TrackEvent(type="page_view", path="/", value=5).value is None
    with pytest.raises(ValidationError):
        TrackEvent(type="purchase", path="/")


def test_a_batch_has_ids_and_at_most_twenty_events() -> None:
    event = {"type": "page_view", "path": "/"}
    TrackBatch(visitor_id=VISITOR, session_id=VISITOR, events=[event] * 20)
    with pytest.raises(ValidationError):
        TrackBatch(visitor_id=VISITOR, session_id=VISITOR, events=[event] * 21)
    with pytest.raises(ValidationError):
        TrackBatch(visitor_id="short", session_id=VISITOR, events=[event])
    with pytest.raises(ValidationError):
        TrackBatch(visitor_id=VISITOR, session_id=VISITOR, events=[])


def test_percentiles_interpolate_like_numpy() -> None:
    values = [100, 200, 300, 400, 500]
    assert rules.percentile(values, 50) == 300
    assert rules.percentile(values, 75) == 400
    assert rules.percentile(values, 95) == pytest.approx(480)
    assert rules.percentile([7], 75) == 7
    assert rules.percentile([], 75) is None


def test_ratings_use_googles_thresholds() -> None:
    assert rules.rating("LCP", 2500) == "good"
    assert rules.rating("LCP", 2501) == "needs improvement"
    assert rules.rating("LCP", 4001) == "poor"
    assert rules.rating("CLS", 0.05) == "good"
    assert rules.rating("INP", None) == "no data"


def test_engagement_follows_ga4() -> None:
    sessions = [
        rules.SessionFacts(page_views=1, engagement_ms=3000, converted=False),  # a bounce
        rules.SessionFacts(page_views=1, engagement_ms=12000, converted=False),  # long enough
        rules.SessionFacts(page_views=3, engagement_ms=4000, converted=False),  # 2+ pages
        rules.SessionFacts(page_views=1, engagement_ms=1000, converted=True),  # converted
    ]
    result = rules.engagement(sessions)
    assert result.sessions == 4 and result.engaged_sessions == 3
    assert result.bounce_rate == 0.25
    assert result.pages_per_session == 1.5
    assert result.average_engagement_s == 5.0
    assert rules.engagement([]).bounce_rate is None


def test_report_ranges_default_and_limits() -> None:
    today = date(2027, 3, 31)
    assert rules.date_range(None, None, today=today) == (date(2027, 3, 2), today)
    with pytest.raises(ValidationFailed):
        rules.date_range(date(2027, 4, 1), date(2027, 3, 1), today=today)
    with pytest.raises(ValidationFailed):
        rules.date_range(date(2025, 1, 1), date(2027, 3, 1), today=today)
    assert rules.rate(1, 4) == 0.25 and rules.rate(1, 0) is None
