"""Hostile strings in every field that reaches the map page: shown as text, nothing runs.

The payloads try to set a JavaScript global and to call the QWebChannel bridge (asking Python for a
new incident); the tests assert neither happened, in a real QWebEngineView.
"""
from __future__ import annotations

import json
import logging

import pytest

from console.map.basemaps import BasemapRegistry
from console.map.security import CONTENT_SECURITY_POLICY
from console.views.map_view import MapView
from tests.integration.test_map_view import HEADLESS_GPU_NOISE, js, unit
from tests.unit.map.mbtiles_factory import make_mbtiles

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)


def payloads(tag: str) -> list[str]:
    act = f"window.__pwned=(window.__pwned||[]).concat('{tag}');ICC.bridgeCall('contextAction','new_incident',1,2)"
    return [
        f'<img src=x onerror="{act}">',
        f"<svg/onload=\"{act}\"></svg>",
        f"</span></div><script>{act}</script>",
        f"\"'><img src=x onerror=\"{act}\">",
        f"<iframe srcdoc=\"<script>parent.{act}</script>\"></iframe>",
    ]


def hostile(tag: str) -> str:
    return " ".join(payloads(tag))


def hostile_snapshot() -> dict:
    return {
        "units": [unit("u1", 31.23, 121.47, callsign=hostile("callsign"), type=hostile("unit-type"),
                       status=hostile("unit-status")),
                  unit(hostile("unit-id"), 31.231, 121.471, callsign=None, status="constructor")],
        "incidents": [{"id": "i1", "title": hostile("incident"), "level": hostile("incident-level"),
                       "status": hostile("incident-status"), "lat": 31.25, "lon": 121.45, "acknowledged": False}],
        "resources": [{"id": "r1", "kind": hostile("resource-kind"), "name": hostile("resource"), "lat": 31.21,
                       "lon": 121.44, "attrs": {hostile("attr-key"): hostile("attr-value"),
                                                "capacity": hostile("capacity"),
                                                "items": {hostile("item"): hostile("count")}}},
                      {"id": "r2", "kind": "shelter", "name": "避难所", "lat": 31.211, "lon": 121.441,
                       "attrs": {"capacity": hostile("shelter-capacity")}}],
        "cameras": [{"id": "c1", "name": hostile("camera"), "lat": 31.231, "lon": 121.475}],
        "risk_zones": [{"id": "z1", "name": hostile("zone"), "colour": hostile("zone-colour"),
                        "polygon": [[31.1, 121.3], [31.1, 121.35], [31.05, 121.35]]}],
        "hazards": [{"id": "h1", "name": hostile("hazard"), "lat": 31.26, "lon": 121.52, "level": hostile("hz")}],
        "sensors": [{"id": "s1", "name": hostile("sensor"), "kind": hostile("sensor-kind"), "lat": 31.24,
                     "lon": 121.49, "value": hostile("sensor-value"), "threshold": 4.5, "unit": hostile("unit")}],
    }


@pytest.fixture
def hostile_view(qtbot, tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="console.map")
    tiles = tmp_path / "basemaps"
    tiles.mkdir()
    make_mbtiles(tiles / "evil.mbtiles", name=hostile("basemap"))
    make_mbtiles(tiles / "proto.mbtiles", name="__proto__")
    districts = tmp_path / "districts.geojson"
    districts.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": hostile("district"), "code": hostile("code")},
        "geometry": {"type": "Polygon", "coordinates": [[[121.3, 31.1], [121.6, 31.1], [121.6, 31.3],
                                                          [121.3, 31.3], [121.3, 31.1]]]}}]}), encoding="utf-8")
    v = MapView(BasemapRegistry(tiles_dir=tiles, districts_geojson=districts, online_title=hostile("online"),
                                vector_title=hostile("vector")))
    qtbot.addWidget(v)
    v.resize(900, 650)
    v.show()
    v.set_snapshot(hostile_snapshot())
    with qtbot.waitSignal(v.ready, timeout=30000):
        pass
    yield v


