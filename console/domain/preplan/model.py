"""Structured preplans (结构化应急预案): the immutable shape a validated YAML plan is built into."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from console.domain.incident import IncidentClass, Level


class PlanKind(enum.StrEnum):
    """预案层级. Values are stable identifiers; YAML may use either these or the Chinese names."""

    GENERAL = "general"  # 总体预案
    SPECIAL = "special"  # 专项预案
    DEPARTMENTAL = "departmental"  # 部门预案
    ONSITE = "onsite"  # 现场处置方案

    @property
    def zh(self) -> str:
        return KIND_NAMES_ZH[self]

    @classmethod
    def parse(cls, text: str) -> PlanKind:
        t = str(text).strip()
        for k in cls:
            names = {k.value, KIND_NAMES_ZH[k], KIND_NAMES_ZH[k].removesuffix("预案")}
            if t.lower() in names or t in names:
                return k
        raise ValueError(f"unknown plan kind {text!r}")


KIND_NAMES_ZH = {
    PlanKind.GENERAL: "总体预案",
    PlanKind.SPECIAL: "专项预案",
    PlanKind.DEPARTMENTAL: "部门预案",
    PlanKind.ONSITE: "现场处置方案",
}

# Warning colours in their severity order; index + 1 is the matching level.
COLOURS = ("red", "orange", "yellow", "blue")
COLOUR_NAMES_ZH = {"red": "红色", "orange": "橙色", "yellow": "黄色", "blue": "蓝色"}
_COLOUR_ALIASES = {"红": "red", "橙": "orange", "黄": "yellow", "蓝": "blue"}


def parse_colour(text: str) -> str:
    t = str(text).strip().lower().removesuffix("色").removesuffix("预警")
    t = t.removesuffix("色")
    if t in COLOURS:
        return t
    if t in _COLOUR_ALIASES:
        return _COLOUR_ALIASES[t]
    raise ValueError(f"unknown warning colour {text!r} (red/orange/yellow/blue or 红/橙/黄/蓝)")


class ResourceRule(enum.StrEnum):
    NEAREST_AVAILABLE = "nearest_available"  # 就近调派可用力量
    DISTRICT_ALL = "district_all"  # 事发区内同类力量全部待命
    DESIGNATED = "designated"  # 预案指定单位

    @property
    def zh(self) -> str:
        return {"nearest_available": "就近调派", "district_all": "本区全部",
                "designated": "指定单位"}[self.value]


SENSOR_OPS = (">=", ">", "<=", "<")


@dataclass(frozen=True)
class SensorThreshold:
    kind: str  # e.g. "water_level", "rainfall_1h", "underpass_depth"
    op: str  # one of SENSOR_OPS
    value: float
    unit: str = ""
    name: str = ""  # Chinese label for reasons, e.g. "黄浦江水位"

    def met(self, reading: float) -> bool:
        return {
            ">=": reading >= self.value,
            ">": reading > self.value,
            "<=": reading <= self.value,
            "<": reading < self.value,
        }[self.op]


@dataclass(frozen=True)
class Trigger:
    """Conditions of one response level; any one condition met is enough (出现下列情形之一)."""

    level: Level
    incident_level: Level | None = None  # fires when the incident is this severe or worse
    casualties_min: int | None = None  # deaths + injuries + missing + trapped
    deaths_min: int | None = None
    warning_colours: tuple[str, ...] = ()
    sensors: tuple[SensorThreshold, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Scope:
    classes: tuple[IncidentClass, ...]
    types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()  # empty means the whole city


@dataclass(frozen=True)
class CommandGroup:
    id: str
    name: str  # e.g. 抢险救援组
    lead: str = ""  # 牵头单位
    roles: tuple[str, ...] = ()
    duties: str = ""


@dataclass(frozen=True)
class DeadlineSpec:
    minutes: int
    # None: after activation; otherwise the id of the item whose completion starts it
    after: str | None = None


@dataclass(frozen=True)
class ItemSpec:
    id: str
    text: str
    group: str  # CommandGroup.id
    deadline: DeadlineSpec | None = None
    evidence: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    from_level: Level = Level.IV  # applies at this response level and at every more severe one

    def applies_at(self, level: Level) -> bool:
        return level <= self.from_level


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class ResourceNeed:
    type: str
    count: int
    rule: ResourceRule = ResourceRule.NEAREST_AVAILABLE
    from_level: Level = Level.IV
    note: str = ""

    def applies_at(self, level: Level) -> bool:
        return level <= self.from_level


@dataclass(frozen=True)
class NotificationTemplate:
    id: str
    name: str
    text: str  # str.format placeholders, see checklist.PLACEHOLDERS
    channel: str = "sms"  # one of CHANNELS
    to: tuple[str, ...] = ()
    from_level: Level = Level.IV

    def applies_at(self, level: Level) -> bool:
        return level <= self.from_level


@dataclass(frozen=True)
class CameraTarget:
    name: str
    category: str = ""  # e.g. 下立交, 建设工地, 危化品仓储
    radius_m: int = 1000


@dataclass(frozen=True)
class Preplan:
    id: str
    title: str
    kind: PlanKind
    scope: Scope
    triggers: tuple[Trigger, ...]
    command_groups: tuple[CommandGroup, ...]
    phases: tuple[Phase, ...]
    resources: tuple[ResourceNeed, ...] = ()
    notifications: tuple[NotificationTemplate, ...] = ()
    cameras: tuple[CameraTarget, ...] = ()
    references: tuple[str, ...] = ()
    description: str = ""
    version: str = ""
    sample: bool = False
    source_text: str = field(default="", compare=False, repr=False)  # the YAML as loaded, for storage

    def items(self) -> list[tuple[Phase, ItemSpec]]:
        return [(p, it) for p in self.phases for it in p.items]

    def item(self, item_id: str) -> ItemSpec:
        for _, it in self.items():
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def group(self, group_id: str) -> CommandGroup | None:
        return next((g for g in self.command_groups if g.id == group_id), None)

    def trigger(self, level: Level) -> Trigger | None:
        return next((t for t in self.triggers if t.level == level), None)


# Placeholders a notification text may use; checklist.fill_placeholders supplies them from the incident.
PLACEHOLDERS = {
    "title": "事件标题",
    "incident_id": "事件编号",
    "address": "事发地址",
    "district": "所在区",
    "class_name": "事件类别",
    "type": "事件类型",
    "level": "事件等级（如Ⅱ级）",
    "level_name": "事件等级名称（如重大）",
    "response_level": "响应级别（如Ⅱ级）",
    "plan_title": "预案名称",
    "reported_at": "接报时间",
    "activated_at": "启动时间",
    "deaths": "死亡人数",
    "injuries": "受伤人数",
    "missing": "失联人数",
    "trapped": "被困人数",
    "casualties": "伤亡及被困合计",
    "warning_colour": "预警颜色",
    "lat": "纬度",
    "lon": "经度",
    "description": "事件描述",
}

DISTRICTS = (
    "黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行",
    "宝山", "嘉定", "浦东", "金山", "松江", "青浦", "奉贤", "崇明",
)
WHOLE_CITY = "全市"


def district_key(name: str) -> str:
    """'徐汇区', '徐汇' -> '徐汇'; '浦东新区' -> '浦东': incidents and plans spell districts either way."""
    return name.strip().removesuffix("区").removesuffix("新")


@dataclass(frozen=True)
class Problem:
    path: str  # e.g. "phases[1].items[3].deadline"; empty for the document itself
    line: int  # 1-based
    message: str
    source: str = "<preplan>"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.source}:{self.line}: {where}{self.message}"


class PreplanError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# How a notification travels. The radio channels go out through the device layer to real identities.
CHANNELS = ("sms", "phone", "broadcast", "fax", "app", "radio", "tetra", "beidou")
RADIO_CHANNELS = ("tetra", "beidou")
