"""Pydantic's validation errors, phrased as the domain's field problems.

Both doors use this: the REST API puts them in problem documents, the pages
show them next to the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from konduct.domain.errors import FieldProblem


def _field_path(loc: Sequence[Any]) -> str:
    """``("body", "targeting", "age_range", 0)`` -> ``targeting.age_range[0]``."""
    # Only the leading location is dropped: a field may itself be called "path".
    parts = list(loc[1:] if loc and loc[0] in ("body", "query", "path", "header") else loc)
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path or (str(loc[0]) if loc else "body")


def _reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "json_invalid":
        return "the request body is not valid JSON: " + str(error.get("ctx", {}).get("error", ""))
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "missing":
        return "is required"
    message = str(error.get("msg", "is invalid"))
    # Pydantic prefixes custom ValueErrors; the field name already says where.
    return message.removeprefix("Value error, ")


def validation_problems(errors: Sequence[dict[str, Any]]) -> list[FieldProblem]:
    return [
        # A JSON syntax error's location is a character offset, not a field.
        FieldProblem(
            "body" if e.get("type") == "json_invalid" else _field_path(e.get("loc", ())), _reason(e)
        )
        for e in errors
    ]


def problem_text(error: Exception) -> str:
    """One sentence for a page to show: the first field problem, else the error's message."""
    from pydantic import ValidationError

    from konduct.domain.errors import ValidationFailed

    if isinstance(error, ValidationFailed):
        return error.problems[0].reason
    if isinstance(error, ValidationError):
        return "; ".join(p.reason for p in validation_problems(error.errors()))
    return str(error)
