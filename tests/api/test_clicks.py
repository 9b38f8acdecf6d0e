"""Short links: /r/{code} redirects, counts each visit, and the campaign shows the figures."""

from fastapi.testclient import TestClient

from konduct.domain.enums import Plan
from tests.api.accounts_helpers import signed_up
from tests.api.test_campaigns_api import create

PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def test_short_links_redirect_and_count(client: TestClient, smtp_sink) -> None:
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    campaign = create(client, owner).json()
    path = f"/api/campaigns/{campaign['id']}"
    links = [
        client.post(
            f"{path}/utm",
            json={"url": "https://www.example.com/a", "medium": "cpc", "label": label},
            headers=owner.bearer,
        ).json()
        for label in ("Story", "Feed")
    ]
    for user_agent in (PHONE, PHONE, DESKTOP):
        answer = client.get(
            links[0]["short_path"],
            headers={"User-Agent": user_agent, "Referer": "https://l.facebook.com/x"},
            follow_redirects=False,
        )
        assert answer.status_code == 302
        assert answer.headers["location"] == links[0]["tagged_url"]
        assert answer.headers["cache-control"] == "no-store"
    client.get(links[1]["short_path"], follow_redirects=False)

    figures = client.get(f"{path}/clicks", headers=owner.bearer).json()
    assert figures["total"] == 4
    assert {row["label"]: row["clicks"] for row in figures["by_link"]} == {"Story": 3, "Feed": 1}
    assert figures["by_device"]["phone"] == 2 and figures["by_device"]["desktop"] == 1
    assert sum(day["clicks"] for day in figures["by_day"]) == 4


def test_unknown_codes_are_404_and_figures_are_team_scoped(client: TestClient, smtp_sink) -> None:
    assert client.get("/r/NoSuchCode", follow_redirects=False).status_code == 404
    assert client.get("/r/../../etc", follow_redirects=False).status_code == 404
    owner = signed_up(client, smtp_sink, plan=Plan.PROFESSIONAL)
    campaign = create(client, owner).json()
    stranger = signed_up(client, smtp_sink)
    answer = client.get(f"/api/campaigns/{campaign['id']}/clicks", headers=stranger.bearer)
    assert answer.status_code == 404
