"""Events the protocol parsers emit; one JSON object each (PROTOCOLS.md section 0).

Plain dataclasses so the parsers stay free of Qt and I/O. `to_json_dict()` drops fields that are
unknown (None) so a consumer can tell "not reported" from "zero".
"""
from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, ClassVar


class _Factory:
    """Default that stands for "call the field's default_factory" (shown as <factory>, as dataclasses do)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _direct_init(cls: type[Any]) -> type[Any]:
    """Swap a frozen dataclass's __init__ for one that fills the instance __dict__ directly.

    The generated frozen __init__ calls object.__setattr__ once per field: ~4 us for a Position, a
    quarter of the cost of parsing a whole NMEA sentence, and the parsers build one event per frame.
    Same signature, defaults and default factories; the instance stays frozen (assignment raises).
    """
    params: list[str] = []
    body: list[str] = []
    env: dict[str, Any] = {"_FACTORY": _FACTORY}
    for f in fields(cls):
        if f.default is not MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
            body.append(f"d[{f.name!r}] = {f.name}")
        elif f.default_factory is not MISSING:
            env[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f"d[{f.name!r}] = _f_{f.name}() if {f.name} is _FACTORY else {f.name}")
        else:
            params.append(f.name)
            body.append(f"d[{f.name!r}] = {f.name}")
    src = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n    " + "\n    ".join(body)
    exec(src, env)  # noqa: S102 - built from the class's own field names, as dataclasses itself does
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


class _Event:
    kind: ClassVar[str] = ""
    # Python names that differ from the JSON names ("from" is a keyword).
    _renames: ClassVar[dict[str, str]] = {"sender": "from"}
    # Set by @dataclass on every subclass; declared here so `fields(self)` type-checks.
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or (f.name == "extra" and not value):
                continue
            if f.name == "extra":
                out.update(value)
                continue
            out[self._renames.get(f.name, f.name)] = value
        return out


@_direct_init
@dataclass(frozen=True)
class Position(_Event):
    kind: ClassVar[str] = "position"
    fix: bool
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    alt_m: float | None = None
    speed_kmh: float | None = None
    course_deg: float | None = None
    accuracy_m: float | None = None
    time: str | None = None
    degraded: bool | None = None
    protocol: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json_dict(self) -> dict[str, Any]:
        out = super().to_json_dict()
        if not self.fix:
            # A no-fix report must never be plotted, so it carries no coordinates at all.
            out.pop("lat", None)
            out.pop("lon", None)
        return out


@_direct_init
@dataclass(frozen=True)
class Text(_Event):
    kind: ClassVar[str] = "text"
    text: str
    sender: str | None = None
    to: str | None = None
    time: str | None = None
    coding: str | None = None
    ref: int | None = None
    protocol: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@_direct_init
@dataclass(frozen=True)
class Status(_Event):
    kind: ClassVar[str] = "status"
    code: int
    sender: str | None = None
    to: str | None = None
    label: str | None = None
    priority: int | None = None
    colour: str | None = None
    emergency: bool | None = None
    protocol: str | None = None


@_direct_init
@dataclass(frozen=True)
class Ack(_Event):
    """Send or delivery feedback; `ok` False means refused or failed."""

    kind: ClassVar[str] = "ack"
    ok: bool
    command: str | None = None
    ref: int | None = None
    status: int | None = None
    detail: str | None = None
    wait_s: float | None = None
    sender: str | None = None
    to: str | None = None
    protocol: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@_direct_init
@dataclass(frozen=True)
class Info(_Event):
    kind: ClassVar[str] = "info"
    what: str
    protocol: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@_direct_init
@dataclass(frozen=True)
class Error(_Event):
    kind: ClassVar[str] = "error"
    reason: str
    raw: str | None = None
    protocol: str | None = None


Event = Position | Text | Status | Ack | Info | Error


def raw_preview(data: bytes, limit: int = 80) -> str:
    """A short printable rendering of a bad frame for the error event."""
    text = data[:limit].decode("ascii", "backslashreplace")
    return text + ("..." if len(data) > limit else "")
