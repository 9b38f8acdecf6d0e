"""RFC 9457 problem details: the one error shape of the REST API.

Every 4xx/5xx the API returns is ``application/problem+json`` with ``type``,
``title``, ``status``, ``detail``, the first failing ``field`` and, for
validation, every ``errors`` entry as ``{field, reason}``. No traceback ever
reaches a client.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from konduct.domain.billing import PaymentProviderUnavailable
from konduct.domain.errors import (
    AuthenticationFailed,
    Conflict,
    DomainError,
    EmailNotVerified,
    FieldProblem,
    NotFound,
    TooManyAttempts,
    ValidationFailed,
)
from konduct.domain.permissions import PermissionDenied
from konduct.domain.plans import ApiQuotaSpent, PlanLimitReached
from konduct.schemas.errors import validation_problems

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "/problems/"
log = logging.getLogger("konduct.api")


class Problem(Exception):
    """Raise from a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        problems: Sequence[FieldProblem] = (),
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title
        self.problems = tuple(problems)
        self.headers = headers or {}
        self.extra = extra or {}


def problem_body(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    problems: Iterable[FieldProblem] = (),
    instance: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase
    problems = list(problems)
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + (slug or phrase.lower().replace(" ", "-")),
        "title": title or phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if problems:
        body["field"] = problems[0].field
        body["errors"] = [
            {"field": p.field, "reason": p.reason}
            | ({"rule": p.rule} if getattr(p, "rule", None) else {})  # a team naming rule
            for p in problems
        ]
    body.update(extra or {})
    return body


def problem_response(
    status: int, detail: str, *, headers: dict[str, str] | None = None, **kwargs: Any
) -> Response:
    body = problem_body(status, detail, **kwargs)
    return Response(
        json.dumps(body), status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


# Domain errors and the HTTP answers they become.
_DOMAIN_STATUS: dict[type, tuple[int, str, dict[str, str]]] = {
    AuthenticationFailed: (401, "unauthenticated", {}),
    PermissionDenied: (403, "forbidden", {}),
    EmailNotVerified: (403, "email-not-verified", {}),
    NotFound: (404, "not-found", {}),
    Conflict: (409, "conflict", {}),
    TooManyAttempts: (429, "too-many-attempts", {}),
    PlanLimitReached: (402, "plan-limit", {}),
    ApiQuotaSpent: (429, "api-quota-spent", {}),
    PaymentProviderUnavailable: (502, "payment-provider-error", {}),
}


def plan_limit_extra(request: Request, exc: PlanLimitReached) -> dict[str, Any]:
    """What a client needs to explain the refusal and offer the upgrade."""
    app_url = request.app.state.settings.app_url.rstrip("/")
    return {
        "limit": exc.limit,
        "plan": exc.plan.value,
        "upgrade_to": exc.upgrade_to.value if exc.upgrade_to else None,
        "upgrade_url": app_url + exc.upgrade_path,
    }


def quota_headers(cap: int, remaining: int, reset_at: int) -> dict[str, str]:
    """The month's API quota, on every API-key answer (``X-Quota-*``)."""
    return {
        "X-Quota-Limit": str(cap),
        "X-Quota-Remaining": str(max(0, remaining)),
        "X-Quota-Reset": str(reset_at),
    }


def _is_api_path(path: str) -> bool:
    return path.startswith("/api/") or path in ("/docs", "/openapi.json")


def install_problem_handlers(api: FastAPI) -> None:
    @api.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return problem_response(
            exc.status,
            exc.detail,
            slug=exc.slug,
            title=exc.title,
            problems=exc.problems,
            headers=exc.headers,
            instance=request.url.path,
            extra=exc.extra,
        )

    @api.exception_handler(ValidationFailed)
    async def _domain_validation(request: Request, exc: ValidationFailed) -> Response:
        return problem_response(
            422,
            "The request has values Konduct cannot accept.",
            slug="validation-error",
            title="Invalid input",
            problems=exc.problems,
            instance=request.url.path,
        )

    @api.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        # The nearest mapped class wins, so subclasses (e.g. a duplicate) inherit an answer.
        status, slug, headers = next(
            (_DOMAIN_STATUS[cls] for cls in type(exc).__mro__ if cls in _DOMAIN_STATUS),
            (400, "bad-request", {}),
        )
        extra = dict(getattr(exc, "problem_extra", None) or {})
        if isinstance(exc, TooManyAttempts):
            headers = {"Retry-After": str(exc.retry_after)}
            extra["retry_after"] = exc.retry_after
        if isinstance(exc, AuthenticationFailed):
            headers = {"WWW-Authenticate": 'Bearer realm="konduct"'}
        if isinstance(exc, PlanLimitReached):
            extra.update(plan_limit_extra(request, exc))
        if isinstance(exc, ApiQuotaSpent):
            headers = quota_headers(exc.cap, 0, exc.reset_at)
            retry = max(1, exc.reset_at - int(time.time()))
            headers["Retry-After"] = str(retry)
            extra["retry_after"] = retry
        return problem_response(
            status, str(exc), slug=slug, headers=headers, instance=request.url.path, extra=extra
        )

    @api.exception_handler(RequestValidationError)
    async def _request_validation(request: Request, exc: RequestValidationError) -> Response:
        problems = validation_problems(exc.errors())
        malformed = any(e.get("type") == "json_invalid" for e in exc.errors())
        return problem_response(
            400 if malformed else 422,
            "The request body is not valid JSON."
            if malformed
            else "The request has values Konduct cannot accept.",
            slug="malformed-json" if malformed else "validation-error",
            title="Malformed request" if malformed else "Invalid input",
            problems=problems,
            instance=request.url.path,
        )

    @api.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # Reflex's pages and assets pass through this app too: leave their errors alone.
        if not _is_api_path(request.url.path):
            return await http_exception_handler(request, exc)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}."
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}."
        return problem_response(
            exc.status_code,
            detail,
            headers=getattr(exc, "headers", None),
            instance=request.url.path,
        )

    @api.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("Unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            500,
            "Something went wrong on our side. It has been logged; please try again.",
            slug="internal-error",
            instance=request.url.path,
        )
