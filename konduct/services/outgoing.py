"""Mail that leaves only when the transaction that caused it has committed.

A verification mail whose token row was rolled back would carry a dead link,
so services queue mail on the database session; it is handed to a small
thread pool after COMMIT (and dropped on ROLLBACK). Sending off the request
thread also keeps response times equal whether or not a mail went out, which
matters for "we sent a link if the address exists" answers.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from konduct.services.mail import Mail, send_mail
from konduct.settings import Settings

log = logging.getLogger("konduct.mail")
_QUEUE_KEY = "konduct_outgoing_mail"
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="konduct-mail")


def queue_mail(session: OrmSession, mail: Mail, settings: Settings) -> None:
    session.info.setdefault(_QUEUE_KEY, []).append((mail, settings))


def _send_logged(mail: Mail, settings: Settings) -> None:
    try:
        send_mail(mail, settings)
    except Exception:  # a mail failure must not surface in someone else's request
        log.exception("could not send %r to %s", mail.subject, mail.to)


@event.listens_for(OrmSession, "after_commit")
def _send_after_commit(session: OrmSession) -> None:
    for mail, settings in session.info.pop(_QUEUE_KEY, []):
        _pool.submit(_send_logged, mail, settings)


@event.listens_for(OrmSession, "after_rollback")
def _drop_after_rollback(session: OrmSession) -> None:
    # A rollback of a savepoint does not end the transaction: keep the queue then.
    if not session.in_nested_transaction():
        session.info.pop(_QUEUE_KEY, None)
