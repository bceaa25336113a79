"""What a service call changed, so every view refreshes from one value instead of poking others."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    incidents: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    duty_log: set[str] = field(default_factory=set)
    shifts: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)
    preplans: set[str] = field(default_factory=set)
    checklists: set[str] = field(default_factory=set)
    removed_units: set[str] = field(default_factory=set)
    reset: bool = False  # everything may have changed (seed load, sync merge)

    def merge(self, other: Changes) -> Changes:
        for name in self.__dataclass_fields__:
            if name == "reset":
                self.reset = self.reset or other.reset
            else:
                getattr(self, name).update(getattr(other, name))
        return self

    def __bool__(self) -> bool:
        return self.reset or any(getattr(self, n) for n in self.__dataclass_fields__ if n != "reset")
