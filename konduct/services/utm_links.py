"""UTM use-cases: validate and build tracking links with the domain rules."""

from __future__ import annotations

from dataclasses import fields

from konduct.domain.errors import ValidationFailed
from konduct.domain.utm import UtmParams, build_tracking_url
from konduct.schemas.common import FieldError
from konduct.schemas.utm import UtmRequest, UtmValidation

# Every UtmParams field with a default is optional: source, medium, campaign are not.
OPTIONAL_FIELDS = tuple(f.name for f in fields(UtmParams) if f.default is None)


def params_of(request: UtmRequest) -> UtmParams:
    optional = {name: getattr(request, name) or None for name in OPTIONAL_FIELDS}
    return UtmParams(
        source=request.source, medium=request.medium, campaign=request.campaign, **optional
    )


def validate(request: UtmRequest) -> UtmValidation:
    """The tagged URL, or every problem by field; advice comes as warnings."""
    try:
        tracking = build_tracking_url(
            request.url, params_of(request), creative_param=request.creative_param
        )
    except ValidationFailed as failure:
        return UtmValidation(valid=False, errors=[FieldError.of(p) for p in failure.problems])
    return UtmValidation(
        valid=True,
        url=tracking.url,
        params=dict(tracking.query),
        warnings=[FieldError.of(p) for p in tracking.warnings],
    )
