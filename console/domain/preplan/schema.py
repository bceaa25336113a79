"""Preplan YAML format: validation that names the path and line of every problem, then the model.

The document is composed into YAML nodes (which keep their marks) and walked once: each check that
fails records a Problem at the node's line, and the model is only returned when nothing failed.
"""
from __future__ import annotations

import math
import string
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from console.domain.incident import IncidentClass, Level
from console.domain.preplan.model import (
    CHANNELS,
    DISTRICTS,
    PLACEHOLDERS,
    RADIO_CHANNELS,
    SENSOR_OPS,
    WHOLE_CITY,
    CameraTarget,
    CommandGroup,
    DeadlineSpec,
    ItemSpec,
    NotificationTemplate,
    Phase,
    PlanKind,
    Preplan,
    PreplanError,
    Problem,
    ResourceNeed,
    ResourceRule,
    Scope,
    SensorThreshold,
    Trigger,
    district_key,
    parse_colour,
)
from console.domain.preplan.templates import check as check_template
from console.domain.preplan.yaml_nodes import MAX_DEPTH, MAX_FILE_CHARS, Refused, compose

__all__ = ["MAX_DEPTH", "MAX_FILE_CHARS", "check_text", "load_text"]

# A plan is a few hundred lines written by a person; these bounds are far above any real plan and far
# below what makes activation fail or stall (a billion-minute deadline, a 200 MB message).
MAX_TEXT_CHARS = 4000
MAX_DEADLINE_MINUTES = 30 * 24 * 60  # a month
MAX_COUNT = 10_000
MAX_RADIUS_M = 100_000
MAX_PEOPLE = 1_000_000

T = TypeVar("T")
_ID_CHARS = set(string.ascii_lowercase + string.digits + "_-.")


