"""Device traffic goes to the communications log, credited to its source; the duty log keeps
emergencies, texts to the command and what the officer marks."""
from __future__ import annotations

import time

import pytest

from console.domain.device_events import Position, Status, Text
from console.domain.record_texts.comms import in_language
from console.services.comms_log import CommsFilter
from console.services.ingest import FrameRecord


def _unit(svc):
    return next(u for u in svc.resources.units() if u.get("issi"))


def _ingest(svc, events):
    dev = svc.devices.add("radio", "/dev/ttyRadio", "tetra").value
    return svc.ingest.apply([FrameRecord(dev.id, "tetra", "in", b"+CTSDSR", events, time.monotonic())])


def test_statuses_and_positions_stay_out_of_the_duty_log(seeded):
    unit = _unit(seeded)
    before = seeded.log.count()
    res = _ingest(seeded, [Status(0x8005, sender=unit["issi"], label="空闲 Available"),
                           Position(True, 31.23, 121.47, source=unit["issi"])])
    assert seeded.log.count() == before and not res.changes.duty_log
    entries = seeded.comms.entries(CommsFilter(unit_id=unit["id"]))
    assert {e.kind for e in entries} == {"status", "position"}
    status = next(e for e in entries if e.kind == "status")
    assert "空闲" in status.text and "Available" not in status.text  # one language
    assert status.source == unit["callsign"]


def test_a_text_to_the_command_reaches_both_logs_credited_to_the_unit(seeded):
    unit = _unit(seeded)
    res = _ingest(seeded, [Text("外滩隧道口积水", sender=unit["issi"])])
    [entry] = [seeded.log.get(i) for i in res.changes.duty_log]
    assert entry.author == unit["callsign"] and "积水" in entry.text
    [traffic] = seeded.comms.entries(CommsFilter(query="隧道口"))
    assert traffic.unit_id == unit["id"] and traffic.kind == "text"


def test_traffic_between_units_is_not_for_the_duty_log(seeded):
    a, b = [u for u in seeded.resources.units() if u.get("issi")][:2]
    res = _ingest(seeded, [Text("收到，马上到", sender=a["issi"], to=b["issi"])])
    assert not res.changes.duty_log and len(res.changes.comms_log) == 1


def test_unknown_sender_is_credited_to_its_radio_identity(seeded):
    res = _ingest(seeded, [Status(0, sender="9999999", emergency=True)])
    [entry] = [seeded.log.get(i) for i in res.changes.duty_log]
    assert entry.author == "TETRA 9999999"
    assert [e.kind for e in seeded.comms.by_ids(res.changes.comms_log)] == ["emergency"]


def test_the_officer_marks_traffic_for_the_duty_log(seeded):
    unit = _unit(seeded)
    res = _ingest(seeded, [Status(0x8002, sender=unit["issi"], label="到达现场 On scene")])
    [cid] = res.changes.comms_log
    inc = seeded.incidents.list()[0]
    marked = seeded.comms.mark_for_duty_log(cid, incident_id=inc.id)
    entry = seeded.log.get(marked.value)
    assert entry.incident_id == inc.id and entry.author == unit["callsign"] and "到达现场" in entry.text
    with pytest.raises(KeyError):
        seeded.comms.mark_for_duty_log("no-such-entry")


def test_search_needs_words_and_filters_combine(seeded):
    unit = _unit(seeded)
    _ingest(seeded, [Text("请求增援两台泵车", sender=unit["issi"])])
    assert seeded.comms.entries(CommsFilter(query="泵车", unit_id=unit["id"]))
    assert seeded.comms.entries(CommsFilter(query="泵车", unit_id="someone-else")) == []
    assert seeded.comms.entries(CommsFilter(query="\"")) == []


@pytest.mark.parametrize(("label", "lang", "want"), [
    ("空闲 Available", "zh_CN", "空闲"), ("空闲 Available", "en", "Available"),
    ("请求通话 Request to talk", "en", "Request to talk"), ("On scene", "zh_CN", "On scene"), ("出动", "en", "出动"),
])
def test_status_labels_in_one_language(label, lang, want):
    assert in_language(label, lang) == want
