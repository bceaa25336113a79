"""SMS end to end on a real pty: preplan activation -> outbox -> GSM session -> simulated modem -> delivered."""
from __future__ import annotations

import pytest

from console.devices.simulator import Simulator
from console.domain.incident import Level
from console.orchestration.manager import build_device_manager
from console.services.preplans import PREPLANS

WAIT_MS = 10_000
NUMBER = "+8613800138000"


@pytest.fixture
def rig(qtbot, seeded, tmp_path):
    watchers: list = []  # called with every tick's Changes

    def publish(changes) -> None:
        for watch in watchers:
            watch(changes)

    mgr = build_device_manager(seeded.store, seeded, publish, interval_ms=20)
    mgr.start()
    sim = Simulator("gsm", rate_hz=5, link=str(tmp_path / "ttygsm"))
    sim.start()
    yield mgr, sim, watchers
    mgr.shutdown()
    sim.stop()
    mgr.deleteLater()


def _connect(qtbot, mgr, sim):
    cfg = mgr.add_device("短信猫", sim.link, "gsm").value
    mgr.connect_device(cfg.id)
    qtbot.waitUntil(lambda: mgr.stats(cfg.id).state == "open", timeout=WAIT_MS)
    return cfg


def _plan_with_a_number(svc) -> None:
    text = (PREPLANS / "flood_typhoon.yaml").read_text(encoding="utf-8")
    old = "channel: sms\n    to: [各区防汛指挥部"
    assert old in text
    svc.preplans.import_yaml(text.replace(old, f'channel: sms\n    to: ["{NUMBER}", 各区防汛指挥部'))


def test_a_preplan_sms_notice_goes_queued_sent_delivered(qtbot, seeded, rig):
    mgr, sim, watchers = rig
    cfg = _connect(qtbot, mgr, sim)
    seen: list[str] = []

    def note(changes) -> None:
        for oid in changes.outbox:
            row = mgr.outbox.get(oid)
            if row["channel"] == "sms" and (not seen or seen[-1] != row["state"]):
                seen.append(row["state"])

    watchers.append(note)  # every state the ticks commit, in order
    _plan_with_a_number(seeded)
    typhoon = next(i for i in seeded.incidents.list() if "台风" in i.title)
    changes = seeded.preplans.activate(typhoon.id, "flood-typhoon", Level.II).changes
    [row] = seeded.store.rows("SELECT * FROM outbox WHERE channel = 'sms'")
    assert row["recipient"] == NUMBER and row["state"] == "no_link"
    # The named offices on the same notice stay the officer's to text by hand.
    assert any(t.channel == "sms" and t.recipient == "各区防汛指挥部" for t in seeded.tasks.open())
    mgr.on_changes(changes)
    qtbot.waitUntil(lambda: mgr.outbox.get(row["id"])["state"] == "delivered", timeout=WAIT_MS)
    assert seen == ["queued", "sent", "delivered"]
    done = mgr.outbox.get(row["id"])
    assert done["attempts"] == 1 and done["device_id"] == cfg.id and done["delivered_at"]
    parts = sim.responder.modem.received  # the notice is longer than one UCS-2 message
    assert len(parts) == 2 and all(p[0] & 0x60 == 0x60 for p in parts)  # concatenated, report requested
    out = b"".join(bytes(r["raw"]) for r in seeded.store.rows(
        "SELECT raw FROM device_frames WHERE device_id = ? AND direction = 'out' ORDER BY seq", (cfg.id,)))
    assert b"AT+CMGF=0\r" in out and b"AT+CMGS=" in out


def test_without_a_modem_sms_notices_stay_tasks_for_the_officer(seeded):
    _plan_with_a_number(seeded)
    typhoon = next(i for i in seeded.incidents.list() if "台风" in i.title)
    seeded.preplans.activate(typhoon.id, "flood-typhoon", Level.II)
    assert seeded.store.rows("SELECT * FROM outbox WHERE channel = 'sms'") == []
    assert any(t.channel == "sms" and t.recipient == NUMBER for t in seeded.tasks.open())


def test_a_long_chinese_sms_goes_out_in_parts_and_is_delivered(qtbot, seeded, rig):
    mgr, sim, _ = rig
    _connect(qtbot, mgr, sim)
    text = "台风蓝色预警：" + "请各单位做好防汛防台准备，" * 8
    oid = mgr.send("sms", NUMBER, text).value
    qtbot.waitUntil(lambda: mgr.outbox.get(oid)["state"] == "delivered", timeout=WAIT_MS)
    assert len(sim.responder.modem.received) == 2
