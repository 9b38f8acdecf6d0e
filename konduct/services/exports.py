"""Campaign exports: JSON, a flat CSV, and Google Analytics 4's data-import CSV.

CSV cells that a spreadsheet would run as a formula (starting with = + - @,
tab or carriage return) are prefixed with an apostrophe: an exported campaign
name must never execute in someone's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from sqlmodel import Session, select

from konduct.models import UtmLink
from konduct.schemas.campaigns import CampaignPublic, CampaignSearch
from konduct.services import campaigns, limits
from konduct.services.auth import AuthContext

MAX_ROWS = 10_000
FLAT_COLUMNS = (
    "campaign_id", "name", "status", "platform", "objective", "manager_name", "website_url",
    "start_date", "end_date", "budget", "currency", "utm_source", "utm_medium", "utm_campaign",
    "utm_creative", "archived", "created_at", "updated_at",
)  # fmt: skip
GA4_COLUMNS = (
    "campaign_id", "campaign_name", "source", "medium", "term", "content", "creative_format",
    "marketing_tactic",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return out.getvalue()


table_csv = _csv  # other exports (reports) write their tables the same safe way


def matching(
    session: Session, *, ctx: AuthContext, filters: CampaignSearch, export_format: str = "json"
) -> Iterator[CampaignPublic]:
    """Every campaign the filters match (up to MAX_ROWS), page by page, in a format the
    team's plan includes (checked before the first row is read)."""
    limits.check_export(session, team_id=ctx.team_id, export_format=export_format)
    offset = 0
    while offset < MAX_ROWS:
        page = campaigns.search(
            session, ctx=ctx, filters=filters.model_copy(update={"limit": 100, "offset": offset})
        )
        yield from page.items
        offset += len(page.items)
        if offset >= page.total or not page.items:
            return


def flat(campaign: CampaignPublic) -> dict[str, Any]:
    utm = campaign.utm_parameters
    return {
        **campaign.model_dump(mode="json", include=set(FLAT_COLUMNS)),
        "platform": campaign.platform.name,
        "objective": campaign.objective.name,
        "utm_source": utm.source,
        "utm_medium": utm.medium,
        "utm_campaign": utm.campaign,
        "utm_creative": utm.creative,
    }


def as_json(items: Iterable[CampaignPublic]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in items]


def as_csv(items: Iterable[CampaignPublic]) -> str:
    return _csv(FLAT_COLUMNS, (flat(item) for item in items))


def as_ga4_import(session: Session, items: Iterable[CampaignPublic]) -> str:
    """One row per distinct tagging of each campaign, keyed on utm_id (the campaign ID)."""
    rows: list[dict[str, Any]] = []
    for item in items:
        links = session.exec(
            select(UtmLink).where(UtmLink.campaign_id == item.id).order_by(UtmLink.created_at)
        ).all()
        seen: set[tuple] = set()
        for link in links:
            row = {
                "campaign_id": item.campaign_id, "campaign_name": item.name,
                "source": link.source, "medium": link.medium, "term": link.term,
                "content": link.creative, "creative_format": link.creative_format,
                "marketing_tactic": link.marketing_tactic,
            }  # fmt: skip
            key = tuple(row.values())
            if key not in seen:
                seen.add(key)
                rows.append(row)
        if not links:
            utm = item.utm_parameters
            rows.append({
                "campaign_id": item.campaign_id, "campaign_name": item.name,
                "source": utm.source, "medium": utm.medium, "content": utm.creative,
            })  # fmt: skip
    return _csv(GA4_COLUMNS, rows)


def one(
    session: Session, *, ctx: AuthContext, ref: str, export_format: str = "json"
) -> CampaignPublic:
    limits.check_export(session, team_id=ctx.team_id, export_format=export_format)
    return campaigns.public(campaigns.get(session, ctx=ctx, ref=ref))
