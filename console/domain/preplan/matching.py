"""Matching an incident to preplans (预案智能匹配): a score and a plain-language reason per criterion."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from console.domain.incident import Incident, IncidentClass, Level
from console.domain.preplan.model import (
    WHOLE_CITY,
    PlanKind,
    Preplan,
    Trigger,
    district_key,
    parse_colour,
)
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.matching import CLASS
from console.domain.record_texts.sensors import COLOUR

# Points per criterion. The type and keyword evidence outweighs the class because every accident
# plan shares the class; triggers only refine the ranking between plans of the right scenario.
POINTS = {
    "class_match": 20,
    "class_mismatch": -30,
    "type_match": 30,
    "type_partial": 15,
    "keyword": 12,
    "district_match": 5,
    "district_outside": -15,
    "colour": 10,
    "casualties": 6,
    "deaths": 6,
    "level": 6,
    "sensor": 10,
}
KEYWORD_CAP = 48  # four keywords: beyond that a long keyword list would beat a precise type match
# Among equal scores a specific plan serves the scene better than the general one.
_KIND_ORDER = {PlanKind.ONSITE: 0, PlanKind.SPECIAL: 1, PlanKind.DEPARTMENTAL: 2, PlanKind.GENERAL: 3}

@dataclass(frozen=True)
class Reason:
    code: str  # a key of POINTS
    points: int
    params: dict = field(default_factory=dict)

    def describe(self, texts: RecordTexts | None = None) -> str:
        """In the console's language: class and colour travel as codes and are named here."""
        texts = texts or RecordTexts()
        params = dict(self.params)
        if "class_name" in params:
            params["class_name"] = texts.word(CLASS, str(params["class_name"]))
        if "colour" in params:
            params["colour"] = texts.word(COLOUR, str(params["colour"]))
        return texts(f"matching.{self.code}", **params)


@dataclass(frozen=True)
class MatchResult:
    plan: Preplan
    score: int
    reasons: tuple[Reason, ...]
    response_level: Level | None  # the most severe level whose trigger fires, None when none does

    @property
    def plan_id(self) -> str:
        return self.plan.id

    def describe(self, texts: RecordTexts | None = None) -> str:
        texts = texts or RecordTexts()
        return texts.join([r.describe(texts) for r in self.reasons], zh_sep="；")


def match(incident: Incident, plans: Iterable[Preplan], sensors: Mapping[str, float] | None = None,
          ) -> list[MatchResult]:
    """Every plan scored against the incident, best first (ties: on-site before special before general)."""
    text = _haystack(incident)
    results = [score_plan(incident, p, sensors or {}, text) for p in plans]
    results.sort(key=lambda r: (-r.score, _KIND_ORDER[r.plan.kind], r.plan.id))
    return results


def score_plan(incident: Incident, plan: Preplan, sensors: Mapping[str, float], text: str | None = None
               ) -> MatchResult:
    text = _haystack(incident) if text is None else text
    reasons: list[Reason] = []

    def add(code: str, points: int | None = None, **params: object) -> None:
        reasons.append(Reason(code, POINTS[code] if points is None else points, params))

    scope = plan.scope
    cls_name = incident.klass.value if isinstance(incident.klass, IncidentClass) else str(incident.klass)
    add("class_match" if incident.klass in scope.classes else "class_mismatch", class_name=cls_name)
    itype = incident.type.strip()
    if itype:
        # A plan type inside the incident's ("燃气泄漏" in "燃气泄漏爆炸") is precise; the reverse
        # ("火灾" in "燃气火灾") only says the scenario is related.
        full = next((t for t in scope.types if t in itype), None)
        near = next((t for t in scope.types if itype in t), None) if full is None else None
        if full is not None or near is not None:
            add("type_match" if full else "type_partial", type=itype, plan_type=full or near)
    words = [k for k in scope.keywords if k in text]
    if words:
        add("keyword", min(KEYWORD_CAP, POINTS["keyword"] * len(words)), keywords="、".join(words))
    districts = {district_key(d) for d in scope.districts}
    if incident.district and districts and WHOLE_CITY not in districts:
        code = "district_match" if district_key(incident.district) in districts else "district_outside"
        add(code, district=incident.district)
    # Triggers grade the response of a plan that fits the scenario; on their own they would lift
    # every plan of the class alike, so they only count once the type or a keyword matched.
    relevant = any(r.code in ("type_match", "type_partial", "keyword") for r in reasons)
    fired = _fired(incident, plan.triggers, sensors, add if relevant else _ignore)
    return MatchResult(plan, sum(r.points for r in reasons), tuple(reasons), fired)


def _ignore(*_args: object, **_params: object) -> None:
    return None


def suggest_level(incident: Incident, plan: Preplan, sensors: Mapping[str, float] | None = None) -> Level:
    """The response level to propose on activation: the most severe trigger met, else the incident's level."""
    fired = _fired(incident, plan.triggers, sensors or {}, _ignore)
    return fired if fired is not None else incident.level


def _haystack(incident: Incident) -> str:
    return " ".join((incident.title, incident.type, incident.description, incident.address))


def _fired(incident: Incident, triggers: tuple[Trigger, ...], sensors: Mapping[str, float],
           add) -> Level | None:
    """Report, per criterion, the most severe response level it reaches; return the most severe overall."""
    try:
        colour = parse_colour(incident.warning_colour) if incident.warning_colour else None
    except ValueError:
        colour = None
    best: dict[str, tuple[Level, dict]] = {}

    def note(code: str, response: Level, **params: object) -> None:
        if code not in best or response < best[code][0]:
            best[code] = (response, params)

    for t in triggers:
        if t.incident_level is not None and incident.level <= t.incident_level:
            note("level", t.level, level=incident.level.roman)
        if t.casualties_min is not None and incident.casualties >= t.casualties_min:
            note("casualties", t.level, count=incident.casualties, threshold=t.casualties_min)
        if t.deaths_min is not None and incident.deaths >= t.deaths_min:
            note("deaths", t.level, count=incident.deaths, threshold=t.deaths_min)
        if colour is not None and colour in t.warning_colours:
            note("colour", t.level, colour=colour)
        for s in t.sensors:
            reading = sensors.get(s.kind)
            if reading is not None and s.met(reading):
                note(f"sensor:{s.kind}", t.level, name=s.name or s.kind, value=_num(reading), unit=s.unit,
                     op=s.op, threshold=_num(s.value))
    for code, (level, params) in best.items():
        add(code.split(":")[0], response=level.roman, **params)
    return min((lv for lv, _ in best.values()), default=None)


def _num(x: float) -> str:
    return f"{x:g}"
