"""The permission table, every position against every action, both ways."""
import pytest

from console.domain.access import PERMISSIONS, Action, Actor, Position, may, may_set_item

A = Action
ALLOWED = {
    Position.OBSERVER: set(),
    Position.FIELD_UNIT: {A.LOG_ENTRY, A.CHECKLIST_OWN_GROUP},
    Position.DUTY_OFFICER: {A.INTAKE, A.LOG_ENTRY, A.REPORTS, A.SHIFT, A.PREPLAN_ACTIVATION,
                            A.CHECKLIST_OWN_GROUP, A.CHECKLIST_ALL, A.DISPATCH},
    Position.DUTY_LEADER: {A.INTAKE, A.LOG_ENTRY, A.REPORTS, A.SHIFT, A.PREPLAN_ACTIVATION,
                           A.CHECKLIST_OWN_GROUP, A.CHECKLIST_ALL, A.DISPATCH, A.PREPLAN_LIBRARY},
    Position.COMMANDER: {A.INTAKE, A.LOG_ENTRY, A.REPORTS, A.PREPLAN_ACTIVATION, A.CHECKLIST_OWN_GROUP,
                         A.CHECKLIST_ALL, A.DISPATCH, A.DEVICES},
    Position.ADMIN: {A.LOG_ENTRY, A.DEVICES, A.SYNC_TRUST, A.USERS, A.PREPLAN_LIBRARY},
}


def test_every_position_is_in_the_table():
    assert set(PERMISSIONS) == set(Position) == set(ALLOWED)


@pytest.mark.parametrize("position", list(Position))
@pytest.mark.parametrize("action", list(Action))
def test_each_position_and_action(position, action):
    expected = action in ALLOWED[position]
    assert may(position, action) is expected
    assert may(position.value, action) is expected  # the CLI's and the database's spelling
    assert Actor("x", position).may(action) is expected


@pytest.mark.parametrize("position", list(Position))
def test_checklist_items_own_group_or_all(position):
    own = may_set_item(position, "rescue", "rescue")
    other = may_set_item(position, "rescue", "medical")
    assert own is (A.CHECKLIST_OWN_GROUP in ALLOWED[position])
    assert other is (A.CHECKLIST_ALL in ALLOWED[position])
    assert may_set_item(position, "", "") is (A.CHECKLIST_ALL in ALLOWED[position])  # no group is no one's group


def test_unknown_position_is_refused_loudly():
    with pytest.raises(ValueError):
        may("janitor", A.INTAKE)