def _open_everything(qtbot, view) -> None:
    # Tooltips build their DOM only when shown: show every one, at a zoom where nothing is clustered.
    js(qtbot, view, """(function () {
        ICC.map.setView([31.23, 121.47], 16, {animate: false});
        Object.keys(ICC.layers).forEach(function (name) {
          var l = ICC.layers[name], recs = l.items || l.units;
          recs.forEach(function (rec) {
            var m = rec.marker || rec.poly;
            if (m && m.getTooltip()) { m.openTooltip(m.getLatLng ? m.getLatLng() : m.getBounds().getCenter()); }
          });
        });
        ICC.ctx.open(ICC.map, L.latLng(31.23, 121.47), L.point(40, 40));
        return true; })()""")


def test_hostile_strings_are_shown_as_text_and_nothing_runs(qtbot, hostile_view):
    view = hostile_view
    asked: list = []
    view.newIncidentRequested.connect(lambda lat, lon: asked.append((lat, lon)))
    view._bridge.contextChosen.connect(lambda *a: asked.append(a))
    _open_everything(qtbot, view)
    view.update_items("incidents", [{"id": "i2", "title": hostile("incident-update"), "level": 1,
                                     "status": "active", "lat": 31.232, "lon": 121.472, "acknowledged": False}])
    qtbot.waitUntil(lambda: js(qtbot, view, "ICC.debug.count('incidents')") == 2, timeout=10000)
    view.select_incident("i2")
    view.follow_unit("u1")
    qtbot.waitUntil(lambda: js(qtbot, view, "ICC.debug.following()") == "u1", timeout=10000)
    _open_everything(qtbot, view)
    # No element from any payload exists: the markup was never parsed.
    injected = js(qtbot, view, "document.querySelectorAll('img[src=x], svg[onload], iframe, script:not([src]),"
                               " [onerror], [onload]').length")
    assert injected == 0
    assert js(qtbot, view, "window.__pwned === undefined") is True
    assert asked == []
    # ... and the strings are on the page as text, where an operator can read them.
    # (Tooltips of markers out of view are not in the document; their content is read directly.)
    text = js(qtbot, view, """(function () {
        var parts = [document.body.textContent];
        Object.keys(ICC.layers).forEach(function (name) {
          var l = ICC.layers[name];
          (l.items || l.units).forEach(function (rec) {
            var m = rec.marker || rec.poly, tip = m && m.getTooltip();
            if (tip) parts.push(tip.getContent().textContent);
          });
        });
        return parts.join(" "); })()""")
    for tag in ("basemap", "vector", "incident", "callsign", "resource", "camera", "zone", "hazard", "sensor",
                "district", "attr-value", "capacity"):
        assert payloads(tag)[0][:100] in text, tag  # a basemap's name is cut at 120 characters
    assert js(qtbot, view, "ICC.debug.basemaps().indexOf('__proto__') >= 0") is True


@pytest.mark.allow_warning_logs  # Chromium reports each refused handler as a console error
def test_policy_refuses_inline_script_even_if_markup_got_in(qtbot, hostile_view):
    view = hostile_view
    asked: list = []
    view._bridge.contextChosen.connect(lambda *a: asked.append(a))
    # Simulate a future bug that parses data as HTML: the Content-Security-Policy must still stop it.
    js(qtbot, view, """(function () {
        window.__refused = 0;
        document.addEventListener('securitypolicyviolation', function () { window.__refused += 1; });
        var box = document.createElement('div');
        box.innerHTML = '<img id="probe" src="x" onerror="window.__pwned=1;ICC.bridgeCall(\\'contextAction\\',' +
          '\\'new_incident\\',1,2)">';
        box.querySelector('#probe').addEventListener('error', function () { window.__probeFailed = true; });
        document.body.appendChild(box);
        return true; })()""")
    qtbot.waitUntil(lambda: js(qtbot, view, "window.__probeFailed === true && window.__refused > 0"), timeout=10000)
    assert js(qtbot, view, "window.__pwned === undefined") is True
    assert asked == []
    header = js(qtbot, view, "(window.__csp = null, fetch('app://console/index.html').then(function (r) {"
                             " window.__csp = r.headers.get('content-security-policy'); }), true)")
    assert header is True
    qtbot.waitUntil(lambda: js(qtbot, view, "window.__csp") is not None, timeout=10000)
    assert js(qtbot, view, "window.__csp") == CONTENT_SECURITY_POLICY
    assert js(qtbot, view, "document.querySelectorAll('script:not([src])').length") == 0
