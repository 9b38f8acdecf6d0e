"""Sending mail: real SMTP when SMTP_HOST is set, else the development outbox.

``send_mail(mail)`` builds one message (plain text and HTML as multipart/alternative,
attachments beside them) and hands it to the SMTP server of the settings: STARTTLS when
SMTP_STARTTLS is true, login when SMTP_USER is set. Any failure is a :class:`MailError`
whose message says what went wrong; the caller decides whether a person sees it.

Without SMTP_HOST, outside production, each mail is written as one ``.eml`` file to the
development outbox, ``DATA_DIR / "outbox"`` (see :func:`outbox_dir`), where the
``/dev/outbox`` page shows it. ``DATA_DIR`` is looked up in :mod:`konduct.settings` at
every call, so tests point the outbox at a temporary folder with
``monkeypatch.setattr(konduct.settings, "DATA_DIR", tmp_path)``. In production without
SMTP_HOST, sending raises :class:`MailNotConfigured` (mail is never silently dropped) and
the outbox functions read nothing.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import re
import secrets
import smtplib
import socket
import ssl
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Literal

from konduct import settings as settings_module
from konduct.settings import Settings, get_settings

log = logging.getLogger(__name__)

SMTP_TIMEOUT_S = 10
OUTBOX_PAGE = "/dev/outbox"
# <UTC time to the microsecond>Z-<8 hex digits>: sorts by time, and nothing else is an id.
_STEM_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STEM_RE = re.compile(r"\A\d{8}T\d{12}Z-[0-9a-f]{8}\Z")
_LINK_RE = re.compile(r"https?://[^\s<>\"']+")


class MailError(RuntimeError):
    """A mail could not be sent; the message is readable and holds no secret."""


class MailNotConfigured(MailError):
    """Production has no SMTP_HOST: there is nowhere to send mail to."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str  # e.g. "text/calendar"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class OutboxMessage:
    id: str  # the file stem, e.g. 20260314T101500123456Z-3f9a0c1d
    to: str
    subject: str
    sent_at: datetime  # aware, UTC
    text: str
    html: str

    @property
    def links(self) -> tuple[str, ...]:
        """The http(s) links of the text part, in order, without repeats."""
        found = (link.rstrip(".,;:!?)") for link in _LINK_RE.findall(self.text))
        return tuple(dict.fromkeys(found))


def mail_mode(settings: Settings | None = None) -> Literal["smtp", "outbox"]:
    """Where ``send_mail`` delivers: the SMTP server, or the outbox (refused in production)."""
    settings = settings or get_settings()
    return "smtp" if settings.smtp_host else "outbox"


def outbox_enabled(settings: Settings | None = None) -> bool:
    """Whether the development outbox may be read: everywhere but production."""
    settings = settings or get_settings()
    return not settings.is_production


def send_mail(
    mail: Mail,
    settings: Settings | None = None,
    *,
    tls_context: ssl.SSLContext | None = None,
) -> None:
    """Deliver ``mail``; raises :class:`MailError` when it cannot.

    ``tls_context`` replaces ``ssl.create_default_context()`` for STARTTLS. Only tests
    need it, to trust the self-signed certificate of their local server.
    """
    settings = settings or get_settings()
    message = build_message(mail, settings)
    if settings.smtp_host:
        _send_smtp(message, settings, tls_context)
        log.info("Mail %r sent to %s via %s", mail.subject, mail.to, settings.smtp_host)
        return
    if settings.is_production:
        raise MailNotConfigured(
            f"Cannot send {mail.subject!r} to {mail.to}: SMTP_HOST is not set, and "
            "KONDUCT_ENV=production does not use the development outbox. Set SMTP_HOST "
            "(and SMTP_USER / SMTP_PASSWORD if the server needs a login)."
        )
    path = _write_outbox(message)
    log.info(
        "SMTP_HOST is not set: mail %r to %s kept in the dev outbox (%s, page %s)",
        mail.subject,
        mail.to,
        path,
        OUTBOX_PAGE,
    )


def build_message(mail: Mail, settings: Settings | None = None) -> EmailMessage:
    """The message as it goes out: From, To, Subject, Date, Message-ID, text + HTML."""
    settings = settings or get_settings()
    message = EmailMessage()
    try:
        message["From"] = settings.smtp_from
        message["To"] = mail.to
        message["Subject"] = mail.subject
        if mail.reply_to:
            message["Reply-To"] = mail.reply_to
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = make_msgid(domain=_sender_domain(settings.smtp_from))
    except (ValueError, TypeError, IndexError) as bad:
        # Line breaks in a header, an address that does not parse: never send those.
        raise MailError(f"Cannot build mail {mail.subject!r} to {mail.to!r}: {bad}") from bad
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return message


def _sender_domain(sender: str) -> str:
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    return domain if at and domain else "konduct.localhost"


