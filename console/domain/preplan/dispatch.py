"""Which of the city's resources a plan's resource request sends: the plan's resource types mapped to
unit types and resource kinds, then the request's rule (nearest available, everything in the
district, or the designated expert whose speciality the plan names), nearest first."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from console.domain.geo import haversine_m
from console.domain.incident import Incident
from console.domain.preplan.checklist import ResourceRequest
from console.domain.preplan.model import ResourceRule, district_key

# What a plan's resource type means among the city's resources ("kind", attr filter) and units ("unit", type).
# A type not listed still matches a unit type, a resource kind, attrs.type or a stockpile's contents by name.
RESOURCE_MAP: dict[str, tuple[tuple[str, ...], ...]] = {
    "消防车": (("unit", "fire_engine"),),
    "登高平台消防车": (("unit", "ladder"),),
    "化救消防车": (("unit", "hazmat"), ("team", "危化品处置")),
    "医疗救护车": (("unit", "ambulance"), ("team", "医疗救护")),
    "排涝泵车": (("unit", "pump"), ("vehicle", "移动泵车"), ("vehicle", "大流量排水车")),
    "抢险救援队伍": (("team", "防汛抢险"), ("team", "建设工程抢险"), ("team", "水上救援"),
                     ("unit", "rescue")),
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
CONSUMED = frozenset({"unit", "team", "vehicle", "expert"})
# The dispatch state a rule gives its picks: sent at once, told to stand by, or asked for.
STATE_OF_RULE = {ResourceRule.NEAREST_AVAILABLE: "ordered", ResourceRule.DISTRICT_ALL: "standby",
                 ResourceRule.DESIGNATED: "requested"}


@dataclass(frozen=True)
class Candidate:
    """A unit (kind "unit", attrs["type"] its unit type) or a resource (kind as stored) that could go."""

    id: str
    kind: str
    name: str
    lat: float
    lon: float
    district: str = ""
    attrs: Mapping = field(default_factory=dict)
    available: bool = True


@dataclass(frozen=True)
class Allocation:
    resource: Candidate
    distance_km: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return haversine_m(lat1, lon1, lat2, lon2) / 1000.0


def matches(type_: str, c: Candidate) -> bool:
    """Whether a candidate is what a plan's resource type asks for."""
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


def nearest_available(pool: Sequence[Candidate], lat: float, lon: float, type_: str,
                      count: int | None = None) -> list[Allocation]:
    """Available candidates of a type, nearest first; the first `count` of them when given."""
    fit = [Allocation(c, distance_km(lat, lon, c.lat, c.lon)) for c in pool if c.available and matches(type_,
                                                                                                       c)]
    fit.sort(key=lambda a: a.distance_km)
    return fit if count is None else fit[:max(0, count)]


def _speciality_overlap(note: str, c: Candidate) -> int:
    """How many two-character pieces of the plan's note appear in the expert's speciality."""
    spec = str(c.attrs.get("speciality", ""))
    return sum(1 for a, b in zip(note, note[1:], strict=False) if a + b in spec)


def allocate(incident: Incident, req: ResourceRequest, pool: Sequence[Candidate]) -> list[Allocation]:
    """The candidates a request's rule picks from the pool, nearest first."""
    fit = nearest_available(pool, incident.lat, incident.lon, req.type)
    if req.rule is ResourceRule.DISTRICT_ALL and incident.district:
        here = district_key(incident.district)
        local = [a for a in fit if a.resource.district and district_key(a.resource.district) == here]
        return local or fit[:req.count]
    if req.rule is ResourceRule.DESIGNATED and req.note:
        # A designated expert is the one whose speciality the plan names; distance only breaks ties.
        fit.sort(key=lambda a: (-_speciality_overlap(req.note, a.resource), a.distance_km))
    return fit[:req.count]


@dataclass(frozen=True)
class Pick:
    """One candidate sent for one request, with the state the request's rule gives it."""

    request: ResourceRequest
    allocation: Allocation
    state: str  # ordered | standby | requested

    @property
    def takes_from_pool(self) -> bool:
        return self.state != "standby" and self.allocation.resource.kind in CONSUMED


@dataclass(frozen=True)
class DispatchPlan:
    picks: list[Pick]
    shortfalls: list[tuple[ResourceRequest, int]]  # (request, how many were found) where too few were


def plan_dispatch(incident: Incident, requests: Iterable[ResourceRequest],
                  pool: Sequence[Candidate]) -> DispatchPlan:
    """Every request in turn; a candidate picked once is not offered to the next request."""
    left = list(pool)
    picks: list[Pick] = []
    shortfalls: list[tuple[ResourceRequest, int]] = []
    for req in requests:
        chosen = allocate(incident, req, left)
        taken = {a.resource.id for a in chosen}
        left = [c for c in left if c.id not in taken]
        picks += [Pick(req, a, STATE_OF_RULE[req.rule]) for a in chosen]
        if len(chosen) < req.count and req.rule is not ResourceRule.DISTRICT_ALL:
            shortfalls.append((req, len(chosen)))
    return DispatchPlan(picks, shortfalls)
