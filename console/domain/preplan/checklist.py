"""Activating a preplan: the checklist draft, the item state machine, deadlines, escalation, resources.

Everything takes `now` from the caller so that the service decides the clock and tests never sleep.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from console.domain.incident import CLASS_NAMES_ZH, Incident, Level
from console.domain.preplan.model import (
    COLOUR_NAMES_ZH,
    CameraTarget,
    ItemSpec,
    NotificationTemplate,
    Preplan,
    ResourceNeed,
    ResourceRule,
    parse_colour,
)
from console.domain.preplan.templates import render as render_template

LEVEL_NAMES_ZH = {Level.I: "特别重大", Level.II: "重大", Level.III: "较大", Level.IV: "一般"}
UNKNOWN = "（待核实）"


class ItemState(enum.StrEnum):
    TODO = "todo"  # 待办
    IN_PROGRESS = "in_progress"  # 进行中
    DONE = "done"  # 完成
    SKIPPED = "skipped"  # 跳过
    BLOCKED = "blocked"  # 受阻

    @property
    def zh(self) -> str:
        return STATE_NAMES_ZH[self]


STATE_NAMES_ZH = {
    ItemState.TODO: "待办",
    ItemState.IN_PROGRESS: "进行中",
    ItemState.DONE: "完成",
    ItemState.SKIPPED: "跳过",
    ItemState.BLOCKED: "受阻",
}

# Done and skipped can be reopened: a box ticked by mistake in the field must be recoverable.
TRANSITIONS: dict[ItemState, frozenset[ItemState]] = {
    ItemState.TODO: frozenset({ItemState.IN_PROGRESS, ItemState.DONE, ItemState.SKIPPED, ItemState.BLOCKED}),
    ItemState.IN_PROGRESS: frozenset({ItemState.TODO, ItemState.DONE, ItemState.SKIPPED, ItemState.BLOCKED}),
    ItemState.BLOCKED: frozenset({ItemState.TODO, ItemState.IN_PROGRESS, ItemState.DONE, ItemState.SKIPPED}),
    ItemState.DONE: frozenset({ItemState.IN_PROGRESS}),
    ItemState.SKIPPED: frozenset({ItemState.TODO}),
}
CLOSED = frozenset({ItemState.DONE, ItemState.SKIPPED})


class TransitionError(ValueError):
    pass


@dataclass(frozen=True)
class ChecklistItem:
    item_id: str
    phase_id: str
    phase_name: str
    text: str
    group_id: str
    group_name: str
    deadline_minutes: int | None
    deadline_after: str | None  # None: counted from `started_from`; else the item whose completion starts it
    started_from: datetime  # activation, or the escalation that added the item
    evidence_required: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    from_level: Level = Level.IV
    state: ItemState = ItemState.TODO
    reason: str = ""  # why skipped or blocked
    evidence: Mapping[str, str] = field(default_factory=dict)  # kind -> reference (photo id, note...)
    changed_at: datetime | None = None
    done_at: datetime | None = None

    @property
    def closed(self) -> bool:
        return self.state in CLOSED

    def missing_evidence(self) -> tuple[str, ...]:
        return tuple(e for e in self.evidence_required if not self.evidence.get(e))


def transition(item: ChecklistItem, to: ItemState, now: datetime, reason: str = "",
               evidence: Mapping[str, str] | None = None) -> ChecklistItem:
    """The item in its new state; refuses moves the state machine forbids and skips without a reason."""
    if to == item.state:
        raise TransitionError(f"事项“{item.text}”已是{to.zh}状态")
    if to not in TRANSITIONS[item.state]:
        raise TransitionError(f"事项“{item.text}”不能从{item.state.zh}改为{to.zh}")
    reason = reason.strip()
    if to is ItemState.SKIPPED and not reason:
        raise TransitionError(f"跳过事项“{item.text}”须说明理由")
    merged = {**item.evidence, **(evidence or {})}
    if to is ItemState.DONE:
        missing = [e for e in item.evidence_required if not merged.get(e)]
        if missing:
            raise TransitionError(f"事项“{item.text}”完成前须提供：{'、'.join(missing)}")
    keep_reason = to in (ItemState.SKIPPED, ItemState.BLOCKED)
    return replace(item, state=to, reason=reason if keep_reason else "", evidence=merged, changed_at=now,
                   done_at=now if to is ItemState.DONE else None)


@dataclass
class Checklist:
    """The live checklist of one activation; items keep the plan's order."""

    items: list[ChecklistItem]

    def __post_init__(self) -> None:
        self._index = {it.item_id: i for i, it in enumerate(self.items)}

    def item(self, item_id: str) -> ChecklistItem:
        return self.items[self._index[item_id]]

    def set_state(self, item_id: str, to: ItemState, now: datetime, reason: str = "",
                  evidence: Mapping[str, str] | None = None) -> ChecklistItem:
        item = self.item(item_id)
        if to in (ItemState.IN_PROGRESS, ItemState.DONE):
            waiting = [d for d in item.depends_on if d in self._index and not self.item(d).closed]
            if waiting:
                names = "、".join(f"“{self.item(d).text}”" for d in waiting)
                raise TransitionError(f"事项“{item.text}”须等待{names}完成")
        new = transition(item, to, now, reason, evidence)
        self.items[self._index[item_id]] = new
        return new

    def due(self, item_id: str) -> datetime | None:
        """Absolute deadline; an item timed after another has none until that one is done (or skipped)."""
        item = self.item(item_id)
        if item.deadline_minutes is None:
            return None
        minutes = timedelta(minutes=item.deadline_minutes)
        if item.deadline_after is None:
            return item.started_from + minutes
        if item.deadline_after not in self._index:
            return item.started_from + minutes  # the anchor was retired: fall back to the activation clock
        anchor = self.item(item.deadline_after)
        if anchor.state is ItemState.DONE and anchor.done_at is not None:
            return anchor.done_at + minutes
        if anchor.state is ItemState.SKIPPED and anchor.changed_at is not None:
            return anchor.changed_at + minutes
        return None

    def overdue(self, now: datetime) -> list[ChecklistItem]:
        out = []
        for it in self.items:
            due = self.due(it.item_id)
            if not it.closed and due is not None and due < now:
                out.append(it)
        return out

    def remaining(self, item_id: str, now: datetime) -> timedelta | None:
        due = self.due(item_id)
        return None if due is None else due - now

    def progress(self) -> tuple[int, int]:
        return sum(1 for it in self.items if it.closed), len(self.items)

    def apply_escalation(self, esc: Escalation, now: datetime) -> None:
        """Add the new level's items (timed from now) and skip the retired ones that are not closed yet."""
        for it in esc.add:
            if it.item_id not in self._index:
                self._index[it.item_id] = len(self.items)
                self.items.append(replace(it, started_from=now))
        for spec in esc.retire:
            if spec.item_id in self._index and not self.item(spec.item_id).closed:
                reason = f"响应级别由{esc.from_level.roman}级调整为{esc.to_level.roman}级，本事项不再适用"
                self.items[self._index[spec.item_id]] = replace(
                    self.item(spec.item_id), state=ItemState.SKIPPED, reason=reason, changed_at=now,
                    done_at=None)


