"""Incidents: classes, levels, statuses, sources, and the reporting deadlines (初报/续报)."""
from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta


class IncidentClass(enum.StrEnum):
    """突发事件四大类. Values are stable identifiers stored in the database."""

    NATURAL = "natural"  # 自然灾害
    ACCIDENT = "accident"  # 事故灾难
    HEALTH = "health"  # 公共卫生事件
    SECURITY = "security"  # 社会安全事件

    @classmethod
    def parse(cls, text: str) -> IncidentClass:
        t = text.strip()
        for c in cls:
            if t.lower() == c.value or t == CLASS_NAMES_ZH[c]:
                return c
        raise ValueError(f"unknown incident class {text!r}")


CLASS_NAMES_ZH = {
    IncidentClass.NATURAL: "自然灾害",
    IncidentClass.ACCIDENT: "事故灾难",
    IncidentClass.HEALTH: "公共卫生事件",
    IncidentClass.SECURITY: "社会安全事件",
}


class Level(enum.IntEnum):
    """Severity: Ⅰ 特别重大 (most severe) … Ⅳ 一般."""

    I = 1  # noqa: E741
    II = 2
    III = 3
    IV = 4

    @property
    def roman(self) -> str:
        return "ⅠⅡⅢⅣ"[self.value - 1]

    @classmethod
    def parse(cls, text: str | int) -> Level:
        s = str(text).strip().upper().removesuffix("级")
        romans = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4}
        if s in romans:
            return cls(romans[s])
        try:
            return cls(int(s))
        except ValueError:
            raise ValueError(f"level must be 1-4, got {text!r}") from None


class Status(enum.StrEnum):
    REPORTED = "reported"  # 接报
    RESPONDING = "responding"  # 处置中
    CLOSED = "closed"  # 结束

    def can_move_to(self, other: Status) -> bool:
        order = [Status.REPORTED, Status.RESPONDING, Status.CLOSED]
        return order.index(other) == order.index(self) + 1


class Source(enum.StrEnum):
    POLICE_110 = "110"
    FIRE_119 = "119"
    HOTLINE_12345 = "12345"
    PHONE = "phone"
    RADIO = "radio"
    TERMINAL = "terminal"
    OTHER = "other"


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    klass: IncidentClass
    type: str  # free-form type within the class, e.g. "台风", "燃气泄漏"
    level: Level
    status: Status
    lat: float
    lon: float
    reported_at: datetime
    address: str = ""
    district: str = ""
    source: Source = Source.PHONE
    reporter: str = ""
    callback: str = ""
    deaths: int = 0
    injuries: int = 0
    missing: int = 0
    trapped: int = 0
    description: str = ""
    warning_colour: str = ""  # red/orange/yellow/blue, when a weather warning is in force
    first_report_at: datetime | None = None  # 初报 done
    written_report_at: datetime | None = None  # 书面报告 done
    acknowledged: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def casualties(self) -> int:
        return self.deaths + self.injuries + self.missing + self.trapped


@dataclass(frozen=True)
class DeadlinePolicy:
    """Minutes after intake for the verbal first report (初报) and the written report, per level."""

    first_report_min: dict[Level, int] = field(
        default_factory=lambda: {Level.I: 30, Level.II: 30, Level.III: 30, Level.IV: 30}
    )
    written_report_min: dict[Level, int] = field(
        default_factory=lambda: {Level.I: 60, Level.II: 60, Level.III: 60, Level.IV: 60}
    )
    amber_fraction: float = 0.5  # remaining share of the window below which the countdown turns amber


class DeadlineState(enum.StrEnum):
    DONE = "done"
    OK = "ok"
    AMBER = "amber"
    RED = "red"  # overdue


@dataclass(frozen=True)
class Deadline:
    name: str  # "first" or "written"
    due: datetime
    done_at: datetime | None
    window: timedelta

    def remaining(self, now: datetime) -> timedelta:
        return self.due - now

    def state(self, now: datetime, amber_fraction: float = 0.5) -> DeadlineState:
        if self.done_at is not None:
            return DeadlineState.DONE
        left = self.remaining(now)
        if left <= timedelta(0):
            return DeadlineState.RED
        if left <= self.window * amber_fraction:
            return DeadlineState.AMBER
        return DeadlineState.OK


def deadlines(inc: Incident, policy: DeadlinePolicy) -> list[Deadline]:
    first = timedelta(minutes=policy.first_report_min[inc.level])
    written = timedelta(minutes=policy.written_report_min[inc.level])
    return [
        Deadline("first", inc.reported_at + first, inc.first_report_at, first),
        Deadline("written", inc.reported_at + written, inc.written_report_at, written),
    ]


def next_deadline(inc: Incident, policy: DeadlinePolicy) -> Deadline | None:
    """The earliest deadline still open, or None when every report is done or the incident is closed."""
    if inc.status is Status.CLOSED:
        return None
    open_ = [d for d in deadlines(inc, policy) if d.done_at is None]
    return min(open_, key=lambda d: d.due) if open_ else None


def overdue_reports(incidents: Iterable[Incident], policy: DeadlinePolicy, now: datetime
                    ) -> list[tuple[Incident, str]]:
    """(incident, "first"|"written") for every report past its deadline on an open incident."""
    return [(inc, d.name) for inc in incidents if inc.status is not Status.CLOSED
            for d in deadlines(inc, policy) if d.state(now, policy.amber_fraction) is DeadlineState.RED]


def next_overdue_at(incidents: Iterable[Incident], policy: DeadlinePolicy, now: datetime) -> datetime | None:
    """When the overdue count next grows (the earliest open deadline still ahead), None if never."""
    ahead = [d.due for inc in incidents if inc.status is not Status.CLOSED for d in deadlines(inc, policy)
             if d.done_at is None and d.due > now]
    return min(ahead, default=None)


def format_countdown(left: timedelta) -> str:
    secs = int(left.total_seconds())
    sign = "-" if secs < 0 else ""
    secs = abs(secs)
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m:02d}:{s:02d}"
