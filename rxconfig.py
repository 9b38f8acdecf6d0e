"""Reflex configuration, derived from Konduct's one settings module."""

import reflex as rx

from konduct.components.theme_css import LeanRadixThemesPlugin
from konduct.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="konduct",
    # No db_url: the app has its own engine (konduct.db) and migrations (alembic/);
    # Reflex's would compare the schema with a registry of its own and cry wolf.
    # Database health is reported by /api/health.
    # With Redis, Reflex keeps state there and runs several workers; without, one worker.
    redis_url=settings.redis_url,
    frontend_port=settings.port,
    backend_port=settings.port,
    # Baked into the built JavaScript; "localhost" is swapped for the page's own host.
    api_url=settings.api_url or f"http://localhost:{settings.port}",
    deploy_url=settings.app_url,
    cors_allowed_origins=settings.allowed_origins,
    # So page events see the visitor's address behind our proxies, as the API does.
    trusted_proxy_hops=settings.trusted_proxy_hops,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # /sitemap.xml comes from the registry of public pages (konduct/domain/seo.py).
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        # "inherit" follows the light/dark class Reflex puts on <html> (system by default).
        # Lean: only the colour scales the pages use (konduct/components/theme_css.py).
        LeanRadixThemesPlugin(
            theme=rx.theme(
                appearance="inherit",
                accent_color="indigo",
                gray_color="slate",
                radius="large",
                scaling="100%",
            )
        ),
    ],
)
