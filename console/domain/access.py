"""Positions (岗位) and what each may do: plain data, checked by the services before any write and
read by the views to hide or disable what the signed-in position may not do.

The names are the identifiers used in the CLI, JSON and the database; the screen translates them."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Position(enum.StrEnum):
    OBSERVER = "observer"  # 观察员: read only
    FIELD_UNIT = "field_unit"  # 现场队伍
    DUTY_OFFICER = "duty_officer"  # 值班员
    DUTY_LEADER = "duty_leader"  # 带班领导
    COMMANDER = "commander"  # 现场指挥长
    ADMIN = "admin"  # 系统管理员


class Action(enum.StrEnum):
    INTAKE = "intake"  # take a report, edit an incident
    LOG_ENTRY = "log_entry"  # write or correct a duty-log entry
    REPORTS = "reports"  # mark a report upward as made
    SHIFT = "shift"  # open a shift, hand over
    PREPLAN_ACTIVATION = "preplan_activation"  # activate, escalate, stand down
    CHECKLIST_OWN_GROUP = "checklist_own_group"  # items of the account's own group
    CHECKLIST_ALL = "checklist_all"  # any checklist item
    DISPATCH = "dispatch"  # dispatch orders, notifications, warnings, radio messages
    DEVICES = "devices"  # device and camera management
    SYNC_TRUST = "sync_trust"  # which peer consoles are trusted
    USERS = "users"  # accounts
    PREPLAN_LIBRARY = "preplan_library"  # import and edit preplans


_DESK = frozenset({Action.INTAKE, Action.LOG_ENTRY, Action.REPORTS, Action.SHIFT, Action.PREPLAN_ACTIVATION,
                   Action.CHECKLIST_OWN_GROUP, Action.CHECKLIST_ALL, Action.DISPATCH})

PERMISSIONS: dict[Position, frozenset[Action]] = {
    Position.OBSERVER: frozenset(),
    Position.FIELD_UNIT: frozenset({Action.LOG_ENTRY, Action.CHECKLIST_OWN_GROUP}),
    Position.DUTY_OFFICER: _DESK,
    # The leader on duty also keeps the preplan library up to date.
    Position.DUTY_LEADER: _DESK | {Action.PREPLAN_LIBRARY},
    # On scene: no shift at a desk to hand over, but the devices and cameras of the command post.
    Position.COMMANDER: (_DESK - {Action.SHIFT}) | {Action.DEVICES},
    # The administrator looks after the system, not the incidents.
    Position.ADMIN: frozenset({Action.LOG_ENTRY, Action.DEVICES, Action.SYNC_TRUST, Action.USERS,
                               Action.PREPLAN_LIBRARY}),
}


def may(position: Position | str, action: Action) -> bool:
    return Action(action) in PERMISSIONS[Position(position)]


def may_set_item(position: Position | str, own_group: str, item_group: str) -> bool:
    """A checklist item: any item with CHECKLIST_ALL, else only those of the account's own group."""
    if may(position, Action.CHECKLIST_ALL):
        return True
    return may(position, Action.CHECKLIST_OWN_GROUP) and bool(own_group) and own_group == item_group


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account's name, its position, and for a field unit the checklist group it
    belongs to. `sample` marks the demo's sample account, shown as such."""
    name: str
    position: Position
    group: str = ""
    sample: bool = False

    def may(self, action: Action) -> bool:
        return may(self.position, action)


class Refused(Exception):
    """A write the acting position may not make. Nothing was written but the refusal's log entry,
    whose changes ride along so the views show it."""

    def __init__(self, message: str, changes=None) -> None:
        super().__init__(message)
        self.message = message
        self.changes = changes
