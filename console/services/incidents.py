"""Use cases on incidents: intake (接报), level and status changes, reports done, acknowledgement.
Each writes the incident, its timeline and a duty-log entry in one transaction."""
from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from console.domain.access import Action
from console.domain.changes import Changes, Result
from console.domain.clock import from_iso, to_iso
from console.domain.duty_log import Category, Entry
from console.domain.incident import (
    Deadline,
    DeadlinePolicy,
    Incident,
    IncidentClass,
    Level,
    Source,
    Status,
    deadlines,
)
from console.domain.intake import IntakeForm, IntakeRejected, ValidIntake, validate
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.incidents import SOURCE, STATUS
from console.services.duty_log import DutyLogService, LogFilter
from console.store.database import Store


def row_to_incident(r: dict) -> Incident:
    return Incident(
        id=r["id"], title=r["title"], klass=IncidentClass(r["class"]), type=r["type"],
        level=Level(r["level"]),
        status=Status(r["status"]), lat=r["lat"], lon=r["lon"], reported_at=from_iso(r["reported_at"]),
        address=r["address"], district=r["district"], source=Source(r["source"]), reporter=r["reporter"],
        callback=r["callback"], deaths=r["deaths"], injuries=r["injuries"], missing=r["missing"],
        trapped=r["trapped"], description=r["description"], warning_colour=r["warning_colour"],
        first_report_at=from_iso(r["first_report_at"]), written_report_at=from_iso(r["written_report_at"]),
        acknowledged=bool(r["acknowledged"]), extra={"sample": bool(r["sample"])},
    )


@dataclass(frozen=True)
class IncidentDetail:
    """One incident as the detail pane shows it: the record, its reporting deadlines and its log."""
    incident: Incident
    deadlines: list[Deadline]
    policy: DeadlinePolicy
    entries: list[Entry]  # oldest first


