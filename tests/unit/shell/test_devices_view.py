"""The device manager area as an operator uses it, against a simulated radio on a real pty."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.devices.simulator import Simulator
from console.models.device_models import DevicesModel, OutboxModel, TrafficModel
from console.orchestration.manager import build_device_manager
from console.shell.operations import Operations
from console.views.devices_view import make_devices_area

WAIT_MS = 10_000


@pytest.fixture
def rig(qtbot, seeded, tmp_path):
    ops = Operations()
    mgr = build_device_manager(seeded.store, seeded, ops.publish, interval_ms=20)
    issis = [seeded.resources.unit(u)["issi"] for u in ("unit-001", "unit-002")]
    sim = Simulator("tetra", rate_hz=50, seed=3, link=str(tmp_path / "ttyRadio"), identities=issis,
                    emergency_rate=0.0)
    sim.start()
    mgr.start()
    yield mgr, ops, sim
    mgr.shutdown()
    sim.stop()
    mgr.deleteLater()
    ops.deleteLater()


def _cell(model, row, col):
    return model.data(model.index(row, col))


@pytest.mark.parametrize("which", ["devices", "traffic", "outbox"])
def test_models_pass_the_model_tester(qtmodeltester, qtbot, rig, which):
    mgr, ops, sim = rig
    cfg = mgr.add_device("台1", sim.link, "tetra").value
    model = {"devices": lambda: DevicesModel(mgr), "traffic": lambda: TrafficModel(mgr, capacity=50),
             "outbox": lambda: OutboxModel(mgr)}[which]()
    ops.changed.connect(model.on_changes)
    mgr.connect_device(cfg.id)
    mgr.send("tetra", "3101007", "测试消息")
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected: live inserts, ring-buffer removals and state changes are checked too.
    qtbot.waitUntil(lambda: mgr.outbox.rows()[0]["state"] == "delivered", timeout=WAIT_MS)
    if which == "traffic":
        qtbot.waitUntil(lambda: model.rowCount() == 50, timeout=WAIT_MS)
        with qtbot.waitSignal(ops.changed, timeout=WAIT_MS, check_params_cb=lambda ch: bool(ch.frames)):
            pass


def test_add_connect_watch_traffic_and_send(qtbot, rig):
    mgr, ops, sim = rig
    view = make_devices_area(mgr, ops)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    view.port.setEditText(sim.link)
    view.name.setText("指挥车电台")
    view.protocol.setCurrentIndex(view.protocol.findData("tetra"))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.devices_model.rowCount() == 1 and _cell(view.devices_model, 0, 0) == "指挥车电台"
    assert sim.link in mgr.detected_ports()
    qtbot.mouseClick(view.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in _cell(view.devices_model, 0, 3), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.traffic_model.rowCount() > 20, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: float(_cell(view.devices_model, 0, 4).replace(",", "")) > 0, timeout=WAIT_MS)
    assert "CTSDSR" in _cell(view.traffic_model, view.traffic_model.rowCount() - 1, 3) or any(
        "CTSDSR" in _cell(view.traffic_model, r, 3) for r in range(view.traffic_model.rowCount()))
    # The filter narrows the monitor; pause stops it growing.
    view.filter.setText("3101014")
    assert 0 < view.traffic_proxy.rowCount() < view.traffic_model.rowCount()
    view.filter.clear()
    view.pause.setChecked(True)
    n = view.traffic_model.rowCount()
    with qtbot.waitSignal(ops.changed, timeout=WAIT_MS, check_params_cb=lambda ch: bool(ch.frames)):
        pass
    assert view.traffic_model.rowCount() == n
    view.pause.setChecked(False)

    dialog = view.open_send_dialog()
    dialog.unit.setCurrentIndex(dialog.unit.findData("3101007"))
    dialog.text.setPlainText("请立即前往外滩隧道口")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert dialog.outbox_id is not None
    assert dialog.state.text() in ("Queued", "Sent")
    qtbot.waitUntil(lambda: dialog.state.text() == "Delivered", timeout=WAIT_MS)
    assert view.outbox_model.state_of(dialog.outbox_id) == "delivered"
    dialog.close()

    qtbot.mouseClick(view.disconnect_button, Qt.MouseButton.LeftButton)
    assert "Disconnected" in _cell(view.devices_model, 0, 3)


def test_emergency_shows_the_banner_until_acknowledged(qtbot, rig):
    mgr, ops, sim = rig
    view = make_devices_area(mgr, ops)
    qtbot.addWidget(view)
    view.show()
    cfg = mgr.add_device("台1", sim.link, "tetra").value
    mgr.connect_device(cfg.id)
    qtbot.waitUntil(lambda: mgr.stats(cfg.id).state == "open", timeout=WAIT_MS)  # opening flushes the port
    sim.inject(sim.traffic.status_frame(0, 0))
    qtbot.waitUntil(view.banner.isVisible, timeout=WAIT_MS)
    assert "紧急" in view.banner.label.text() and "沪消-外滩-01" in view.banner.label.text()
    qtbot.mouseClick(view.banner.ack, Qt.MouseButton.LeftButton)
    assert not view.banner.isVisible() and mgr.ingest.open_alerts() == []
