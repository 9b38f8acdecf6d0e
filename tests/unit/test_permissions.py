"""The permission table, spelled out: every role against every action."""

import pytest

from konduct.domain.enums import TeamRole, UserRole
from konduct.domain.permissions import (
    SIGN_UP_ROLE_TO_TEAM_ROLE,
    Action,
    PermissionDenied,
    can,
    require,
)

A = Action
# One row per action: (MEMBER, MANAGER, ADMIN). Changing a rule means changing this table.
EXPECTED = {
    A.CAMPAIGN_READ: (True, True, True),
    A.CAMPAIGN_CREATE: (True, True, True),
    A.CAMPAIGN_UPDATE: (True, True, True),
    A.CAMPAIGN_LIFECYCLE: (True, True, True),
    A.CAMPAIGN_DELETE: (False, True, True),
    A.CAMPAIGN_EXPORT: (True, True, True),
    A.REPORTS_VIEW: (True, True, True),
    A.TEAM_VIEW: (True, True, True),
    A.TEAM_INVITE: (False, False, True),
    A.TEAM_MANAGE: (False, False, True),
    A.TEAM_SETTINGS: (False, False, True),
    A.BILLING_VIEW: (False, True, True),
    A.BILLING_MANAGE: (False, False, True),
    A.AUDIT_READ: (False, False, True),
    A.API_KEYS_MANAGE: (True, True, True),
}
ROLES = (TeamRole.MEMBER, TeamRole.MANAGER, TeamRole.ADMIN)


def test_every_action_is_in_the_table() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role_index", range(3))
def test_matrix(action: Action, role_index: int) -> None:
    role = ROLES[role_index]
    allowed = EXPECTED[action][role_index]
    assert can(role, action) is allowed
    if allowed:
        require(role, action)
    else:
        with pytest.raises(PermissionDenied) as refused:
            require(role, action)
        assert refused.value.action is action


@pytest.mark.parametrize("action", list(Action))
def test_outside_a_team_nothing_is_allowed(action: Action) -> None:
    assert can(None, action) is False
    with pytest.raises(PermissionDenied, match="outside a team"):
        require(None, action)


def test_sign_up_roles_map_to_team_roles() -> None:
    assert SIGN_UP_ROLE_TO_TEAM_ROLE == {
        UserRole.ADMIN: TeamRole.ADMIN,
        UserRole.MANAGER: TeamRole.MANAGER,
        UserRole.USER: TeamRole.MEMBER,
    }
