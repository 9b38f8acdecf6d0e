"""Prometheus' text exposition format (version 0.0.4), written by hand.

The format is small: ``# HELP`` and ``# TYPE`` lines, then one ``name{labels} value``
line per sample. Histograms are cumulative ``_bucket{le=...}`` counts plus ``_sum``
and ``_count``. Pure functions: the counts come from wherever they were kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Upper bounds (seconds) of the request-latency buckets: most API calls take a few ms,
# exports and reports up to seconds.
LATENCY_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
INF = "+Inf"


def bucket_label(seconds: float, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> str:
    """The ``le`` of the smallest bucket that holds ``seconds`` (stored non-cumulatively)."""
    for bound in buckets:
        if seconds <= bound:
            return format_number(bound)
    return INF


def format_number(value: float) -> str:
    if math.isinf(value):
        return INF if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value)) if isinstance(value, int) else repr(float(value))
    return repr(float(value))


def escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def format_labels(labels: Mapping[str, str]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{name}="{escape_label(str(value))}"' for name, value in labels.items())
    return "{" + inner + "}"


@dataclass
class Family:
    """One metric family: a name, its help and type, and its samples."""

    name: str
    kind: str  # counter, gauge, histogram
    help: str
    samples: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    def add(self, value: float, suffix: str = "", **labels: str) -> None:
        self.samples.append((self.name + suffix, labels, value))


def histogram(
    name: str,
    help_text: str,
    series: Mapping[tuple[tuple[str, str], ...], Mapping[str, int]],
    sums: Mapping[tuple[tuple[str, str], ...], float],
    buckets: tuple[float, ...] = LATENCY_BUCKETS,
) -> Family:
    """A histogram family from non-cumulative bucket counts per label set.

    ``series`` maps a label set (sorted pairs) to ``{le: count}`` as stored by
    :func:`bucket_label`; the exposition wants them cumulative, ending at ``+Inf``.
    """
    family = Family(name, "histogram", help_text)
    for labels_key in sorted(series):
        counts = series[labels_key]
        labels = dict(labels_key)
        running = 0
        for bound in buckets:
            running += int(counts.get(format_number(bound), 0))
            family.add(running, "_bucket", **labels, le=format_number(bound))
        running += int(counts.get(INF, 0))
        family.add(running, "_bucket", **labels, le=INF)
        family.add(float(sums.get(labels_key, 0.0)), "_sum", **labels)
        family.add(running, "_count", **labels)
    return family


def render(families: Iterable[Family]) -> str:
    lines: list[str] = []
    for family in families:
        lines.append(f"# HELP {family.name} {family.help}")
        lines.append(f"# TYPE {family.name} {family.kind}")
        for sample_name, labels, value in family.samples:
            lines.append(f"{sample_name}{format_labels(labels)} {format_number(value)}")
    return "\n".join(lines) + "\n"
