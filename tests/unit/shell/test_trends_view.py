"""The Trends area with qtbot on a real store: the water levels appear with their four lines and
colour bands, the presets set the range shown, a new reading scrolls in through Operations.changed,
a map click opens one sensor's trend, and the view exports PNG and CSV."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt

from console.services.sensors import Reading
from console.shell.operations import Operations
from console.views.trends_view import LINE_COLOURS, make_trends_area


@pytest.fixture
def view(qtbot, seeded, clock):
    now = clock.now().timestamp()
    seeded.sensors.ingest([Reading(sid, now - 3 * 86400 + i * 600, 3.0 + (i % 50) / 100)
                           for sid in ("sen-001", "sen-004") for i in range(3 * 144 + 1)])
    ops = Operations()
    v = make_trends_area(seeded.sensors, ops, clock)
    qtbot.addWidget(v)
    v.resize(1000, 600)
    v.show()
    v.ops = ops
    return v


def test_series_appear_with_their_threshold_lines_and_bands(view):
    assert {"sen-001", "sen-004"} <= set(view.curves)  # the water levels that have readings
    ts, vs = view.data["sen-001"]
    assert len(ts) == 145 and ts[-1] == pytest.approx(view.now())  # 24 h at one per 10 min
    colours = [line.pen.color().name() for line in view.lines["sen-001"]]
    assert colours == [LINE_COLOURS[c] for c in ("blue", "yellow", "orange", "red")]
    assert [round(line.value(), 3) for line in view.lines["sen-001"]][2] == 4.8
    assert len(view.bands) == 4


def test_presets_set_the_range(view, qtbot):
    for key, span in (("1h", 3600), ("7d", 7 * 86400), ("24h", 86400)):
        button = next(b for b in view.presets.buttons() if b.objectName() == f"preset_{key}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        (x0, x1), _ = view.plot.getViewBox().viewRange()
        assert x1 - x0 == pytest.approx(span, rel=0.02) and button.isChecked()
    assert len(view.data["sen-004"][0]) == 145


def test_a_new_reading_scrolls_in_live(view, seeded, clock):
    clock.advance(seconds=60)
    res = seeded.sensors.ingest([Reading("sen-004", clock.now().timestamp(), 3.9)])
    view.ops.publish(res.changes)
    ts, vs = view.data["sen-004"]
    assert vs[-1] == 3.9 and ts[-1] == clock.now().timestamp()
    (_, x1), _ = view.plot.getViewBox().viewRange()
    assert x1 == pytest.approx(clock.now().timestamp(), abs=60)
    assert view.list.findItems("3.9 m", Qt.MatchFlag.MatchContains)  # the list shows the latest value


def test_a_map_click_opens_one_trend_and_crosshair_reads_it(view):
    view.show_sensor("sen-016")
    assert "sen-016" in view.curves and view.list.currentItem().data(Qt.ItemDataRole.UserRole) == "sen-016"
    t = view.data["sen-001"][0][-10]
    assert "黄浦公园 潮位站" in view.readout_at(t)


def test_export_png_and_csv(view, tmp_path):
    assert view.export_png(str(tmp_path / "t.png")) and (tmp_path / "t.png").stat().st_size > 1000
    n = view.export_csv(str(tmp_path / "t.csv"))
    rows = list(csv.reader((tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["sensor_id", "name", "time", "value", "unit"] and len(rows) == n + 1 and n >= 290
    assert np.isclose(float(rows[1][3]), view.data[rows[1][0]][1][0])


def test_live_readings_are_appended_even_when_the_clock_moved_while_the_range_was_read(qtbot, seeded):
    """Between following now and reading the series, a real clock moves on; the series still counts
    as reaching now, so a reading shows the moment it is published, not at the next reload."""

    from console.domain.clock import FakeClock

    class Ticking(FakeClock):
        def now(self):
            self.advance(milliseconds=3)
            return super().now()

    clock = Ticking()
    ops = Operations()
    v = make_trends_area(seeded.sensors, ops, clock)
    qtbot.addWidget(v)
    v.show()
    v.show_sensor("sen-004")
    assert v.loaded["sen-004"].t1 == np.inf
    t = clock.now().timestamp()
    ops.publish(seeded.sensors.ingest([Reading("sen-004", t, 3.7)]).changes)
    ts, vs = v.data["sen-004"]
    assert ts[-1] == t and vs[-1] == 3.7  # before any event is handled
