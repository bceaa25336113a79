"""CAP warning areas on the real map page: drawn, named as text only, removed when no longer in force."""
from __future__ import annotations

import pytest

from tests.integration.test_map_view import (
    HEADLESS_GPU_NOISE,
    districts,
    js,
    recorder,
    tiles_dir,
    view,
    wait_js,
)

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)
__all__ = ["districts", "recorder", "tiles_dir", "view"]  # fixtures shared with the map page tests

HOSTILE = '<img src=x onerror="document.title=\'owned\'">台风'


def test_warning_areas_are_drawn_and_named_as_text(qtbot, view):
    view.update_items("warnings", [
        {"id": "w1", "name": HOSTILE, "severity": "Severe",
         "polygons": [[[31.1, 121.4], [31.2, 121.4], [31.2, 121.5], [31.1, 121.4]]], "circles": []},
        {"id": "w2", "name": "EQ", "severity": "Minor", "polygons": [],
         "circles": [{"lat": 31.3, "lon": 121.5, "radius_km": 0.0}]},
    ])
    wait_js(qtbot, view, "ICC.debug.count('warnings')", 2)
    assert js(qtbot, view, "ICC.layers.warnings.tooltipText('w1')") == HOSTILE
    assert js(qtbot, view, "document.querySelectorAll('img[src=x]').length") == 0
    assert js(qtbot, view, "document.title") != "owned"
    with qtbot.waitSignal(view.warningSelected, timeout=5000) as sig:
        js(qtbot, view, "(ICC.layers.warnings.items.get('w2').shapes.fire('click'), true)")
    assert sig.args == ["w2"]
    view.update_items("warnings", [], ["w1"])
    wait_js(qtbot, view, "ICC.debug.count('warnings')", 1)
