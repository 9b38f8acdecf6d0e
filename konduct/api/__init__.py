"""The REST door: a FastAPI app that Reflex mounts in front of its own routes."""

from __future__ import annotations

from fastapi import FastAPI

from konduct.api.clean_urls import CleanUrls
from konduct.api.docs import document_problems_as_problem_json, install_docs
from konduct.api.guard import ApiGuard
from konduct.api.problems import install_problem_handlers
from konduct.api.routes import (
    auth,
    campaign_ids,
    campaigns,
    decode,
    health,
    redirects,
    site,
    teams,
    users,
    utm,
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
    # campaign_ids first: its /campaigns/generate-id must win over /campaigns/{ref}.
    for module in (campaign_ids, campaigns, decode, utm, auth, users, teams, health):
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
    return api
