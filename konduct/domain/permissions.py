"""Who may do what in a team: one table, checked by the services.

Every door (pages, REST, jobs) calls a service, and every service asks
``require(role, action)`` before it acts, so a rule cannot be forgotten in one
door. The sign-up role (ADMIN, MANAGER, USER) becomes the team role (ADMIN,
MANAGER, MEMBER) in the person's own team.
"""

from __future__ import annotations

from enum import StrEnum

from konduct.domain.enums import TeamRole, UserRole
from konduct.domain.errors import DomainError


class Action(StrEnum):
    CAMPAIGN_READ = "campaign.read"
    CAMPAIGN_CREATE = "campaign.create"
    CAMPAIGN_UPDATE = "campaign.update"
    CAMPAIGN_LIFECYCLE = "campaign.lifecycle"  # pause, resume, complete, archive
    CAMPAIGN_DELETE = "campaign.delete"
    CAMPAIGN_EXPORT = "campaign.export"
    REPORTS_VIEW = "reports.view"
    TEAM_VIEW = "team.view"
    TEAM_INVITE = "team.invite"
    TEAM_MANAGE = "team.manage"  # roles, deactivate, remove
    TEAM_SETTINGS = "team.settings"  # naming rules, password policy, branding
    BILLING_VIEW = "billing.view"
    BILLING_MANAGE = "billing.manage"
    AUDIT_READ = "audit.read"
    API_KEYS_MANAGE = "api_keys.manage"  # one's own keys


_EVERYONE = {
    Action.CAMPAIGN_READ,
    Action.CAMPAIGN_CREATE,
    Action.CAMPAIGN_UPDATE,
    Action.CAMPAIGN_LIFECYCLE,
    Action.CAMPAIGN_EXPORT,
    Action.REPORTS_VIEW,
    Action.TEAM_VIEW,
    Action.API_KEYS_MANAGE,
}

PERMISSIONS: dict[TeamRole, frozenset[Action]] = {
    TeamRole.MEMBER: frozenset(_EVERYONE),
    TeamRole.MANAGER: frozenset(_EVERYONE | {Action.CAMPAIGN_DELETE, Action.BILLING_VIEW}),
    TeamRole.ADMIN: frozenset(Action),
}

SIGN_UP_ROLE_TO_TEAM_ROLE = {
    UserRole.ADMIN: TeamRole.ADMIN,
    UserRole.MANAGER: TeamRole.MANAGER,
    UserRole.USER: TeamRole.MEMBER,
}


class PermissionDenied(DomainError):
    def __init__(self, role: TeamRole | None, action: Action):
        self.role, self.action = role, action
        who = f"a team {role.value.lower()}" if role else "someone outside a team"
        super().__init__(f"{who} may not {action.value.replace('.', ' ').replace('_', ' ')}")


def can(role: TeamRole | None, action: Action) -> bool:
    """``None``: not an active member of any team, so nothing team-wide is allowed."""
    return role is not None and action in PERMISSIONS[role]


def require(role: TeamRole | None, action: Action) -> None:
    if not can(role, action):
        raise PermissionDenied(role, action)
