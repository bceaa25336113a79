"""A CAP 1.2 alert as plain values. Attribute names are the CAP element names, so the code reads like
the standard (OASIS CAP-v1.2 §3.2) and `cap list --json` prints them as they are."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

NS = "urn:oasis:names:tc:emergency:cap:1.2"
DEFAULT_LANGUAGE = "en-US"  # CAP §3.2.2: an info without <language> is in en-US
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")


@dataclass(frozen=True)
class ValuePair:
    """eventCode, parameter and geocode: a name of the coding system and a value in it."""
    valueName: str  # noqa: N815 (CAP element name)
    value: str


@dataclass(frozen=True)
class Circle:
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class Area:
    areaDesc: str  # noqa: N815
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # each a ring of (lat, lon), closed
    circles: tuple[Circle, ...] = ()
    geocodes: tuple[ValuePair, ...] = ()
    altitude: float | None = None
    ceiling: float | None = None


@dataclass(frozen=True)
class Resource:
    resourceDesc: str  # noqa: N815
    mimeType: str  # noqa: N815
    size: int | None = None
    uri: str | None = None
    derefUri: str | None = None  # noqa: N815
    digest: str | None = None


@dataclass(frozen=True)
class Info:
    category: tuple[str, ...]
    event: str
    urgency: str
    severity: str
    certainty: str
    language: str | None = None  # as written; None means en-US (see `lang`)
    responseType: tuple[str, ...] = ()  # noqa: N815
    audience: str | None = None
    eventCode: tuple[ValuePair, ...] = ()  # noqa: N815
    effective: str | None = None  # times stay as written, with their offsets
    onset: str | None = None
    expires: str | None = None
    senderName: str | None = None  # noqa: N815
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameter: tuple[ValuePair, ...] = ()
    resource: tuple[Resource, ...] = ()
    areas: tuple[Area, ...] = ()

    @property
    def lang(self) -> str:
        return self.language or DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Reference:
    """One `sender,identifier,sent` triple of <references>."""
    sender: str
    identifier: str
    sent: str


@dataclass(frozen=True)
class Alert:
    identifier: str
    sender: str
    sent: str
    status: str
    msgType: str  # noqa: N815
    scope: str
    source: str | None = None
    restriction: str | None = None
    addresses: str | None = None
    code: tuple[str, ...] = ()
    note: str | None = None
    references: str | None = None  # as written: space-separated triples (see `referenced`)
    incidents: str | None = None
    infos: tuple[Info, ...] = field(default_factory=tuple)

    @property
    def referenced(self) -> tuple[Reference, ...]:
        out = []
        for triple in (self.references or "").split():
            parts = triple.split(",")
            if len(parts) == 3:
                out.append(Reference(*parts))
        return tuple(out)

    def infos_for_display(self, preferred: str = "zh-CN") -> list[Info]:
        """Infos with the preferred language first (zh-CN for this console), the rest in document order."""
        pref = preferred.lower()
        return sorted(self.infos, key=lambda i: i.lang.lower() != pref)

    @property
    def severity(self) -> str:
        """The gravest severity over its infos (what the banner and the list sort by)."""
        ranks = [SEVERITIES.index(i.severity) for i in self.infos if i.severity in SEVERITIES]
        return SEVERITIES[min(ranks)] if ranks else "Unknown"

    def to_dict(self) -> dict:
        """Plain JSON-ready values (what the store keeps); dataclasses.asdict deep-copies and was slow."""
        return {**_shallow(self), "code": list(self.code), "infos": [_info_dict(i) for i in self.infos]}


def _shallow(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _pairs_list(pairs: tuple[ValuePair, ...]) -> list[dict]:
    return [{"valueName": p.valueName, "value": p.value} for p in pairs]


def _info_dict(i: Info) -> dict:
    return {**_shallow(i), "category": list(i.category), "responseType": list(i.responseType),
            "eventCode": _pairs_list(i.eventCode), "parameter": _pairs_list(i.parameter),
            "resource": [_shallow(r) for r in i.resource],
            "areas": [{**_shallow(a), "polygons": [[list(p) for p in ring] for ring in a.polygons],
                       "circles": [_shallow(c) for c in a.circles], "geocodes": _pairs_list(a.geocodes)}
                      for a in i.areas]}


def alert_from_dict(d: dict) -> Alert:
    """The inverse of `Alert.to_dict` (what the store keeps)."""
    def pairs(items) -> tuple[ValuePair, ...]:
        return tuple(ValuePair(p["valueName"], p["value"]) for p in items or ())

    def area(a: dict) -> Area:
        return Area(a["areaDesc"], tuple(tuple((p[0], p[1]) for p in ring) for ring in a.get("polygons", ())),
                    tuple(Circle(**c) for c in a.get("circles", ())), pairs(a.get("geocodes")),
                    a.get("altitude"), a.get("ceiling"))

    def info(i: dict) -> Info:
        return Info(**{**i, "category": tuple(i["category"]), "responseType": tuple(i.get("responseType", ())),
                       "eventCode": pairs(i.get("eventCode")), "parameter": pairs(i.get("parameter")),
                       "resource": tuple(Resource(**r) for r in i.get("resource", ())),
                       "areas": tuple(area(a) for a in i.get("areas", ()))})

    return Alert(**{**d, "code": tuple(d.get("code", ())), "infos": tuple(info(i) for i in d.get("infos", ()))})
