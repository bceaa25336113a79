"""Idle, the console wakes only when something can change: with no device open the device
manager does not tick every 50 ms; it sleeps until the next outbox expiry."""
from __future__ import annotations

from console.domain.changes import Changes
from console.orchestration.manager import build_device_manager


def test_no_device_no_ticking_until_something_can_expire(qtbot, services):
    mgr = build_device_manager(services.store, services, lambda c: None, interval_ms=50)
    mgr.start()
    mgr.drain()
    assert not mgr.timer.isActive()
    oid = services.outbox.enqueue("tetra", "1001", "请回电", expires_s=600, linked=False).value
    mgr.on_changes(Changes(outbox={oid}))
    assert mgr.timer.isActive() and mgr.timer.interval() == 50  # woken for the next tick
    mgr.drain()
    assert mgr.timer.isActive() and 500_000 < mgr.timer.interval() <= 600_000  # sleeps until it expires
    mgr.shutdown()
    assert not mgr.timer.isActive()
    mgr.deleteLater()
