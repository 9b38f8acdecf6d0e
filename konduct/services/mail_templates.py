"""Every mail Konduct sends: one function per mail, each returning a :class:`Mail`.

All mails share one look (:func:`_layout` for HTML, :func:`_text_layout` for plain text):
the "Konduct" word mark, a title, short copy, one indigo button with the raw link below it,
and a footer line saying why the person gets the mail. The HTML uses tables and inline
CSS only (mail clients drop ``<style>`` and flexbox) and loads no remote image. Every
value a person typed (a name, a device, a place) is HTML-escaped; links must be absolute
http(s) URLs, anything else raises ``ValueError``.
"""

from __future__ import annotations

from html import escape

from konduct.services.mail import Attachment, Mail
from konduct.settings import Settings, get_settings

# The app route where someone asks for a password reset link.
FORGOT_PASSWORD_PATH = "/forgot-password"

PRIMARY = "#4f46e5"  # indigo
SECONDARY = "#7c3aed"  # violet
ACCENT = "#f97316"  # orange
ACCENT_SOFT = "#fff7ed"
TEXT = "#1f2937"
MUTED = "#6b7280"
PAGE = "#f4f4f7"
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Helvetica, Arial, sans-serif"
)

SECURITY_FOOTER = "You get this mail because it concerns the security of your Konduct account."


# --- The mails -------------------------------------------------------------------------


def verification_mail(to: str, full_name: str, link: str) -> Mail:
    title = "Confirm your email address"
    intro = (
        "Thanks for signing up for Konduct. Confirm that this address is yours and your "
        "account is ready to use."
    )
    return branded_mail(
        to,
        subject="Confirm your email for Konduct",
        title=title,
        full_name=full_name,
        paragraphs=[intro],
        button=("Confirm my email", link),
        footer=(
            "You get this mail because someone signed up for Konduct with this address. "
            "If that wasn't you, you can ignore it."
        ),
    )


def email_change_mail(to: str, full_name: str, link: str) -> Mail:
    return branded_mail(
        to,
        subject="Confirm your new email address",
        title="Confirm your new email address",
        full_name=full_name,
        paragraphs=[
            "You asked to use this address for your Konduct account. Confirm it and we will "
            "send everything here from now on."
        ],
        button=("Use this address", link),
        after=["Until you confirm, your account keeps its current address."],
        footer=(
            "You get this mail because someone asked to move a Konduct account to this "
            "address. If that wasn't you, ignore it: nothing changes."
        ),
    )


def password_reset_mail(to: str, full_name: str, link: str, expires_minutes: int) -> Mail:
    minutes = _minutes(expires_minutes)
    return branded_mail(
        to,
        subject="Reset your Konduct password",
        title="Reset your password",
        full_name=full_name,
        paragraphs=["Someone asked to reset the password of your Konduct account."],
        button=("Choose a new password", link),
        after=[
            f"The link expires in {minutes}.",
            "Didn't ask for this? Ignore this mail: your password stays as it is.",
        ],
        footer=(
            "You get this mail because a password reset was requested for this address on Konduct."
        ),
    )


def account_exists_mail(to: str, full_name: str, sign_in_link: str, reset_link: str) -> Mail:
    """Someone signed up with an address that already has an account."""
    return branded_mail(
        to,
        subject="You already have a Konduct account",
        title="You already have an account",
        full_name=full_name,
        paragraphs=[
            "Someone just tried to create a Konduct account with this address. "
            "It already has one, so nothing was changed."
        ],
        button=("Sign in", sign_in_link),
        after=[
            f"Forgot your password? Choose a new one here: {reset_link}",
            "Didn't try to sign up? Ignore this mail: your account is unchanged.",
        ],
        footer=SECURITY_FOOTER,
    )


def password_changed_mail(
    to: str, full_name: str, ip: str, *, settings: Settings | None = None
) -> Mail:
    return branded_mail(
        to,
        subject="Your Konduct password was changed",
        title="Your password was changed",
        full_name=full_name,
        paragraphs=["The password of your Konduct account was just changed."],
        facts=[("IP address", ip or "unknown")],
        alert="Wasn't you? Reset your password now to lock the other person out.",
        button=("Reset my password", _forgot_password_link(settings)),
        after=["If you changed it yourself, there is nothing else to do."],
        footer=SECURITY_FOOTER,
    )


def mfa_changed_mail(
    to: str, full_name: str, turned_on: bool, ip: str, *, settings: Settings | None = None
) -> Mail:
    state = "on" if turned_on else "off"
    return branded_mail(
        to,
        subject=f"Two-factor sign-in turned {state} on your Konduct account",
        title=f"Two-factor sign-in is {state}",
        full_name=full_name,
        paragraphs=[f"Two-factor sign-in was just turned {state} on your Konduct account."],
        facts=[("IP address", ip or "unknown")],
        alert="Wasn't you? Reset your password now and check your sessions in Security.",
        button=("Reset my password", _forgot_password_link(settings)),
        footer=SECURITY_FOOTER,
    )


