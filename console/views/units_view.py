"""Units and resources, as simple lists (the map shows them in place)."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.models.units_model import ID_ROLE, ResourcesModel, UnitsModel
from console.views.tables import fit_to_contents


def _table(model) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    proxy.setParent(view)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    fit_to_contents(view.horizontalHeader())
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class UnitsView(QWidget):
    unitSelected = Signal(str)

    def __init__(self, units: UnitsModel, resources: ResourcesModel, parent=None) -> None:
        super().__init__(parent)
        self.units_model = units
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter units and resources"))
        self.filter.setClearButtonEnabled(True)
        self.units, self.units_proxy = _table(units)
        self.resources, self.resources_proxy = _table(resources)
        self.filter.textChanged.connect(self.units_proxy.setFilterFixedString)
        self.filter.textChanged.connect(self.resources_proxy.setFilterFixedString)
        self.units.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: (
                self.unitSelected.emit(self.units_proxy.data(cur, ID_ROLE)) if cur.isValid() else None
            )
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.units, self.tr("Units"))
        self.tabs.addTab(self.resources, self.tr("Resources"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(self.tabs)

    def select_unit(self, unit_id: str) -> None:
        row = self.units_model.row_of(unit_id)
        if row < 0:
            return
        idx = self.units_proxy.mapFromSource(self.units_model.index(row, 0))
        self.tabs.setCurrentWidget(self.units)
        if idx != self.units.currentIndex():
            self.units.setCurrentIndex(idx)
            self.units.scrollTo(idx)

    def selected_unit(self) -> str | None:
        idx = self.units.currentIndex()
        return self.units_proxy.data(idx, ID_ROLE) if idx.isValid() else None
