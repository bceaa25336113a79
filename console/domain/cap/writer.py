"""Writing CAP 1.2: an `Alert` as a schema-valid document. Elements go in the schema's sequence order;
optional values that are None are left out, so a message read and written again keeps its shape."""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from console.domain.cap.model import NS, Alert, Area, Info, Resource, ValuePair
from console.domain.cap.reader import CapRefused, schema

_Q = "{" + NS + "}"


def _num(x: float) -> str:
    """Decimal text that reads back to the same float (CAP readers expect no exponent)."""
    s = repr(float(x))
    if "e" in s:
        s = format(Decimal(s), "f")  # the same digits, without the exponent
    return s[:-2] if s.endswith(".0") else s


def _add(parent: etree._Element, name: str, value: object) -> None:
    if value is None:
        return
    etree.SubElement(parent, _Q + name).text = value if isinstance(value, str) else _num(value)


def _pairs(parent: etree._Element, name: str, pairs: tuple[ValuePair, ...]) -> None:
    for p in pairs:
        el = etree.SubElement(parent, _Q + name)
        _add(el, "valueName", p.valueName)
        _add(el, "value", p.value)


def _resource(parent: etree._Element, r: Resource) -> None:
    el = etree.SubElement(parent, _Q + "resource")
    _add(el, "resourceDesc", r.resourceDesc)
    _add(el, "mimeType", r.mimeType)
    _add(el, "size", None if r.size is None else str(r.size))
    for name in ("uri", "derefUri", "digest"):
        _add(el, name, getattr(r, name))


def _area(parent: etree._Element, a: Area) -> None:
    el = etree.SubElement(parent, _Q + "area")
    _add(el, "areaDesc", a.areaDesc)
    for ring in a.polygons:
        _add(el, "polygon", " ".join(f"{_num(lat)},{_num(lon)}" for lat, lon in ring))
    for c in a.circles:
        _add(el, "circle", f"{_num(c.lat)},{_num(c.lon)} {_num(c.radius_km)}")
    _pairs(el, "geocode", a.geocodes)
    _add(el, "altitude", a.altitude)
    _add(el, "ceiling", a.ceiling)


def _info(parent: etree._Element, i: Info) -> None:
    el = etree.SubElement(parent, _Q + "info")
    _add(el, "language", i.language)
    for c in i.category:
        _add(el, "category", c)
    _add(el, "event", i.event)
    for r in i.responseType:
        _add(el, "responseType", r)
    for name in ("urgency", "severity", "certainty", "audience"):
        _add(el, name, getattr(i, name))
    _pairs(el, "eventCode", i.eventCode)
    for name in ("effective", "onset", "expires", "senderName", "headline", "description", "instruction",
                 "web", "contact"):
        _add(el, name, getattr(i, name))
    _pairs(el, "parameter", i.parameter)
    for r in i.resource:
        _resource(el, r)
    for a in i.areas:
        _area(el, a)


def to_element(alert: Alert) -> etree._Element:
    root = etree.Element(_Q + "alert", nsmap={None: NS})
    for name in ("identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
                 "addresses"):
        _add(root, name, getattr(alert, name))
    for c in alert.code:
        _add(root, "code", c)
    for name in ("note", "references", "incidents"):
        _add(root, name, getattr(alert, name))
    for i in alert.infos:
        _info(root, i)
    return root


def to_bytes(alert: Alert) -> bytes:
    """The document, checked against the schema before it leaves (a release system rejects less)."""
    root = to_element(alert)
    xsd = schema()
    if not xsd.validate(root):
        err = xsd.error_log.last_error
        raise CapRefused(f"the alert would not be valid CAP 1.2: {err.message.replace(_Q, '')}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
