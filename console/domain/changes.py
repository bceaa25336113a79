"""What a service call changed, so every view refreshes from one value instead of poking others.

Every service write returns a `Result`: the value it made (if any) and the `Changes` it caused.
`Changes` names every table a view shows; a view refreshes from the fields it cares about."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Changes:
    incidents: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    removed_units: set[str] = field(default_factory=set)
    duty_log: set[str] = field(default_factory=set)
    comms_log: set[str] = field(default_factory=set)  # device traffic kept apart from the duty log
    shifts: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)
    preplans: set[str] = field(default_factory=set)
    activations: set[str] = field(default_factory=set)
    checklists: set[str] = field(default_factory=set)  # checklist item ids
    tasks: set[str] = field(default_factory=set)  # manual tasks for the officer (e.g. a call to make)
    outbox: set[str] = field(default_factory=set)
    devices: set[str] = field(default_factory=set)
    frames: set[str] = field(default_factory=set)  # device ids whose raw frames grew
    alerts: set[str] = field(default_factory=set)  # device emergencies (the banner)
    cameras: set[str] = field(default_factory=set)
    patrols: set[str] = field(default_factory=set)
    snapshots: set[str] = field(default_factory=set)
    sensors: set[str] = field(default_factory=set)
    readings: set[str] = field(default_factory=set)  # sensor ids with new readings
    warnings: set[str] = field(default_factory=set)  # threshold warnings and CAP alerts
    accounts: set[str] = field(default_factory=set)
    sync: set[str] = field(default_factory=set)  # peer site ids whose sync state changed
    conflicts: set[str] = field(default_factory=set)
    reset: bool = False  # everything may have changed (seed load, sync merge)

    def merge(self, other: Changes) -> Changes:
        for f in fields(self):
            if f.name == "reset":
                self.reset = self.reset or other.reset
            else:
                getattr(self, f.name).update(getattr(other, f.name))
        return self

    def __bool__(self) -> bool:
        return self.reset or any(getattr(self, f.name) for f in fields(self) if f.name != "reset")


@dataclass
class Result(Generic[T]):
    """What one service write returns: its value (None where it makes none) and what it changed."""
    value: T
    changes: Changes = field(default_factory=Changes)
