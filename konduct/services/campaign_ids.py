"""Campaign ID use-cases: generate, check, and keep unique when saving.

Pages, REST routes and jobs call these; the rules themselves live in
``konduct.domain.campaign_id``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from konduct.domain.campaign_id import CampaignId, explain, generate_campaign_id, parse_campaign_id
from konduct.domain.errors import ValidationFailed
from konduct.schemas.campaign_ids import (
    CampaignIdParts,
    CampaignIdRequest,
    CampaignIdValidation,
)
from konduct.schemas.common import FieldError

MAX_ID_ATTEMPTS = 8
Row = TypeVar("Row")


def campaign_data(request: CampaignIdRequest) -> dict[str, Any]:
    """The fields that feed the ID's hash: everything the caller gave, minus blanks."""
    return request.model_dump(mode="json", exclude_none=True)


def generate(request: CampaignIdRequest, *, at: datetime | None = None) -> CampaignId:
    return generate_campaign_id(
        request.platform, request.objective, campaign_data(request), at or datetime.now(UTC)
    )


def parts_of(campaign_id: CampaignId) -> CampaignIdParts:
    return CampaignIdParts.model_validate(explain(campaign_id))


def describe(campaign_id: CampaignId) -> dict[str, Any]:
    """The ID and its parts as JSON-ready data, in the CampaignIdResponse shape.

    Built straight from the domain's explanation (already valid), without a
    second validation pass: this answers every generate-id call.
    """
    parts = explain(campaign_id)
    return {
        "campaign_id": str(campaign_id),
        "platform": parts["platform"],
        "objective": parts["objective"],
        "timestamp": parts["timestamp"],
        "created_at": parts["created_at"],
        "hash": parts["hash"],
    }


def check(text: str) -> CampaignIdValidation:
    """Whether ``text`` is a well-formed campaign ID, and what its parts mean."""
    try:
        parsed = parse_campaign_id(text)
    except ValidationFailed as failure:
        return CampaignIdValidation(
            valid=False,
            campaign_id=text.strip(),
            errors=[FieldError.of(p) for p in failure.problems],
        )
    return CampaignIdValidation(valid=True, campaign_id=str(parsed), parts=parts_of(parsed))


def insert_with_unique_id(
    session: Session,
    *,
    platform: str,
    objective: str,
    data: dict[str, Any],
    build_row: Callable[[CampaignId], Row],
    at: datetime | None = None,
) -> Row:
    """Insert the row ``build_row`` makes, retrying with a new hash if the ID is taken.

    Two campaigns with identical data in the same second would get the same
    ID. The unique constraint on ``campaign.campaign_id`` is the arbiter (no
    check-then-insert race); on a clash the hash input gets a random attempt
    number, so writers that clashed once do not clash again with each other.
    Each try runs in a savepoint so the caller's transaction survives.
    """
    moment = at or datetime.now(UTC)
    for try_number in range(MAX_ID_ATTEMPTS):
        attempt = 0 if try_number == 0 else secrets.randbelow(2**31) + 1
        campaign_id = generate_campaign_id(platform, objective, data, moment, attempt=attempt)
        row = build_row(campaign_id)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError as exc:
            # Only a clash on the ID is ours to retry; anything else is a real error.
            if "campaign_id" not in str(exc.orig):
                raise
            continue
        return row
    raise RuntimeError(f"no free campaign ID after {MAX_ID_ATTEMPTS} attempts")
