"""The mails of team management: an invitation, and the monthly usage report.

Built from the shared look of ``mail_templates`` (one layout, escaped values,
absolute links only).
"""

from __future__ import annotations

from konduct.services.mail import Mail
from konduct.services.mail_templates import branded_mail

ROLE_NAMES = {"ADMIN": "an admin", "MANAGER": "a manager", "MEMBER": "a member"}


def invitation_mail(
    to: str, *, team_name: str, inviter: str, role: str, link: str, expires_days: int
) -> Mail:
    return branded_mail(
        to,
        subject=f"{inviter} invited you to {team_name} on Konduct",
        title=f"Join {team_name} on Konduct",
        full_name="",
        paragraphs=[
            f"{inviter} invited you to join the team {team_name} on Konduct as "
            f"{ROLE_NAMES.get(role, 'a member')}. You will see and work on the team's "
            "campaigns and tracking links.",
            "Open the link, then sign in with this address, or create an account with it.",
        ],
        facts=[("Team", team_name), ("Role", role.title()), ("Link valid", f"{expires_days} days")],
        button=("Join the team", link),
        footer="You get this mail because someone invited this address to a Konduct team. "
        "If you do not know them, ignore it: nothing happens unless you open the link.",
    )


def usage_report_mail(
    to: str,
    full_name: str,
    *,
    team_name: str,
    month_label: str,
    totals: list[tuple[str, str]],
    per_member: list[str],
    link: str,
) -> Mail:
    return branded_mail(
        to,
        subject=f"{team_name}: your Konduct usage in {month_label}",
        title=f"Usage in {month_label}",
        full_name=full_name,
        paragraphs=[f"Here is what {team_name} did with Konduct in {month_label}."],
        facts=totals,
        after=["By member:", *per_member] if per_member else [],
        button=("See the charts", link),
        footer="You get this mail as an admin of the team: it is part of the monthly usage "
        "reports of your plan.",
    )
