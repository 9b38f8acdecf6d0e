"""Two trial forms sent for one address at the same moment: one welcome mail, not two.

Both requests pass the "no trial for this address lately" check before either commits;
the welcome mail's key names the address's cooldown window, so the database keeps one.
"""

from __future__ import annotations

import threading
import uuid

from sqlmodel import Session, select

from konduct.models import ScheduledMail
from konduct.schemas.visitor_requests import TrialStartRequest
from konduct.services import trials
from konduct.settings import Settings

SETTINGS = Settings(
    _env_file=None,
    konduct_env="test",
    jwt_secret="t" * 48,
    jwt_refresh_secret="r" * 48,
    session_secret="s" * 48,
)


def test_simultaneous_trials_for_one_address_queue_one_welcome(engine) -> None:
    email = f"race-{uuid.uuid4().hex[:8]}@example.com"
    both_checked = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            with Session(engine) as session:
                data = TrialStartRequest(email=email, full_name="Ada", team_size="1")
                # Let both transactions see "no recent trial" before either inserts.
                session.connection()
                both_checked.wait()
                trials.start_trial(session, data=data, settings=SETTINGS)
                session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    with Session(engine) as session:
        mails = session.exec(select(ScheduledMail).where(ScheduledMail.recipient == email)).all()
    assert [m.kind for m in mails] == ["trial.welcome"]
