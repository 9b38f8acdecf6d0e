import pytest

from konduct.domain.campaigns import MOVES, changes, next_status
from konduct.domain.enums import CampaignStatus as S
from konduct.domain.errors import Conflict

ALLOWED = {
    ("publish", S.DRAFT): S.ACTIVE,
    ("pause", S.ACTIVE): S.PAUSED,
    ("resume", S.PAUSED): S.ACTIVE,
    ("complete", S.ACTIVE): S.COMPLETED,
    ("complete", S.PAUSED): S.COMPLETED,
}


@pytest.mark.parametrize("verb", list(MOVES))
@pytest.mark.parametrize("status", list(S))
def test_every_move_from_every_status(verb: str, status: S) -> None:
    expected = ALLOWED.get((verb, status))
    if expected is None:
        with pytest.raises(Conflict, match=f"Cannot {verb} a {status.value.lower()}"):
            next_status(verb, status, archived=False)
    else:
        assert next_status(verb, status.value, archived=False) is expected


def test_archived_campaigns_do_not_move() -> None:
    with pytest.raises(Conflict, match="archived"):
        next_status("pause", S.ACTIVE, archived=True)


def test_changes_lists_only_what_differs() -> None:
    before = {"name": "A", "budget": "10.00", "end_date": None}
    after = {"name": "B", "budget": "10.00", "end_date": "2027-01-01"}
    assert changes(before, after) == {
        "end_date": {"from": None, "to": "2027-01-01"},
        "name": {"from": "A", "to": "B"},
    }
    assert changes(before, dict(before)) == {}
