"""A district chosen without coordinates puts the report at the district's centre, marked
approximate; the officer's own point replaces it and the mark goes."""
from __future__ import annotations

from console.services.places import Places
from console.views.intake_dialog import IntakeDialog
from console.views.intake_map import IntakeMapTools


def _dialog(qtbot):
    dlg = IntakeDialog(lambda form: None, ["黄浦区", "浦东新区"], district_at=Places().district_at)
    qtbot.addWidget(dlg)
    return dlg, IntakeMapTools(dlg, Places().centre)


def test_district_without_point_places_it_at_the_centre_marked_approximate(qtbot):
    dlg, tools = _dialog(qtbot)
    dlg.district.textActivated.emit("黄浦区")
    lat, lon = float(dlg.lat.text()), float(dlg.lon.text())
    assert Places().district_at(lat, lon) == "黄浦区"
    assert tools.approximate and not tools.note.isHidden() and "黄浦区" in tools.note.text()
    assert dlg.district.currentText() == "黄浦区"
    dlg.lat.setText("31.230000")  # the officer types the real point
    assert not tools.approximate and tools.note.isHidden()


def test_the_officers_point_is_not_moved_by_choosing_a_district(qtbot):
    dlg, tools = _dialog(qtbot)
    dlg.lat.setText("31.2")
    dlg.lon.setText("121.7")
    dlg.district.textActivated.emit("黄浦区")
    assert (dlg.lat.text(), dlg.lon.text()) == ("31.2", "121.7") and not tools.approximate
    assert not tools.pick_button.isEnabled()  # no map to pick on
