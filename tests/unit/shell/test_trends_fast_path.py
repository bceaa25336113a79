"""The Trends area's fast path on a real store: a dense series is read at a level whose points the
plot width bounds, a pan inside what is loaded reads nothing and rebuilds nothing, leaving it or
zooming in reads again, and live readings and CSV export keep working at a rollup level."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from console.services.sensors import Reading
from console.shell.operations import Operations
from console.views.trends_view import POINTS_PER_PIXEL, make_trends_area

DENSE = 50_000  # one reading a second for almost 14 hours


@pytest.fixture
def dense(qtbot, seeded, clock):
    now = clock.now().timestamp()
    seeded.sensors.ingest([Reading("sen-001", now - DENSE + k, 3.0 + (k % 600) / 1000) for k in range(1, DENSE + 1)])
    ops = Operations()
    v = make_trends_area(seeded.sensors, ops, clock)
    qtbot.addWidget(v)
    v.resize(1000, 600)
    v.show()
    v.ops = ops
    v.show_sensor("sen-001")
    return v


@pytest.fixture
def statements(seeded):
    """Every SQL statement the connection runs from now on."""
    seen: list[str] = []
    seeded.store.conn.set_trace_callback(seen.append)
    yield seen
    seeded.store.conn.set_trace_callback(None)


def bound(view) -> int:
    return POINTS_PER_PIXEL * int(view.plot.getViewBox().width())


def test_a_dense_series_draws_no_more_points_than_the_width_holds(dense):
    ts, vs = dense.data["sen-001"]
    assert dense.loaded["sen-001"].resolution == "hour"  # 24 h of 1 Hz readings: the hour rollups
    assert 0 < len(ts) <= bound(dense) and vs.max() == pytest.approx(3.599)  # peaks survive
    now = dense.now()
    dense.show_range(now - DENSE, now)
    assert len(dense.data["sen-001"][0]) <= bound(dense)


def test_a_pan_inside_what_is_loaded_reads_nothing_and_keeps_the_arrays(dense, statements):
    vb = dense.plot.getViewBox()
    ts, vs = dense.data["sen-001"]
    for step in range(10):
        (x0, x1), _ = vb.viewRange()
        shift = (x1 - x0) * (0.05 if step < 5 else -0.05)
        vb.setXRange(x0 + shift, x1 + shift, padding=0)
        dense.plot.viewport().repaint()
        QApplication.processEvents()
    assert statements == []
    assert dense.data["sen-001"][0] is ts and dense.data["sen-001"][1] is vs


def test_leaving_what_is_loaded_or_zooming_in_reads_again(dense, qtbot, statements):
    vb = dense.plot.getViewBox()
    (x0, x1), _ = vb.viewRange()
    dense.set_live(False)  # as a drag does
    vb.setXRange(x0 - 2 * (x1 - x0), x1 - 2 * (x1 - x0), padding=0)  # two days back: outside
    qtbot.waitUntil(lambda: dense.loaded["sen-001"].t0 <= x0 - 2 * (x1 - x0))
    assert any("reading_rollups" in s for s in statements)
    now = dense.now()
    vb.setXRange(now - 600, now, padding=0)  # ten minutes: the readings themselves
    qtbot.waitUntil(lambda: dense.loaded["sen-001"].t1 == np.inf)
    ts, _ = dense.data["sen-001"]
    assert dense.loaded["sen-001"].resolution == "raw"
    assert 600 <= len(ts) <= bound(dense) and np.all(np.diff(ts) == 1.0)


def test_a_new_reading_updates_the_last_rollup_bucket(dense, seeded, clock):
    clock.advance(seconds=1)
    res = seeded.sensors.ingest([Reading("sen-001", clock.now().timestamp(), 9.5)])
    dense.ops.publish(res.changes)
    ts, vs = dense.data["sen-001"]
    assert vs.max() == 9.5 and len(np.unique(ts)) == len(ts) and np.all(np.diff(ts) > 0)


def test_csv_export_at_a_rollup_level_writes_the_readings(dense, tmp_path):
    now = dense.now()
    dense.show_range(now - 7200, now)
    dense.show_range(now - 4 * 86400, now)  # the hour rollups again, the last two hours exported
    dense.plot.setXRange(now - 120, now, padding=0)
    n = dense.export_csv(str(tmp_path / "t.csv"))
    rows = list(csv.reader((tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()))
    assert 120 <= n <= 121 and len(rows) == n + 1
