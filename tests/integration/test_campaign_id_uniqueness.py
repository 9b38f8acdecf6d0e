"""IDs stay unique when many identical campaigns are saved in the same second."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from konduct.domain.campaign_id import CampaignId, campaign_hash
from konduct.models import Campaign, Team
from konduct.services.campaign_ids import insert_with_unique_id

WRITERS = 16
SAME_SECOND = datetime(2027, 3, 1, 9, 30, 0, tzinfo=UTC)
DATA = {"name": "Spring sale", "platform": "Facebook", "objective": "Traffic", "budget": "100.00"}


def _save_one(engine: Engine, team_id: uuid.UUID, start: threading.Barrier) -> str:
    def build_row(campaign_id: CampaignId) -> Campaign:
        return Campaign(
            campaign_id=str(campaign_id),
            team_id=team_id,
            name="Spring sale",
            manager_name="Ada",
            website_url="https://www.example.com",
            platform="FBK",
            objective="TRF",
            start_date=date(2027, 3, 1),
            budget=Decimal("100.00"),
            data_hash=campaign_hash(DATA),
        )

    with Session(engine) as session:
        start.wait()  # every writer inserts at the same moment
        row = insert_with_unique_id(
            session,
            platform="Facebook",
            objective="Traffic",
            data=DATA,
            build_row=build_row,
            at=SAME_SECOND,
        )
        session.commit()
        return row.campaign_id


def test_concurrent_identical_campaigns_get_distinct_ids(engine: Engine) -> None:
    with Session(engine) as session:
        team = Team(name="Concurrency", slug=f"concurrency-{uuid.uuid4().hex[:8]}")
        session.add(team)
        session.commit()
        team_id = team.id
    try:
        start = threading.Barrier(WRITERS)
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            ids = list(pool.map(lambda _: _save_one(engine, team_id, start), range(WRITERS)))

        assert len(set(ids)) == WRITERS
        assert all(i.startswith("FBK-TRF-20270301093000-") for i in ids)
        with Session(engine) as session:
            stored = session.exec(
                select(func.count()).select_from(Campaign).where(Campaign.team_id == team_id)
            ).one()
        assert stored[0] == WRITERS
    finally:
        with Session(engine) as session:
            session.delete(session.get(Team, team_id))
            session.commit()


def test_a_clash_inside_a_transaction_keeps_earlier_work(engine: Engine) -> None:
    """The retry uses a savepoint: rows written before the clash survive it."""
    with Session(engine) as session:
        team = Team(name="Savepoint", slug=f"savepoint-{uuid.uuid4().hex[:8]}")
        session.add(team)
        session.flush()

        def build_row(campaign_id: CampaignId) -> Campaign:
            return Campaign(
                campaign_id=str(campaign_id),
                team_id=team.id,
                name="Twin",
                manager_name="Ada",
                website_url="https://www.example.com",
                platform="FBK",
                objective="TRF",
                start_date=date(2027, 3, 1),
                budget=Decimal("1"),
                data_hash="x",
            )

        first = insert_with_unique_id(
            session, platform="FBK", objective="TRF", data=DATA, build_row=build_row, at=SAME_SECOND
        )
        second = insert_with_unique_id(
            session, platform="FBK", objective="TRF", data=DATA, build_row=build_row, at=SAME_SECOND
        )
        assert first.campaign_id != second.campaign_id
        assert session.get(Team, team.id) is not None
        session.rollback()
