"""The map page in a real QWebEngineView, offscreen: requests, markers, selection, tiles."""
from __future__ import annotations

import json
import logging
import shutil

import pytest

from console.map.schemes import register_url_schemes

# Schemes must be registered before the QApplication exists; pytest-qt creates it lazily on the
# first test, after collection imported this module. tests/conftest_map_hook.py does the same
# from pytest_configure for suites where something creates the application earlier.
register_url_schemes()

from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor  # noqa: E402

from console.map.basemaps import DEFAULT_DISTRICTS, BasemapRegistry  # noqa: E402
from console.views.basemap_import_dialog import BasemapImportDialog  # noqa: E402
from console.views.map_view import MapView  # noqa: E402
from tests.unit.map.mbtiles_factory import make_mbtiles, tile_blob  # noqa: E402

ALLOWED_SCHEMES = {"app", "tiles", "qrc", "data"}

# A headless machine has no GPU: Chromium and Qt's RHI say so once per process. That is the
# environment, not the map, so only these exact start-up lines are tolerated.
HEADLESS_GPU_NOISE = [
    "QRhiGles2: Failed to create",
    "Failed to create RHI for backend",
    "This plugin does not support createPlatformVulkanInstance",
    "QVulkanInstance: Failed to initialize Vulkan",
    "GBM is not supported",
    "GPUInfo not initialized",
]
pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)

PLACEHOLDER_DISTRICTS = {
    "type": "FeatureCollection",
    "features": [{
        "type": "Feature",
        "properties": {"name": "测试区", "code": "310000"},
        "geometry": {"type": "Polygon", "coordinates": [[[121.3, 31.1], [121.6, 31.1], [121.6, 31.3],
                                                          [121.3, 31.3], [121.3, 31.1]]]},
    }],
}


class Recorder(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt override)
        self.urls.append(info.requestUrl().toString())


def unit(uid: str, lat: float, lon: float, **kw) -> dict:
    d = {"id": uid, "callsign": f"沪消{uid}", "type": "fire_engine", "status": "available", "lat": lat,
         "lon": lon, "heading": 90.0, "speed_kmh": 30.0, "updated_at": "2024-05-01T08:00:00+08:00"}
    d.update(kw)
    return d


SNAPSHOT = {
    "units": [unit("u1", 31.23, 121.47), unit("u2", 31.20, 121.50, status="dispatched", heading=None)],
    "incidents": [{"id": "i1", "title": "仓库火灾", "level": 2, "status": "active", "lat": 31.25,
                   "lon": 121.45, "acknowledged": False}],
    "resources": [{"id": "r1", "kind": "shelter", "name": "避难所", "lat": 31.21, "lon": 121.44,
                   "attrs": {"capacity": 5000}}],
    "cameras": [{"id": "c1", "name": "人民广场", "lat": 31.231, "lon": 121.475}],
    "risk_zones": [{"id": "z1", "name": "化工区", "colour": "red",
                    "polygon": [[31.1, 121.3], [31.1, 121.35], [31.05, 121.35]]}],
    "hazards": [{"id": "h1", "name": "加油站", "lat": 31.26, "lon": 121.52, "level": 3}],
    "sensors": [{"id": "s1", "name": "水位", "kind": "water_level", "lat": 31.24, "lon": 121.49,
                 "value": 4.8, "threshold": 4.5, "unit": "m"}],
}


@pytest.fixture
def tiles_dir(tmp_path):
    d = tmp_path / "basemaps"
    d.mkdir()
    make_mbtiles(d / "test.mbtiles", zooms=range(0, 4))
    return d


@pytest.fixture
def districts(tmp_path):
    if DEFAULT_DISTRICTS.is_file():
        return DEFAULT_DISTRICTS
    path = tmp_path / "districts.geojson"
    path.write_text(json.dumps(PLACEHOLDER_DISTRICTS), encoding="utf-8")
    return path


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def view(qtbot, tiles_dir, districts, recorder, caplog):
    caplog.set_level(logging.DEBUG, logger="console.map")
    v = MapView(BasemapRegistry(tiles_dir=tiles_dir, districts_geojson=districts))
    v.profile().setUrlRequestInterceptor(recorder)
    qtbot.addWidget(v)
    v.resize(900, 650)
    v.show()
    v.set_snapshot(SNAPSHOT)
    with qtbot.waitSignal(v.ready, timeout=30000):
        pass
    yield v
    v.profile().setUrlRequestInterceptor(None)
    # The page's console is routed to our logger; any JavaScript error there is a failure.
    js_errors = [r.getMessage() for r in caplog.records if r.name.startswith("console.map") and r.levelno >= logging.WARNING]
    assert not js_errors


