"""Import a CSV of campaigns: all rows or none, through the one-campaign create path.

Every row is first checked with the wizard's schema (``CampaignCreate``) and the
tracking-link rules, and every problem is reported by row and column. Only a
file without problems is created, row by row, by ``campaigns.create`` (so the
plan quota, duplicate warning, ID generation and history apply unchanged) plus
one default tracking link each. A failure on any row raises, and the caller's
transaction rolls everything back: nothing is half-imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from sqlmodel import Session

from konduct.domain.bulk_import import (
    CsvRejected,
    CsvRow,
    RowProblem,
    column_of,
    default_medium,
    payload,
    read_rows,
)
from konduct.domain.catalog import resolve_objective, resolve_platform
from konduct.domain.errors import DomainError, ValidationFailed
from konduct.domain.permissions import Action, require
from konduct.domain.plans import Feature, PlanLimitReached, require_feature
from konduct.schemas.campaign_tools import ImportedCampaign, ImportResult
from konduct.schemas.campaigns import CampaignCreate
from konduct.schemas.errors import problem_text, validation_problems
from konduct.schemas.utm import UtmLinkCreate, UtmRequest
from konduct.services import audit, campaigns, utm_links
from konduct.services.accounts import require_verified
from konduct.services.audit import ClientInfo
from konduct.services.auth import AuthContext
from konduct.services.plans import plan_of

Progress = Callable[[int, int], None]
# A link problem's field, as the CSV column it came from.
LINK_COLUMNS = {
    "url": "website_url",
    "source": "utm_source",
    "medium": "utm_medium",
    "creative": "utm_creative",
}
PLACEHOLDER_ID = "OTH-OTH-20000101000000-00000000"  # utm_campaign while the ID is not made yet


@dataclass(frozen=True)
class CheckedRow:
    row: int
    data: CampaignCreate
    link: UtmLinkCreate


def _link_for(data: CampaignCreate) -> UtmLinkCreate:
    platform = resolve_platform(data.platform)
    utm = data.utm_parameters
    return UtmLinkCreate(
        url=data.website_url,
        source=utm.source or None,
        medium=utm.medium or default_medium(platform.code),
        creative=utm.creative or None,
        label="Default link",
    )


def _check_row(row: CsvRow, allow_duplicates: bool) -> CheckedRow | list[RowProblem]:
    # Platform and objective are looked up in the catalog by the service, not the schema:
    # check them beside the schema so one pass lists every problem of the row.
    problems: list[RowProblem] = []
    for column, resolve in (("platform", resolve_platform), ("objective", resolve_objective)):
        if row.values.get(column):
            try:
                resolve(row.values[column])
            except ValidationFailed as failure:
                problems += [RowProblem(row.row, column, p.reason) for p in failure.problems]
    try:
        data = CampaignCreate.model_validate(payload(row.values))
    except ValidationError as invalid:
        return problems + [
            RowProblem(row.row, column_of(p.field), p.reason)
            for p in validation_problems(invalid.errors())
        ]
    if problems:
        return problems
    link = _link_for(data)
    platform = resolve_platform(data.platform)
    check = utm_links.validate(
        UtmRequest(
            url=link.url,
            source=link.source or platform.utm_source or "",
            medium=link.medium,
            campaign=PLACEHOLDER_ID,
            creative=link.creative,
        )
    )
    if not check.valid:
        return [
            RowProblem(row.row, LINK_COLUMNS.get(e.field, "row"), f"tracking link: {e.reason}")
            for e in check.errors
        ]
    return CheckedRow(row.row, data.model_copy(update={"allow_duplicate": allow_duplicates}), link)


def check(content: bytes, *, allow_duplicates: bool = False) -> list[CheckedRow]:
    """Every row checked; CsvRejected lists every problem of every row."""
    checked: list[CheckedRow] = []
    problems: list[RowProblem] = []
    for row in read_rows(content):
        result = _check_row(row, allow_duplicates)
        if isinstance(result, CheckedRow):
            checked.append(result)
        else:
            problems += result
    if problems:
        raise CsvRejected(problems)
    return checked


def _row_failure(row: int, failure: DomainError) -> CsvRejected:
    if isinstance(failure, ValidationFailed):
        return CsvRejected(
            [RowProblem(row, column_of(p.field), p.reason) for p in failure.problems]
        )
    column = "name" if isinstance(failure, campaigns.DuplicateCampaign) else "row"
    return CsvRejected([RowProblem(row, column, problem_text(failure))])


def import_csv(
    session: Session,
    *,
    ctx: AuthContext,
    content: bytes,
    client: ClientInfo,
    allow_duplicates: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Create every campaign of the CSV, or raise (CsvRejected, a plan limit) and keep none.

    ``progress(done, total)`` is called after each campaign. The caller owns the
    transaction and must roll it back when this raises.
    """
    require(ctx.team_role, Action.CAMPAIGN_CREATE)
    require_verified(ctx)
    require_feature(plan_of(session, ctx.team_id), Feature.BULK_OPERATIONS)
    rows = check(content, allow_duplicates=allow_duplicates)
    made: list[ImportedCampaign] = []
    for done, row in enumerate(rows, start=1):
        try:
            campaign = campaigns.create(session, ctx=ctx, data=row.data, client=client)
            link = utm_links.create_link(
                session, ctx=ctx, ref=campaign.campaign_id, data=row.link, client=client
            )
        except (CsvRejected, PlanLimitReached):  # a quota says itself which limit it is
            raise
        except DomainError as failure:
            raise _row_failure(row.row, failure) from failure
        made.append(
            ImportedCampaign(
                row=row.row,
                campaign_id=campaign.campaign_id,
                name=campaign.name,
                tracking_url=link.tagged_url,
            )
        )
        if progress is not None:
            progress(done, len(rows))
    audit.record(
        session,
        action="campaign.import",
        client=client,
        user_id=ctx.user.id,
        team_id=ctx.team_id,
        target_type="campaign",
        details={"imported": len(made)},
    )
    return ImportResult(imported=len(made), campaigns=made)
