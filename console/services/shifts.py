"""Shifts (值班) and the handover (交接班): who is on duty, and what the next shift inherits."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from console.domain.access import Action
from console.domain.changes import Result
from console.domain.clock import to_iso
from console.domain.duty_log import Category
from console.domain.incident import DeadlinePolicy, Incident, Status, overdue_reports
from console.domain.record_texts import RecordTexts
from console.domain.tasks import Task, overdue_tasks
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.tasks import TaskService
from console.store.database import Store


@dataclass(frozen=True)
class Shift:
    id: str
    opened_at: str
    closed_at: str | None
    duty_officer: str
    leader: str
    handover_note: str = ""


@dataclass
class HandoverSummary:
    shift: Shift | None
    open_incidents: list[Incident] = field(default_factory=list)
    overdue: list[tuple[Incident, str]] = field(default_factory=list)  # (incident, "first"|"written")
    pending: list[str] = field(default_factory=list)  # what the next shift must do, one line each
    entries_this_shift: int = 0
    tasks: list[Task] = field(default_factory=list)  # manual tasks still open, earliest deadline first
    overdue_tasks: list[Task] = field(default_factory=list)
    undelivered: list[dict] = field(default_factory=list)  # outbox rows not yet delivered
    policy: DeadlinePolicy = field(default_factory=DeadlinePolicy)


class ShiftService:
    def __init__(self, store: Store, log: DutyLogService, incidents: IncidentService,
                 texts: RecordTexts | None = None, tasks: TaskService | None = None,
                 undelivered: Callable[[], list[dict]] | None = None) -> None:
        self.store = store
        self.log = log
        self.incidents = incidents
        self.texts = texts or RecordTexts()
        self.tasks = tasks or TaskService(store, log, incidents, self.texts)
        # The outbox's reading of unsettled messages.
        self._undelivered: Callable[[], list[dict]] = undelivered or (lambda: [])
        cur = self.current()
        if cur:
            log.author, log.shift_id = cur.duty_officer, cur.id

    def current(self) -> Shift | None:
        row = self.store.one("SELECT * FROM shifts WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1")
        return Shift(**row) if row else None

    def all(self) -> list[Shift]:
        return [Shift(**r) for r in self.store.rows("SELECT * FROM shifts ORDER BY opened_at")]

    def open(self, duty_officer: str, leader: str = "") -> Result[Shift]:
        self.log.require(Action.SHIFT)
        duty_officer, leader = duty_officer.strip(), leader.strip()
        if not duty_officer:
            raise ValueError("a shift needs a duty officer")
        if self.current() is not None:
            raise ValueError("a shift is already open: hand it over first")
        s = self.store
        with s.transaction():
            sid = s.new_id()
            s.insert("shifts", {"id": sid, "opened_at": to_iso(s.clock.now()), "closed_at": None,
                                "duty_officer": duty_officer, "leader": leader, "handover_note": ""},
                     tracked=False)
            s.record("shifts", sid, {"duty_officer": duty_officer, "leader": leader})
            self.log.author, self.log.shift_id = duty_officer, sid
            changes = self.log.append(Category.HANDOVER, self.texts(
                "incident.shift_open", officer=duty_officer, leader=leader or "—")).changes
        shift = self.current()
        assert shift is not None
        changes.shifts.add(sid)
        return Result(shift, changes)

    def summary(self) -> HandoverSummary:
        now = self.store.clock.now()
        policy = self.incidents.policy()
        open_ = [i for i in self.incidents.list() if i.status is not Status.CLOSED]
        overdue = overdue_reports(open_, policy, now)
        tasks = self.tasks.open()
        undelivered = self._undelivered()
        pending = [t.title for t in tasks] + [
            f"{r['channel']} → {r['recipient']}: {r['text']}" for r in undelivered
        ]
        cur = self.current()
        n = self.store.scalar("SELECT count(*) FROM duty_log WHERE shift_id = ?", (cur.id,)) if cur else 0
        return HandoverSummary(cur, open_, overdue, pending, n, tasks, overdue_tasks(tasks, now), undelivered,
                               policy)

    def handover(self, next_officer: str, next_leader: str, note: str = "") -> Result[HandoverSummary]:
        """Close the current shift with a handover entry and open the next one, atomically."""
        self.log.require(Action.SHIFT)
        cur = self.current()
        if cur is None:
            raise ValueError("no shift is open")
        if not next_officer.strip():
            raise ValueError("the next duty officer is required")
        summary = self.summary()
        s = self.store
        with s.transaction():
            changes = self.log.append(
                Category.HANDOVER,
                self.texts(
                    "incident.handover",
                    officer=cur.duty_officer,
                    next_officer=next_officer.strip(),
                    next_leader=next_leader.strip() or "—",
                    open=len(summary.open_incidents),
                    overdue=len(summary.overdue) + len(summary.overdue_tasks),
                    pending=len(summary.pending),
                    note=note.strip(),
                ),
            ).changes
            s.update("shifts", cur.id, {"closed_at": to_iso(s.clock.now()), "handover_note": note.strip()},
                     tracked=False)
            s.record("shifts", cur.id, {"closed": True, "handover_note": note.strip()})
            changes.merge(self.open(next_officer, next_leader).changes)
        changes.shifts.add(cur.id)
        return Result(summary, changes)
