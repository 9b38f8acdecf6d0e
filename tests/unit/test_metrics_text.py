"""The hand-written Prometheus text format."""

from konduct.domain.metrics import Family, bucket_label, histogram, render


def test_bucket_label_is_the_smallest_bound_that_holds_the_value() -> None:
    assert bucket_label(0.001) == "0.005"
    assert bucket_label(0.005) == "0.005"  # bounds are inclusive ("le")
    assert bucket_label(0.3) == "0.5"
    assert bucket_label(1.0) == "1.0"
    assert bucket_label(60) == "+Inf"


def test_render_writes_help_type_and_escaped_labels() -> None:
    family = Family("konduct_x_total", "counter", "Things.")
    family.add(3, route='/a"b\\c\nd')
    assert render([family]) == (
        "# HELP konduct_x_total Things.\n"
        "# TYPE konduct_x_total counter\n"
        'konduct_x_total{route="/a\\"b\\\\c\\nd"} 3\n'
    )


def test_histogram_is_cumulative_and_counts_the_overflow() -> None:
    key = (("route", "/api/x"),)
    family = histogram(
        "h", "Latency.", {key: {"0.005": 2, "0.1": 1, "+Inf": 1}}, {key: 12.5}, (0.005, 0.1, 1.0)
    )
    text = render([family])
    assert 'h_bucket{route="/api/x",le="0.005"} 2\n' in text
    assert 'h_bucket{route="/api/x",le="0.1"} 3\n' in text
    assert 'h_bucket{route="/api/x",le="1.0"} 3\n' in text
    assert 'h_bucket{route="/api/x",le="+Inf"} 4\n' in text
    assert 'h_sum{route="/api/x"} 12.5\n' in text
    assert 'h_count{route="/api/x"} 4\n' in text
    assert "# TYPE h histogram" in text
