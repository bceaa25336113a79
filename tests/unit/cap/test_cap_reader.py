"""Reading and writing CAP 1.2 (no Qt, no store): the OASIS examples, hostile documents, round trips."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from console.domain.cap import (
    MAX_BYTES,
    Alert,
    Area,
    CapRefused,
    Circle,
    Info,
    ValuePair,
    read_bytes,
    read_file,
)
from console.domain.cap.listing import list_entry
from console.domain.cap.model import alert_from_dict
from console.domain.cap.reader import schema
from console.domain.cap.writer import to_bytes

DATA = Path(__file__).resolve().parents[2] / "data" / "cap"
HEAD = '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
BASE = ("<identifier>X-1</identifier><sender>a@b</sender><sent>2026-11-30T10:00:00+08:00</sent>"
        "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>")


def doc(body: str = "", head: str = HEAD) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}{BASE}{body}</alert>'.encode()


def info(area: str = "") -> str:
    return ("<info><category>Met</category><event>台风</event><urgency>Immediate</urgency><severity>Severe</severity>"
            f"<certainty>Likely</certainty>{area}</info>")


def test_homeland_advisory_decodes_to_its_published_values():
    a = read_file(DATA / "Oasis_HomelandAlert.xml")
    assert (a.identifier, a.sender, a.sent, a.status, a.msgType, a.scope) == (
        "43b080713727", "hsas@dhs.gov", "2003-04-02T14:39:01-05:00", "Actual", "Alert", "Public")
    (i,) = a.infos
    assert i.category == ("Security",) and i.event == "Homeland Security Advisory System Update"
    assert (i.urgency, i.severity, i.certainty) == ("Immediate", "Severe", "Likely")
    assert i.language is None and i.lang == "en-US"
    assert i.headline == "Homeland Security Sets Code ORANGE"
    assert i.parameter == (ValuePair("HSAS", "ORANGE"),)
    assert i.resource[0].mimeType == "image/gif" and i.resource[0].uri == "http://www.dhs.gov/dhspublic/getAdvisoryImage"
    assert i.areas == (Area("U.S. nationwide and interests worldwide"),)


def test_earthquake_update_decodes_with_its_references_and_circle():
    a = read_file(DATA / "Oasis_EarthquakeReport.xml")
    assert a.msgType == "Update" and a.identifier == "TRI13970876.2"
    assert a.references == "trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00"
    (ref,) = a.referenced
    assert (ref.sender, ref.identifier, ref.sent) == ("trinet@caltech.edu", "TRI13970876.1", "2003-06-11T20:30:00-07:00")
    (i,) = a.infos
    assert i.areas[0].circles == (Circle(32.9525, -115.5527, 0.0),)
    assert [p.valueName for p in i.parameter] == ["EventID", "Version", "Magnitude", "Depth", "Quality"]
    assert i.headline == "EQ 3.4 Imperial County CA" and i.severity == "Minor"


def test_amber_alert_has_two_languages_and_geocodes():
    a = read_file(DATA / "Oasis_AmberAlert.xml")
    assert [i.lang for i in a.infos] == ["en-US", "es-US"]
    assert a.infos[1].event == "Abducción de Niño"
    assert a.infos[0].areas[0].geocodes == (ValuePair("SAME", "006037"),)
    assert a.source == "SW" and a.infos[0].eventCode == (ValuePair("SAME", "CAE"),)


def test_chinese_info_is_listed_first_and_areas_are_lat_lon():
    area = ("<area><areaDesc>徐汇区</areaDesc><polygon>31.1,121.4 31.2,121.4 31.2,121.5 31.1,121.4</polygon>"
            "<circle>31.2,121.45 5</circle><geocode><valueName>GB/T 2260</valueName><value>310104</value></geocode></area>")
    en = info().replace("<category>", "<language>en-US</language><category>")
    zh = info(area).replace("<category>", "<language>zh-CN</language><category>")
    row = list_entry(read_bytes(doc(en + zh)))
    assert [i["language"] for i in row["infos"]] == ["zh-CN", "en-US"]
    a = row["infos"][0]["areas"][0]
    assert a["polygons"] == [[[31.1, 121.4], [31.2, 121.4], [31.2, 121.5], [31.1, 121.4]]]
    assert a["circles"] == [{"lat": 31.2, "lon": 121.45, "radius_km": 5.0}]
    assert a["geocodes"] == [{"valueName": "GB/T 2260", "value": "310104"}]


def test_a_prefixed_namespace_is_the_same_alert():
    prefixed = doc().decode().replace("<alert xmlns=", "<cap:alert xmlns:cap=").replace("</alert>", "</cap:alert>")
    for name in ("identifier", "sender", "sent", "status", "msgType", "scope"):
        prefixed = prefixed.replace(f"<{name}>", f"<cap:{name}>").replace(f"</{name}>", f"</cap:{name}>")
    assert read_bytes(prefixed.encode()).identifier == "X-1"


@pytest.mark.parametrize("data, words, line", [
    (b"<alert><identifier>x</ident", "not well-formed", 1),
    (doc("\n<bogus/>"), "not valid CAP 1.2", 3),
    (doc().replace(b"<status>Actual", b"<status>Maybe"), "not valid CAP 1.2", 2),
    (doc().replace(b"+08:00", b""), "not valid CAP 1.2", 2),
    (doc(info("<area><areaDesc>x</areaDesc>\n<polygon>31,121 32,121 31,121</polygon></area>")), "polygon", 3),
    (doc(info("<area><areaDesc>x</areaDesc><circle>121.4,31.2 5</circle></area>")), "out of range", 2),
    (doc(head='<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1">'), "not a CAP 1.2 alert", 2),
])
def test_broken_documents_are_refused_with_a_located_reason(data, words, line):
    with pytest.raises(CapRefused) as exc:
        read_bytes(data)
    assert words in str(exc.value) and exc.value.line == line


def test_entity_expansion_is_refused():
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                       for n in range(1, 10))
            + b"]>\n" + doc().split(b"\n", 1)[1].replace(b"X-1", b"&lol9;"))
    with pytest.raises(CapRefused, match="DOCTYPE") as exc:
        read_bytes(bomb)
    assert exc.value.line == 2


def test_an_external_entity_is_refused_and_never_read():
    xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE alert [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>\n'
           + doc().split(b"\n", 1)[1].replace(b"X-1", b"&x;"))
    with pytest.raises(CapRefused, match="DOCTYPE"):
        read_bytes(xxe)


def test_a_doctype_in_utf16_is_refused_too():
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE alert [ <!ENTITY x "y"> ]>\n' + doc().decode().split("\n", 1)[1]
    with pytest.raises(CapRefused, match="DOCTYPE"):
        read_bytes(text.encode("utf-16"))


def test_a_50_mb_file_is_refused_quickly_without_reading_it(tmp_path):
    big = tmp_path / "big.xml"
    with big.open("wb") as f:
        f.write(doc())
        f.truncate(50 * 1024 * 1024)
    t0 = time.perf_counter()
    with pytest.raises(CapRefused, match="50 MB"):
        read_file(big)
    assert time.perf_counter() - t0 < 0.5
    with pytest.raises(CapRefused, match="larger than"):
        read_bytes(b" " * (MAX_BYTES + 1))


def test_a_missing_file_is_a_clear_refusal(tmp_path):
    with pytest.raises(CapRefused, match="cannot read"):
        read_file(tmp_path / "nope.xml")


@pytest.mark.parametrize("name", ["Oasis_HomelandAlert.xml", "Oasis_EarthquakeReport.xml", "Oasis_AmberAlert.xml"])
def test_examples_write_back_schema_valid_and_read_back_the_same(name):
    a = read_file(DATA / name)
    out = to_bytes(a)
    assert schema().validate(etree.fromstring(out))
    assert read_bytes(out) == a
    assert alert_from_dict(a.to_dict()) == a


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
    str.strip).filter(bool)
_lat = st.floats(-90, 90, allow_nan=False)
_lon = st.floats(-180, 180, allow_nan=False)


@st.composite
def alerts(draw) -> Alert:
    ring = draw(st.lists(st.tuples(_lat, _lon), min_size=3, max_size=6))
    area = Area(draw(_text), polygons=(tuple(ring + ring[:1]),),
                circles=tuple(Circle(la, lo, r) for la, lo, r in draw(st.lists(
                    st.tuples(_lat, _lon, st.floats(0, 500, allow_nan=False)), max_size=2))),
                geocodes=(ValuePair(draw(_text), draw(_text)),))
    inf = Info(category=("Met",), event=draw(_text), urgency="Expected", severity=draw(st.sampled_from(
        ["Extreme", "Severe", "Moderate", "Minor", "Unknown"])), certainty="Likely",
        language=draw(st.sampled_from([None, "zh-CN", "en-US"])), headline=draw(_text), areas=(area,))
    return Alert(identifier=draw(_text).replace(" ", "_").replace(",", "_") or "x", sender="s@example",
                 sent="2026-07-15T10:00:00+08:00", status="Actual", msgType="Alert", scope="Public", infos=(inf,))


@settings(max_examples=60)
@given(alerts())
def test_any_alert_round_trips_through_cap(a):
    assert read_bytes(to_bytes(a)) == a
