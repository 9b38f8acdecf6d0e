"""Password rules after NIST SP 800-63B: length, not common, not guessable; nothing else.

No composition rules (digits, symbols, cases): they make passwords harder to
remember without making them harder to guess. Instead a password must be 12 to
128 characters, must not be on the list of common passwords, must not be built
from the person's own email or name, and must not be trivially guessable
(repeats, sequences, keyboard walks: zxcvbn's estimate). Any character is
allowed, and the text is NFKC-normalised so that the same password typed on
two keyboards is the same password.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from konduct.domain.errors import FieldProblem

MIN_LENGTH = 12
MAX_LENGTH = 128
# zxcvbn scores 0..4; 0 and 1 fall to an online or a fast offline guessing attack.
MIN_SCORE = 2
SERVICE_WORDS = ("konduct",)
STRENGTH_LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    warning: str = ""
    suggestions: tuple[str, ...] = field(default_factory=tuple)


def normalize_password(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords (zxcvbn's list, shipped with the pinned package)."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def context_words(*values: str | None) -> list[str]:
    """Words from the person's own details that must not make up a password."""
    words: list[str] = list(SERVICE_WORDS)
    for value in values:
        if not value:
            continue
        local = value.split("@", 1)[0]
        words += [w for w in re.split(r"[^\w]+", local.lower()) if len(w) >= 4]
    return words


# zxcvbn refuses longer input (its matching is quadratic); a longer password is
# judged on its first 72 characters, which already decide whether it is guessable.
ESTIMATE_LENGTH = 72


def strength(password: str, context: Iterable[str] = ()) -> Strength:
    """An estimate for the live meter."""
    if not password:
        return Strength(0, STRENGTH_LABELS[0])
    result = zxcvbn(normalize_password(password)[:ESTIMATE_LENGTH], user_inputs=list(context))
    feedback = result["feedback"]
    return Strength(
        score=result["score"],
        label=STRENGTH_LABELS[result["score"]],
        warning=feedback.get("warning") or "",
        suggestions=tuple(feedback.get("suggestions") or ()),
    )


def password_problems(
    password: str, *, context: Iterable[str] = (), previous: Iterable[str] = ()
) -> list[FieldProblem]:
    """Why ``password`` is refused; empty when it is acceptable.

    ``previous`` holds earlier passwords already normalised *and* matched by
    the caller (the domain cannot verify hashes); pass the ones that matched.
    """
    normalized = normalize_password(password)
    problems: list[FieldProblem] = []
    if len(normalized) < MIN_LENGTH:
        problems.append(FieldProblem("password", f"use at least {MIN_LENGTH} characters"))
        return problems
    if len(normalized) > MAX_LENGTH:
        problems.append(FieldProblem("password", f"use at most {MAX_LENGTH} characters"))
        return problems
    lowered = normalized.lower()
    if lowered in common_passwords():
        problems.append(
            FieldProblem("password", "this password is on a list of commonly used passwords")
        )
        return problems
    context = list(context)
    for word in context:
        if word in lowered and len(word) * 2 >= len(lowered):
            problems.append(
                FieldProblem("password", "do not build the password from your email or name")
            )
            return problems
    estimate = strength(normalized, context)
    if estimate.score < MIN_SCORE:
        hint = estimate.warning or "it follows a pattern that is quick to guess"
        problems.append(FieldProblem("password", f"too easy to guess: {hint.rstrip('.')}"))
    return problems
