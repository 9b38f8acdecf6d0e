"""The REST door: a FastAPI app that Reflex mounts in front of its own routes."""

from __future__ import annotations

from fastapi import FastAPI

from konduct.api.clean_urls import CleanUrls
from konduct.api.docs import document_problems_as_problem_json, install_docs
from konduct.api.guard import ApiGuard
from konduct.api.metrics import install_metrics
from konduct.api.problems import install_problem_handlers
from konduct.api.routes import (
    analytics,
    audit_export,
    auth,
    billing,
    branding,
    bulk_import,
    campaign_ids,
    campaign_sharing,
    campaigns,
    decode,
    health,
    naming_rules,
    pricing,
    redirects,
    reports,
    resources,
    site,
    sso,
    teams,
    templates,
    tracking_links,
    users,
    utm,
    visitor_requests,
)
from konduct.api.static_cache import StaticCacheHeaders
from konduct.domain.rate_limits import parse_limit
from konduct.schemas.common import problem_responses
from konduct.services.rate_limits import RateLimiter
from konduct.settings import Settings, get_settings

API_DESCRIPTION = """\
Konduct's REST API. Every error is an RFC 9457 problem document
(`application/problem+json`) naming the failing `field`. Requests are
rate-limited per client; a `429` carries `Retry-After`.
"""


def create_api(settings: Settings | None = None, *, limiter: RateLimiter | None = None) -> FastAPI:
    settings = settings or get_settings()
    api = FastAPI(
        title="Konduct API",
        version="1.0.0",
        description=API_DESCRIPTION,
        docs_url=None,  # served by install_docs without a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    api.state.settings = settings
    install_problem_handlers(api)
    install_docs(api)

    # Routers go straight onto the app: each level of nesting is another match per request.
    # Order matters where paths overlap: campaign_ids (/campaigns/generate-id) and bulk_import
    # (/campaigns/import/...) before campaigns' /campaigns/{ref}; naming_rules
    # (/teams/naming-rules) before teams.
    for module in (
        campaign_ids,
        bulk_import,
        campaigns,
        tracking_links,
        templates,
        reports,
        campaign_sharing,
        decode,
        utm,
        auth,
        users,
        naming_rules,
        audit_export,
        branding,
        sso,
        teams,
        billing,
        health,
        visitor_requests,
        resources,
        pricing,
        analytics,
    ):
        api.include_router(
            module.router, prefix="/api", responses=problem_responses(400, 413, 422, 429)
        )

    api.include_router(redirects.router)
    api.include_router(site.router)
    document_problems_as_problem_json(api)
    api.state.limiter = limiter or RateLimiter(
        settings.redis_url, key_prefix=f"{settings.redis_key_prefix}:rl"
    )
    api.add_middleware(
        ApiGuard,
        limiter=api.state.limiter,
        limit=parse_limit(settings.api_rate_limit),
        max_body_bytes=settings.max_request_bytes,
        trusted_proxy_hops=settings.trusted_proxy_hops,
    )
    api.add_middleware(StaticCacheHeaders)
    api.add_middleware(CleanUrls)
    install_metrics(api, settings)  # outermost: counts the guard's refusals too
    return api