def _send_smtp(
    message: EmailMessage, settings: Settings, tls_context: ssl.SSLContext | None
) -> None:
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    step = "connect to"
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S) as smtp:
            smtp.ehlo()
            if settings.smtp_starttls:
                step = "start TLS with"
                smtp.starttls(context=tls_context or ssl.create_default_context())
                smtp.ehlo()
            if settings.smtp_user:
                step = "log in to"
                smtp.login(settings.smtp_user, settings.smtp_password)
            step = "deliver mail through"
            smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"The mail server {server} refused the login of SMTP_USER {settings.smtp_user!r}: "
            f"{_reply(exc.smtp_code, exc.smtp_error)}"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(
            f"Could not {step} the mail server {server}: {str(exc).rstrip('.')}. "
            "Check SMTP_STARTTLS and SMTP_USER."
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(
            f"{rcpt} ({_reply(code, text)})" for rcpt, (code, text) in exc.recipients.items()
        )
        raise MailError(f"The mail server {server} refused the recipient {refused}") from exc
    except smtplib.SMTPSenderRefused as exc:
        if exc.smtp_code == 530:  # STARTTLS or a login required first
            raise MailError(
                f"The mail server {server} refused mail before STARTTLS or a login: "
                f"{_reply(exc.smtp_code, exc.smtp_error)} (check SMTP_STARTTLS, SMTP_USER "
                "and SMTP_PASSWORD)"
            ) from exc
        raise MailError(
            f"The mail server {server} refused the sender {exc.sender!r} (SMTP_FROM): "
            f"{_reply(exc.smtp_code, exc.smtp_error)}"
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            f"Could not {step} the mail server {server}: {_reply(exc.smtp_code, exc.smtp_error)}"
        ) from exc
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            f"TLS with the mail server {server} failed: its certificate is not trusted "
            f"({exc.verify_message})"
        ) from exc
    except ssl.SSLError as exc:
        raise MailError(f"TLS with the mail server {server} failed: {exc.reason or exc}") from exc
    except ConnectionRefusedError as exc:
        raise MailError(
            f"Could not connect to the mail server {server}: connection refused "
            "(check SMTP_HOST and SMTP_PORT)"
        ) from exc
    except TimeoutError as exc:
        raise MailError(
            f"Could not {step} the mail server {server}: no answer within {SMTP_TIMEOUT_S} s"
        ) from exc
    except socket.gaierror as exc:
        raise MailError(
            f"Could not find the mail server {settings.smtp_host!r} (SMTP_HOST): {exc.strerror}"
        ) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"Could not {step} the mail server {server}: {exc}") from exc


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


# --- The development outbox ------------------------------------------------------------


def outbox_dir() -> Path:
    """``DATA_DIR / "outbox"``, with DATA_DIR read from konduct.settings at each call."""
    return settings_module.DATA_DIR / "outbox"


def _write_outbox(message: EmailMessage) -> Path:
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{datetime.now(UTC).strftime(_STEM_FORMAT)}-{secrets.token_hex(4)}"
    path = folder / f"{stem}.eml"
    data = message.as_bytes(policy=email.policy.SMTP)
    # Written beside its final name, then renamed: a reader never sees half a mail.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _outbox_files() -> list[Path]:
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.glob("*.eml") if _STEM_RE.match(p.stem)),
        key=lambda p: p.stem,
        reverse=True,
    )


def outbox_messages(
    limit: int = 50, offset: int = 0, settings: Settings | None = None
) -> list[OutboxMessage]:
    """The newest outbox mails first; nothing in production."""
    if not outbox_enabled(settings):
        return []
    files = _outbox_files()[max(offset, 0) : max(offset, 0) + max(limit, 0)]
    messages = []
    for path in files:
        try:
            messages.append(_read(path))
        except FileNotFoundError:  # cleared meanwhile
            continue
    return messages


def outbox_message(message_id: str, settings: Settings | None = None) -> OutboxMessage | None:
    """One outbox mail by id; None for an unknown or malformed id, and in production."""
    if not outbox_enabled(settings) or not _STEM_RE.match(message_id or ""):
        return None
    try:
        return _read(outbox_dir() / f"{message_id}.eml")
    except FileNotFoundError:
        return None


def clear_outbox(settings: Settings | None = None) -> int:
    """Delete every outbox mail; returns how many there were (0 in production)."""
    if not outbox_enabled(settings):
        return 0
    removed = 0
    for path in _outbox_files():
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
    return removed


def _read(path: Path) -> OutboxMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    return OutboxMessage(
        id=path.stem,
        to=str(message.get("To", "")),
        subject=str(message.get("Subject", "")),
        sent_at=datetime.strptime(path.stem.split("-")[0], _STEM_FORMAT).replace(tzinfo=UTC),
        text=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None else "",
    )
