"""The map's part in taking a report: "pick on map" (hide the form, one click on the map sets the
point, the form comes back) and a district chosen without coordinates placing the point at the
district's centre, marked approximate until the officer gives the real one."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton

from console.views.intake_dialog import IntakeDialog


class IntakeMapTools(QObject):
    def __init__(self, dlg: IntakeDialog, centre_of: Callable[[str], tuple[float, float] | None],
                 map_view=None, show_map: Callable[[], None] = lambda: None) -> None:
        super().__init__(dlg)
        self.dlg, self._centre_of, self._map, self._show_map = dlg, centre_of, map_view, show_map
        self._approx: tuple[str, str] | None = None  # the lat/lon texts placed at a district centre
        self.note = QLabel()
        self.note.setObjectName("approximateNote")
        self.note.setWordWrap(True)
        self.note.hide()
        row = QHBoxLayout()
        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setToolTip(self.tr("Hide this form; one click on the map sets the point"))
        self.pick_button.clicked.connect(self.pick)
        self.pick_button.setEnabled(map_view is not None)
        row.addWidget(self.pick_button)
        row.addWidget(self.note, 1)
        lay = dlg.layout()
        assert isinstance(lay, QBoxLayout)  # the form's column, ending with its buttons
        lay.insertLayout(max(0, lay.count() - 1), row)  # above the Save / Cancel buttons
        dlg.district.textActivated.connect(self._district_chosen)
        dlg.lat.textChanged.connect(self._point_edited)
        dlg.lon.textChanged.connect(self._point_edited)
        if map_view is not None:
            map_view.pointPicked.connect(self._picked)
        self._picking = False

    def pick(self) -> None:
        self._picking = True
        self.dlg.hide()
        self._show_map()
        self._map.start_pick()

    def _picked(self, lat: float, lon: float) -> None:
        if not self._picking:
            return
        self._picking = False
        self._set_point(lat, lon)
        self.dlg.show()
        self.dlg.raise_()
        self.dlg.activateWindow()

    def _district_chosen(self, name: str) -> None:
        has_point = self.dlg.lat.text().strip() and self.dlg.lon.text().strip()
        if has_point and self._approx is None:
            return  # the officer's own coordinates win over a district's centre
        centre = self._centre_of(name) if name else None
        if centre is None:
            return
        self._set_point(*centre)
        self._approx = (self.dlg.lat.text(), self.dlg.lon.text())
        self.note.setText(self.tr("≈ Approximate: the centre of {0}. Pick on map or type the real point.")
                          .format(name))
        self.note.show()

    def _set_point(self, lat: float, lon: float) -> None:
        self._approx = None
        self.dlg.lat.setText(f"{lat:.6f}")
        self.dlg.lon.setText(f"{lon:.6f}")

    def _point_edited(self) -> None:
        if self._approx is not None and (self.dlg.lat.text(), self.dlg.lon.text()) != self._approx:
            self._approx = None
        if self._approx is None:
            self.note.hide()

    @property
    def approximate(self) -> bool:
        return self._approx is not None
