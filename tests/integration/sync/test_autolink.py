"""The console syncs by itself: with a hub URL set, the Sync area shows the link offline while no
hub runs, reconnects once one starts, drains its outbox, applies what the other console published
(off the GUI thread, published to the views) and says "in sync"."""
from __future__ import annotations

import asyncio

import pytest

from console.services.duty_log import DutyLogService
from console.services.sync import SyncService
from console.shell.operations import Operations
from console.store.database import open_store
from console.sync.autolink import AutoLink
from console.sync.hub import HubLink, server_binary
from console.views.sync_view import SyncArea

from ...unit.sync.sync_sites import enrol_all, open_site
from .test_hub import _free_port, _serve, _stop

pytestmark = [pytest.mark.slow, pytest.mark.skipif(server_binary() is None, reason="nats-server not installed")]


@pytest.mark.allow_warning_logs
def test_area_follows_the_link_through_an_outage(qtbot, tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    enrol_all([a, b])
    port = _free_port()
    url = f"nats://127.0.0.1:{port}"
    a.add_incident("现场本地")
    b.add_incident("中心下发")

    def worker():
        own = open_store(a.svc.store.path, a.clock)
        return SyncService(own, DutyLogService(own))

    ops = Operations()
    area = SyncArea(a.sync, ops, worker)
    qtbot.addWidget(area)
    states: list[str] = []
    area.link_event.connect(lambda e: states.append(e.state))
    link = AutoLink(url, worker, area.link_event.emit, interval_s=0.2, backoff_s=(0.1, 0.2))
    server = None
    try:
        area.follow_link(link)
        qtbot.waitUntil(lambda: "offline" in states, timeout=20_000)
        assert "retrying" in area.link.text()
        server = _serve(tmp_path / "hub", port)
        asyncio.run(HubLink(b.sync, url).run_once())  # the centre publishes its incident
        with qtbot.waitSignal(ops.changed, timeout=30_000):
            pass
        qtbot.waitUntil(lambda: sorted(i.title for i in a.svc.incidents.list()) == ["中心下发", "现场本地"],
                        timeout=30_000)
        qtbot.waitUntil(lambda: states[-1] == "in_sync" and area.link.text() == "In sync with the hub",
                        timeout=30_000)
        asyncio.run(HubLink(b.sync, url).run_once())  # the centre now has the field's incident too
        assert sorted(i.title for i in b.svc.incidents.list()) == ["中心下发", "现场本地"]
    finally:
        area.shutdown()
        if server is not None:
            _stop(server)
        a.close()
        b.close()