def js(qtbot, view, expr):
    box: list = []
    view.run_js_query(expr, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def wait_js(qtbot, view, expr, expected, timeout=10000):
    last: list = [None]

    def check():
        box: list = []
        view.run_js_query(expr, box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        last[0] = box[0]
        assert box[0] == expected

    try:
        qtbot.waitUntil(check, timeout=timeout)
    except AssertionError:
        raise AssertionError(f"{expr} -> {last[0]!r}, expected {expected!r}") from None


def test_page_loads_with_no_request_outside_the_app(qtbot, view, recorder):
    assert view.is_ready()
    # The MBTiles basemap is the default when present, so tiles:// must have been asked for.
    qtbot.waitUntil(lambda: any(u.startswith("tiles://") for u in recorder.urls), timeout=10000)
    schemes = {u.split(":", 1)[0] for u in recorder.urls}
    assert schemes <= ALLOWED_SCHEMES, [u for u in recorder.urls if u.split(":", 1)[0] not in ALLOWED_SCHEMES]
    assert any(u.endswith("/leaflet/leaflet.js") for u in recorder.urls)
    assert js(qtbot, view, "ICC.debug.count('units')") == 2
    assert js(qtbot, view, "ICC.debug.count('incidents')") == 1
    assert js(qtbot, view, "ICC.debug.basemaps().length") == 2


def test_units_appear_move_and_disappear(qtbot, view):
    assert js(qtbot, view, "ICC.debug.latLng('units', 'u1')") == [31.23, 121.47]
    assert js(qtbot, view, "ICC.debug.hasDomMarker('u1')") is True
    view.update_items("units", [unit("u1", 31.24, 121.48, heading=180.0)])
    wait_js(qtbot, view, "ICC.debug.latLng('units', 'u1')", [31.24, 121.48])
    view.update_items("units", [unit("u3", 31.22, 121.46)], removed_ids=["u2"])
    wait_js(qtbot, view, "ICC.debug.latLng('units', 'u3')", [31.22, 121.46])
    assert js(qtbot, view, "ICC.debug.latLng('units', 'u2')") is None
    assert js(qtbot, view, "ICC.debug.count('units')") == 2


def test_clicking_markers_selects_in_python(qtbot, view):
    with qtbot.waitSignal(view.unitSelected, timeout=5000) as sig:
        js(qtbot, view, "(ICC.layers.units.units.get('u1').marker.fire('click'), true)")
    assert sig.args == ["u1"]
    assert js(qtbot, view, "ICC.debug.selected('units')") == "u1"
    with qtbot.waitSignal(view.incidentSelected, timeout=5000) as sig:
        js(qtbot, view, "(ICC.layers.incidents.items.get('i1').marker.fire('click'), true)")
    assert sig.args == ["i1"]
    with qtbot.waitSignal(view.cameraActivated, timeout=5000) as sig:
        js(qtbot, view, "(ICC.layers.cameras.items.get('c1').marker.fire('click'), true)")
    assert sig.args == ["c1"]


def test_selecting_from_python_highlights_and_flies(qtbot, view):
    view.select_incident("i1")
    wait_js(qtbot, view, "ICC.debug.selected('incidents')", "i1")

    def arrived():
        lat, lon, zoom = js(qtbot, view, "ICC.debug.center()")
        assert abs(lat - 31.25) < 1e-3 and abs(lon - 121.45) < 1e-3 and zoom >= 16

    qtbot.waitUntil(arrived, timeout=10000)
    view.select_unit("u2")
    wait_js(qtbot, view, "ICC.debug.selected('units')", "u2")
    assert js(qtbot, view, "ICC.debug.selected('incidents')") is None


def test_context_menu_new_incident_emits_location(qtbot, view):
    with qtbot.waitSignal(view.newIncidentRequested, timeout=5000) as sig:
        js(qtbot, view, "(ICC.ctx.open(ICC.map, L.latLng(31.2301, 121.4702), L.point(50, 50)),"
                        "document.querySelector('.icc-menu-item[data-act=newIncident]').click(), true)")
    lat, lon = sig.args
    assert lat == pytest.approx(31.2301) and lon == pytest.approx(121.4702)
    assert js(qtbot, view, "document.querySelector('.icc-menu') === null") is True


def test_follow_and_acknowledge(qtbot, view):
    view.follow_unit("u1")
    wait_js(qtbot, view, "ICC.debug.following()", "u1")
    view.update_items("units", [unit("u1", 31.26, 121.49)])

    def centred():
        lat, lon, _ = js(qtbot, view, "ICC.debug.center()")
        assert abs(lat - 31.26) < 1e-3 and abs(lon - 121.49) < 1e-3

    qtbot.waitUntil(centred, timeout=10000)
    view.follow_unit(None)
    wait_js(qtbot, view, "ICC.debug.following()", None)
    assert js(qtbot, view, "ICC.debug.incidentPulsing('i1')") is True
    view.acknowledge_incident("i1")
    wait_js(qtbot, view, "ICC.debug.incidentPulsing('i1')", False)


def test_tiles_scheme_serves_the_right_tile(qtbot, view):
    js(qtbot, view, """(function () {
        window.__tiles = {};
        [[1, 0, 0], [1, 0, 1], [2, 3, 1], [3, 7, 7], [9, 0, 0]].forEach(function (t) {
          fetch('tiles://mbt-test/' + t.join('/'))
            .then(function (r) { return r.arrayBuffer(); })
            .then(function (b) { window.__tiles[t.join('/')] = Array.from(new Uint8Array(b)); });
        });
        return true; })()""")
    qtbot.waitUntil(lambda: js(qtbot, view, "Object.keys(window.__tiles).length") == 5, timeout=10000)
    got = js(qtbot, view, "window.__tiles")
    for key in ("1/0/0", "1/0/1", "2/3/1", "3/7/7"):
        z, x, y = (int(v) for v in key.split("/"))
        assert bytes(got[key]) == tile_blob(z, x, y), key
    # A tile the archive lacks is answered at once with an empty image, not an error.
    assert bytes(got["9/0/0"]).startswith(b"\x89PNG") and len(got["9/0/0"]) < 100


def test_import_dialog_refuses_non_mbtiles(qtbot, tmp_path, tiles_dir):
    bad = tmp_path / "photo.mbtiles"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a tile archive")
    before = sorted(p.name for p in tiles_dir.iterdir())
    dialog = BasemapImportDialog(tiles_dir)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=5000) as sig:
        assert dialog.run(bad) is None
    assert "not an MBTiles file" in sig.args[0] and "photo.mbtiles" in sig.args[0]
    assert sorted(p.name for p in tiles_dir.iterdir()) == before


def test_import_dialog_imports_valid_file(qtbot, tmp_path):
    src = make_mbtiles(tmp_path / "city.mbtiles")
    dest = tmp_path / "installed"
    dialog = BasemapImportDialog(dest)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        info = dialog.run(src)
    assert info is not None and (dest / "city.mbtiles").is_file()
    shutil.rmtree(dest)


def test_many_units_switch_to_dots_and_stay_clickable(qtbot, view):
    crowd = [unit(f"m{i}", 31.0 + (i % 30) * 0.015, 121.2 + (i // 30) * 0.025) for i in range(600)]
    view.update_items("units", crowd)
    wait_js(qtbot, view, "ICC.debug.unitMode()", "dots")
    assert js(qtbot, view, "ICC.debug.hasDomMarker('m5')") is False
    view.update_items("units", [unit("m5", 31.01, 121.21)])
    wait_js(qtbot, view, "ICC.debug.latLng('units', 'm5')", [31.01, 121.21])
    with qtbot.waitSignal(view.unitSelected, timeout=5000) as sig:
        js(qtbot, view, "(function () { var p = ICC.map.latLngToContainerPoint([31.01, 121.21]);"
                        "ICC.map.fire('click', {containerPoint: p, latlng: L.latLng(31.01, 121.21)}); return true; })()")
    assert sig.args == ["m5"]
    # The selected unit is drawn in full even among the dots.
    wait_js(qtbot, view, "ICC.debug.hasDomMarker('m5')", True)
    view.update_items("units", [], removed_ids=[d["id"] for d in crowd])
    wait_js(qtbot, view, "ICC.debug.unitMode()", "dom")


def test_large_snapshot_arrives_in_parts_and_moves_find_units_by_index(qtbot, view):
    crowd = [unit(f"k{i}", 31.0 + (i % 50) * 0.006, 121.2 + (i // 50) * 0.006) for i in range(4500)]
    with qtbot.waitSignal(view._bridge.snapshotDrawn, timeout=20000):
        view.set_snapshot({"units": crowd})
    # Reported drawn only once every part is in.
    assert js(qtbot, view, "ICC.debug.count('units')") == 4500
    # Units in the last part (interned after 4,000 others) move by index, position exact.
    last = crowd[-1]
    view.update_items("units", [{**last, "lat": 31.123456789012345, "heading": None, "t_sent": 1.5}])
    wait_js(qtbot, view, "ICC.debug.latLng('units', 'k4499')", [31.123456789012345, last["lon"]])
    assert js(qtbot, view, "ICC.layers.units.units.get('k4499').d.heading") is None
    wait_js(qtbot, view, "ICC.debug.unitMode()", "dots")
    # Zooming in to a handful of units brings their full markers back at once, without an update.
    js(qtbot, view, "(ICC.map.setView([31.0, 121.2], 17, {animate: false}), true)")
    wait_js(qtbot, view, "ICC.debug.unitMode()", "dom")
    wait_js(qtbot, view, "ICC.debug.hasDomMarker('k0')", True)