class IncidentService:
    def __init__(self, store: Store, log: DutyLogService, texts: RecordTexts | None = None) -> None:
        self.store = store
        self.log = log
        self.texts = texts or RecordTexts()

    # -- reads
    def get(self, incident_id: str) -> Incident | None:
        row = self.store.one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
        return row_to_incident(row) if row else None

    def list(self, include_closed: bool = True) -> list[Incident]:
        where = "" if include_closed else " WHERE status != 'closed'"
        return [
            row_to_incident(r)
            for r in self.store.rows(f"SELECT * FROM incidents{where} ORDER BY reported_at DESC")
        ]

    def districts(self) -> builtins.list[str]:
        return [r["name"] for r in self.store.rows("SELECT name FROM districts ORDER BY code")]

    def policy(self) -> DeadlinePolicy:
        rows = self.store.rows("SELECT * FROM deadline_policy")
        return DeadlinePolicy(
            first_report_min={Level(r["level"]): r["first_report_min"] for r in rows},
            written_report_min={Level(r["level"]): r["written_report_min"] for r in rows},
        )

    def timeline(self, incident_id: str) -> builtins.list[dict]:
        rows = self.store.rows("SELECT at, kind, data FROM incident_events WHERE incident_id = ? ORDER BY at",
                               (incident_id,))
        return [{**r, "data": json.loads(r["data"])} for r in rows]

    def detail(self, incident_id: str, entries: int = 100) -> IncidentDetail | None:
        inc = self.get(incident_id)
        if inc is None:
            return None
        policy = self.policy()
        log = list(reversed(self.log.entries(LogFilter(incident_id=incident_id), limit=entries)))
        return IncidentDetail(inc, deadlines(inc, policy), policy, log)

    # -- writes
    def intake(self, form: IntakeForm) -> Result[Incident]:
        self.log.require(Action.INTAKE)
        known = set(self.districts())
        valid, errors = validate(form, known or None)
        if errors:
            raise IntakeRejected(errors)
        assert valid is not None
        return self.add(valid)

    def add(self, v: ValidIntake, *, reported_at: datetime | None = None, incident_id: str | None = None,
            sample: bool = False) -> Result[Incident]:
        s = self.store
        with s.transaction():
            now = reported_at or s.clock.now()
            iid = incident_id or s.new_id()
            s.insert("incidents", {
                "id": iid, "title": v.title, "class": v.klass.value, "type": v.type, "level": int(v.level),
                "status": Status.REPORTED.value, "lat": v.lat, "lon": v.lon, "address": v.address,
                "district": v.district, "source": v.source.value, "reporter": v.reporter,
                "callback": v.callback,
                **{k: v.counts.get(k, 0) for k in ("deaths", "injuries", "missing", "trapped")},
                "description": v.description, "warning_colour": v.warning_colour, "reported_at": to_iso(now),
                "sample": int(sample),
            })
            self._event(iid, "intake", {"source": v.source.value, "level": int(v.level)}, now)
            t = self.texts
            # Dated at the report, not at the write: samples loaded later keep their own times.
            changes = self.log.append(Category.INTAKE, t(
                "incident.intake", title=v.title, level=v.level.roman, source=t.word(SOURCE, v.source.value),
                place=f"{v.district}{v.address}" or "—", reporter=v.reporter or "—"),
                incident_id=iid, at=to_iso(now)).changes
        inc = self.get(iid)
        assert inc is not None
        changes.incidents.add(iid)
        return Result(inc, changes)

    def set_level(self, incident_id: str, level: Level) -> Result[None]:
        self.log.require(Action.INTAKE)
        inc = self._need(incident_id)
        if inc.level == level:
            return Result(None)
        with self.store.transaction():
            self.store.update("incidents", incident_id, {"level": int(level)})
            self._event(incident_id, "level", {"from": int(inc.level), "to": int(level)})
            changes = self.log.append(Category.SYSTEM, self.texts(
                "incident.level", title=inc.title, old=inc.level.roman, new=level.roman),
                                      incident_id=incident_id).changes
        changes.incidents.add(incident_id)
        return Result(None, changes)

    def set_status(self, incident_id: str, status: Status, text: str | None = None) -> Result[None]:
        """Move the incident on; `text` replaces the standard log entry (a caller that knows why)."""
        self.log.require(Action.INTAKE)
        inc = self._need(incident_id)
        if not inc.status.can_move_to(status):
            raise ValueError(f"cannot move from {inc.status} to {status}")
        with self.store.transaction():
            self.store.update("incidents", incident_id, {"status": status.value})
            self._event(incident_id, "status", {"from": inc.status.value, "to": status.value})
            text = text or self.texts("incident.status", title=inc.title,
                                      new=self.texts.word(STATUS, status.value))
            changes = self.log.append(Category.SYSTEM, text, incident_id=incident_id).changes
        changes.incidents.add(incident_id)
        return Result(None, changes)

    def mark_report(self, incident_id: str, which: str, note: str = "") -> Result[None]:
        """Record that the first (初报) or written report went upward; the countdown stops."""
        self.log.require(Action.REPORTS)
        inc = self._need(incident_id)
        col = {"first": "first_report_at", "written": "written_report_at"}[which]
        with self.store.transaction():
            now = to_iso(self.store.clock.now())
            self.store.update("incidents", incident_id, {col: now})
            self._event(incident_id, f"report_{which}", {"note": note})
            changes = self.log.append(Category.FOLLOW_UP, self.texts(
                f"incident.report_{which}", title=inc.title, note=note), incident_id=incident_id).changes
        changes.incidents.add(incident_id)
        return Result(None, changes)

    def edit(self, incident_id: str, *, title: str | None = None,
             injuries: int | None = None) -> Result[None]:
        """Title and injured count corrected; only what differs is written (a no-op writes nothing)."""
        inc = self._need(incident_id)
        cols = {k: v for k, v in (("title", title), ("injuries", injuries))
                if v is not None and getattr(inc, k) != v}
        if not cols:
            return Result(None, Changes())
        if "title" in cols and not str(cols["title"]).strip():
            raise ValueError("an incident needs a title")
        with self.store.transaction():
            self.store.update("incidents", incident_id, cols)
            self._event(incident_id, "edit", cols)
        return Result(None, Changes(incidents={incident_id}))

    def acknowledge(self, incident_id: str) -> Result[None]:
        self.log.require(Action.INTAKE)
        with self.store.transaction():
            self.store.update("incidents", incident_id, {"acknowledged": 1})
        return Result(None, Changes(incidents={incident_id}))

    def _need(self, incident_id: str) -> Incident:
        inc = self.get(incident_id)
        if inc is None:
            raise KeyError(f"incident {incident_id} not found")
        return inc

    def _event(self, incident_id: str, kind: str, data: dict, at: datetime | None = None) -> None:
        s = self.store
        s.append("incident_events", {"id": s.new_id(), "incident_id": incident_id,
                                     "at": to_iso(at or s.clock.now()), "kind": kind,
                                     "data": json.dumps(data, ensure_ascii=False)})


def load_incident(db_path: str | None, incident_id: str) -> Incident | None:
    """For command-line tools: one incident from a database file (default: the user's)."""
    from console.paths import default_db_path
    from console.store.database import open_store

    store = open_store(Path(db_path) if db_path else default_db_path(), read_only=True)
    try:
        return IncidentService(store, DutyLogService(store)).get(incident_id)
    finally:
        store.close()