def check_text(text: str, source: str = "<preplan>") -> tuple[Preplan | None, list[Problem]]:
    """Validate a YAML document; the plan is None whenever there is at least one problem."""
    if len(text) > MAX_FILE_CHARS:
        return None, [Problem("", 1, f"the file has {len(text)} characters; a preplan may have at most "
                              f"{MAX_FILE_CHARS}", source)]
    try:
        root = compose(text)
    except Refused as e:
        return None, [Problem("", e.line, e.message, source)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        col = f", column {mark.column + 1}" if mark is not None else ""
        msg = " ".join(s for s in (e.context, e.problem) if s)
        return None, [Problem("", line, f"YAML syntax error at line {line}{col}: {msg}", source)]
    except yaml.YAMLError as e:  # reader errors (bad encoding) carry a position but no mark
        return None, [Problem("", 1, f"YAML error: {e}", source)]
    if root is None:
        return None, [Problem("", 1, "empty document: a preplan is a mapping", source)]
    v = _Validator(source)
    plan = v.plan(root, text)
    v.problems.sort(key=lambda p: p.line)
    return (plan if not v.problems else None), v.problems


def load_text(text: str, source: str = "<preplan>") -> Preplan:
    plan, problems = check_text(text, source)
    if problems or plan is None:
        raise PreplanError(problems)
    return plan


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing"
    value = node.value if len(node.value) <= 60 else node.value[:57] + "..."
    return f"{node.tag.rsplit(':', 1)[-1][:30]} {value!r}"


class _Validator:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def err(self, node: Node, path: str, message: str) -> None:
        self.problems.append(Problem(path, _line(node), message, self.source))

    # -- primitive checks: each returns None after recording a problem ---------------------------------

    def mapping(self, node: Node, path: str, required: Iterable[str], optional: Iterable[str] = ()
                ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.err(node, path, f"expected a mapping, got {_kind(node)}")
            return None
        req, allowed = set(required), set(required) | set(optional)
        out: dict[str, Node] = {}
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, ScalarNode) else None
            kpath = f"{path}.{key}" if path else str(key)
            if not isinstance(key, str) or key == "":
                self.err(knode, path, "keys must be non-empty text")
            elif key in out:
                self.err(knode, kpath, f"duplicate key {key!r}")
            elif key not in allowed:
                self.err(knode, kpath, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
            else:
                out[key] = vnode
        for key in sorted(req - out.keys()):
            self.err(node, path, f"missing required key {key!r}")
        return out

    def scalar(self, node: Node, path: str) -> Any:
        if not isinstance(node, ScalarNode):
            self.err(node, path, f"expected a single value, got {_kind(node)}")
            return None
        try:
            return self._constructor.construct_object(node)
        except yaml.YAMLError as e:
            self.err(node, path, f"bad value: {e}")
        # An explicit tag with a value it cannot hold (!!bool maybe, !!timestamp 2001-13-45, !!int with
        # 5,000 digits) fails inside PyYAML's constructors with a plain Python exception.
        except (ValueError, TypeError, KeyError, OverflowError, ArithmeticError) as e:
            self.err(node, path, f"bad value for its tag {node.tag.rsplit(':', 1)[-1][:30]}: {_kind(node)}"
                     f" ({type(e).__name__})")
        return None

    def text(self, node: Node, path: str) -> str | None:
        value = self.scalar(node, path)
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            self.err(node, path, f"text of {len(value)} characters; at most {MAX_TEXT_CHARS} are allowed")
            return None
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None or isinstance(node, ScalarNode):
            self.err(node, path, f"expected non-empty text, got {_kind(node)}")
        return None

    def ident(self, node: Node, path: str) -> str | None:
        value = self.text(node, path)
        if value is not None and not set(value) <= _ID_CHARS:
            self.err(node, path, f"identifier {value!r} may use only a-z, 0-9, '_', '-', '.'")
            return None
        return value

    def integer(self, node: Node, path: str, minimum: int = 0, maximum: int = MAX_PEOPLE) -> int | None:
        value = self.scalar(node, path)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(node, ScalarNode):
                self.err(node, path, f"expected a whole number, got {_kind(node)}")
            return None
        if value < minimum:
            self.err(node, path, f"must be at least {minimum}, got {str(value)[:30]}")
            return None
        if value > maximum:
            shown = str(value) if len(str(value)) <= 30 else f"a number of {len(str(value))} digits"
            self.err(node, path, f"must be at most {maximum}, got {shown}")
            return None
        return value

    def number(self, node: Node, path: str) -> float | None:
        value = self.scalar(node, path)
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(node, ScalarNode):
                self.err(node, path, f"expected a number, got {_kind(node)}")
            return None
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            self.err(node, path, f"expected a finite number, got {_kind(node)}")
            return None
        return number

    def boolean(self, node: Node, path: str) -> bool | None:
        value = self.scalar(node, path)
        if not isinstance(value, bool):
            if isinstance(node, ScalarNode):
                self.err(node, path, f"expected true or false, got {_kind(node)}")
            return None
        return value

    def parsed(self, node: Node, path: str, parse: Callable[[str], T]) -> T | None:
        value = self.scalar(node, path)
        if value is None:
            if isinstance(node, ScalarNode):
                self.err(node, path, "a value is required")
            return None
        try:
            return parse(str(value)[:MAX_TEXT_CHARS])
        except ValueError as e:
            self.err(node, path, str(e)[:300])
            return None

    def level(self, node: Node, path: str) -> Level | None:
        return self.parsed(node, path, Level.parse)

    def seq(self, node: Node, path: str, nonempty: bool = False) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.err(node, path, f"expected a list, got {_kind(node)}")
            return []
        if nonempty and not node.value:
            self.err(node, path, "must not be empty")
        return list(node.value)

    def texts(self, node: Node | None, path: str, nonempty: bool = False) -> tuple[str, ...]:
        if node is None:
            return ()
        out = (self.text(n, f"{path}[{i}]") for i, n in enumerate(self.seq(node, path, nonempty)))
        return tuple(t for t in out if t is not None)

    def each(self, node: Node | None, path: str, build: Callable[[Node, str], T | None],
             nonempty: bool = False) -> tuple[T, ...]:
        if node is None:
            return ()
        built = (build(n, f"{path}[{i}]") for i, n in enumerate(self.seq(node, path, nonempty)))
        return tuple(b for b in built if b is not None)

    # -- the document ----------------------------------------------------------------------------

    def plan(self, root: Node, text: str) -> Preplan | None:
        m = self.mapping(root, "", ("id", "title", "kind", "scope", "triggers", "command_groups", "phases"),
                         ("description", "version", "sample", "resources", "notifications", "cameras",
                          "references"))
        if m is None:
            return None
        pid = self.ident(m["id"], "id") if "id" in m else None
        title = self.text(m["title"], "title") if "title" in m else None
        kind = self.parsed(m["kind"], "kind", PlanKind.parse) if "kind" in m else None
        description = self.text(m["description"], "description") if "description" in m else ""
        version = self.parsed(m["version"], "version", str) if "version" in m else ""
        sample = self.boolean(m["sample"], "sample") if "sample" in m else False
        if sample and "示例" not in f"{title or ''}{description or ''}":
            self.err(m["sample"], "sample", "a sample plan must say 示例 in its title or description")
        scope = self.scope(m["scope"], "scope") if "scope" in m else None
        triggers = self.triggers(m["triggers"], "triggers") if "triggers" in m else ()
        groups = self.each(m.get("command_groups"), "command_groups", self.group, nonempty=True)
        phases = self.each(m.get("phases"), "phases", self.phase, nonempty=True)
        resources = self.each(m.get("resources"), "resources", self.resource)
        notifications = self.each(m.get("notifications"), "notifications", self.notification)
        cameras = self.each(m.get("cameras"), "cameras", self.camera)
        references = self.texts(m.get("references"), "references")
        self.cross_check(m, groups, phases, notifications)
        if self.problems or pid is None or title is None or kind is None or scope is None:
            return None
        return Preplan(
            id=pid, title=title, kind=kind, scope=scope, triggers=triggers,
            command_groups=groups, phases=phases, resources=resources, notifications=notifications,
            cameras=cameras, references=references, description=description or "",
            version=version or "", sample=bool(sample), source_text=text,
        )

    def scope(self, node: Node, path: str) -> Scope | None:
        m = self.mapping(node, path, ("classes",), ("types", "keywords", "districts"))
        if m is None:
            return None
        classes = self.each(m.get("classes"), f"{path}.classes",
                            lambda n, p: self.parsed(n, p, IncidentClass.parse), nonempty=True)
        districts = self.texts(m.get("districts"), f"{path}.districts")
        known = {*DISTRICTS, WHOLE_CITY}
        for i, d in enumerate(districts):
            if district_key(d) not in known:
                self.err(m["districts"].value[i], f"{path}.districts[{i}]",
                         f"unknown district {d!r} (one of Shanghai's 16 districts or {WHOLE_CITY})")
        return Scope(classes=classes, types=self.texts(m.get("types"), f"{path}.types"),
                     keywords=self.texts(m.get("keywords"), f"{path}.keywords"), districts=districts)

    def triggers(self, node: Node, path: str) -> tuple[Trigger, ...]:
        if not isinstance(node, MappingNode) or not node.value:
            self.err(node, path,
                     f"expected a mapping of response levels (Ⅰ-Ⅳ) to conditions, got {_kind(node)}")
            return ()
        out: dict[Level, Trigger] = {}
        for knode, vnode in node.value:
            lpath = f"{path}.{knode.value}"
            level = self.level(knode, lpath)
            if level is None:
                continue
            if level in out:
                self.err(knode, lpath, f"response level {level.roman} given twice")
                continue
            trig = self.trigger(vnode, lpath, level)
            if trig is not None:
                out[level] = trig
        return tuple(out[lv] for lv in sorted(out))

    def trigger(self, node: Node, path: str, level: Level) -> Trigger | None:
        conditions = ("incident_level", "casualties_min", "deaths_min", "warning_colours", "sensors")
        m = self.mapping(node, path, (), (*conditions, "description"))
        if m is None:
            return None
        if not any(c in m for c in conditions):
            self.err(node, path, f"gives no condition (one of {', '.join(conditions)})")
        return Trigger(
            level=level,
            incident_level=self.level(m["incident_level"], f"{path}.incident_level") if "incident_level" in m
            else None,
            casualties_min=self.integer(m["casualties_min"], f"{path}.casualties_min", 1)
            if "casualties_min" in m else None,
            deaths_min=self.integer(m["deaths_min"], f"{path}.deaths_min", 1) if "deaths_min" in m else None,
            warning_colours=self.each(m.get("warning_colours"), f"{path}.warning_colours",
                                      lambda n, p: self.parsed(n, p, parse_colour)),
            sensors=self.each(m.get("sensors"), f"{path}.sensors", self.sensor),
            description=self.text(m["description"],
                                  f"{path}.description") or "" if "description" in m else "",
        )

    def sensor(self, node: Node, path: str) -> SensorThreshold | None:
        m = self.mapping(node, path, ("kind", "op", "value"), ("unit", "name"))
        if m is None or not all(k in m for k in ("kind", "op", "value")):
            return None
        op = self.text(m["op"], f"{path}.op")
        if op is not None and op not in SENSOR_OPS:
            self.err(m["op"], f"{path}.op", f"operator must be one of {' '.join(SENSOR_OPS)}, got {op!r}")
        kind, value = self.ident(m["kind"], f"{path}.kind"), self.number(m["value"], f"{path}.value")
        unit = self.text(m["unit"], f"{path}.unit") if "unit" in m else ""
        name = self.text(m["name"], f"{path}.name") if "name" in m else ""
        if kind is None or value is None or op is None or op not in SENSOR_OPS:
            return None
        return SensorThreshold(kind=kind, op=op, value=value,
                               unit=unit or "", name=name or "")

    def group(self, node: Node, path: str) -> CommandGroup | None:
        m = self.mapping(node, path, ("id", "name"), ("lead", "roles", "duties"))
        if m is None or "id" not in m or "name" not in m:
            return None
        gid, name = self.ident(m["id"], f"{path}.id"), self.text(m["name"], f"{path}.name")
        lead = self.text(m["lead"], f"{path}.lead") if "lead" in m else ""
        duties = self.text(m["duties"], f"{path}.duties") if "duties" in m else ""
        roles = self.texts(m.get("roles"), f"{path}.roles")
        if gid is None or name is None:
            return None
        return CommandGroup(id=gid, name=name, lead=lead or "", roles=roles, duties=duties or "")

    def phase(self, node: Node, path: str) -> Phase | None:
        m = self.mapping(node, path, ("id", "name", "items"))
        if m is None or len(m) < 3:
            return None
        pid, name = self.ident(m["id"], f"{path}.id"), self.text(m["name"], f"{path}.name")
        items = self.each(m["items"], f"{path}.items", self.item, nonempty=True)
        if pid is None or name is None:
            return None
        return Phase(id=pid, name=name, items=items)

    def item(self, node: Node, path: str) -> ItemSpec | None:
        m = self.mapping(node, path, ("id", "text", "group"),
                         ("deadline", "evidence", "depends_on", "from_level"))
        if m is None or len(m.keys() & {"id", "text", "group"}) < 3:
            return None
        iid, text = self.ident(m["id"], f"{path}.id"), self.text(m["text"], f"{path}.text")
        group = self.ident(m["group"], f"{path}.group")
        deadline = self.deadline(m["deadline"], f"{path}.deadline") if "deadline" in m else None
        from_level = self.level(m["from_level"], f"{path}.from_level") if "from_level" in m else Level.IV
        evidence = self.texts(m.get("evidence"), f"{path}.evidence")
        depends = self.texts(m.get("depends_on"), f"{path}.depends_on")
        if iid is None or text is None or group is None or from_level is None or (
                "deadline" in m and deadline is None):
            return None
        return ItemSpec(id=iid, text=text, group=group, deadline=deadline, evidence=evidence,
                        depends_on=depends, from_level=from_level)

    def deadline(self, node: Node, path: str) -> DeadlineSpec | None:
        # A bare number is shorthand for minutes after activation.
        if isinstance(node, ScalarNode):
            minutes = self.integer(node, path, 1, MAX_DEADLINE_MINUTES)
            return DeadlineSpec(minutes) if minutes is not None else None
        m = self.mapping(node, path, ("minutes",), ("after",))
        if m is None or "minutes" not in m:
            return None
        minutes = self.integer(m["minutes"], f"{path}.minutes", 1, MAX_DEADLINE_MINUTES)
        after = self.ident(m["after"], f"{path}.after") if "after" in m else None
        if minutes is None or ("after" in m and after is None):
            return None
        return DeadlineSpec(minutes, None if after == "activation" else after)

    def resource(self, node: Node, path: str) -> ResourceNeed | None:
        m = self.mapping(node, path, ("type", "count"), ("rule", "from_level", "note"))
        if m is None or "type" not in m or "count" not in m:
            return None
        rtype, count = self.text(m["type"], f"{path}.type"), self.integer(m["count"], f"{path}.count", 1,
                                                                          MAX_COUNT)
        rule = self.parsed(m["rule"], f"{path}.rule",
                           _rule) if "rule" in m else ResourceRule.NEAREST_AVAILABLE
        from_level = self.level(m["from_level"], f"{path}.from_level") if "from_level" in m else Level.IV
        note = self.text(m["note"], f"{path}.note") if "note" in m else ""
        if rtype is None or count is None or rule is None or from_level is None:
            return None
        return ResourceNeed(type=rtype, count=count, rule=rule, from_level=from_level,
                            note=note or "")

    def notification(self, node: Node, path: str) -> NotificationTemplate | None:
        m = self.mapping(node, path, ("id", "name", "text"), ("channel", "to", "from_level"))
        if m is None or len(m.keys() & {"id", "name", "text"}) < 3:
            return None
        nid, name = self.ident(m["id"], f"{path}.id"), self.text(m["name"], f"{path}.name")
        text = self.text(m["text"], f"{path}.text")
        if text is not None:
            self.placeholders(m["text"], f"{path}.text", text)
        channel = self.text(m["channel"], f"{path}.channel") if "channel" in m else "sms"
        if channel is not None and channel not in CHANNELS:
            self.err(m["channel"], f"{path}.channel",
                     f"channel must be one of {', '.join(CHANNELS)}, got {channel!r}")
            channel = None
        from_level = self.level(m["from_level"], f"{path}.from_level") if "from_level" in m else Level.IV
        to = self.texts(m.get("to"), f"{path}.to")
        if channel in RADIO_CHANNELS:
            for i, who in enumerate(to):
                if who != "dispatched" and not who.isdigit():
                    self.err(m["to"], f"{path}.to[{i}]",
                             f"a {channel} recipient is 'dispatched' or a numeric "
                             f"identity (SSI or BeiDou card), got {who!r}")
        if nid is None or name is None or text is None or channel is None or from_level is None:
            return None
        return NotificationTemplate(id=nid, name=name, text=text, channel=channel, to=to,
                                    from_level=from_level)

    def placeholders(self, node: Node, path: str, text: str) -> None:
        problem = check_template(text, PLACEHOLDERS)
        if problem is not None:
            self.err(node, path, problem)

    def camera(self, node: Node, path: str) -> CameraTarget | None:
        m = self.mapping(node, path, ("name",), ("category", "radius_m"))
        if m is None or "name" not in m:
            return None
        name = self.text(m["name"], f"{path}.name")
        category = self.text(m["category"], f"{path}.category") if "category" in m else ""
        radius = self.integer(m["radius_m"], f"{path}.radius_m", 1, MAX_RADIUS_M) if "radius_m" in m else 1000
        if name is None or radius is None:
            return None
        return CameraTarget(name=name, category=category or "", radius_m=radius)

    # -- references between parts ----------------------------------------------------------------

    def cross_check(self, m: dict[str, Node], groups: tuple[CommandGroup, ...], phases: tuple[Phase, ...],
                    notifications: tuple[NotificationTemplate, ...]) -> None:
        self.unique(m.get("command_groups"), "command_groups", [g.id for g in groups], "command group")
        self.unique(m.get("notifications"), "notifications", [n.id for n in notifications], "notification")
        group_ids = {g.id for g in groups}
        phase_nodes = m["phases"].value if isinstance(m.get("phases"), SequenceNode) else []
        self.unique(m.get("phases"), "phases", [p.id for p in phases], "phase")
        located: dict[str, tuple[ItemSpec, Node, str]] = {}
        known: dict[str, str] = {}  # every item id written, built or not, so one bad item does not cascade
        for pi, pnode in enumerate(phase_nodes):
            inodes = _child(pnode, "items")
            items = inodes.value if isinstance(inodes, SequenceNode) else []
            for ii, inode in enumerate(items):
                ipath = f"phases[{pi}].items[{ii}]"
                idnode = _child(inode, "id")
                if not isinstance(idnode, ScalarNode):
                    continue
                if idnode.value in known:
                    self.err(idnode, f"{ipath}.id",
                             f"duplicate item id {idnode.value!r} (also {known[idnode.value]})")
                    continue
                known[idnode.value] = ipath
                spec = _spec_for(inode, phases)
                if spec is not None:
                    located[spec.id] = (spec, inode, ipath)
        for spec, inode, ipath in located.values():
            if spec.group not in group_ids:
                self.err(_child(inode, "group") or inode, f"{ipath}.group",
                         f"no command group {spec.group!r} (defined: {', '.join(sorted(group_ids))})")
            for j, dep in enumerate(spec.depends_on):
                if dep not in known or dep == spec.id:
                    self.err(_child(inode, "depends_on") or inode, f"{ipath}.depends_on[{j}]",
                             f"no other item {dep!r}")
            after = spec.deadline.after if spec.deadline else None
            if after is not None and (after not in known or after == spec.id):
                self.err(_child(inode, "deadline") or inode, f"{ipath}.deadline.after",
                         f"no other item {after!r} (use 'activation' or an item id)")
        self.cycles(located)

    def cycles(self, located: dict[str, tuple[ItemSpec, Node, str]]) -> None:
        def edges(spec: ItemSpec) -> set[str]:
            after = {spec.deadline.after} if spec.deadline and spec.deadline.after else set()
            return {d for d in (*spec.depends_on, *after) if d in located and d != spec.id}

        # Depth-first without recursion: a chain of a thousand items, each waiting for the one before,
        # must not exhaust Python's stack.
        state: dict[str, int] = {}  # 1 visiting, 2 done
        for root in located:
            if root in state:
                continue
            state[root] = 1
            chain = [root]
            stack = [iter(sorted(edges(located[root][0])))]
            while stack:
                nxt = next(stack[-1], None)
                if nxt is None:
                    state[chain.pop()] = 2
                    stack.pop()
                    continue
                if state.get(nxt) == 1:
                    iid = chain[-1]
                    _, node, path = located[iid]
                    ring = [*chain[chain.index(nxt):], nxt]
                    if len(ring) > 12:
                        ring = [*ring[:6], f"... {len(ring) - 10} more ...", *ring[-4:]]
                    loop = " -> ".join(ring)
                    self.err(node, path, f"items wait for each other in a loop: {loop}")
                elif nxt not in state:
                    state[nxt] = 1
                    chain.append(nxt)
                    stack.append(iter(sorted(edges(located[nxt][0]))))

    def unique(self, node: Node | None, path: str, ids: list[str], what: str) -> None:
        if not isinstance(node, SequenceNode):
            return
        seen: set[str] = set()
        nodes = [n for n in node.value if _child(n, "id") is not None]
        for i, (ident, n) in enumerate(zip(ids, nodes, strict=False)):
            if ident in seen:
                self.err(n, f"{path}[{i}].id", f"duplicate {what} id {ident!r}")
            seen.add(ident)


def _child(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def _spec_for(inode: Node, phases: tuple[Phase, ...]) -> ItemSpec | None:
    idnode = _child(inode, "id")
    if idnode is None:
        return None
    return next((it for p in phases for it in p.items if it.id == idnode.value), None)


def _rule(text: str) -> ResourceRule:
    try:
        return ResourceRule(text.strip())
    except ValueError:
        raise ValueError(f"unknown rule {text!r} (one of {', '.join(r.value for r in ResourceRule)})")
