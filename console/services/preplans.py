"""Structured preplans in use: stored versions, matching, one-key activation (checklist, dispatch orders,
queued notifications and duty-log entries in one transaction), item progress, escalation, stand-down.
Nothing is deleted: edits add a version, de-escalation retires items, stand-down closes the activation."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.domain.changes import Changes
from console.domain.clock import from_iso, to_iso
from console.domain.duty_log import Category
from console.domain.incident import Incident, Level
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
    haversine_km,
    match,
    suggest_level,
)
from console.domain.preplan.checklist import CLOSED, render
from console.domain.preplan.model import ResourceRule, district_key
from console.paths import PREPLANS
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.resources import ResourceService
from console.store.database import Store

# What a plan's resource type means among the city's resources ("kind", attr filter) and units ("unit", type).
# A type not listed still matches a unit type, a resource kind, attrs.type or a stockpile's contents by name.
RESOURCE_MAP: dict[str, tuple[tuple[str, ...], ...]] = {
    "消防车": (("unit", "fire_engine"),),
    "登高平台消防车": (("unit", "ladder"),),
    "化救消防车": (("unit", "hazmat"), ("team", "危化品处置")),
    "医疗救护车": (("unit", "ambulance"), ("team", "医疗救护")),
    "排涝泵车": (("unit", "pump"), ("vehicle", "移动泵车"), ("vehicle", "大流量排水车")),
    "抢险救援队伍": (("team", "防汛抢险"), ("team", "建设工程抢险"), ("team", "水上救援"), ("unit", "rescue")),
    "冲锋舟": (("unit", "boat"), ("vehicle", "冲锋舟运输车"), ("team", "水上救援")),
    "燃气抢修车": (("team", "燃气抢修"),),
    "电梯维保人员": (("team", "电梯救援"),),
    "大型吊车": (("vehicle", "抢险工程车"), ("team", "建设工程抢险")),
    "防汛物资仓库": (("stockpile",),),
    "应急避难场所": (("shelter",),),
    "微型消防站": (("micro_fire_station",),),
    "消防站": (("fire_station",),),
    "专家": (("expert",),),
}
# Taking one of these out of the pool: people and vehicles go; stations, shelters and stores stay open.
_CONSUMED = {"unit", "team", "vehicle", "expert"}
# Seeded sensor kinds spelled the way the plans' triggers spell them.
_SENSOR_ALIASES = {"rainfall": "rainfall_1h", "underpass_flood": "underpass_depth"}
SENSOR_RADIUS_KM = 10.0
_CHANNELS = {"sms": "短信", "phone": "电话", "broadcast": "广播", "radio": "电台", "fax": "传真", "app": "移动端",
             "tetra": "TETRA 电台", "beidou": "北斗短报文"}
RADIO = {"tetra": "issi", "beidou": "beidou_id"}  # channel -> the unit column holding its identity
NO_LINK = "no_link"  # no device link exists yet: the notification waits in the outbox


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
    """One checklist row as the views show it: the domain item plus who, notes, retirement and its deadline."""

    id: str
    item: ChecklistItem
    phase_seq: int
    assignee: str
    notes: str
    retired: bool
    due: datetime | None


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str  # resources.kind or "unit"
    type: str  # what the rule asked for; set when the candidate is matched
    name: str
    lat: float
    lon: float
    district: str
    attrs: Mapping


def _activation(r: dict) -> Activation:
    return Activation(r["id"], r["incident_id"], r["plan_id"], r["plan_title"], r["plan_version"],
                      Level(r["response_level"]), from_iso(r["activated_at"]), from_iso(r["stood_down_at"]))


def _item(r: dict) -> ChecklistItem:
    return ChecklistItem(
        item_id=r["item_id"], phase_id=r["phase_id"], phase_name=r["phase_name"], text=r["text"],
        group_id=r["group_id"], group_name=r["group_name"], deadline_minutes=r["deadline_minutes"],
        deadline_after=r["deadline_after"], started_from=from_iso(r["started_from"]),
        evidence_required=tuple(json.loads(r["evidence_required"])), depends_on=tuple(json.loads(r["depends_on"])),
        from_level=Level(r["from_level"]), state=ItemState(r["state"]), reason=r["reason"],
        evidence=json.loads(r["evidence"]), changed_at=from_iso(r["changed_at"]), done_at=from_iso(r["done_at"]))


def matches(type_: str, c: Candidate) -> bool:
    rules = RESOURCE_MAP.get(type_)
    if rules:
        for rule in rules:
            if rule[0] == "unit" and c.kind == "unit" and c.attrs.get("type") == rule[1]:
                return True
            if rule[0] == c.kind and (len(rule) == 1 or c.attrs.get("type") == rule[1]):
                return True
        return False
    contents = c.attrs.get("contents") or {}
    return type_ in (c.kind, c.attrs.get("type")) or bool(isinstance(contents, dict) and contents.get(type_))


class PreplanService:
    def __init__(self, store: Store, log: DutyLogService, incidents: IncidentService,
                 resources: ResourceService) -> None:
        self.store = store
        self.log = log
        self.incidents = incidents
        self.resources = resources
        self._parsed: dict[tuple[str, int], Preplan] = {}

    # -- plans and their versions ----------------------------------------------------------------------
    def import_yaml(self, text: str, source: str = "") -> tuple[Preplan, Changes]:
        """Validate and store as the plan's next version; an invalid plan raises PreplanError, storing nothing."""
        plan, problems = check_text(text, source or "<preplan>")
        if problems or plan is None:
            raise PreplanError(problems)
        s = self.store
        with s.transaction():
            cur = s.one("SELECT version, source_text FROM preplans WHERE id = ?", (plan.id,))
            if cur and cur["source_text"] == text:
                return plan, Changes()  # the same text again is not a new version
            version = (cur["version"] + 1) if cur else 1
            cols = {"title": plan.title, "kind": plan.kind.value, "sample": int(plan.sample), "version": version,
                    "label": plan.version, "source_text": text}
            if cur:
                s.update("preplans", plan.id, cols)
            else:
                s.insert("preplans", {"id": plan.id, **cols})
            s.append("preplan_versions", {"id": s.new_id(), "plan_id": plan.id, "version": version,
                                          "source_text": text, "source": source, "saved_at": to_iso(s.clock.now()),
                                          "author": self.log.author})
            e = self.log.append(Category.SYSTEM, f"预案《{plan.title}》保存为第{version}版（来源：{source or '导入'}）")
        return plan, Changes(preplans={plan.id}, duty_log={e.id})

    def check_yaml(self, text: str, source: str = "<preplan>"):
        return check_text(text, source)[1]

    def export_yaml(self, plan_id: str, version: int | None = None) -> str:
        if version is None:
            text = self.store.scalar("SELECT source_text FROM preplans WHERE id = ?", (plan_id,))
        else:
            text = self.store.scalar("SELECT source_text FROM preplan_versions WHERE plan_id = ? AND version = ?",
                                     (plan_id, version))
        if text is None:
            raise KeyError(f"preplan {plan_id} version {version} not found")
        return text

    def plan_rows(self) -> list[dict]:
        return self.store.rows("SELECT id, title, kind, sample, version, label FROM preplans ORDER BY title")

    def versions(self, plan_id: str) -> list[dict]:
        return self.store.rows("SELECT version, source, saved_at, author FROM preplan_versions WHERE plan_id = ? "
                               "ORDER BY version DESC", (plan_id,))

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

    def load_samples(self) -> Changes:
        """Import the shipped sample plans that are not in the database yet (idempotent)."""
        changes = Changes()
        with self.store.transaction():
            for path in sorted(PREPLANS.glob("*.yaml")):
                text = path.read_text(encoding="utf-8")
                plan, problems = check_text(text, path.name)
                if plan is None or self.store.scalar("SELECT 1 FROM preplans WHERE id = ?", (plan.id,)):
                    continue
                changes.merge(self.import_yaml(text, path.name)[1])
        return changes

    # -- matching --------------------------------------------------------------------------------------
    def sensor_readings(self, incident: Incident) -> dict[str, float]:
        """The highest reading of each sensor kind near the incident, named as the plans' triggers name them."""
        out: dict[str, float] = {}
        for r in self.store.rows("SELECT kind, lat, lon, value, unit FROM sensors WHERE value IS NOT NULL"):
            if haversine_km(incident.lat, incident.lon, r["lat"], r["lon"]) <= SENSOR_RADIUS_KM:
                kind = _SENSOR_ALIASES.get(r["kind"], r["kind"])
                value = r["value"] / 100 if r["unit"] == "cm" else r["value"]  # the plans state depths in metres
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
    def activate(self, incident_id: str, plan_id: str, level: Level) -> Changes:
        inc = self._incident(incident_id)
        level = Level(level)
        s = self.store
        with s.transaction():
            version = s.scalar("SELECT version FROM preplans WHERE id = ?", (plan_id,))
            if version is None:
                raise KeyError(f"preplan {plan_id} not found")
            if s.scalar("SELECT 1 FROM activations WHERE incident_id = ? AND plan_id = ? AND stood_down_at IS NULL",
                        (incident_id, plan_id)):
                raise ValueError("该预案已对本事件启动，请使用响应级别调整")
            plan = self.plan(plan_id, version)
            now = s.clock.now()
            draft = activate(plan, level, inc, now)
            aid = s.new_id()
            s.insert("activations", {"id": aid, "incident_id": incident_id, "plan_id": plan_id,
                                     "plan_version": version, "plan_title": plan.title, "response_level": int(level),
                                     "activated_at": to_iso(now), "author": self.log.author})
            changes = Changes(checklists={aid})
            e = self.log.append(Category.SYSTEM, f"启动《{plan.title}》{level.roman}级响应（第{version}版），"
                                f"清单{len(draft.items)}项", incident_id=incident_id, at=to_iso(now))
            changes.duty_log.add(e.id)
            self._insert_items(aid, plan, draft.items, now)
            changes.merge(self._dispatch(aid, inc, plan, draft.resources, now))
            changes.merge(self._notify(aid, inc, draft.notifications, now))
        return changes

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
                "text": it.text, "group_id": it.group_id, "group_name": it.group_name, "from_level": int(it.from_level),
                "deadline_minutes": it.deadline_minutes, "deadline_after": it.deadline_after,
                "started_from": to_iso(now), "due_at": to_iso(due),
                "evidence_required": json.dumps(list(it.evidence_required), ensure_ascii=False),
                "depends_on": json.dumps(list(it.depends_on), ensure_ascii=False)})

    def candidates(self, exclude: set[str] = frozenset()) -> list[Candidate]:
        out = [Candidate(u["id"], "unit", "", u["callsign"], u["lat"], u["lon"], "", {"type": u["type"]})
               for u in self.resources.units()
               if u["status"] == "available" and u["lat"] is not None and u["id"] not in exclude]
        out += [Candidate(r["id"], r["kind"], "", r["name"], r["lat"], r["lon"], r["district"], r["attrs"])
                for r in self.resources.resources() if r["available"] and r["id"] not in exclude]
        return out

    def allocate(self, inc: Incident, req: ResourceRequest, pool: list[Candidate]) -> list[tuple[Candidate, float]]:
        """The resources a request's rule picks from the pool, nearest first."""
        fit = [(c, haversine_km(inc.lat, inc.lon, c.lat, c.lon)) for c in pool if matches(req.type, c)]
        fit.sort(key=lambda cd: cd[1])
        if req.rule is ResourceRule.DISTRICT_ALL and inc.district:
            local = [cd for cd in fit if cd[0].district and district_key(cd[0].district) == district_key(
                inc.district)]
            return local or fit[:req.count]
        if req.rule is ResourceRule.DESIGNATED and req.note:
            # A designated expert is the one whose speciality the plan names; distance only breaks ties.
            def overlap(c: Candidate) -> int:
                spec = str(c.attrs.get("speciality", ""))
                return -sum(1 for a, b in zip(req.note, req.note[1:], strict=False) if a + b in spec)
            fit.sort(key=lambda cd: (overlap(cd[0]), cd[1]))
        return fit[:req.count]

    def _dispatch(self, aid: str, inc: Incident, plan: Preplan, requests: Iterable[ResourceRequest],
                  now: datetime) -> Changes:
        s = self.store
        changes = Changes()
        pool = self.candidates()
        state_of = {ResourceRule.NEAREST_AVAILABLE: "ordered", ResourceRule.DISTRICT_ALL: "standby",
                    ResourceRule.DESIGNATED: "requested"}
        verb = {"ordered": "调派", "standby": "通知待命", "requested": "请求"}
        for req in requests:
            picked = self.allocate(inc, req, pool)
            taken = {c.id for c, _ in picked}
            pool = [c for c in pool if c.id not in taken]
            state = state_of[req.rule]
            for c, km in picked:
                s.insert("dispatches", {"id": s.new_id(), "activation_id": aid, "incident_id": inc.id,
                                        "request_type": req.type, "rule": req.rule.value, "resource_id": c.id,
                                        "resource_kind": c.kind, "resource_name": c.name,
                                        "distance_km": round(km, 2), "ordered_at": to_iso(now), "state": state})
                if state != "standby" and c.kind in _CONSUMED:
                    if c.kind == "unit":
                        s.update("units", c.id, {"status": "dispatched"})
                        changes.units.add(c.id)
                    else:
                        s.update("resources", c.id, {"available": 0})
                        changes.resources.add(c.id)
                e = self.log.append(Category.DISPATCH, f"按《{plan.title}》{verb[state]}{c.name}（{req.type}，"
                                    f"距事发地{km:.1f}公里）", incident_id=inc.id,
                                    unit_id=c.id if c.kind == "unit" else None, at=to_iso(now))
                changes.duty_log.add(e.id)
            if len(picked) < req.count and req.rule is not ResourceRule.DISTRICT_ALL:
                e = self.log.append(Category.DISPATCH, f"《{plan.title}》要求{req.type}{req.count}个，可用{len(picked)}个，"
                                    f"缺口{req.count - len(picked)}个须人工协调", incident_id=inc.id, at=to_iso(now))
                changes.duty_log.add(e.id)
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
        """Queue each notification in the outbox. Radio channels go to real identities: a TETRA group or
        unit SSI, a BeiDou card, or `dispatched` (every unit this activation sent that has one). They
        wait as no_link until the device manager sees a link for their channel."""
        s = self.store
        changes = Changes()
        for n in notes:
            recipients = self._recipients(aid, n)
            for to in recipients or [""]:
                s.insert("outbox", {"id": s.new_id(), "created_at": to_iso(now), "channel": n.channel,
                                    "recipient": to, "text": n.text, "state": NO_LINK, "ref": f"preplan:{n.template_id}",
                                    "incident_id": inc.id, "activation_id": aid})
            shown = "、".join("出动单元" if t == "dispatched" else t for t in n.to) or "（未指定）"
            if n.channel in RADIO and recipients:
                shown += f"（{len(recipients)} 个终端）"
            e = self.log.append(Category.INSTRUCTION, f"通知【{n.name}】经{_CHANNELS.get(n.channel, n.channel)}发往{shown}"
                                f"（已进入发送队列）：{n.text}", incident_id=inc.id, at=to_iso(now))
            changes.duty_log.add(e.id)
        return changes

    # -- escalation and stand-down ---------------------------------------------------------------------
    def escalate(self, activation_id: str, new_level: Level) -> Changes:
        act = self._active(activation_id)
        new_level = Level(new_level)
        if new_level == act.level:
            return Changes()
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
                if it.item_id in existing:  # back to a level it was retired from: in force again, timed from now
                    row = existing[it.item_id]
                    cols = {"retired": 0, "started_from": to_iso(now)}
                    if row["state"] == ItemState.SKIPPED:
                        cols.update(state=ItemState.TODO.value, reason="", changed_at=to_iso(now))
                    s.update("checklist_items", row["id"], cols)
            why = f"响应级别由{act.level.roman}级调整为{new_level.roman}级，本事项不再适用"
            for it in esc.retire:
                row = existing.get(it.item_id)
                if row is None:
                    continue
                cols = {"retired": 1}
                if row["state"] not in CLOSED:
                    cols.update(state=ItemState.SKIPPED.value, reason=why, changed_at=to_iso(now), done_at=None)
                s.update("checklist_items", row["id"], cols)
            s.update("activations", activation_id, {"response_level": int(new_level)})
            self._refresh_dues(activation_id)
            words = "升级" if new_level < act.level else "降级"
            e = self.log.append(Category.SYSTEM, f"《{plan.title}》响应{words}：{act.level.roman}级→{new_level.roman}级，"
                                f"新增事项{len(esc.add)}项，退出事项{len(esc.retire)}项", incident_id=inc.id,
                                at=to_iso(now))
            changes = Changes(checklists={activation_id}, duty_log={e.id})
            changes.merge(self._dispatch(activation_id, inc, plan, esc.add_resources, now))
            notes = [render(t, plan, inc, new_level, now) for t in esc.add_notifications]
            changes.merge(self._notify(activation_id, inc, notes, now))
        return changes

    def stand_down(self, activation_id: str, note: str = "") -> Changes:
        act = self._active(activation_id)
        s = self.store
        with s.transaction():
            now = s.clock.now()
            s.update("activations", activation_id, {"stood_down_at": to_iso(now)})
            changes = Changes(checklists={activation_id})
            # People and vehicles sent by the plan come back into the pool; the orders stay as the record.
            for d in s.rows("SELECT id, resource_id, resource_kind, state FROM dispatches WHERE activation_id = ?",
                            (activation_id,)):
                if d["state"] in ("ordered", "requested") and d["resource_kind"] in _CONSUMED:
                    if d["resource_kind"] == "unit":
                        if s.scalar("SELECT status FROM units WHERE id = ?", (d["resource_id"],)) == "dispatched":
                            s.update("units", d["resource_id"], {"status": "returning"})
                            changes.units.add(d["resource_id"])
                    else:
                        s.update("resources", d["resource_id"], {"available": 1})
                        changes.resources.add(d["resource_id"])
                if d["state"] != "cancelled":
                    s.update("dispatches", d["id"], {"state": "done"})
            rows = self._rows(activation_id)
            active = [r for r in rows if not r["retired"]]
            closed = sum(1 for r in active if r["state"] in CLOSED)
            e = self.log.append(Category.SYSTEM, f"《{act.plan_title}》{act.level.roman}级响应终止，清单完成{closed}/"
                                f"{len(active)}项。{note}".strip(), incident_id=act.incident_id, at=to_iso(now))
            changes.duty_log.add(e.id)
        return changes

    # -- checklist items -------------------------------------------------------------------------------
    def set_item_state(self, item_row_id: str, state: ItemState | str, reason: str = "",
                       evidence: Mapping[str, str] | None = None) -> Changes:
        row = self._item_row(item_row_id)
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
                "done_at": to_iso(new.done_at), "evidence": json.dumps(dict(new.evidence), ensure_ascii=False)})
            self._refresh_dues(act.id)
            extra = f"（{new.reason}）" if new.reason else ""
            e = self.log.append(Category.SYSTEM, f"清单事项“{new.text}”：{old.state.zh}→{new.state.zh}{extra}",
                                incident_id=act.incident_id, at=to_iso(now))
        return Changes(checklists={act.id}, duty_log={e.id})

    def set_assignee(self, item_row_id: str, assignee: str) -> Changes:
        return self._set_text(item_row_id, "assignee", assignee.strip())

    def set_notes(self, item_row_id: str, notes: str) -> Changes:
        return self._set_text(item_row_id, "notes", notes.strip())

    def set_evidence(self, item_row_id: str, kind: str, ref: str) -> Changes:
        row = self._item_row(item_row_id)
        evidence = {**json.loads(row["evidence"]), kind: ref.strip()}
        return self._set_text(item_row_id, "evidence", json.dumps(evidence, ensure_ascii=False))

    def _set_text(self, item_row_id: str, col: str, value: str) -> Changes:
        row = self._item_row(item_row_id)
        self._active(row["activation_id"])
        if row[col] == value:
            return Changes()
        with self.store.transaction():
            self.store.update("checklist_items", item_row_id, {col: value})
        return Changes(checklists={row["activation_id"]})

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
        return self.store.rows("SELECT * FROM dispatches WHERE activation_id = ? ORDER BY ordered_at, distance_km",
                               (activation_id,))

    def outbox(self, activation_id: str) -> list[dict]:
        return self.store.rows("SELECT * FROM outbox WHERE activation_id = ? ORDER BY created_at", (activation_id,))

    def _rows(self, activation_id: str) -> list[dict]:
        return self.store.rows("SELECT * FROM checklist_items WHERE activation_id = ? ORDER BY phase_seq, seq",
                               (activation_id,))

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
