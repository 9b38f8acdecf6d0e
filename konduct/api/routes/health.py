from fastapi import APIRouter
from pydantic import BaseModel
from starlette.responses import JSONResponse

from konduct.db import get_engine
from konduct.services.health import check_database, check_redis
from konduct.settings import get_settings

router = APIRouter(tags=["health"])


class ComponentHealth(BaseModel):
    ok: bool
    backend: str
    latency_ms: float | None = None
    error: str | None = None


class Health(BaseModel):
    status: str
    database: ComponentHealth
    redis: ComponentHealth


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "A dependency is down"}},
    summary="Database and Redis status",
)
def health() -> JSONResponse:
    database = check_database(get_engine())
    redis = check_redis(get_settings().redis_url)
    healthy = database.ok and redis.ok
    body = Health(
        status="ok" if healthy else "degraded",
        database=ComponentHealth(**database.__dict__),
        redis=ComponentHealth(**redis.__dict__),
    )
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
