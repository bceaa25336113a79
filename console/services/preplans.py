"""Structured preplans in use: stored versions, matching, one-key activation (checklist, dispatch orders,
queued notifications and duty-log entries in one transaction), item progress, escalation, stand-down.
Nothing is deleted: edits add a version, de-escalation retires items, stand-down closes the activation."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from console.domain.access import Action
from console.domain.changes import Changes, Result
from console.domain.clock import from_iso, to_iso
from console.domain.duty_log import Category
from console.domain.incident import Incident, Level, Status
from console.domain.preplan import (
    Checklist,
    ChecklistItem,
    ItemState,
    MatchResult,
    Notification,
    Preplan,
    PreplanError,
    ResourceRequest,
    activate,
    check_text,
    escalate,
    match,
    suggest_level,
)
from console.domain.preplan.checklist import CLOSED, render
from console.domain.preplan.dispatch import CONSUMED, Candidate, distance_km, plan_dispatch
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.preplans import CHANNEL, ITEM_STATE
from console.domain.tasks import is_manual, notice_due
from console.paths import PREPLANS
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.outbox import OutboxService, is_phone_number
from console.services.resources import ResourceService
from console.services.tasks import TaskService
from console.store.database import Store

# Seeded sensor kinds spelled the way the plans' triggers spell them.
_SENSOR_ALIASES = {"rainfall": "rainfall_1h", "underpass_flood": "underpass_depth"}
SENSOR_RADIUS_KM = 10.0
RADIO = {"tetra": "issi", "beidou": "beidou_id"}  # channel -> the unit column holding its identity


@dataclass(frozen=True)
class Activation:
    id: str
    incident_id: str
    plan_id: str
    plan_title: str
    plan_version: int
    level: Level
    activated_at: datetime
    stood_down_at: datetime | None

    @property
    def active(self) -> bool:
        return self.stood_down_at is None


@dataclass(frozen=True)
class ItemRow:
    """One checklist row as the views show it: the domain item plus who, notes, retirement and its
    deadline."""

    id: str
    item: ChecklistItem
    phase_seq: int
    assignee: str
    notes: str
    retired: bool
    due: datetime | None


def _activation(r: dict) -> Activation:
    return Activation(r["id"], r["incident_id"], r["plan_id"], r["plan_title"], r["plan_version"],
                      Level(r["response_level"]), from_iso(r["activated_at"]), from_iso(r["stood_down_at"]))


def _item(r: dict) -> ChecklistItem:
    return ChecklistItem(
        item_id=r["item_id"], phase_id=r["phase_id"], phase_name=r["phase_name"], text=r["text"],
        group_id=r["group_id"], group_name=r["group_name"], deadline_minutes=r["deadline_minutes"],
        deadline_after=r["deadline_after"], started_from=from_iso(r["started_from"]),
        evidence_required=tuple(json.loads(r["evidence_required"])),
        depends_on=tuple(json.loads(r["depends_on"])),
        from_level=Level(r["from_level"]), state=ItemState(r["state"]), reason=r["reason"],
        evidence=json.loads(r["evidence"]), changed_at=from_iso(r["changed_at"]),
        done_at=from_iso(r["done_at"]))


class PreplanService:
    def __init__(self, store: Store, log: DutyLogService, incidents: IncidentService,
                 resources: ResourceService, outbox: OutboxService | None = None,
                 texts: RecordTexts | None = None, tasks: TaskService | None = None) -> None:
        self.store = store
        self.log = log
        self.incidents = incidents
        self.resources = resources
        self.texts = texts or incidents.texts
        self._outbox = outbox or OutboxService(store, log, resources, self.texts)
        self._tasks = tasks or TaskService(store, log, incidents, self.texts)
        self._parsed: dict[tuple[str, int], Preplan] = {}

    # -- plans and their versions ----------------------------------------------------------------------
    def import_yaml(self, text: str, source: str = "") -> Result[Preplan]:
        """Validate and store as the plan's next version; an invalid plan raises PreplanError, storing
        nothing."""
        self.log.require(Action.PREPLAN_LIBRARY)
        return self._import(text, source)

    def _import(self, text: str, source: str) -> Result[Preplan]:
        plan, problems = check_text(text, source or "<preplan>")
        if problems or plan is None:
            raise PreplanError(problems)
        s = self.store
        with s.transaction():
            cur = s.one("SELECT version, source_text FROM preplans WHERE id = ?", (plan.id,))
            if cur and cur["source_text"] == text:
                return Result(plan)  # the same text again is not a new version
            version = (cur["version"] + 1) if cur else 1
            cols = {"title": plan.title, "kind": plan.kind.value, "sample": int(plan.sample),
                    "version": version,
                    "label": plan.version, "source_text": text}
            if cur:
                s.update("preplans", plan.id, cols)
            else:
                s.insert("preplans", {"id": plan.id, **cols})
            s.append("preplan_versions", {"id": s.new_id(), "plan_id": plan.id, "version": version,
                                          "source_text": text, "source": source,
                                          "saved_at": to_iso(s.clock.now()),
                                          "author": self.log.author})
            changes = self.log.append(Category.SYSTEM, self.texts(
                "preplan.saved", title=plan.title, version=version,
                source=source or self.texts("preplan.imported"))).changes
        changes.preplans.add(plan.id)
        return Result(plan, changes)

    def check_yaml(self, text: str, source: str = "<preplan>"):
        return check_text(text, source)[1]

    def export_yaml(self, plan_id: str, version: int | None = None) -> str:
        if version is None:
            text = self.store.scalar("SELECT source_text FROM preplans WHERE id = ?", (plan_id,))
        else:
            text = self.store.scalar(
                "SELECT source_text FROM preplan_versions WHERE plan_id = ? AND version = ?",
                (plan_id, version),
            )
        if text is None:
            raise KeyError(f"preplan {plan_id} version {version} not found")
        return text

    def plan_rows(self) -> list[dict]:
        return self.store.rows("SELECT id, title, kind, sample, version, label FROM preplans ORDER BY title")

    def versions(self, plan_id: str) -> list[dict]:
        return self.store.rows(
            "SELECT version, source, saved_at, author FROM preplan_versions WHERE plan_id = ? "
            "ORDER BY version DESC",
            (plan_id,),
        )

    def plan(self, plan_id: str, version: int | None = None) -> Preplan:
        if version is None:
            version = self.store.scalar("SELECT version FROM preplans WHERE id = ?", (plan_id,))
            if version is None:
                raise KeyError(f"preplan {plan_id} not found")
        key = (plan_id, version)
        if key not in self._parsed:
            plan, problems = check_text(self.export_yaml(plan_id, version), f"{plan_id} v{version}")
            if plan is None:  # stored text was valid when saved; a newer validator may disagree
                raise PreplanError(problems)
            self._parsed[key] = plan
        return self._parsed[key]

    def plans(self) -> list[Preplan]:
        return [self.plan(r["id"], r["version"]) for r in self.plan_rows()]

    def load_samples(self) -> Result[None]:
        """Import the shipped sample plans that are not in the database yet (idempotent)."""
        changes = Changes()
        with self.store.transaction():
            for path in sorted(PREPLANS.glob("*.yaml")):
                text = path.read_text(encoding="utf-8")
                plan, problems = check_text(text, path.name)
                if plan is None or self.store.scalar("SELECT 1 FROM preplans WHERE id = ?", (plan.id,)):
                    continue
                changes.merge(self._import(text, path.name).changes)
        return Result(None, changes)

    # -- matching --------------------------------------------------------------------------------------
    def sensor_readings(self, incident: Incident) -> dict[str, float]:
        """The highest reading of each sensor kind near the incident, named as the plans' triggers
        name them."""
        out: dict[str, float] = {}
        for r in self.store.rows("SELECT kind, lat, lon, value, unit FROM sensors WHERE value IS NOT NULL"):
            if distance_km(incident.lat, incident.lon, r["lat"], r["lon"]) <= SENSOR_RADIUS_KM:
                kind = _SENSOR_ALIASES.get(r["kind"], r["kind"])
                # the plans state depths in metres
                value = r["value"] / 100 if r["unit"] == "cm" else r["value"]
                out[kind] = max(out.get(kind, value), value)
        return out

    def match(self, incident_id: str) -> list[MatchResult]:
        inc = self._incident(incident_id)
        return match(inc, self.plans(), self.sensor_readings(inc))

    def suggest_level(self, incident_id: str, plan: Preplan | str) -> Level:
        inc = self._incident(incident_id)
        plan = self.plan(plan) if isinstance(plan, str) else plan
        return suggest_level(inc, plan, self.sensor_readings(inc))

    # -- activation ------------------------------------------------------------------------------------
    def activate(self, incident_id: str, plan_id: str, level: Level) -> Result[Activation]:
        """Start a plan for an incident: checklist, dispatch orders and queued notices, and the incident
        moves on to responding, all in one transaction."""
        self.log.require(Action.PREPLAN_ACTIVATION)
        inc = self._incident(incident_id)
        level = Level(level)
        s = self.store
        with s.transaction():
            version = s.scalar("SELECT version FROM preplans WHERE id = ?", (plan_id,))
            if version is None:
                raise KeyError(f"preplan {plan_id} not found")
            if s.scalar(
                "SELECT 1 FROM activations WHERE incident_id = ? AND plan_id = ? AND stood_down_at IS NULL",
                (incident_id, plan_id),
            ):
                raise ValueError("该预案已对本事件启动，请使用响应级别调整")
            plan = self.plan(plan_id, version)
            now = s.clock.now()
            draft = activate(plan, level, inc, now)
            aid = s.new_id()
            s.insert("activations", {"id": aid, "incident_id": incident_id, "plan_id": plan_id,
                                     "plan_version": version, "plan_title": plan.title,
                                     "response_level": int(level),
                                     "activated_at": to_iso(now), "author": self.log.author})
            changes = Changes(checklists={aid}, activations={aid})
            changes.merge(self.log.append(Category.SYSTEM, self.texts(
                "preplan.activated", title=plan.title, level=level.roman, version=version,
                items=len(draft.items)),
                incident_id=incident_id, at=to_iso(now)).changes)
            if inc.status is Status.REPORTED:
                changes.merge(self.incidents.set_status(incident_id, Status.RESPONDING, self.texts(
                    "preplan.incident_responding", title=inc.title, plan=plan.title)).changes)
            self._insert_items(aid, plan, draft.items, now)
            changes.merge(self._dispatch(aid, inc, plan, draft.resources, now))
            changes.merge(self._notify(aid, inc, draft.notifications, now))
        return Result(self.activation(aid), changes)

    def _insert_items(self, aid: str, plan: Preplan, items: Iterable[ChecklistItem], now: datetime) -> None:
        order = {s.id: i for i, (_, s) in enumerate(plan.items())}
        phase_seq = {p.id: i for i, p in enumerate(plan.phases)}
        s = self.store
        for it in items:
            due = it.started_from + timedelta(minutes=it.deadline_minutes) if (
                it.deadline_minutes is not None and it.deadline_after is None) else None
            s.insert("checklist_items", {
                "id": s.new_id(), "activation_id": aid, "seq": order[it.item_id], "item_id": it.item_id,
                "phase_id": it.phase_id, "phase_name": it.phase_name, "phase_seq": phase_seq[it.phase_id],
                "text": it.text, "group_id": it.group_id, "group_name": it.group_name,
                "from_level": int(it.from_level),
                "deadline_minutes": it.deadline_minutes, "deadline_after": it.deadline_after,
                "started_from": to_iso(now), "due_at": to_iso(due),
                "evidence_required": json.dumps(list(it.evidence_required), ensure_ascii=False),
                "depends_on": json.dumps(list(it.depends_on), ensure_ascii=False)})

    def candidates(self, exclude: set[str] | frozenset[str] = frozenset()) -> list[Candidate]:
        out = [Candidate(u["id"], "unit", u["callsign"], u["lat"], u["lon"], "", {"type": u["type"]})
               for u in self.resources.units()
               if u["status"] == "available" and u["lat"] is not None and u["id"] not in exclude]
        out += [Candidate(r["id"], r["kind"], r["name"], r["lat"], r["lon"], r["district"], r["attrs"])
                for r in self.resources.resources() if r["available"] and r["id"] not in exclude]
        return out

    def _dispatch(self, aid: str, inc: Incident, plan: Preplan, requests: Iterable[ResourceRequest],
                  now: datetime) -> Changes:
        """Record the domain's picks as dispatch orders; units and resources leave the pool through
        their own service, in this transaction."""
        s = self.store
        changes = Changes()
        decided = plan_dispatch(inc, requests, self.candidates())
        for pick in decided.picks:
            c, km, req = pick.allocation.resource, pick.allocation.distance_km, pick.request
            s.insert("dispatches", {"id": s.new_id(), "activation_id": aid, "incident_id": inc.id,
                                    "request_type": req.type, "rule": req.rule.value, "resource_id": c.id,
                                    "resource_kind": c.kind, "resource_name": c.name,
                                    "distance_km": round(km, 2), "ordered_at": to_iso(now),
                                    "state": pick.state})
            if pick.takes_from_pool:
                if c.kind == "unit":
                    changes.merge(self.resources.set_unit_status(c.id, "dispatched").changes)
                else:
                    changes.merge(self.resources.set_available(c.id, False).changes)
            changes.merge(self.log.append(Category.DISPATCH, self.texts(
                f"preplan.dispatch_{pick.state}", title=plan.title, name=c.name, type=req.type,
                km=f"{km:.1f}"),
                incident_id=inc.id, unit_id=c.id if c.kind == "unit" else None, at=to_iso(now)).changes)
        for req, found in decided.shortfalls:
            changes.merge(self.log.append(Category.DISPATCH, self.texts(
                "preplan.shortfall", title=plan.title, type=req.type, count=req.count, found=found,
                missing=req.count - found), incident_id=inc.id, at=to_iso(now)).changes)
        return changes

    def _recipients(self, aid: str, n: Notification) -> list[str]:
        if n.channel not in RADIO:
            return list(n.to)
        col = RADIO[n.channel]
        out: list[str] = []
        for to in n.to:
            if to == "dispatched":
                rows = self.store.rows(
                    f"SELECT u.{col} AS ident FROM dispatches d JOIN units u ON u.id = d.resource_id "
                    f"WHERE d.activation_id = ? AND d.resource_kind = 'unit' AND u.{col} IS NOT NULL "
                    f"AND u.{col} != '' ORDER BY d.distance_km", (aid,))
                out += [r["ident"] for r in rows]
            else:
                out.append(to)
        return list(dict.fromkeys(out))

    def _notify(self, aid: str, inc: Incident, notes: Iterable[Notification], now: datetime) -> Changes:
        """Queue each notification in the outbox through its service. Radio channels go to real
        identities: a TETRA group or unit SSI, a BeiDou card, or `dispatched` (every unit this activation
        sent that has one). They wait as no_link; the device manager hears of them from these Changes.
        SMS goes to the modem when one is configured and switched on. A channel no device here sends on
        (phone, broadcast, SMS without a modem) becomes a task for the officer instead."""
        t = self.texts
        changes = Changes()
        served = self._outbox.served_channels()
        for n in notes:
            if is_manual(n.channel, served):
                changes.merge(self._manual_notice(aid, inc, n, now))
                continue
            if n.channel == "sms":  # the modem reaches numbers; a named office is the officer's to text
                named = tuple(to for to in n.to if not is_phone_number(to))
                if named:
                    changes.merge(self._manual_notice(aid, inc, replace(n, to=named), now))
                    n = replace(n, to=tuple(to for to in n.to if is_phone_number(to)))
                    if not n.to:
                        continue
            recipients = self._recipients(aid, n)
            for to in recipients or [""]:
                changes.merge(self._outbox.enqueue(n.channel, to, n.text, incident_id=inc.id,
                                                   activation_id=aid,
                                                  ref=f"preplan:{n.template_id}", linked=False).changes)
            shown = t.join([t("preplan.dispatched_units") if to == "dispatched" else to for to in n.to]) \
                or t("preplan.nobody")
            if n.channel in RADIO and recipients:
                shown += t("preplan.terminals", n=len(recipients))
            changes.merge(self.log.append(Category.INSTRUCTION, t(
                "preplan.notified", name=n.name, channel=t.word(CHANNEL, n.channel), to=shown, text=n.text),
                incident_id=inc.id, at=to_iso(now)).changes)
        return changes

    def _manual_notice(self, aid: str, inc: Incident, n: Notification, now: datetime) -> Changes:
        """One task per recipient ("call the municipal duty room and confirm"), due with the checklist item
        of the same name if the plan has one, and one log entry saying it waits for the officer."""
        t = self.texts
        changes = Changes()
        item_due = from_iso(
            self.store.scalar(
                "SELECT due_at FROM checklist_items WHERE activation_id = ? AND item_id = ?",
                (aid, n.template_id),
            )
        )
        due = notice_due(now, item_due)
        channel = t.word(CHANNEL, n.channel)
        for to in n.to or [t("preplan.nobody")]:
            title = (
                t("task.notify_phone", to=to)
                if n.channel == "phone"
                else t("task.notify", to=to, channel=channel)
            )
            changes.merge(self._tasks.add_notice(n.channel, to, title, n.text, due, incident_id=inc.id,
                                                 activation_id=aid, ref=f"preplan:{n.template_id}").changes)
        changes.merge(self.log.append(Category.INSTRUCTION, t(
            "task.created", name=n.name, channel=channel, to=t.join(list(n.to)) or t("preplan.nobody"),
            due=due.astimezone().strftime("%H:%M"), text=n.text), incident_id=inc.id, at=to_iso(now)).changes)
        return changes

    # -- escalation and stand-down ---------------------------------------------------------------------
    def escalate(self, activation_id: str, new_level: Level) -> Result[None]:
        self.log.require(Action.PREPLAN_ACTIVATION)
        act = self._active(activation_id)
        new_level = Level(new_level)
        if new_level == act.level:
            return Result(None)
        inc = self._incident(act.incident_id)
        plan = self.plan(act.plan_id, act.plan_version)
        s = self.store
        with s.transaction():
            now = s.clock.now()
            esc = escalate(plan, act.level, new_level, now)
            existing = {r["item_id"]: r for r in s.rows(
                "SELECT id, item_id, state FROM checklist_items WHERE activation_id = ?", (activation_id,))}
            fresh = [it for it in esc.add if it.item_id not in existing]
            self._insert_items(activation_id, plan, fresh, now)
            for it in esc.add:
                # back to a level it was retired from: in force again, timed from now
                if it.item_id in existing:
                    row = existing[it.item_id]
                    cols = {"retired": 0, "started_from": to_iso(now)}
                    if row["state"] == ItemState.SKIPPED:
                        cols.update(state=ItemState.TODO.value, reason="", changed_at=to_iso(now))
                    s.update("checklist_items", row["id"], cols)
            why = self.texts("preplan.retired_reason", old=act.level.roman, new=new_level.roman)
            for it in esc.retire:
                if it.item_id not in existing:
                    continue
                row = existing[it.item_id]
                cols = {"retired": 1}
                if row["state"] not in CLOSED:
                    cols.update(state=ItemState.SKIPPED.value, reason=why, changed_at=to_iso(now),
                                done_at=None)
                s.update("checklist_items", row["id"], cols)
            s.update("activations", activation_id, {"response_level": int(new_level)})
            self._refresh_dues(activation_id)
            key = "preplan.escalated" if new_level < act.level else "preplan.deescalated"
            changes = self.log.append(Category.SYSTEM, self.texts(
                key, title=plan.title, old=act.level.roman, new=new_level.roman, added=len(esc.add),
                retired=len(esc.retire)), incident_id=inc.id, at=to_iso(now)).changes
            changes.checklists.add(activation_id)
            changes.activations.add(activation_id)
            changes.merge(self._dispatch(activation_id, inc, plan, esc.add_resources, now))
            notes = [render(t, plan, inc, new_level, now) for t in esc.add_notifications]
            changes.merge(self._notify(activation_id, inc, notes, now))
        return Result(None, changes)

    def stand_down(self, activation_id: str, note: str = "") -> Result[None]:
        self.log.require(Action.PREPLAN_ACTIVATION)
        act = self._active(activation_id)
        s = self.store
        with s.transaction():
            now = s.clock.now()
            s.update("activations", activation_id, {"stood_down_at": to_iso(now)})
            changes = Changes(checklists={activation_id}, activations={activation_id})
            # People and vehicles sent by the plan come back into the pool; the orders stay as the record.
            for d in s.rows(
                "SELECT id, resource_id, resource_kind, state FROM dispatches WHERE activation_id = ?",
                (activation_id,),
            ):
                if d["state"] in ("ordered", "requested") and d["resource_kind"] in CONSUMED:
                    if d["resource_kind"] == "unit":
                        unit = self.resources.unit(d["resource_id"])
                        if unit is not None and unit["status"] == "dispatched":
                            changes.merge(self.resources.set_unit_status(d["resource_id"],
                                                                         "returning").changes)
                    else:
                        changes.merge(self.resources.set_available(d["resource_id"], True).changes)
                if d["state"] != "cancelled":
                    s.update("dispatches", d["id"], {"state": "done"})
            rows = self._rows(activation_id)
            active = [r for r in rows if not r["retired"]]
            closed = sum(1 for r in active if r["state"] in CLOSED)
            changes.merge(self.log.append(Category.SYSTEM, self.texts(
                "preplan.stood_down", title=act.plan_title, level=act.level.roman, closed=closed,
                total=len(active),
                note=note), incident_id=act.incident_id, at=to_iso(now)).changes)
        return Result(None, changes)

    # -- checklist items -------------------------------------------------------------------------------
    def set_item_state(self, item_row_id: str, state: ItemState | str, reason: str = "",
                       evidence: Mapping[str, str] | None = None) -> Result[None]:
        row = self._item_row(item_row_id)
        self.log.require(Action.CHECKLIST_ALL, item_group=row["group_id"])
        act = self._active(row["activation_id"])
        to = ItemState(state)
        s = self.store
        with s.transaction():
            now = s.clock.now()
            cl = Checklist([_item(r) for r in self._rows(act.id) if not r["retired"]])
            if row["retired"]:
                raise ValueError(f"事项“{row['text']}”已因响应级别调整退出")
            old = cl.item(row["item_id"])
            new = cl.set_state(row["item_id"], to, now, reason, evidence)
            s.update("checklist_items", item_row_id, {
                "state": new.state.value, "reason": new.reason, "changed_at": to_iso(new.changed_at),
                "done_at": to_iso(new.done_at),
                "evidence": json.dumps(dict(new.evidence), ensure_ascii=False)})
            self._refresh_dues(act.id)
            t = self.texts
            extra = t("preplan.item_reason", reason=new.reason) if new.reason else ""
            changes = self.log.append(Category.SYSTEM, t(
                "preplan.item_state", text=new.text, old=t.word(ITEM_STATE, old.state.value),
                new=t.word(ITEM_STATE, new.state.value), reason=extra), incident_id=act.incident_id,
                at=to_iso(now)).changes
        changes.checklists.add(act.id)
        return Result(None, changes)

    def set_assignee(self, item_row_id: str, assignee: str) -> Result[None]:
        return self._set_text(item_row_id, "assignee", assignee.strip())

    def set_notes(self, item_row_id: str, notes: str) -> Result[None]:
        return self._set_text(item_row_id, "notes", notes.strip())

    def set_evidence(self, item_row_id: str, kind: str, ref: str) -> Result[None]:
        row = self._item_row(item_row_id)
        evidence = {**json.loads(row["evidence"]), kind: ref.strip()}
        return self._set_text(item_row_id, "evidence", json.dumps(evidence, ensure_ascii=False))

    def _set_text(self, item_row_id: str, col: str, value: str) -> Result[None]:
        row = self._item_row(item_row_id)
        self.log.require(Action.CHECKLIST_ALL, item_group=row["group_id"])
        self._active(row["activation_id"])
        if row[col] == value:
            return Result(None)
        with self.store.transaction():
            self.store.update("checklist_items", item_row_id, {col: value})
        return Result(None, Changes(checklists={row["activation_id"]}))

    def _refresh_dues(self, activation_id: str) -> None:
        rows = [r for r in self._rows(activation_id) if not r["retired"]]
        cl = Checklist([_item(r) for r in rows])
        for r in rows:
            due = to_iso(cl.due(r["item_id"]))
            if due != r["due_at"]:
                self.store.update("checklist_items", r["id"], {"due_at": due})

    # -- reads -----------------------------------------------------------------------------------------
    def activations(self, incident_id: str) -> list[Activation]:
        return [_activation(r) for r in self.store.rows(
            "SELECT * FROM activations WHERE incident_id = ? ORDER BY activated_at DESC", (incident_id,))]

    def activation(self, activation_id: str) -> Activation:
        r = self.store.one("SELECT * FROM activations WHERE id = ?", (activation_id,))
        if r is None:
            raise KeyError(f"activation {activation_id} not found")
        return _activation(r)

    def checklist(self, activation_id: str) -> list[ItemRow]:
        rows = self._rows(activation_id)
        live = Checklist([_item(r) for r in rows if not r["retired"]])
        out = []
        for r in rows:
            it = _item(r)
            out.append(ItemRow(r["id"], it, r["phase_seq"], r["assignee"], r["notes"], bool(r["retired"]),
                               None if r["retired"] else live.due(it.item_id)))
        return out

    def dispatches(self, activation_id: str) -> list[dict]:
        return self.store.rows(
            "SELECT * FROM dispatches WHERE activation_id = ? ORDER BY ordered_at, distance_km",
            (activation_id,),
        )

    def tasks(self, activation_id: str):
        """The notices of this activation the officer must make by hand."""
        return self._tasks.for_activation(activation_id)

    def outbox(self, activation_id: str) -> list[dict]:
        return self.store.rows("SELECT * FROM outbox WHERE activation_id = ? ORDER BY created_at",
                               (activation_id,))

    def _rows(self, activation_id: str) -> list[dict]:
        return self.store.rows(
            "SELECT * FROM checklist_items WHERE activation_id = ? ORDER BY phase_seq, seq", (activation_id,)
        )

    def _item_row(self, item_row_id: str) -> dict:
        row = self.store.one("SELECT * FROM checklist_items WHERE id = ?", (item_row_id,))
        if row is None:
            raise KeyError(f"checklist item {item_row_id} not found")
        return row

    def _active(self, activation_id: str) -> Activation:
        act = self.activation(activation_id)
        if not act.active:
            raise ValueError(f"《{act.plan_title}》响应已终止，清单只读")
        return act

    def _incident(self, incident_id: str) -> Incident:
        inc = self.incidents.get(incident_id)
        if inc is None:
            raise KeyError(f"incident {incident_id} not found")
        return inc
