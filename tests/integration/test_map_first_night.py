# ruff: noqa: F811  (the map fixtures are imported from test_map_view and used as test arguments)
"""The map as a new duty officer meets it: a metric scale, labels that give way to markers, a pulse
that stops, day and night styles, and "pick on map" for a report's point."""
from __future__ import annotations

import pytest

from console.services.places import Places
from console.views.intake_dialog import IntakeDialog
from console.views.intake_map import IntakeMapTools
from tests.integration.test_map_view import (  # noqa: F401 (fixtures)
    HEADLESS_GPU_NOISE,
    districts,
    js,
    recorder,
    tiles_dir,
    view,
    wait_js,
)

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)


def test_scale_bar_is_metric_only(qtbot, view):
    assert js(qtbot, view, "document.querySelectorAll('.leaflet-control-scale-line').length") == 1
    text = js(qtbot, view, "document.querySelector('.leaflet-control-scale-line').textContent")
    assert text.endswith(("km", " m")) and "ft" not in text and "mi" not in text


def test_new_incident_pulse_is_bounded(qtbot, view):
    count = js(qtbot, view, "getComputedStyle(document.querySelector('.incident.pulse'), '::after')"
                            ".animationIterationCount")
    assert count == "3"


def test_callsigns_only_from_street_level(qtbot, view):
    shown = "getComputedStyle(document.querySelector('.unit .unit-cs')).display !== 'none'"
    js(qtbot, view, "(ICC.map.setZoom(11, {animate: false}), true)")
    wait_js(qtbot, view, shown, False)
    js(qtbot, view, "(ICC.map.setView([31.23, 121.47], 16, {animate: false}), true)")
    wait_js(qtbot, view, shown, True)
    assert js(qtbot, view, "getComputedStyle(document.querySelector('.district-label')).display") == "none"


def test_day_and_night_styles_follow_the_theme(qtbot, view):
    bg = "getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor"
    night = js(qtbot, view, bg)
    view.set_theme("day")
    wait_js(qtbot, view, "document.documentElement.classList.contains('day')", True)
    assert js(qtbot, view, bg) != night
    view.set_theme("night")
    wait_js(qtbot, view, bg, night)


def test_pick_on_map_sets_the_report_point(qtbot, view):
    places = Places()
    dlg = IntakeDialog(lambda form: None, ["黄浦区", "浦东新区"])
    qtbot.addWidget(dlg)
    tools = IntakeMapTools(dlg, places.centre, view)
    dlg.show()
    tools.pick_button.click()
    assert not dlg.isVisible()
    with qtbot.waitSignal(view.pointPicked, timeout=5000):
        js(qtbot, view, "(ICC.map.fire('click', {latlng: L.latLng(31.2301, 121.4702)}), true)")
    assert dlg.isVisible()
    assert float(dlg.lat.text()) == pytest.approx(31.2301) and float(dlg.lon.text()) == pytest.approx(121.4702)
    assert not tools.approximate
    js(qtbot, view, "(ICC.map.fire('click', {latlng: L.latLng(31.0, 121.0)}), true)")  # one click only
    assert float(dlg.lat.text()) == pytest.approx(31.2301)


def test_a_small_map_folds_its_layer_list_and_legend_and_unfolds_when_large(qtbot, view):
    compact = "document.querySelector('.leaflet-container').classList.contains('compact')"
    expanded = "!!document.querySelector('.leaflet-control-layers-expanded')"
    legend = "getComputedStyle(document.querySelector('.icc-legend .lg-cols')).display"
    assert js(qtbot, view, compact) is False and js(qtbot, view, expanded) is True  # 900 x 650
    view.resize(700, 420)  # the map's share of a 1366 x 768 command layout
    wait_js(qtbot, view, compact, True)
    assert js(qtbot, view, expanded) is False and js(qtbot, view, legend) == "none"
    js(qtbot, view, "(document.querySelector('.icc-legend .lg-title').click(), true)")  # the officer opens it
    assert js(qtbot, view, legend) != "none"
    view.resize(1200, 800)
    wait_js(qtbot, view, compact, False)
    assert js(qtbot, view, expanded) is True and js(qtbot, view, legend) != "none"
