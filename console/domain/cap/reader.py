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


class _Children:
    """An element's CAP children by local name, gathered in one pass (a find() per field walks the
    children again each time, which was most of the decode time)."""

    __slots__ = ("by",)

    def __init__(self, el: etree._Element) -> None:
        self.by: dict[str, list[etree._Element]] = {}
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag.startswith(_Q):
                self.by.setdefault(tag[len(_Q):], []).append(child)

    def all(self, name: str) -> list[etree._Element]:
        return self.by.get(name, [])

    def text(self, name: str) -> str | None:
        found = self.by.get(name)
        if not found or found[0].text is None:
            return None
        return found[0].text.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        return tuple((c.text or "").strip() for c in self.by.get(name, ()))

    def pairs(self, name: str) -> tuple[ValuePair, ...]:
        out = []
        for p in self.by.get(name, ()):
            c = _Children(p)
            out.append(ValuePair(c.text("valueName") or "", c.text("value") or ""))
        return tuple(out)


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


def _number(c: _Children, name: str) -> float | None:
    t = c.text(name)
    return float(t) if t else None  # the schema has made it a decimal


def _area(el: etree._Element) -> Area:
    c = _Children(el)
    return Area(c.text("areaDesc") or "", tuple(_polygon(p) for p in c.all("polygon")),
                tuple(_circle(x) for x in c.all("circle")), c.pairs("geocode"), _number(c, "altitude"),
                _number(c, "ceiling"))


def _resource(el: etree._Element) -> Resource:
    c = _Children(el)
    size = c.text("size")
    return Resource(c.text("resourceDesc") or "", c.text("mimeType") or "", int(size) if size else None,
                    c.text("uri"), c.text("derefUri"), c.text("digest"))


def _info(el: etree._Element) -> Info:
    c = _Children(el)
    t = c.text
    return Info(
        category=c.texts("category"), event=t("event") or "", urgency=t("urgency") or "",
        severity=t("severity") or "", certainty=t("certainty") or "", language=t("language"),
        responseType=c.texts("responseType"), audience=t("audience"), eventCode=c.pairs("eventCode"),
        effective=t("effective"), onset=t("onset"), expires=t("expires"), senderName=t("senderName"),
        headline=t("headline"), description=t("description"), instruction=t("instruction"), web=t("web"),
        contact=t("contact"), parameter=c.pairs("parameter"),
        resource=tuple(_resource(r) for r in c.all("resource")), areas=tuple(_area(a) for a in c.all("area")),
    )


def decode(root: etree._Element) -> Alert:
    c = _Children(root)
    t = c.text
    return Alert(
        identifier=t("identifier") or "", sender=t("sender") or "", sent=t("sent") or "",
        status=t("status") or "", msgType=t("msgType") or "", scope=t("scope") or "", source=t("source"),
        restriction=t("restriction"), addresses=t("addresses"), code=c.texts("code"), note=t("note"),
        references=t("references"), incidents=t("incidents"), infos=tuple(_info(i) for i in c.all("info")),
    )
