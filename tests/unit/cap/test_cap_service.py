"""WarningService against a real SQLite file: imports once, applies Updates and Cancels, logs each
message, refuses a bad batch whole, publishes valid CAP that imports elsewhere to the same values."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from console.domain.cap import CapRefused, read_bytes
from console.domain.cap.publish import WarningForm
from console.domain.cap.reader import schema
from console.domain.record_texts import RecordTexts
from console.services import build_services
from console.services.warnings import WarningService
from console.store.database import open_store

DATA = Path(__file__).resolve().parents[2] / "data" / "cap"
EXAMPLES = sorted(DATA.glob("Oasis_*.xml"))


def cap(tmp_path: Path, name: str, identifier: str, msg_type: str = "Alert", refs: str = "",
        sent: str = "2026-07-15T10:00:00+08:00", severity: str = "Severe", area: str = "") -> Path:
    ref = f"<references>{refs}</references>" if refs else ""
    p = tmp_path / name
    p.write_text(
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>sh-met@example.cn</sender><sent>{sent}</sent>"
        f"<status>Actual</status><msgType>{msg_type}</msgType><scope>Public</scope>{ref}"
        "<info><language>en-US</language><category>Met</category><event>Typhoon</event><urgency>Immediate</urgency>"
        f"<severity>{severity}</severity><certainty>Likely</certainty><headline>Typhoon</headline></info>"
        "<info><language>zh-CN</language><category>Met</category><event>台风</event><urgency>Immediate</urgency>"
        f"<severity>{severity}</severity><certainty>Likely</certainty><headline>台风橙色预警</headline>{area}</info>"
        "</alert>", encoding="utf-8")
    return p


def test_examples_import_once_with_a_log_entry_each(services):
    w = services.warnings
    res = w.import_files(EXAMPLES)
    assert len(res.value.ids) == 3 and res.changes.warnings == set(res.value.ids)
    assert len(res.changes.duty_log) == 3
    again = w.import_files(EXAMPLES)
    assert again.value.ids == [] and len(again.value.duplicates) == 3 and not again.changes
    assert len(w.list()) == 3 and services.log.count() == 3
    texts = [e.text for e in services.log.entries()]
    assert any("Homeland Security Advisory System Update" in t and "严重" in t for t in texts)


def test_a_refused_file_in_a_batch_stores_nothing(services, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert/>')
    with pytest.raises(CapRefused, match="bad.xml: line 2: .*DOCTYPE"):
        services.warnings.import_files([*EXAMPLES, bad])
    assert services.warnings.list() == [] and services.log.count() == 0


def test_update_and_cancel_apply_to_the_message_they_reference(services, tmp_path):
    w = services.warnings
    first = w.import_files([cap(tmp_path, "a.xml", "TY-1")]).value.ids[0]
    upd = w.import_files([cap(tmp_path, "b.xml", "TY-2", "Update", "sh-met@example.cn,TY-1,2026-07-15T10:00:00+08:00",
                              sent="2026-07-15T11:00:00+08:00")])
    assert first in upd.changes.warnings
    assert w.get(first).state == "updated" and w.get(first).replaced_by == upd.value.ids[0]
    cancel = w.import_files([cap(tmp_path, "c.xml", "TY-3", "Cancel", "sh-met@example.cn,TY-2,2026-07-15T11:00:00+08:00",
                                 sent="2026-07-15T12:00:00+08:00")]).value.ids[0]
    assert w.get(upd.value.ids[0]).state == "cancelled" and w.get(cancel).state == "cancelled"
    assert [e.text for e in services.log.entries(limit=1)][0].startswith("预警解除")
    assert w.map_items() == []


def test_an_update_that_arrives_first_still_applies(services, tmp_path):
    w = services.warnings
    w.import_files([cap(tmp_path, "b.xml", "TY-2", "Update", "sh-met@example.cn,TY-1,2026-07-15T10:00:00+08:00",
                        sent="2026-07-15T11:00:00+08:00")])
    late = w.import_files([cap(tmp_path, "a.xml", "TY-1")]).value.ids[0]
    assert w.get(late).state == "updated"


def test_zh_cn_comes_first_and_geocodes_resolve_to_shanghai_districts(services, tmp_path):
    area = ("<area><areaDesc>徐汇区、浦东新区</areaDesc><geocode><valueName>GB/T 2260</valueName><value>310104</value>"
            "</geocode><geocode><valueName>GB/T 2260</valueName><value>310115001000</value></geocode></area>")
    w = services.warnings
    aid = w.import_files([cap(tmp_path, "a.xml", "TY-1", area=area)]).value.ids[0]
    stored = w.get(aid)
    assert stored.alert.infos_for_display()[0].lang == "zh-CN"
    assert w.district_names(stored) == ["徐汇区", "浦东新区"]
    item = w.map_item(stored)
    assert item["name"] == "台风橙色预警" and item["severity"] == "Severe" and len(item["polygons"]) >= 2
    lat, lon = item["polygons"][0][0]
    assert 30.6 < lat < 31.9 and 120.8 < lon < 122.2  # [lat, lon], inside Shanghai


def test_acknowledge_is_logged_once(services, tmp_path):
    w = services.warnings
    aid = w.import_files([cap(tmp_path, "a.xml", "TY-1")]).value.ids[0]
    assert w.get(aid).alarming
    res = w.acknowledge(aid, "张三")
    assert res.value.acknowledged_by == "张三" and res.changes.warnings == {aid} and len(res.changes.duty_log) == 1
    assert not w.acknowledge(aid).changes
    assert services.log.count() == 2


def test_published_warning_is_valid_cap_and_reads_back_elsewhere(services, tmp_path):
    w = WarningService(services.store, services.log, RecordTexts("en"))
    form = WarningForm("typhoon", "orange", ("310104", "310115"), {"zh-CN": "停止户外作业", "en-US": "Stay indoors"})
    res = w.publish(form)
    alert = res.value.alert
    assert [i.lang for i in alert.infos] == ["zh-CN", "en-US"]
    zh = alert.infos[0]
    assert (zh.severity, zh.urgency, zh.certainty) == ("Severe", "Expected", "Likely")
    assert zh.headline == "徐汇区、浦东新区发布台风橙色预警" and zh.instruction == "停止户外作业"
    assert [g.value for a in zh.areas for g in a.geocodes] == ["310104", "310115"]
    assert zh.onset.endswith("+08:00") and alert.sent.endswith("+08:00")
    assert services.log.entries(limit=1)[0].text.startswith("Warning published: ")
    data = w.export(alert.identifier)
    assert schema().validate(etree.fromstring(data))
    assert read_bytes(data) == alert
    out = tmp_path / "out.xml"
    out.write_bytes(data)
    other = open_store(tmp_path / "other.db")
    try:
        svc2 = build_services(other)
        (new_id,) = svc2.warnings.import_files([out]).value.ids
        assert svc2.warnings.get(new_id).alert == alert
    finally:
        other.close()


def test_an_incomplete_form_is_refused_before_anything_is_stored(services):
    with pytest.raises(ValueError, match="districts"):
        services.warnings.publish(WarningForm("typhoon", "red", (), {}))
    assert services.warnings.list() == []


class _MapRecorder:
    """Stands in for the QWebEngine map view (tested on its own in tests/integration/test_cap_map.py)."""

    def __init__(self) -> None:
        self.snapshot: dict = {}
        self.updates: list = []

    def set_snapshot(self, layers: dict) -> None:
        self.snapshot = layers

    def update_items(self, layer: str, upserts: list, removed=()) -> None:
        self.updates.append((layer, upserts, list(removed)))


def test_the_map_follows_warnings_in_force(services, tmp_path):
    from console.shell.map_link import MapLink

    area = "<area><areaDesc>x</areaDesc><circle>31.2,121.45 5</circle></area>"
    w = services.warnings
    w.import_files([cap(tmp_path, "a.xml", "TY-1", area=area)])
    fake = _MapRecorder()
    link = MapLink(services, fake)
    assert [d["circles"] for d in fake.snapshot["warnings"]] == [[{"lat": 31.2, "lon": 121.45, "radius_km": 5.0}]]
    res = w.import_files([cap(tmp_path, "c.xml", "TY-3", "Cancel", "sh-met@example.cn,TY-1,2026-07-15T10:00:00+08:00",
                              sent="2026-07-15T12:00:00+08:00")])
    link.on_changes(res.changes)
    (layer, upserts, removed), = fake.updates
    assert layer == "warnings" and upserts == [] and len(removed) == 2
