from fastapi import APIRouter
from pydantic import BaseModel
from starlette.responses import JSONResponse

from konduct.api.deps import SettingsDep
from konduct.db import engine_for
from konduct.services.health import check_database, check_redis

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
def health(settings: SettingsDep) -> JSONResponse:
    database = check_database(engine_for(settings.database_url))
    redis = check_redis(settings.redis_url)
    healthy = database.ok and redis.ok
    body = Health(
        status="ok" if healthy else "degraded",
        database=ComponentHealth(**database.__dict__),
        redis=ComponentHealth(**redis.__dict__),
    )
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
