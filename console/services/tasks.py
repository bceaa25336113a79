"""The officer's manual tasks (the tasks table's one writer): created by other services inside their
transaction, listed with their deadlines, confirmed with who did them and when."""
from __future__ import annotations

from datetime import datetime

from console.domain.changes import Changes, Result
from console.domain.clock import from_iso, to_iso
from console.domain.duty_log import Category
from console.domain.record_texts import RecordTexts
from console.domain.tasks import Task
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.store.database import Store

# A confirmed notice with this ref also is the incident's first report (初报) made.
FIRST_REPORT_REF = "preplan:first-report"


def _task(r: dict) -> Task:
    return Task(
        r["id"],
        from_iso(r["created_at"]),
        r["kind"],
        r["channel"],
        r["recipient"],
        r["title"],
        r["text"],
        from_iso(r["due_at"]),
        r["incident_id"],
        r["activation_id"],
        r["ref"],
        from_iso(r["done_at"]),
        r["done_by"],
        r["done_note"],
    )


class TaskService:
    def __init__(self, store: Store, log: DutyLogService, incidents: IncidentService,
                 texts: RecordTexts | None = None) -> None:
        self.store = store
        self.log = log
        self.incidents = incidents
        self.texts = texts or RecordTexts()

    # -- reads ------------------------------------------------------------------------------------
    def get(self, task_id: str) -> Task | None:
        row = self.store.one("SELECT * FROM tasks WHERE id = ?", (task_id,))
        return _task(row) if row else None

    def open(self) -> list[Task]:
        """Tasks still to do, the earliest deadline first."""
        return [_task(r) for r in self.store.rows(
            "SELECT * FROM tasks WHERE done_at IS NULL ORDER BY due_at IS NULL, due_at, created_at, id")]

    def listing(self, done_limit: int = 50) -> list[Task]:
        """What the tasks area shows: every open task, then the most recently confirmed ones."""
        done = [_task(r) for r in self.store.rows(
            "SELECT * FROM tasks WHERE done_at IS NOT NULL ORDER BY done_at DESC, id LIMIT ?", (done_limit,))]
        return self.open() + done

    def for_activation(self, activation_id: str) -> list[Task]:
        return [_task(r) for r in self.store.rows(
            "SELECT * FROM tasks WHERE activation_id = ? ORDER BY due_at, created_at, id", (activation_id,))]

    def for_incident(self, incident_id: str) -> list[Task]:
        return [_task(r) for r in self.store.rows(
            "SELECT * FROM tasks WHERE incident_id = ? ORDER BY due_at, created_at, id", (incident_id,))]

    # -- writes -----------------------------------------------------------------------------------
    def add_notice(
        self,
        channel: str,
        recipient: str,
        title: str,
        text: str,
        due: datetime | None,
        *,
        incident_id: str | None = None,
        activation_id: str | None = None,
        ref: str = "",
    ) -> Result[str]:
        """A notice the officer must pass on by hand; the caller logs what it asked for as a whole."""
        s = self.store
        tid = s.new_id()
        with s.transaction():
            s.insert(
                "tasks",
                {
                    "id": tid,
                    "created_at": to_iso(s.clock.now()),
                    "kind": "notify",
                    "channel": channel,
                    "recipient": recipient,
                    "title": title,
                    "text": text,
                    "due_at": to_iso(due),
                    "incident_id": incident_id,
                    "activation_id": activation_id,
                    "ref": ref,
                    "done_at": None,
                    "done_by": "",
                    "done_note": "",
                },
            )
        return Result(tid, Changes(tasks={tid}))

    def confirm(self, task_id: str, who: str, note: str = "") -> Result[Task]:
        """The officer did it: who, when, and a note (e.g. who answered the phone), into the duty log."""
        who, note = who.strip(), note.strip()
        if not who:
            raise ValueError("say who did it")
        task = self.get(task_id)
        if task is None:
            raise KeyError(f"task {task_id} not found")
        if task.done:
            raise ValueError("this task is already confirmed")
        s = self.store
        with s.transaction():
            s.update("tasks", task_id, {"done_at": to_iso(s.clock.now()), "done_by": who, "done_note": note})
            changes = self.log.append(
                Category.FOLLOW_UP,
                self.texts(
                    "task.done",
                    title=task.title,
                    who=who,
                    note=self.texts("task.note", note=note) if note else "",
                ),
                incident_id=task.incident_id,
            ).changes
            inc = self.incidents.get(task.incident_id) if task.incident_id else None
            if task.ref == FIRST_REPORT_REF and inc is not None and inc.first_report_at is None:
                changes.merge(self.incidents.mark_report(inc.id, "first", note).changes)
        changes.tasks.add(task_id)
        done = self.get(task_id)
        assert done is not None
        return Result(done, changes)
