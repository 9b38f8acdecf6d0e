import pytest

from konduct.domain.rate_limits import Limit, decide, parse_limit, retry_after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120/minute", Limit(120, 60)),
        ("5/second", Limit(5, 1)),
        ("10 per 15 minutes", Limit(10, 900)),
        ("1000/day", Limit(1000, 86400)),
        (" 3 / hour ", Limit(3, 3600)),
    ],
)
def test_parse_limit(text: str, expected: Limit) -> None:
    assert parse_limit(text) == expected


@pytest.mark.parametrize(
    "text", ["", "minute", "0/minute", "-1/minute", "10/fortnight", "ten/minute"]
)
def test_parse_limit_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="not a rate limit"):
        parse_limit(text)


def test_a_fresh_window_allows_up_to_the_amount() -> None:
    limit = Limit(3, 60)
    assert decide(limit, now=600.0, current=2, previous=0)[0] is True
    assert decide(limit, now=600.0, current=3, previous=0)[0] is False


def test_the_previous_window_weighs_by_its_overlap() -> None:
    limit = Limit(10, 60)
    # 15 s into the window: 45/60 of the previous window's 10 requests still count (7.5).
    allowed, weighted = decide(limit, now=615.0, current=2, previous=10)
    assert weighted == pytest.approx(9.5)
    assert allowed is False
    # 45 s in: only a quarter of it counts (2.5 + 2 = 4.5).
    allowed, weighted = decide(limit, now=645.0, current=2, previous=10)
    assert weighted == pytest.approx(4.5)
    assert allowed is True


def test_retry_after_waits_for_the_previous_share_to_shrink() -> None:
    limit = Limit(10, 60)
    # room for 7 more requests of this window; previous share must fall to 7 of 10 -> at 18 s.
    assert retry_after(limit, now=615.0, current=2, previous=10) == 3


def test_retry_after_a_full_window_runs_into_the_next() -> None:
    limit = Limit(3, 60)
    # Full at 10 s: 50 s to the window's end, then 3 requests must shrink to 2 -> 20 s more.
    assert retry_after(limit, now=610.0, current=3, previous=0) == 70


def test_retry_after_is_at_least_a_second() -> None:
    assert retry_after(Limit(1, 1), now=0.999, current=0, previous=1) >= 1
