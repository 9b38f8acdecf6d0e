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


class NotFound(DomainError):
    """The thing does not exist, or belongs to someone else: never say which."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} not found")


class AuthenticationFailed(DomainError):
    """Who is asking could not be established. The message never says why in detail."""

    def __init__(self, message: str = "Sign-in failed: check your email and password."):
        super().__init__(message)


class TooManyAttempts(DomainError):
    """A guard against guessing stopped the request; try again after ``retry_after`` s."""

    def __init__(self, retry_after: int, message: str):
        self.retry_after = max(1, int(retry_after))
        super().__init__(message)


class Conflict(DomainError):
    """The request clashes with the current state (e.g. MFA already on)."""


class EmailNotVerified(DomainError):
    """The action needs a verified email address."""

    def __init__(self) -> None:
        super().__init__("Verify your email address first: open the link we mailed you.")
