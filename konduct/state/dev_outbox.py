"""The development outbox page: the mail service's outbox -> a list and one open mail.

Everything comes from :mod:`konduct.services.mail`; the service itself reads nothing in
production, and this state does not even ask there.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from konduct.services import mail

LIST_LIMIT = 50
TIME_FORMAT = "%d %b %Y, %H:%M:%S UTC"


@dataclass
class OutboxRow:
    id: str
    sent_at: str
    recipient: str
    subject: str


class DevOutboxState(rx.State):
    # "" until loaded; "disabled" in production; else "outbox" or "smtp" (mail_mode).
    status: str = ""
    rows: list[OutboxRow] = []
    selected_id: str = ""
    subject: str = ""
    recipient: str = ""
    sent_at: str = ""
    text: str = ""
    html: str = ""
    links: list[str] = []

    @rx.event
    def load(self):
        if not mail.outbox_enabled():
            self.status = "disabled"
            self.rows = []
            self._close()
            return
        self.status = mail.mail_mode()
        self.rows = [
            OutboxRow(
                id=message.id,
                sent_at=message.sent_at.strftime(TIME_FORMAT),
                recipient=message.to,
                subject=message.subject,
            )
            for message in mail.outbox_messages(limit=LIST_LIMIT)
        ]
        if self.selected_id and not any(row.id == self.selected_id for row in self.rows):
            self._close()

    @rx.event
    def open_message(self, message_id: str):
        message = mail.outbox_message(message_id)
        if message is None:
            self._close()
            return rx.toast.warning("That mail is no longer in the outbox.")
        self.selected_id = message.id
        self.subject = message.subject
        self.recipient = message.to
        self.sent_at = message.sent_at.strftime(TIME_FORMAT)
        self.text = message.text
        self.html = message.html
        self.links = list(message.links)

    @rx.event
    def close_message(self):
        self._close()

    @rx.event
    def clear(self):
        removed = mail.clear_outbox()
        self.rows = []
        self._close()
        return rx.toast.success(f"Removed {removed} mail{'' if removed == 1 else 's'}.")

    def _close(self) -> None:
        self.selected_id = ""
        self.subject = self.recipient = self.sent_at = self.text = self.html = ""
        self.links = []
