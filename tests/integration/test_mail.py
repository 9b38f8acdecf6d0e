"""Mail over real SMTP (aiosmtpd on localhost, with STARTTLS and login), the dev outbox,
and every template."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from konduct import settings as settings_module
from konduct.services import mail as mail_service
from konduct.services import mail_templates
from konduct.services.mail import (
    Attachment,
    Mail,
    MailError,
    MailNotConfigured,
    clear_outbox,
    mail_mode,
    outbox_dir,
    outbox_enabled,
    outbox_message,
    outbox_messages,
    send_mail,
)
from konduct.settings import Settings
from tests.conftest import SmtpSink, _SinkHandler, free_port

APP_URL = "https://app.konduct.test"
SECRETS = {"jwt_secret": "j" * 48, "jwt_refresh_secret": "r" * 48, "session_secret": "s" * 48}
EVIL_NAME = '<script>alert("hi")</script> Ada & Co'


def local_settings(**overrides) -> Settings:
    values = {"konduct_env": "test", "smtp_host": "", "app_url": APP_URL, **SECRETS, **overrides}
    return Settings(_env_file=None, **values)


def production_settings(**overrides) -> Settings:
    values = {
        "konduct_env": "production",
        "database_url": "postgresql://konduct@db.example/konduct",
        "smtp_host": "",
        "app_url": APP_URL,
        **SECRETS,
        **overrides,
    }
    return Settings(_env_file=None, **values)


def sample_mail(to: str = "ada@example.com") -> Mail:
    return mail_templates.verification_mail(to, EVIL_NAME, f"{APP_URL}/verify?token=abc123")


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


# --- SMTP ----------------------------------------------------------------------------------


def test_sends_text_and_html_over_smtp(smtp_sink: SmtpSink) -> None:
    settings = smtp_sink.settings(app_url=APP_URL, smtp_from="Konduct <mail@konduct.test>")
    assert mail_mode(settings) == "smtp"

    send_mail(sample_mail(), settings)

    message = smtp_sink.wait_for("ada@example.com", "Confirm your email")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["From"] == "Konduct <mail@konduct.test>"
    assert message["To"] == "ada@example.com"
    assert message["Message-ID"].endswith("@konduct.test>")
    assert message["Date"].datetime.tzinfo is not None
    assert smtp_sink.received[0].rcpt_tos == ("ada@example.com",)

    text, html = parts(message)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; Ada &amp; Co" in html
    assert EVIL_NAME in text  # plain text shows what the person typed
    assert smtp_sink.links(message) == [f"{APP_URL}/verify?token=abc123"]
    assert f'href="{APP_URL}/verify?token=abc123"' in html


def test_reply_to_and_attachments(smtp_sink: SmtpSink) -> None:
    invite = Attachment("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    base = sample_mail("bob@example.com")
    mail = Mail(
        to=base.to,
        subject="Team call",
        text=base.text,
        html=base.html,
        reply_to="owner@example.com",
        attachments=(invite,),
    )

    send_mail(mail, smtp_sink.settings())

    message = smtp_sink.wait_for("bob@example.com", "team call")
    assert message.get_content_type() == "multipart/mixed"
    assert message["Reply-To"] == "owner@example.com"
    body, attached = list(message.iter_parts())
    assert body.get_content_type() == "multipart/alternative"
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_filename() == "invite.ics"
    assert "BEGIN:VCALENDAR" in attached.get_content()


def test_header_injection_is_refused(smtp_sink: SmtpSink) -> None:
    base = sample_mail()
    mail = Mail(to=base.to, subject="Hi\r\nBcc: eve@example.com", text="x", html="<p>x</p>")
    with pytest.raises(MailError, match="Cannot build mail"):
        send_mail(mail, smtp_sink.settings())
    assert smtp_sink.messages == []


def test_nothing_listening_is_a_readable_mail_error() -> None:
    port = free_port()
    settings = local_settings(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False)
    with pytest.raises(MailError, match=f"127.0.0.1:{port}: connection refused") as failure:
        send_mail(sample_mail(), settings)
    assert "SMTP_HOST" in str(failure.value)


# --- STARTTLS and login --------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert.pem, key.pem)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Konduct test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture(scope="module")
def tls_sink(certificate) -> Iterator[SmtpSink]:
    """An SMTP server that requires STARTTLS, and a login (konduct / s3cret) after it."""
    cert_path, key_path = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_path, key_path)

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login == b"konduct" and auth_data.password == b"s3cret"
        )
        return AuthResult(success=ok, handled=False)

    handler = _SinkHandler()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=server_context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield SmtpSink(handler, "127.0.0.1", controller.port)
    finally:
        controller.stop()


@pytest.fixture
def trusting_context(certificate) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


def tls_settings(sink: SmtpSink, **overrides) -> Settings:
    values = {"smtp_starttls": True, "smtp_user": "konduct", "smtp_password": "s3cret"}
    return sink.settings(**{**values, **overrides})


def test_starttls_and_login(tls_sink: SmtpSink, trusting_context: ssl.SSLContext) -> None:
    tls_sink.clear()
    send_mail(sample_mail("tls@example.com"), tls_settings(tls_sink), tls_context=trusting_context)
    message = tls_sink.wait_for("tls@example.com", "Confirm your email")
    assert message.get_content_type() == "multipart/alternative"


def test_wrong_password_is_a_mail_error(
    tls_sink: SmtpSink, trusting_context: ssl.SSLContext
) -> None:
    settings = tls_settings(tls_sink, smtp_password="wrong-password")
    with pytest.raises(MailError, match="refused the login of SMTP_USER 'konduct'") as failure:
        send_mail(sample_mail(), settings, tls_context=trusting_context)
    assert "wrong-password" not in str(failure.value)


def test_default_tls_context_verifies_the_certificate(tls_sink: SmtpSink) -> None:
    with pytest.raises(MailError, match="certificate is not trusted"):
        send_mail(sample_mail(), tls_settings(tls_sink))


def test_server_that_requires_starttls_without_it(tls_sink: SmtpSink) -> None:
    settings = tls_settings(tls_sink, smtp_starttls=False, smtp_user="")
    with pytest.raises(MailError, match="refused mail before STARTTLS"):
        send_mail(sample_mail(), settings)


# --- The development outbox ----------------------------------------------------------------


@pytest.fixture
def outbox(monkeypatch, tmp_path) -> Path:
    """The outbox in a temporary DATA_DIR (konduct.settings.DATA_DIR is read at each call)."""
    monkeypatch.setattr(settings_module, "DATA_DIR", tmp_path)
    monkeypatch.setattr(mail_service, "get_settings", lambda: local_settings())
    return tmp_path / "outbox"


def test_outbox_keeps_mail_when_no_smtp_host(outbox: Path) -> None:
    settings = local_settings()
    assert mail_mode(settings) == "outbox"
    assert outbox_dir() == outbox
    assert not outbox.exists()  # created on demand

    send_mail(sample_mail("first@example.com"), settings)
    send_mail(
        mail_templates.welcome_mail("second@example.com", "Bo", f"{APP_URL}/dashboard"),
        settings,
    )

    files = sorted(outbox.iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]  # no temporary file left behind
    listed = outbox_messages(settings=settings)
    assert [m.to for m in listed] == ["second@example.com", "first@example.com"]
    newest = listed[0]
    assert newest.subject == "Welcome to Konduct"
    assert newest.sent_at.tzinfo is not None
    assert abs(dt.datetime.now(dt.UTC) - newest.sent_at) < dt.timedelta(minutes=1)
    assert newest.links == (f"{APP_URL}/dashboard",)
    assert outbox_messages(limit=1, offset=1, settings=settings) == [listed[1]]

    read = outbox_message(listed[1].id, settings)
    assert read == listed[1]
    assert "&lt;script&gt;" in read.html and EVIL_NAME in read.text
    assert read.links == (f"{APP_URL}/verify?token=abc123",)


def test_outbox_defaults_to_the_process_settings(outbox: Path) -> None:
    send_mail(sample_mail())  # settings from (patched) get_settings()
    assert outbox_enabled()
    assert [m.to for m in outbox_messages()] == ["ada@example.com"]


@pytest.mark.parametrize(
    "bad_id",
    [
        "",
        "../secrets",
        "..",
        "/etc/passwd",
        "20260101T000000000000Z-abcdef12/../../secrets",
        "20260101T000000000000Z-abcdef12.eml",
        "20260101T000000000000Z-ABCDEF12",
        " 20260101T000000000000Z-abcdef12",
        "20260101T000000000000Z-abcdef12\n",
        "notes",
    ],
)
def test_outbox_refuses_ids_that_are_not_its_own(outbox: Path, bad_id: str) -> None:
    settings = local_settings()
    send_mail(sample_mail(), settings)
    (outbox.parent / "secrets.eml").write_text("To: x\n\nsecret")
    (outbox / "notes.eml").write_text("To: x\n\nnot from the outbox")
    assert outbox_message(bad_id, settings) is None
    assert len(outbox_messages(settings=settings)) == 1  # notes.eml is not listed


def test_unknown_id_is_none(outbox: Path) -> None:
    assert outbox_message("20260101T000000000000Z-abcdef12", local_settings()) is None


def test_clear_outbox(outbox: Path) -> None:
    settings = local_settings()
    assert clear_outbox(settings) == 0
    for _ in range(3):
        send_mail(sample_mail(), settings)
    assert clear_outbox(settings) == 3
    assert outbox_messages(settings=settings) == []


def test_production_without_smtp_refuses_to_send(outbox: Path) -> None:
    settings = production_settings()
    with pytest.raises(MailNotConfigured, match="SMTP_HOST is not set") as failure:
        send_mail(sample_mail(), settings)
    assert isinstance(failure.value, MailError)
    assert not outbox.exists()


def test_production_never_reads_the_outbox(outbox: Path) -> None:
    send_mail(sample_mail(), local_settings())
    [kept] = outbox_messages(settings=local_settings())
    settings = production_settings()
    assert not outbox_enabled(settings)
    assert outbox_messages(settings=settings) == []
    assert outbox_message(kept.id, settings) is None
    assert clear_outbox(settings) == 0
    assert outbox_messages(settings=local_settings()) == [kept]


def test_production_with_smtp_sends(smtp_sink: SmtpSink) -> None:
    settings = production_settings(
        smtp_host=smtp_sink.host, smtp_port=smtp_sink.port, smtp_starttls=False
    )
    send_mail(sample_mail("prod@example.com"), settings)
    smtp_sink.wait_for("prod@example.com")


# --- Templates -----------------------------------------------------------------------------

LINK = f"{APP_URL}/action?token=t0k3n"
RESET_LINK = f"{APP_URL}{mail_templates.FORGOT_PASSWORD_PATH}"
SETTINGS = local_settings()

TEMPLATES: dict[str, tuple[Callable[[], Mail], str]] = {
    "verification": (lambda: mail_templates.verification_mail("a@x.io", EVIL_NAME, LINK), LINK),
    "email_change": (lambda: mail_templates.email_change_mail("a@x.io", EVIL_NAME, LINK), LINK),
    "password_reset": (
        lambda: mail_templates.password_reset_mail("a@x.io", EVIL_NAME, LINK, 30),
        LINK,
    ),
    "password_changed": (
        lambda: mail_templates.password_changed_mail(
            "a@x.io", EVIL_NAME, "203.0.113.9", settings=SETTINGS
        ),
        RESET_LINK,
    ),
    "lockout": (
        lambda: mail_templates.lockout_mail(
            "a@x.io", EVIL_NAME, "203.0.113.9", 15, settings=SETTINGS
        ),
        RESET_LINK,
    ),
    "new_device": (
        lambda: mail_templates.new_device_mail(
            "a@x.io",
            EVIL_NAME,
            "Firefox <b>on</b> Linux",
            "203.0.113.9",
            "Lyon, France",
            "14 Mar 2026, 10:15 UTC",
            settings=SETTINGS,
        ),
        RESET_LINK,
    ),
    "welcome": (lambda: mail_templates.welcome_mail("a@x.io", EVIL_NAME, LINK), LINK),
}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_has_both_parts_and_its_link(smtp_sink: SmtpSink, name: str) -> None:
    build, link = TEMPLATES[name]
    mail = build()
    send_mail(mail, smtp_sink.settings())
    message = smtp_sink.wait_for("a@x.io")
    text, html = parts(message)

    assert message["Subject"] == mail.subject
    assert link in smtp_sink.links(message)
    assert f'href="{link}"' in html
    # One look: the word mark, the primary colour, a footer saying why, inline CSS only.
    assert "Konduct" in text and ">Konduct<" in html
    assert "#4f46e5" in html and "system-ui" in html
    assert "You get this mail because" in text and "You get this mail because" in html
    assert "<style" not in html and "<img" not in html and "<script" not in html
    assert "&lt;script&gt;" in html
    assert EVIL_NAME in text


def test_template_values_are_escaped_and_specific() -> None:
    mail = TEMPLATES["new_device"][0]()
    assert "Firefox &lt;b&gt;on&lt;/b&gt; Linux" in mail.html
    assert "Firefox <b>on</b> Linux" in mail.text
    for fact in ("203.0.113.9", "Lyon, France", "14 Mar 2026, 10:15 UTC"):
        assert fact in mail.text and fact in mail.html
    assert "30 minutes" in TEMPLATES["password_reset"][0]().text
    assert "15 minutes" in TEMPLATES["lockout"][0]().text
    assert "60 minutes" not in mail_templates.password_reset_mail("a@x.io", "", LINK, 60).text
    assert "Hi there," in mail_templates.welcome_mail("a@x.io", "  ", LINK).text


@pytest.mark.parametrize("link", ["javascript:alert(1)", "/relative/path", "https://x.io/a b"])
def test_templates_refuse_links_that_are_not_absolute_http(link: str) -> None:
    with pytest.raises(ValueError, match="absolute http"):
        mail_templates.verification_mail("a@x.io", "Ada", link)