@dataclass(frozen=True)
class ResourceRequest:
    type: str
    count: int
    rule: ResourceRule
    note: str = ""


@dataclass(frozen=True)
class Notification:
    template_id: str
    name: str
    channel: str
    to: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class ChecklistDraft:
    """What activating a plan proposes; the service stores it in one transaction."""

    plan_id: str
    plan_title: str
    incident_id: str
    response_level: Level
    activated_at: datetime
    items: tuple[ChecklistItem, ...]
    resources: tuple[ResourceRequest, ...]
    notifications: tuple[Notification, ...]
    cameras: tuple[CameraTarget, ...]

    def checklist(self) -> Checklist:
        return Checklist(list(self.items))


def activate(plan: Preplan, response_level: Level, incident: Incident, now: datetime) -> ChecklistDraft:
    return ChecklistDraft(
        plan_id=plan.id,
        plan_title=plan.title,
        incident_id=incident.id,
        response_level=response_level,
        activated_at=now,
        items=tuple(_items(plan, [s for _, s in plan.items() if s.applies_at(response_level)], now)),
        resources=tuple(_request(r) for r in plan.resources if r.applies_at(response_level)),
        notifications=tuple(render(n, plan, incident, response_level, now)
                            for n in plan.notifications if n.applies_at(response_level)),
        cameras=plan.cameras,
    )


