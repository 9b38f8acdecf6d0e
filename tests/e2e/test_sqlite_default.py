"""`make run`'s defaults boot: SQLite file, in-process state and rate limits, one worker."""

import httpx

from tests.e2e.conftest import served_app  # noqa: E402


def test_the_app_boots_on_sqlite_without_redis(tmp_path) -> None:
    database = tmp_path / "konduct.db"
    with served_app(tmp_path / "server.log", DATABASE_URL=f"sqlite:///{database}") as base_url:
        health = httpx.get(f"{base_url}/api/health").json()
        assert health["status"] == "ok"
        assert health["database"]["backend"] == "sqlite"
        assert health["redis"]["backend"] == "in-process"

        page = httpx.get(base_url + "/")
        assert page.status_code == 200
        assert "<title>Konduct | Campaign IDs, UTM links and QR codes" in page.text

        generated = httpx.post(
            f"{base_url}/api/campaigns/generate-id",
            json={"platform": "YouTube", "objective": "Reach"},
        )
        assert generated.status_code == 200
        assert generated.json()["campaign_id"].startswith("YTB-RCH-")
    # serve applied the migrations to the new file
    assert database.exists() and database.stat().st_size > 0
