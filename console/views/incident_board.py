"""The incident board: sortable, filterable, with the reporting countdown coloured by urgency."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.models.incident_model import ID_ROLE, SORT_ROLE, IncidentTableModel
from console.views.tables import FIT_ROWS


class IncidentFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.hide_closed = False

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self.hide_closed and isinstance(model, IncidentTableModel):
            inc = model.incident_at(row)
            if inc is not None and inc.status.value == "closed":
                return False
        return super().filterAcceptsRow(row, parent)


class IncidentBoard(QWidget):
    incidentSelected = Signal(str)
    # The officer chose it (a click, a key, the map), not the board's own first choice: the map
    # moves only for this, so a start or the first samples keep the whole city in view.
    incidentPicked = Signal(str)
    actionRequested = Signal(str, str)  # action, incident id: first, written, respond, close, level:N, ack

    def __init__(self, model: IncidentTableModel, detail: QWidget | None = None, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.detail = detail
        self.proxy = IncidentFilter(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter incidents (title, district, class…)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.hide_closed = QCheckBox(self.tr("Hide closed"))
        self.hide_closed.toggled.connect(self._toggle_closed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(IncidentTableModel.COLUMNS.index("deadline"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        # Widths are fitted when the incidents are read (see _fit_columns), not by the header on every
        # change: with ResizeToContents the countdown's tick re-measured every column each second.
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setResizeContentsPrecision(FIT_ROWS)
        # The title keeps room for about sixteen characters in any language; the columns after it scroll.
        title = IncidentTableModel.COLUMNS.index("title")
        self.table.setColumnWidth(title, self.table.fontMetrics().horizontalAdvance("测" * 16))
        self.table.setColumnWidth(IncidentTableModel.COLUMNS.index("deadline"), 24 + max(
            self.table.fontMetrics().horizontalAdvance(t) for t in IncidentTableModel.longest_countdowns()))
        hh.setStretchLastSection(True)
        # The countdown sits right after the level, so no width or language pushes it off-screen.
        hh.moveSection(hh.visualIndex(IncidentTableModel.COLUMNS.index("deadline")), 1)
        row = self.table.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(row)
        # Eight incidents at least, below the header and above a horizontal scroll bar.
        self.table.setMinimumHeight(8 * row + hh.sizeHint().height()
                                    + self.table.horizontalScrollBar().sizeHint().height() + 6)
        self._fit_columns()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # The model reloads on every incident change: keep the officer's incident selected across it,
        # and when nothing was selected (the first samples, a fresh start) take the most urgent.
        self._kept: str | None = None
        self._announced: str | None = None
        self._choosing = False  # the board picks the most urgent incident itself
        self.proxy.modelAboutToBeReset.connect(self._keep_current)
        self.proxy.modelReset.connect(self._restore_current)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.hide_closed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        if detail is None:
            lay.addWidget(self.table)
        else:
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(self.table)
            split.addWidget(detail)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setCollapsible(0, False)
            lay.addWidget(split)

    def _toggle_closed(self, on: bool) -> None:
        self.proxy.hide_closed = on
        self.proxy.invalidate()

    def _current_changed(self, current, _previous) -> None:
        iid = self.proxy.data(current, ID_ROLE) if current.isValid() else None
        if iid is not None and iid != self._announced:  # a reload that keeps the incident announces nothing
            self._announced = iid
            self.incidentSelected.emit(iid)
            if not self._choosing:
                self.incidentPicked.emit(iid)

    def current_id(self) -> str | None:
        idx = self.table.currentIndex()
        return self.proxy.data(idx, ID_ROLE) if idx.isValid() else None

    def _keep_current(self) -> None:
        self._kept = self.current_id()

    def _fit_columns(self) -> None:
        for col, name in enumerate(IncidentTableModel.COLUMNS):
            if name not in ("title", "deadline"):
                self.table.resizeColumnToContents(col)

    def _restore_current(self) -> None:
        self._fit_columns()
        kept, self._kept = self._kept, None
        if kept is not None and self.model.row_of(kept) >= 0:
            self.select(kept)
            return
        self._choosing = True
        try:
            self.select_first()
        finally:
            self._choosing = False

    def select_first(self) -> None:
        idx = self.proxy.index(0, 0)
        if idx.isValid():
            self.table.setCurrentIndex(idx)

    def select(self, incident_id: str) -> None:
        row = self.model.row_of(incident_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if idx.isValid() and idx != self.table.currentIndex():
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx)

    def _menu(self, pos) -> None:
        iid = self.current_id()
        if not iid:
            return
        menu = QMenu(self)
        for action, text in (("ack", self.tr("Acknowledge")), ("first", self.tr("First report made")),
                             ("written", self.tr("Written report sent")),
                             ("respond", self.tr("Start response")),
                             ("close", self.tr("Close incident"))):
            menu.addAction(text, partial(self.actionRequested.emit, action, iid))
        lv = menu.addMenu(self.tr("Set level"))
        for n, roman in ((1, "Ⅰ"), (2, "Ⅱ"), (3, "Ⅲ"), (4, "Ⅳ")):
            lv.addAction(roman, partial(self.actionRequested.emit, f"level:{n}", iid))
        menu.exec(self.table.viewport().mapToGlobal(pos))