@dataclass(frozen=True)
class Escalation:
    from_level: Level
    to_level: Level
    add: tuple[ChecklistItem, ...]  # items of to_level not in from_level (escalating)
    retire: tuple[ChecklistItem, ...]  # items of from_level not in to_level (de-escalating)
    add_resources: tuple[ResourceRequest, ...]
    add_notifications: tuple[NotificationTemplate, ...]


def escalate(plan: Preplan, from_level: Level, to_level: Level, now: datetime | None = None) -> Escalation:
    """The difference between the two levels' item sets; `now` times the added items (default:
    unset epoch)."""
    start = now or datetime.min
    specs = [s for _, s in plan.items()]
    add = [s for s in specs if s.applies_at(to_level) and not s.applies_at(from_level)]
    retire = [s for s in specs if s.applies_at(from_level) and not s.applies_at(to_level)]
    return Escalation(
        from_level=from_level,
        to_level=to_level,
        add=tuple(_items(plan, add, start)),
        retire=tuple(_items(plan, retire, start)),
        add_resources=tuple(_request(r) for r in plan.resources
                            if r.applies_at(to_level) and not r.applies_at(from_level)),
        add_notifications=tuple(n for n in plan.notifications
                                if n.applies_at(to_level) and not n.applies_at(from_level)),
    )


def _items(plan: Preplan, specs: Iterable[ItemSpec], start: datetime) -> list[ChecklistItem]:
    phase_of = {s.id: p for p, s in plan.items()}
    chosen = {s.id for s in specs}
    out = []
    for s in specs:
        group = plan.group(s.group)
        # Dependencies on items not active at this level would block forever: drop them.
        deps = tuple(d for d in s.depends_on if d in chosen)
        out.append(ChecklistItem(
            item_id=s.id, phase_id=phase_of[s.id].id, phase_name=phase_of[s.id].name, text=s.text,
            group_id=s.group, group_name=group.name if group else s.group,
            deadline_minutes=s.deadline.minutes if s.deadline else None,
            deadline_after=s.deadline.after if s.deadline else None, started_from=start,
            evidence_required=s.evidence, depends_on=deps, from_level=s.from_level,
        ))
    return out


def _request(r: ResourceNeed) -> ResourceRequest:
    return ResourceRequest(type=r.type, count=r.count, rule=r.rule, note=r.note)


def placeholders(plan: Preplan, incident: Incident, response_level: Level, now: datetime) -> dict[str, str]:
    try:
        colour = COLOUR_NAMES_ZH[parse_colour(incident.warning_colour)] if incident.warning_colour else "无"
    except ValueError:
        colour = incident.warning_colour

    def or_unknown(s: str) -> str:
        return s.strip() or UNKNOWN

    return {
        "title": incident.title, "incident_id": incident.id, "address": or_unknown(incident.address),
        "district": or_unknown(incident.district),
        "class_name": CLASS_NAMES_ZH.get(incident.klass, str(incident.klass)),
        "type": or_unknown(incident.type), "level": f"{incident.level.roman}级",
        "level_name": LEVEL_NAMES_ZH[incident.level], "response_level": f"{response_level.roman}级",
        "plan_title": plan.title, "reported_at": f"{incident.reported_at:%m月%d日%H:%M}",
        "activated_at": f"{now:%m月%d日%H:%M}", "deaths": str(incident.deaths),
        "injuries": str(incident.injuries),
        "missing": str(incident.missing), "trapped": str(incident.trapped),
        "casualties": str(incident.casualties),
        "warning_colour": colour, "lat": f"{incident.lat:.5f}", "lon": f"{incident.lon:.5f}",
        "description": or_unknown(incident.description),
    }


def render(t: NotificationTemplate, plan: Preplan, incident: Incident, response_level: Level, now: datetime
           ) -> Notification:
    values = placeholders(plan, incident, response_level, now)
    return Notification(t.id, t.name, t.channel, t.to, render_template(t.text, values))
