from pydantic import BaseModel, ConfigDict

from konduct.domain.errors import FieldProblem


class StrictInput(BaseModel):
    """Base for request bodies: unknown fields are refused, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FieldError(BaseModel):
    field: str
    reason: str
    rule: str | None = None  # the team naming rule that was broken, if one was

    @classmethod
    def of(cls, problem: FieldProblem) -> "FieldError":
        return cls(field=problem.field, reason=problem.reason, rule=getattr(problem, "rule", None))


class CodeName(BaseModel):
    code: str
    name: str


class ProblemDocument(BaseModel):
    """RFC 9457 problem details, as every API error is answered."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    field: str | None = None
    errors: list[FieldError] = []


def problem_responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI entries documenting the problem answers a route can give."""
    reasons = {
        400: "Malformed JSON",
        402: "The team's plan does not include this; see limit, upgrade_to, upgrade_url",
        404: "Not found",
        413: "Request body too large",
        422: "Invalid input, by field",
        429: "Rate limited; see Retry-After",
    }
    return {
        status: {
            "model": ProblemDocument,
            "description": reasons.get(status, "Problem"),
            "content": {"application/problem+json": {}},
        }
        for status in statuses
    }
