"""The Sync area applies a bundle off the GUI thread and shows peers, conflicts and held changes."""
from __future__ import annotations

import pytest

from console.domain.incident import Level
from console.services.duty_log import DutyLogService
from console.services.sync import SyncService
from console.shell.operations import Operations
from console.store.database import open_store
from console.views.sync_view import SyncArea

from .sync_sites import enrol_all, exchange, open_site


@pytest.fixture
def pair(tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    enrol_all([a, b])
    yield a, b
    a.close()
    b.close()


def _area(qtbot, site):
    def worker():
        own = open_store(site.svc.store.path, site.clock)
        return SyncService(own, DutyLogService(own))

    ops = Operations()
    area = SyncArea(site.sync, ops, worker)
    qtbot.addWidget(area)
    return area, ops


def test_bundle_applied_off_the_gui_thread_and_published(qtbot, pair, tmp_path):
    a, b = pair
    a.add_incident("视图导入")
    bundle = tmp_path / "x.bundle"
    bundle.write_bytes(a.sync.export_batch(b.id).value)
    area, ops = _area(qtbot, b)
    with qtbot.waitSignal(ops.changed, timeout=10_000) as published:
        area.import_bundle(bundle)
    assert published.args[0].incidents or published.args[0].reset
    assert [i.title for i in b.svc.incidents.list()] == ["视图导入"]
    assert area.peers.rowCount() == 1 and area.import_button.isEnabled()
    b.add_incident("之后本地")  # the window's clock continues after what the worker stored
    assert b.svc.store.scalar("SELECT max(hlc) FROM changes").endswith(b.id)


@pytest.mark.allow_warning_logs
def test_damaged_bundle_is_reported_not_applied(qtbot, pair, tmp_path):
    a, b = pair
    a.add_incident("坏包")
    bundle = tmp_path / "bad.bundle"
    bundle.write_bytes(a.sync.export_batch(b.id).value[:-10])
    area, ops = _area(qtbot, b)
    with qtbot.waitSignal(ops.failed, timeout=10_000) as failed:
        area.import_bundle(bundle)
    assert "truncated" in failed.args[0] and b.svc.incidents.list() == []


def test_conflict_shown_with_both_values_and_chosen(qtbot, pair):
    a, b = pair
    inc = a.add_incident("冲突视图", level=3)
    exchange(a, b)
    a.svc.incidents.set_level(inc.id, Level(2))
    b.svc.incidents.set_level(inc.id, Level(1))
    exchange(a, b)
    area, ops = _area(qtbot, b)
    assert area.conflicts.rowCount() == 1
    values = {area.conflicts.item(0, 3).text(), area.conflicts.item(0, 4).text()}
    assert values == {"1", "2"}
    area.conflicts.selectRow(0)
    other = int(area.conflicts.item(0, 4).text())
    with qtbot.waitSignal(ops.changed):
        area.other_button.click()
    assert area.conflicts.rowCount() == 0 and b.svc.incidents.get(inc.id).level == other
