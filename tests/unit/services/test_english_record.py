"""An English console writes an English record: the system's own words in the log carry no Chinese
(names, titles and message texts are data and stay as they were entered)."""
from __future__ import annotations

import re
import time

import pytest

from console.domain.device_events import Status, Text
from console.domain.incident import Level
from console.domain.intake import IntakeForm
from console.domain.record_texts import RecordTexts
from console.services import build_services
from console.services.ingest import FrameRecord

CJK = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture
def en(seeded):
    return build_services(seeded.store, RecordTexts("en"))


def _new_entries(svc, since: int) -> list[str]:
    return [r["text"] for r in svc.store.rows("SELECT text FROM duty_log WHERE seq > ? ORDER BY seq", (since,))]


def _last_seq(svc) -> int:
    return svc.store.scalar("SELECT coalesce(max(seq), 0) FROM duty_log")


def _without(texts: list[str], data: set[str]) -> list[str]:
    """The texts with every data value taken out, longest first (so a title goes before its words)."""
    out = []
    for t in texts:
        for d in sorted((d for d in data if d), key=len, reverse=True):
            t = t.replace(d, "")
        out.append(t)
    return out


def test_intake_and_level_change_are_written_in_english(en):
    start = _last_seq(en)
    inc = en.incidents.intake(IntakeForm(title="Gas leak test", klass="accident", level="3", lat="31.19",
                                         lon="121.43", source="119", reporter="Mr Wang")).value
    en.incidents.set_level(inc.id, Level.II)
    en.shifts.open("Zhang Wei", "Li")
    texts = _new_entries(en, start)
    assert len(texts) == 3 and texts[0].startswith("Report taken: Gas leak test")
    assert not any(CJK.search(t) for t in texts), texts


def test_a_preplan_activation_is_written_in_english(en):
    en.preplans.load_samples()
    typhoon = next(i for i in en.incidents.list() if "台风" in i.title)
    plan = en.preplans.plan("flood-typhoon")
    start = _last_seq(en)
    act = en.preplans.activate(typhoon.id, plan.id, Level.II).value
    rows = en.preplans.checklist(act.id)
    plain = next(r for r in rows if not r.item.evidence_required and not r.item.depends_on)
    en.preplans.set_item_state(plain.id, "done")
    texts = _new_entries(en, start)
    assert any(t.startswith("Activated '") for t in texts) and any("responding under" in t for t in texts)
    assert texts[-1].startswith("Checklist item")
    data = {typhoon.title, plan.title, *(r.item.text for r in rows)}
    data |= {d["resource_name"] for d in en.preplans.dispatches(act.id)}
    data |= {d["request_type"] for d in en.preplans.dispatches(act.id)}
    data |= {o["text"] for o in en.preplans.outbox(act.id)} | {o["recipient"] for o in en.preplans.outbox(act.id)}
    data |= {t.text for t in en.preplans.tasks(act.id)} | {t.recipient for t in en.preplans.tasks(act.id)}
    data |= {n.name for n in plan.notifications} | {r.type for r in plan.resources}
    left = [t for t in _without(texts, data) if CJK.search(t)]
    assert not left, left


def test_device_texts_and_statuses_are_written_in_english(en):
    unit = next(u for u in en.resources.units() if u.get("issi"))
    dev = en.devices.add("radio", "/dev/ttyRadio", "tetra").value
    start = _last_seq(en)
    now = time.monotonic()
    events = [Text("on scene, water 30 cm", sender=unit["issi"]),
              Status(0x8002, sender=unit["issi"], label="到达现场 On scene"),
              Status(0, sender="9999999", emergency=True)]
    res = en.ingest.apply([FrameRecord(dev.id, "tetra", "in", b"+CTSDSR", events, now)])
    assert res.changes.duty_log and res.changes.alerts and res.changes.frames == {dev.id}
    texts = _new_entries(en, start)
    assert len(texts) == 2  # the text to the command and the emergency; the status is comms traffic
    comms = [e.text for e in en.comms.by_ids(res.changes.comms_log)]
    assert len(comms) == 3 and any("status: On scene" in t for t in comms)
    left = [t for t in _without(texts + comms, {unit["callsign"]}) if CJK.search(t)]
    assert not left, left
