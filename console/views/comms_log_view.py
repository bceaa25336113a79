"""The communications log area: radio and terminal traffic apart from the duty log, searchable, per
unit and per incident. The officer marks what is worth the duty log (Ctrl+M); it is copied there,
credited to the unit or radio it came from."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.models.comms_log_model import SHOWN, CommsLogModel
from console.services.comms_log import CommsFilter
from console.views.tables import record_table


class _UnitChoice(QComboBox):
    """Lists the units afresh each time it opens: units come and go rarely, positions move often."""

    def __init__(self, before_popup: Callable[[], None]) -> None:
        super().__init__()
        self._before_popup = before_popup

    def showPopup(self) -> None:  # noqa: N802
        self._before_popup()
        super().showPopup()


class CommsLogView(QWidget):
    def __init__(self, model: CommsLogModel, units: Callable[[], list[tuple[str, str]]],
                 mark: Callable[[str, str | None], object], parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._units = units
        self._mark = mark
        self.incident_id: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the traffic (any two or more characters)"))
        self.search.setClearButtonEnabled(True)
        self.unit = _UnitChoice(self.refresh_units)
        self.unit.setMinimumContentsLength(10)
        self.this_incident = QCheckBox(self.tr("Selected incident only"))
        self.count = QLabel()
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.unit.currentIndexChanged.connect(self.apply_filter)
        self.this_incident.toggled.connect(self.apply_filter)

        self.table = record_table(model, CommsLogModel.COLUMNS.index("text"))

        self.mark_button = QPushButton(self.tr("To the duty log"))
        self.mark_button.setToolTip(self.tr("Copy the selected message into the duty log, credited to its "
                                            "source (Ctrl+M)"))
        self.mark_button.clicked.connect(self.mark_selected)
        self.act_mark = QAction(self.tr("Copy to the duty log"), self)
        self.act_mark.setShortcut(QKeySequence("Ctrl+M"))
        self.act_mark.triggered.connect(self.mark_selected)
        self.addAction(self.act_mark)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.unit)
        top.addWidget(self.this_incident)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.mark_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        model.modelReset.connect(self._update_count)
        self.refresh_units()
        self._update_count()

    def refresh_units(self) -> None:
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        for uid, callsign in self._units():
            self.unit.addItem(callsign, uid)
        found = self.unit.findData(chosen)
        self.unit.setCurrentIndex(max(found, 0))
        self.unit.blockSignals(False)

    def set_incident(self, incident_id: str | None) -> None:
        self.incident_id = incident_id
        if self.this_incident.isChecked():
            self.apply_filter()

    def set_shown(self, shown: bool) -> None:
        self.model.set_active(shown)

    def apply_filter(self) -> None:
        incident = self.incident_id if self.this_incident.isChecked() else None
        self.model.set_filter(CommsFilter(unit_id=self.unit.currentData(), incident_id=incident,
                                          query=self.search.text()))

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.model.query_too_short:
            self.count.setText(self.tr("type two or more characters"))
        elif n >= SHOWN:
            self.count.setText(self.tr("newest {0}").format(n))
        else:
            self.count.setText(self.tr("{0} messages").format(n))
        self.mark_button.setEnabled(n > 0)

    def mark_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        entry = self.model.entry(rows[0].row()) if rows else None
        if entry is not None:
            self._mark(entry.id, self.incident_id if self.this_incident.isChecked() else None)
