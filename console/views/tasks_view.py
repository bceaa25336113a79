"""The officer's manual tasks: what must be done by hand (a call, an SMS, a broadcast), with its
deadline, and a confirmation saying who did it. Overdue rows are red; done rows stay listed, greyed."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.tasks import Task

TASK_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#d32f2f")


def _hm(when: datetime | None) -> str:
    return when.astimezone().strftime("%H:%M") if when else "—"


class ConfirmTaskDialog(QDialog):
    """Who did it (the officer on duty by default) and an optional note such as who answered."""

    def __init__(self, task: Task, who: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm task done"))
        self.setMinimumWidth(420)
        what = QLabel(task.title)
        what.setWordWrap(True)
        what.setObjectName("dialogHeading")
        self.who = QLineEdit(who)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. who answered, what they said"))
        form = QFormLayout()
        form.addRow(self.tr("Done by *"), self.who)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(what)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _accept_if_named(self) -> None:
        if self.who.text().strip():  # who confirmed is what makes the record worth keeping
            self.accept()


class TasksView(QWidget):
    """`listing()` gives the tasks to show; `confirm(task_id, who, note)` runs the confirmation."""

    confirmed = Signal(str)

    COLUMNS = ("due", "task", "text", "done")

    def __init__(self, listing: Callable[[], list[Task]], confirm: Callable[[str, str, str], object],
                 clock, who: Callable[[], str], parent=None) -> None:
        super().__init__(parent)
        self._listing = listing
        self._confirm = confirm
        self._clock = clock
        self._who = who
        self.tasks: list[Task] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Due"), self.tr("Task"), self.tr("Message"), self.tr("Done")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(1, 260)
        self.table.doubleClicked.connect(lambda _i: self.confirm_selected())
        self.summary = QLabel()
        self.summary.setObjectName("tasksSummary")
        self.done_button = QPushButton(self.tr("Confirm done…"))
        self.done_button.clicked.connect(self.confirm_selected)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.done_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self._overdue_ids: set[str] = set()
        self.refresh()

    def on_changes(self, changes) -> None:
        if changes.reset or changes.tasks:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected_task()
        self.tasks = self._listing()
        now = self._clock.now()
        self.table.setRowCount(len(self.tasks))
        for row, t in enumerate(self.tasks):
            done = self.tr("{0} at {1}").format(t.done_by, _hm(t.done_at)) if t.done else ""
            for col, text in enumerate((_hm(t.due_at), t.title, t.text, done)):
                item = QTableWidgetItem(text)
                item.setData(TASK_ROLE, t.id)
                item.setToolTip(t.text if col == 2 else text)
                self.table.setItem(row, col, item)
            if selected and t.id == selected.id:
                self.table.selectRow(row)
        self._paint(now)

    def tick(self) -> None:
        """Each second: only the colours move, and only when a deadline has passed."""
        now = self._clock.now()
        if {t.id for t in self.tasks if t.overdue(now)} != self._overdue_ids:
            self._paint(now)

    def _paint(self, now) -> None:
        self._overdue_ids = {t.id for t in self.tasks if t.overdue(now)}
        grey = self.palette().placeholderText()
        for row, t in enumerate(self.tasks):
            brush = QBrush(OVERDUE) if t.id in self._overdue_ids else (grey if t.done else QBrush())
            for col in range(self.table.columnCount()):
                item = self.table.item(row, col)
                if item is None:
                    continue
                item.setForeground(brush)
                font = item.font()
                font.setBold(t.id in self._overdue_ids)
                item.setFont(font)
        open_ = sum(1 for t in self.tasks if not t.done)
        self.summary.setText(
            self.tr("To do by hand: {0} · overdue: {1}").format(open_, len(self._overdue_ids))
        )
        self.done_button.setEnabled(open_ > 0)

    def selected_task(self) -> Task | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        tid = item.data(TASK_ROLE) if item is not None else None
        return next((t for t in self.tasks if t.id == tid), None)

    def confirm_selected(self) -> ConfirmTaskDialog | None:
        task = self.selected_task() or next((t for t in self.tasks if not t.done), None)
        if task is None or task.done:
            return None
        dlg = ConfirmTaskDialog(task, self._who(), self)
        dlg.accepted.connect(lambda: self.confirm(task.id, dlg.who.text(), dlg.note.text()))
        dlg.open()
        return dlg

    def confirm(self, task_id: str, who: str, note: str = "") -> None:
        if self._confirm(task_id, who, note) is not None:
            self.confirmed.emit(task_id)
