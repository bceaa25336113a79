"""Reading CAP 1.2 safely. A CAP file comes from outside (a bureau's feed, a mail attachment, a USB
stick), so the parser treats it as hostile: no DTD (a DOCTYPE is refused outright, which rules out
entity expansion and external entities), no network, no huge-tree mode, a size limit checked before
reading, then validation against the OASIS schema, with every error located by line."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

from console.domain.cap.model import NS, Alert, Area, Circle, Info, Resource, ValuePair

MAX_BYTES = 10 * 1024 * 1024  # far above any real alert; embedded resources (derefUri) make the big ones
SCHEMA = Path(__file__).resolve().parents[3] / "resources" / "cap" / "cap12.xsd"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_Q = "{" + NS + "}"


class CapRefused(ValueError):
    """The document is not a CAP 1.2 alert this console accepts. `line` is 1-based when known."""

    def __init__(self, reason: str, line: int | None = None, source: str = "") -> None:
        where = ": ".join(w for w in (source, f"line {line}" if line else "") if w)
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.line = line
        self.source = source


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False, collect_ids=False)


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA), _parser()))


def read_file(path: Path) -> Alert:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CapRefused(f"the file is {size // (1024 * 1024)} MB; a CAP message is at most "
                             f"{MAX_BYTES // (1024 * 1024)} MB")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CapRefused(f"cannot read the file: {exc.strerror or exc}")
    return read_bytes(data)


def parse_document(data: bytes) -> etree._Element:
    """The checked, schema-valid <alert> element of a document."""
    if len(data) > MAX_BYTES:
        raise CapRefused(f"the message is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if m := _DOCTYPE.search(data):
        raise CapRefused("the document has a DOCTYPE (DTDs and entities are refused)",
                         data.count(b"\n", 0, m.start()) + 1)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CapRefused(f"not well-formed XML: {exc.msg}", exc.lineno)
    doc = root.getroottree()
    if doc.docinfo.doctype or doc.docinfo.internalDTD is not None:
        raise CapRefused("the document has a DOCTYPE (DTDs and entities are refused)")
    if root.tag != _Q + "alert":
        ns = etree.QName(root).namespace
        what = f"namespace {ns}" if ns != NS else "root element"
        raise CapRefused(f"not a CAP 1.2 alert ({what} <{etree.QName(root).localname}>)", root.sourceline)
    xsd = schema()
    if not xsd.validate(root):
        errors = [e for e in xsd.error_log if e.level_name == "ERROR"] or list(xsd.error_log)
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise CapRefused(f"not valid CAP 1.2: {_schema_message(first.message)}{more}", first.line)
    return root


def read_bytes(data: bytes) -> Alert:
    return decode(parse_document(data))


def _schema_message(msg: str) -> str:
    return msg.replace(_Q, "").replace("{" + NS + "}", "")


def _text(el: etree._Element, name: str) -> str | None:
    child = el.find(_Q + name)
    if child is None or child.text is None:
        return None
    return child.text.strip()


def _texts(el: etree._Element, name: str) -> tuple[str, ...]:
    return tuple((c.text or "").strip() for c in el.findall(_Q + name))


def _pairs(el: etree._Element, name: str) -> tuple[ValuePair, ...]:
    return tuple(ValuePair(_text(p, "valueName") or "", _text(p, "value") or "") for p in el.findall(_Q + name))


def _point(text: str, line: int | None) -> tuple[float, float]:
    try:
        lat_s, lon_s = text.split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise CapRefused(f"{text!r} is not a 'lat,lon' point", line)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CapRefused(f"point {text!r} is out of range (CAP writes lat,lon)", line)
    return lat, lon


def _polygon(el: etree._Element) -> tuple[tuple[float, float], ...]:
    pts = tuple(_point(p, el.sourceline) for p in (el.text or "").split())
    if len(pts) < 4 or pts[0] != pts[-1]:
        raise CapRefused("a polygon needs at least four points, the last repeating the first", el.sourceline)
    return pts


def _circle(el: etree._Element) -> Circle:
    parts = (el.text or "").split()
    if len(parts) != 2:
        raise CapRefused(f"circle {el.text!r} is not 'lat,lon radius'", el.sourceline)
    lat, lon = _point(parts[0], el.sourceline)
    try:
        radius = float(parts[1])
    except ValueError:
        raise CapRefused(f"circle radius {parts[1]!r} is not a number", el.sourceline)
    if radius < 0:
        raise CapRefused("a circle radius cannot be negative", el.sourceline)
    return Circle(lat, lon, radius)


def _number(el: etree._Element, name: str) -> float | None:
    t = _text(el, name)
    return float(t) if t else None  # the schema has made it a decimal


def _area(el: etree._Element) -> Area:
    return Area(_text(el, "areaDesc") or "", tuple(_polygon(p) for p in el.findall(_Q + "polygon")),
                tuple(_circle(c) for c in el.findall(_Q + "circle")), _pairs(el, "geocode"),
                _number(el, "altitude"), _number(el, "ceiling"))


def _resource(el: etree._Element) -> Resource:
    size = _text(el, "size")
    return Resource(_text(el, "resourceDesc") or "", _text(el, "mimeType") or "", int(size) if size else None,
                    _text(el, "uri"), _text(el, "derefUri"), _text(el, "digest"))


def _info(el: etree._Element) -> Info:
    t = _text
    return Info(
        category=_texts(el, "category"), event=t(el, "event") or "", urgency=t(el, "urgency") or "",
        severity=t(el, "severity") or "", certainty=t(el, "certainty") or "", language=t(el, "language"),
        responseType=_texts(el, "responseType"), audience=t(el, "audience"), eventCode=_pairs(el, "eventCode"),
        effective=t(el, "effective"), onset=t(el, "onset"), expires=t(el, "expires"),
        senderName=t(el, "senderName"), headline=t(el, "headline"), description=t(el, "description"),
        instruction=t(el, "instruction"), web=t(el, "web"), contact=t(el, "contact"),
        parameter=_pairs(el, "parameter"), resource=tuple(_resource(r) for r in el.findall(_Q + "resource")),
        areas=tuple(_area(a) for a in el.findall(_Q + "area")),
    )


def decode(root: etree._Element) -> Alert:
    t = _text
    return Alert(
        identifier=t(root, "identifier") or "", sender=t(root, "sender") or "", sent=t(root, "sent") or "",
        status=t(root, "status") or "", msgType=t(root, "msgType") or "", scope=t(root, "scope") or "",
        source=t(root, "source"), restriction=t(root, "restriction"), addresses=t(root, "addresses"),
        code=_texts(root, "code"), note=t(root, "note"), references=t(root, "references"),
        incidents=t(root, "incidents"), infos=tuple(_info(i) for i in root.findall(_Q + "info")),
    )
