"""A PMTiles extract drawn on canvas by protomaps-leaflet, offscreen with no GPU: the land half of
every tile and the background both appear, the day style differs from the night one, and the
raster MBTiles path is untouched (tests/integration/test_map_view.py)."""
from __future__ import annotations

import logging

import pytest

from console.map.basemaps import BasemapRegistry
from console.views.map_view import MapView
from tests.integration.test_map_view import HEADLESS_GPU_NOISE, SNAPSHOT, districts, js  # noqa: F401
from tests.unit.map.pmtiles_factory import make_pmtiles

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)

# The colours found in the drawn tile canvases (sampled on a grid), as "r,g,b" strings.
COLOURS = """(function () {
  var seen = {};
  document.querySelectorAll('canvas.leaflet-tile').forEach(function (c) {
    if (!c.width) return;
    var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (var y = 8; y < c.height; y += 32) for (var x = 8; x < c.width; x += 32) {
      var i = (y * c.width + x) * 4;
      if (d[i + 3]) seen[d[i] + ',' + d[i + 1] + ',' + d[i + 2]] = 1;
    }
  });
  return Object.keys(seen).sort();
})()"""


@pytest.fixture
def vector_view(qtbot, tmp_path, districts, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG, logger="console.map")
    tiles = tmp_path / "basemaps"
    tiles.mkdir()
    make_pmtiles(tiles / "shanghai.pmtiles")
    v = MapView(BasemapRegistry(tiles_dir=tiles, districts_geojson=districts))
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.show()
    v.set_snapshot(SNAPSHOT)
    with qtbot.waitSignal(v.ready, timeout=30000):
        pass
    yield v
    errors = [r.getMessage() for r in caplog.records if r.name.startswith("console.map") and r.levelno >= logging.WARNING]
    assert not errors


def _colours(qtbot, view, at_least: int):
    found: list = [[]]

    def drawn():
        found[0] = js(qtbot, view, COLOURS)
        assert len(found[0]) >= at_least

    qtbot.waitUntil(drawn, timeout=20000)
    return set(found[0])


def test_pmtiles_extract_renders_on_canvas_in_night_and_day(qtbot, vector_view):
    assert js(qtbot, vector_view, "ICC.map.hasLayer(ICC.basemaps.bases['测试矢量底图'])") is True
    night = _colours(qtbot, vector_view, 2)  # land and background, not a blank map
    vector_view.set_theme("day")
    wait_for = {"day": None}

    def changed():
        wait_for["day"] = set(js(qtbot, vector_view, COLOURS))
        assert wait_for["day"] and wait_for["day"].isdisjoint(night)

    qtbot.waitUntil(changed, timeout=20000)
