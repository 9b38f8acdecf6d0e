"""The landing page's compatibility checker: rules over the catalog and the plans table."""

import csv
import io

import pytest

from konduct.domain.compatibility import (
    NEEDS,
    Need,
    check_compatibility,
    plan_allows_need,
    render_report,
)
from konduct.domain.enums import Plan
from konduct.domain.errors import ValidationFailed


def test_meta_platforms_and_basic_needs_fit_the_free_plan() -> None:
    report = check_compatibility(["IGM", "FBK"], ["tracking_links", "ga4_channels"])
    assert report.plan == Plan.FREE
    # Catalog order, whatever order they were picked in.
    assert [p.code for p in report.platforms] == ["FBK", "IGM"]
    facebook = report.platforms[0]
    assert (facebook.utm_source, facebook.utm_medium, facebook.source_platform) == (
        "facebook",
        "paid_social",
        "meta_ads",
    )
    assert facebook.ga4_channel == "Paid Social"
    assert report.next_steps[0].href == "/register"


def test_a_platform_beyond_free_asks_for_professional() -> None:
    report = check_compatibility(["FBK", "GAD"], [])
    assert report.plan == Plan.PROFESSIONAL
    google = next(p for p in report.platforms if p.code == "GAD")
    assert (google.utm_medium, google.ga4_channel, google.plan) == (
        "cpc",
        "Paid Search",
        Plan.PROFESSIONAL,
    )
    assert report.next_steps[0].href == "/start-trial"
    assert any("(Professional and up)" not in s.text for s in report.next_steps if "GA4" in s.text)


def test_sso_or_white_label_needs_enterprise_and_sales() -> None:
    report = check_compatibility(["FBK"], ["sso", "team"])
    assert report.plan == Plan.ENTERPRISE
    assert {n.need: n.plan for n in report.needs} == {
        Need.TEAM: Plan.PROFESSIONAL,
        Need.SSO: Plan.ENTERPRISE,
    }
    assert report.next_steps[0].href == "/contact-sales"
    assert all(step.href != "/demo" for step in report.next_steps)


def test_other_platform_has_no_default_source_and_says_what_to_do() -> None:
    report = check_compatibility(["OTH"], [])
    other = report.platforms[0]
    assert other.utm_source == "" and other.ga4_channel == "Depends on your source"
    assert any("utm_source name" in step.text for step in report.next_steps)


def test_every_need_has_a_plan_that_allows_it_and_free_allows_the_basics() -> None:
    for info in NEEDS:
        assert any(plan_allows_need(plan, info.need) for plan in Plan)
    assert plan_allows_need(Plan.FREE, Need.TRACKING_LINKS)
    assert not plan_allows_need(Plan.FREE, Need.CSV_EXPORT)
    assert plan_allows_need(Plan.PROFESSIONAL, Need.CSV_EXPORT)
    assert not plan_allows_need(Plan.FREE, Need.MANY_CAMPAIGNS)


@pytest.mark.parametrize(
    ("platforms", "needs", "field"),
    [([], [], "platforms"), (["XYZ"], [], "platforms"), (["FBK"], ["teleport"], "needs")],
)
def test_bad_picks_are_refused_naming_the_field(platforms, needs, field) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_compatibility(platforms, needs)
    assert refused.value.problems[0].field == field


def test_reports_render_as_markdown_text_and_csv() -> None:
    report = check_compatibility(["FBK", "LNK"], ["api"])
    markdown = render_report(report, "md")
    assert markdown.startswith("# Konduct compatibility report")
    assert "**Recommended plan: Professional**" in markdown
    assert "| LinkedIn | LNK | linkedin | paid_social | linkedin_ads | Paid Social |" in markdown
    assert "(/docs)" in markdown

    text = render_report(report, "txt")
    assert "Recommended plan: Professional" in text and "NEXT STEPS" in text

    rows = list(csv.reader(io.StringIO(render_report(report, "csv"))))
    assert rows[0][:3] == ["kind", "name", "code"]
    assert rows[1][:3] == ["platform", "Facebook", "FBK"]
    assert rows[4][:3] == ["recommendation", "Professional", "PROFESSIONAL"]
    assert sum(row[0] == "next_step" for row in rows) == len(report.next_steps)

    with pytest.raises(ValidationFailed):
        render_report(report, "pdf")