def lockout_mail(
    to: str, full_name: str, ip: str, minutes: int, *, settings: Settings | None = None
) -> Mail:
    wait = _minutes(minutes)
    return branded_mail(
        to,
        subject="Sign-in to Konduct paused after failed attempts",
        title="We paused sign-in to your account",
        full_name=full_name,
        paragraphs=[
            "There were too many failed sign-in attempts on your Konduct account, so we "
            f"paused sign-in for {wait}."
        ],
        facts=[("Last attempt from", ip or "unknown IP address")],
        alert=(
            f"Was it you? Wait {wait} and try again, or reset your password if you forgot "
            "it. Wasn't you? Reset your password now: someone may be guessing it."
        ),
        button=("Reset my password", _forgot_password_link(settings)),
        footer=SECURITY_FOOTER,
    )


def new_device_mail(
    to: str,
    full_name: str,
    device: str,
    ip: str,
    location: str,
    when: str,
    *,
    settings: Settings | None = None,
) -> Mail:
    return branded_mail(
        to,
        subject="New sign-in to your Konduct account",
        title="New sign-in to your account",
        full_name=full_name,
        paragraphs=["Your Konduct account was just signed in to from a device we don't know."],
        facts=[
            ("When", when or "just now"),
            ("Device", device or "unknown device"),
            ("Location", location or "unknown location"),
            ("IP address", ip or "unknown"),
        ],
        alert="Not you? Reset your password now to keep your account safe.",
        button=("Reset my password", _forgot_password_link(settings)),
        after=["If it was you, you can ignore this mail."],
        footer=SECURITY_FOOTER,
    )


def welcome_mail(to: str, full_name: str, dashboard_link: str) -> Mail:
    return branded_mail(
        to,
        subject="Welcome to Konduct",
        title="Welcome to Konduct",
        full_name=full_name,
        paragraphs=[
            "Your account is ready. Generate your first campaign ID, build tracking links "
            "for it, and invite your team when you're ready."
        ],
        button=("Open my dashboard", dashboard_link),
        footer="You get this mail because you created a Konduct account with this address.",
    )


def campaign_details_mail(
    to: str,
    *,
    sender: str,
    campaign_name: str,
    campaign_id: str,
    facts: list[tuple[str, str]],
    links: list[tuple[str, str]],
    note: str,
    page_link: str,
) -> Mail:
    """A campaign's summary and tracking links, sent by a team member to an address."""
    who = " ".join(sender.split()) or "A Konduct user"
    paragraphs = [f"{who} sent you the details of the campaign {campaign_name} ({campaign_id})."]
    if note.strip():
        paragraphs.append(f"{who} wrote: {note.strip()}")
    return branded_mail(
        to,
        subject=f"Campaign details: {' '.join(campaign_name.split())[:120]}",
        title=campaign_name,
        full_name="",
        paragraphs=paragraphs,
        facts=facts,
        links=links,
        button=("Open the campaign in Konduct", page_link),
        after=[] if links else ["This campaign has no tracking links yet."],
        footer=(
            f"You get this mail because {who} entered this address in Konduct. "
            "The button works for members of their team."
        ),
    )


# --- Shared pieces ---------------------------------------------------------------------


def _minutes(count: int) -> str:
    if count % 60 == 0 and count >= 60:
        hours = count // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{count} minute" if count == 1 else f"{count} minutes"


def _forgot_password_link(settings: Settings | None) -> str:
    return (settings or get_settings()).app_url + FORGOT_PASSWORD_PATH


def _absolute(link: str) -> str:
    if not link.startswith(("https://", "http://")) or any(c.isspace() for c in link):
        raise ValueError(f"mail links must be absolute http(s) URLs, got {link!r}")
    return link


def _greeting(full_name: str) -> str:
    name = " ".join(full_name.split())
    return f"Hi {name}," if name else "Hi there,"


