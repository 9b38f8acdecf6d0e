"""Domain errors. Doors (REST, pages, CLI) translate these; they never leak."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One reason one input field was refused, phrased for the person who typed it."""

    field: str
    reason: str


class DomainError(Exception):
    """Base for every rule the domain enforces."""


class ValidationFailed(DomainError):
    """Input broke one or more rules; ``problems`` says which field and why."""

    def __init__(self, problems: list[FieldProblem] | tuple[FieldProblem, ...]):
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.reason}" for p in self.problems))

    @classmethod
    def single(cls, field: str, reason: str) -> "ValidationFailed":
        return cls([FieldProblem(field, reason)])
