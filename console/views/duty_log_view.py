"""The duty log: the newest entries first, full-text search, a category filter, and new entries
typed in place. Entries are never edited; a correction is a new entry pointing at the old one."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.duty_log import Category
from console.models import labels
from console.models.duty_log_model import ENTRY_ROLE, DutyLogModel
from console.services.duty_log import LogFilter
from console.views.tables import record_table


class DutyLogView(QWidget):
    def __init__(self, model: DutyLogModel, append: Callable[[Category, str], object],
                 correct: Callable[[str, str], object], parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._append = append
        self._correct = correct
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the log (any two or more characters)"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for c in Category:
            self.category.addItem(labels.category(c), c.value)
        self.count = QLabel()
        # Typing searches after a short pause, not on every key, so a large log stays responsive.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.category.currentIndexChanged.connect(self.apply_filter)

        self.table = record_table(model, DutyLogModel.COLUMNS.index("text"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

        self.new_category = QComboBox()
        for c in (Category.INSTRUCTION, Category.COMMS, Category.DISPATCH, Category.FOLLOW_UP, Category.OTHER,
                  Category.INTAKE):
            self.new_category.addItem(labels.category(c), c.value)
        self.new_text = QLineEdit()
        self.new_text.setPlaceholderText(self.tr("New entry: type and press Enter (Ctrl+L to get here)"))
        self.new_text.returnPressed.connect(self.add_entry)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_entry)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.category)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_category)
        bottom.addWidget(self.new_text, 1)
        bottom.addWidget(add)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table)
        lay.addLayout(bottom)
        model.modelReset.connect(self._update_count)
        model.rowsInserted.connect(self._update_count)
        self._update_count()

    def apply_filter(self) -> None:
        self._debounce.stop()
        cat = self.category.currentData()
        self.model.set_filter(LogFilter(category=Category(cat) if cat else None, query=self.search.text()))

    def _update_count(self) -> None:
        if self.model.query_too_short:
            self.count.setText(self.tr("Type two or more characters per word to search"))
        elif self.model.filter.query.strip():
            self.count.setText(self.tr("%n matching entries", "", self.model.total))
        else:
            self.count.setText(self.tr("%n entries", "", self.model.total))

    def focus_new_entry(self) -> None:
        self.new_text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_entry(self) -> None:
        text = self.new_text.text().strip()
        if not text:
            return
        if self._append(Category(self.new_category.currentData()), text) is not None:
            self.new_text.clear()

    def _menu(self, pos) -> None:
        idx = self.table.indexAt(pos)
        entry = self.model.data(idx, ENTRY_ROLE) if idx.isValid() else None
        if entry is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Correct this entry…"), lambda: self._ask_correction(entry))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _ask_correction(self, entry) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Correction"),
                                                 self.tr("The original stays in the log. Corrected text:"),
                                                 entry.text)
        if ok and text.strip():
            self._correct(entry.id, text)
