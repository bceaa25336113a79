"""Warning thresholds of a sensor and the hysteresis that keeps a value hovering at a line from
raising a warning at every sample.

A sensor has up to four lines, one per warning colour (blue < yellow < orange < red), all rising
(high is bad: water level, rainfall) or all falling (low is bad: hydrant pressure). A level is entered
as soon as the value reaches its line, so an escalation is never late; it is left only when the
value has moved back past the line by the hysteresis AND stayed there for `hold` seconds, so a
value flapping around a line yields one warning, not one per crossing of the wire."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the preplan package is large; the ingest path needs none of it at import
    from console.domain.preplan.model import Level, Preplan

COLOURS = ("blue", "yellow", "orange", "red")
NORMAL = ""
HOLD_SECONDS = 300.0
# Registry kinds, and the unit each is read in.
KINDS = {
    "water_level": "m", "tide_level": "m", "rainfall": "mm/h", "underpass_flood": "cm", "wind_speed": "m/s",
    "hydrant_pressure": "MPa", "combustible_gas": "%LEL", "elevator": "cm",
}
FALLING_KINDS = ("hydrant_pressure",)
# How the preplans' sensor triggers name a registry kind, and the factor to their unit.
TRIGGER_KIND = {"rainfall": ("rainfall_1h", 1.0), "underpass_flood": ("underpass_depth", 0.01),
                "combustible_gas": ("gas_lel", 1.0), "tide_level": ("water_level", 1.0)}


def rank(colour: str) -> int:
    """0 for normal, 1..4 for blue..red."""
    return COLOURS.index(colour) + 1 if colour else 0


@dataclass(frozen=True)
class Threshold:
    colour: str
    value: float
    rising: bool = True
    hysteresis: float = 0.0

    def reached(self, v: float) -> bool:
        return v >= self.value if self.rising else v <= self.value

    def left(self, v: float) -> bool:
        """Back past the line by the hysteresis: only then may the level ease."""
        return v < self.value - self.hysteresis if self.rising else v > self.value + self.hysteresis

    def to_dict(self) -> dict:
        return {
            "colour": self.colour,
            "value": self.value,
            "rising": self.rising,
            "hysteresis": self.hysteresis,
        }


def thresholds_from(rows: Iterable[Mapping]) -> tuple[Threshold, ...]:
    out = [Threshold(str(r["colour"]), float(r["value"]), bool(r.get("rising", True)),
                     float(r.get("hysteresis", 0.0))) for r in rows]
    bad = [t.colour for t in out if t.colour not in COLOURS]
    if bad:
        raise ValueError(f"unknown warning colour {bad[0]!r}")
    return tuple(sorted(out, key=lambda t: rank(t.colour)))


def default_thresholds(kind: str, line: float) -> tuple[Threshold, ...]:
    """Four lines around a single warning line (taken as orange), for sensors registered with only one."""
    rising = kind not in FALLING_KINDS
    factors = (0.85, 0.93, 1.0, 1.12) if rising else (1.3, 1.15, 1.0, 0.8)
    hyst = abs(line) * 0.02
    return tuple(Threshold(c, round(line * f, 4), rising, round(hyst, 4)) for c, f in zip(COLOURS, factors,
                                                                                         strict=True))


def raw_level(v: float, lines: Iterable[Threshold]) -> str:
    """The most severe colour whose line the value reaches, without hysteresis."""
    return max((t.colour for t in lines if t.reached(v)), key=rank, default=NORMAL)


def held_level(v: float, lines: Iterable[Threshold], current: str) -> str:
    """The most severe colour the value keeps, counting hysteresis for the levels already in force."""
    best = NORMAL
    for t in lines:
        keeps = t.reached(v) or (rank(t.colour) <= rank(current) and not t.left(v))
        if keeps and rank(t.colour) > rank(best):
            best = t.colour
    return best


@dataclass(frozen=True)
class LevelState:
    level: str = NORMAL
    easing_to: str | None = None  # a lower level the value has been at since `easing_since`
    easing_since: float = 0.0

    def to_dict(self) -> dict:
        return {"level": self.level, "easing_to": self.easing_to, "easing_since": self.easing_since}

    @classmethod
    def from_dict(cls, d: Mapping | None) -> LevelState:
        if not d:
            return cls()
        return cls(str(d.get("level") or NORMAL), d.get("easing_to"), float(d.get("easing_since") or 0.0))


@dataclass(frozen=True)
class Transition:
    kind: str  # raised | escalated | eased | cleared
    old: str
    new: str
    value: float
    at: float


def step(state: LevelState, v: float, at: float, lines: tuple[Threshold, ...],
         hold: float = HOLD_SECONDS) -> tuple[LevelState, Transition | None]:
    """One reading (value `v` at epoch seconds `at`) through the hysteresis. Returns the new state and
    the transition it caused, if any."""
    target = held_level(v, lines, state.level)
    if rank(target) > rank(state.level):
        kind = "raised" if state.level == NORMAL else "escalated"
        return LevelState(target), Transition(kind, state.level, target, v, at)
    if target == state.level:
        return LevelState(state.level), None
    # Lower than in force: ease only once it has stayed lower for `hold` seconds, and then only down
    # to the highest level seen meanwhile.
    if state.easing_to is None:
        return replace(state, easing_to=target, easing_since=at), None
    lowest_kept = max(target, state.easing_to, key=rank)
    if at - state.easing_since < hold:
        return replace(state, easing_to=lowest_kept), None
    kind = "cleared" if lowest_kept == NORMAL else "eased"
    return LevelState(lowest_kept), Transition(kind, state.level, lowest_kept, v, at)


def proposals(plans: Iterable[Preplan], kind: str, value: float) -> list[tuple[Preplan, Level]]:
    """The preplans whose sensor trigger this reading meets, each at the most severe response level met."""
    trigger_kind, factor = TRIGGER_KIND.get(kind, (kind, 1.0))
    v = value * factor
    out = []
    for plan in plans:
        met = [t.level for t in plan.triggers for s in t.sensors if s.kind == trigger_kind and s.met(v)]
        if met:
            out.append((plan, min(met)))
    return out