def branded_mail(
    to: str,
    *,
    subject: str,
    title: str,
    full_name: str,
    paragraphs: list[str],
    button: tuple[str, str],
    footer: str,
    facts: list[tuple[str, str]] | None = None,
    alert: str = "",
    after: list[str] | None = None,
    links: list[tuple[str, str]] | None = None,
    reply_to: str | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> Mail:
    """One mail from its parts; text given here is plain and escaped for the HTML part."""
    label, link = button[0], _absolute(button[1])
    facts = facts or []
    after = after or []

    html_body = [_p(_greeting(full_name))]
    html_body += [_p(text) for text in paragraphs]
    if facts:
        html_body.append(_facts_html(facts))
    if alert:
        html_body.append(_alert_html(alert))
    if links:
        html_body.append(_links_html(links))
    html_body.append(_button(label, link))
    html_body.append(
        _p(
            "Button not working? Paste this link into your browser:<br>"
            f'<a href="{escape(link)}" style="color:{PRIMARY};word-break:break-all;">'
            f"{escape(link)}</a>",
            escaped=True,
            small=True,
        )
    )
    html_body += [_p(text) for text in after]

    text_body = [_greeting(full_name), *paragraphs]
    if facts:
        text_body.append("\n".join(f"{name}: {value}" for name, value in facts))
    if alert:
        text_body.append(alert)
    if links:
        text_body.append("\n".join(f"{name}:\n{_absolute(url)}" for name, url in links))
    text_body.append(f"{label}:\n{link}")
    text_body += after

    return Mail(
        to=to,
        subject=subject,
        text=_text_layout(title, "\n\n".join(text_body), footer),
        html=_layout(title, "\n".join(html_body), footer),
        reply_to=reply_to,
        attachments=attachments,
    )


def _p(text: str, *, escaped: bool = False, small: bool = False) -> str:
    size = "14px" if small else "16px"
    color = MUTED if small else TEXT
    content = text if escaped else escape(text)
    return (
        f'<p style="margin:0 0 16px;font-family:{FONT};font-size:{size};line-height:1.55;'
        f'color:{color};">{content}</p>'
    )


def _facts_html(facts: list[tuple[str, str]]) -> str:
    rows = "".join(
        "<tr>"
        f'<td style="padding:6px 12px 6px 0;font-family:{FONT};font-size:14px;color:{MUTED};'
        f'white-space:nowrap;vertical-align:top;">{escape(name)}</td>'
        f'<td style="padding:6px 0;font-family:{FONT};font-size:14px;color:{TEXT};'
        f'font-weight:600;word-break:break-word;">{escape(value)}</td>'
        "</tr>"
        for name, value in facts
    )
    return (
        '<table role="presentation" cellspacing="0" cellpadding="0" border="0" '
        'style="margin:0 0 16px;border-collapse:collapse;">'
        f"{rows}</table>"
    )


def _links_html(links: list[tuple[str, str]]) -> str:
    """Labelled links, one a line; each must be an absolute http(s) URL."""
    items = "".join(
        f'<p style="margin:0 0 12px;font-family:{FONT};font-size:14px;line-height:1.5;'
        f'color:{TEXT};"><strong>{escape(name)}</strong><br>'
        f'<a href="{escape(_absolute(url))}" style="color:{PRIMARY};word-break:break-all;">'
        f"{escape(url)}</a></p>"
        for name, url in links
    )
    return f'<div style="margin:0 0 16px;">{items}</div>'


def _alert_html(text: str) -> str:
    return (
        '<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" '
        'style="margin:0 0 16px;border-collapse:collapse;">'
        f'<tr><td style="padding:12px 16px;background-color:{ACCENT_SOFT};'
        f"border-left:4px solid {ACCENT};border-radius:6px;font-family:{FONT};"
        f'font-size:15px;line-height:1.5;color:{TEXT};">{escape(text)}</td></tr></table>'
    )


def _button(label: str, link: str) -> str:
    """A button that survives Outlook: a coloured table cell around a padded link."""
    return (
        '<table role="presentation" cellspacing="0" cellpadding="0" border="0" '
        'style="margin:8px 0 24px;">'
        f'<tr><td align="center" bgcolor="{PRIMARY}" '
        f'style="border-radius:8px;background-color:{PRIMARY};">'
        f'<a href="{escape(link)}" target="_blank" rel="noopener" '
        f'style="display:inline-block;padding:12px 24px;font-family:{FONT};font-size:16px;'
        f'font-weight:600;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:8px;">'
        f"{escape(label)}</a></td></tr></table>"
    )


def _layout(title: str, body_html: str, footer: str) -> str:
    """The HTML document every mail shares; ``body_html`` is already escaped markup."""
    footer_html = (
        f'<p style="margin:0 0 8px;font-family:{FONT};font-size:13px;line-height:1.5;'
        f'color:{MUTED};">{escape(footer)}</p>'
        if footer
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{escape(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:{PAGE};">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" \
style="background-color:{PAGE};">
<tr><td align="center" style="padding:32px 16px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" \
style="max-width:560px;">
<tr><td style="padding:0 4px 16px;font-family:{FONT};font-size:22px;font-weight:800;\
letter-spacing:-0.02em;color:{PRIMARY};">Konduct<span style="color:{ACCENT};">.</span></td></tr>
<tr><td style="background-color:#ffffff;border-radius:12px;border-top:4px solid {SECONDARY};\
padding:32px 28px 16px;">
<h1 style="margin:0 0 20px;font-family:{FONT};font-size:22px;line-height:1.3;font-weight:700;\
color:{TEXT};">{escape(title)}</h1>
{body_html}
</td></tr>
<tr><td style="padding:20px 4px 0;">
{footer_html}<p style="margin:0;font-family:{FONT};font-size:13px;line-height:1.5;\
color:{MUTED};">Konduct &middot; campaign IDs and tracking links your whole team can trust</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""


def _text_layout(title: str, body_text: str, footer: str) -> str:
    """The plain-text twin of :func:`_layout`."""
    parts = ["Konduct", title, body_text]
    if footer:
        parts.append(f"--\n{footer}")
    return "\n\n".join(parts) + "\n"
