"""What the browser sends to POST /api/analytics/track, and the report's query."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from konduct.domain import analytics as rules
from konduct.schemas.common import StrictInput

EventName = Literal[tuple(rules.BROWSER_EVENTS)]  # type: ignore[valid-type]


class TrackEvent(StrictInput):
    type: EventName
    path: str = Field(min_length=1, max_length=rules.MAX_PATH)
    label: str | None = Field(default=None, max_length=rules.MAX_LABEL)
    value: float | None = None
    referrer: str | None = Field(default=None, max_length=2048)
    properties: dict[str, Any] | None = None

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        return rules.clean_path(value)

    @field_validator("label")
    @classmethod
    def _label(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not rules.LABEL.match(value):
            raise ValueError("may hold letters, digits, spaces and _ . : / # - only")
        return value

    @field_validator("properties")
    @classmethod
    def _properties(cls, value: dict | None) -> dict:
        return rules.clean_properties(value)

    @model_validator(mode="after")
    def _by_type(self) -> TrackEvent:
        if self.type == "web_vital":
            self.label = rules.check_vital(self.label, self.value)
        elif self.type == "engagement":
            if self.value is None or not 0 <= self.value <= rules.MAX_ENGAGEMENT_MS:
                raise ValueError(
                    f"value: engagement is milliseconds in view, 0 to {rules.MAX_ENGAGEMENT_MS}"
                )
        elif self.type == "cta_click" and not self.label:
            raise ValueError("label: a CTA click names its call to action (data-track)")
        else:
            self.value = None  # only vitals and engagement carry a measurement
        return self


class TrackBatch(StrictInput):
    """A page's events since the last send: one page view, clicks, vitals, engagement."""

    visitor_id: str = Field(pattern=rules.VISITOR_ID.pattern)
    session_id: str = Field(pattern=rules.VISITOR_ID.pattern)
    events: list[TrackEvent] = Field(min_length=1, max_length=rules.MAX_EVENTS_PER_REQUEST)
