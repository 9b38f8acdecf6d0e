"""The API reference renders offline: Swagger UI comes from the app, not a CDN."""

from playwright.sync_api import Page, expect


def test_swagger_ui_renders_from_local_files(page: Page, app_url: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(app_url) else None)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Konduct API")
    expect(page.get_by_text("/api/campaigns/generate-id")).to_be_visible()
    assert outside == []
