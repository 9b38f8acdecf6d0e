"""Two visitors racing for one demo slot: the database lets exactly one hold it."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlmodel import Session

from konduct.domain import demo_slots
from konduct.domain.enums import DemoStatus
from konduct.models import DemoRequest
from konduct.models.base import utcnow
from konduct.schemas.visitor_requests import DemoRequestIn
from konduct.services import demo_requests
from konduct.settings import Settings

SETTINGS = Settings(
    _env_file=None,
    konduct_env="test",
    jwt_secret="t" * 48,
    jwt_refresh_secret="r" * 48,
    session_secret="s" * 48,
)


def _request(slot) -> DemoRequestIn:
    return DemoRequestIn(
        name="Ada",
        email=f"race-{uuid.uuid4().hex[:8]}@example.com",
        company="AE",
        slot=slot,
        timezone="Europe/Paris",
    )


def test_the_second_of_two_simultaneous_bookings_is_told_the_slot_is_taken(engine):
    with Session(engine) as probe:
        slot = demo_slots.free_slots(utcnow(), demo_requests.booked_slots(probe, now=utcnow()))[-1]
    first = Session(engine)
    demo_requests.request_demo(first, data=_request(slot), settings=SETTINGS)  # not committed
    outcome: dict[str, object] = {}

    def second_visitor() -> None:
        # Its check sees no booking yet (uncommitted), so only the unique index can stop it.
        with Session(engine) as session:
            try:
                demo_requests.request_demo(session, data=_request(slot), settings=SETTINGS)
                session.commit()
                outcome["result"] = "booked"
            except demo_slots.SlotTaken:
                outcome["result"] = "taken"

    thread = threading.Thread(target=second_visitor)
    thread.start()
    thread.join(timeout=1)
    assert thread.is_alive(), "the second insert should wait for the first transaction"
    first.commit()
    first.close()
    thread.join(timeout=10)
    assert outcome["result"] == "taken"


def test_a_cancelled_demo_frees_its_slot(engine):
    with Session(engine) as session:
        slot = demo_slots.free_slots(utcnow(), demo_requests.booked_slots(session, now=utcnow()))[
            -2
        ]
        row = demo_requests.request_demo(session, data=_request(slot), settings=SETTINGS)
        session.commit()
        with pytest.raises(demo_slots.SlotTaken), session.begin_nested():
            demo_requests.request_demo(session, data=_request(slot), settings=SETTINGS)
        stored = session.get(DemoRequest, row.id)
        stored.status = DemoStatus.CANCELLED
        session.commit()
        again = demo_requests.request_demo(session, data=_request(slot), settings=SETTINGS)
        session.commit()
        assert again.slot_at == slot
