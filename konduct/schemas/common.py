from pydantic import BaseModel, ConfigDict

from konduct.domain.errors import FieldProblem


class StrictInput(BaseModel):
    """Base for request bodies: unknown fields are refused, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FieldError(BaseModel):
    field: str
    reason: str

    @classmethod
    def of(cls, problem: FieldProblem) -> "FieldError":
        return cls(field=problem.field, reason=problem.reason)


class CodeName(BaseModel):
    code: str
    name: str
