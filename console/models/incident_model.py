"""The incident board's table model: incidents with their live reporting countdown."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from console.domain.changes import Changes
from console.domain.clock import Clock
from console.domain.incident import (
    Deadline,
    DeadlinePolicy,
    DeadlineState,
    Incident,
    format_countdown,
    next_deadline,
)
from console.models import labels

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

_STATE_COLOURS = {
    DeadlineState.AMBER: QColor("#f0a020"),
    DeadlineState.RED: QColor("#e0403a"),
}


class IncidentTableModel(QAbstractTableModel):
    COLUMNS = ("level", "title", "class", "district", "status", "source", "reported", "deadline")

    def __init__(self, incidents_service, clock: Clock, parent=None) -> None:
        super().__init__(parent)
        self._svc = incidents_service
        self._clock = clock
        self._rows: list[Incident] = []
        self._next: list[Deadline | None] = []  # each row's next report due: fixed until a reload
        self._policy: DeadlinePolicy = DeadlinePolicy()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._svc.list()
        self._policy = self._svc.policy()
        self._next = [next_deadline(inc, self._policy) for inc in self._rows]
        self.endResetModel()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.incidents:
            self.reload()

    def tick(self) -> None:
        """The countdown column moves with the clock: only the cells of rows with a report still due
        are repainted, and only their text and colour are asked for again."""
        col = self.COLUMNS.index("deadline")
        # Not the sort role: every countdown moves by the same second, so their order holds until a
        # report is made, which reloads the model; a proxy sorting by them need not sort again.
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, STATE_ROLE]
        start = None
        for row, due in enumerate([*self._next, None]):
            if due is not None and start is None:
                start = row
            elif due is None and start is not None:
                self.dataChanged.emit(self.index(start, col), self.index(row - 1, col), roles)
                start = None

    @staticmethod
    def longest_countdowns() -> list[str]:
        """The widest texts the countdown column can show, for a width that never needs measuring."""
        overdue = QCoreApplication.translate("IncidentBoard", "{0} overdue {1}")
        return [overdue.format(labels.deadline_name(n), "99:59:59") for n in ("first", "written")]

    def incident_at(self, row: int) -> Incident | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, incident_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == incident_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return labels.incident_column(self.COLUMNS[section])
        return None

    def _deadline(self, row: int, now: datetime):
        d = self._next[row]
        if d is None:
            return None, DeadlineState.DONE
        return d, d.state(now, self._policy.amber_fraction)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        inc = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return inc.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if col == "level":
                if role == SORT_ROLE:
                    return int(inc.level)
                return (
                    labels.level(inc.level)
                    if role == Qt.ItemDataRole.ToolTipRole
                    else labels.level_short(inc.level)
                )
            if col == "title":
                sample = QCoreApplication.translate("IncidentBoard",
                                                    " [sample]") if inc.extra.get("sample") else ""
                return inc.title + (sample if role != SORT_ROLE else "")
            if col == "class":
                return labels.incident_class(inc.klass)
            if col == "district":
                return inc.district
            if col == "status":
                return labels.status(inc.status)
            if col == "source":
                return labels.source(inc.source)
            if col == "reported":
                local = inc.reported_at.astimezone()
                return local.isoformat() if role == SORT_ROLE else local.strftime("%m-%d %H:%M")
            if col == "deadline":
                now = self._clock.now()
                d, state = self._deadline(index.row(), now)
                if d is None:
                    return 10**9 if role == SORT_ROLE else QCoreApplication.translate("IncidentBoard",
                                                                                      "reported")
                left = d.remaining(now)
                if role == SORT_ROLE:
                    return int(left.total_seconds())
                which = labels.deadline_name(d.name)
                if state is DeadlineState.RED:
                    return QCoreApplication.translate("IncidentBoard", "{0} overdue {1}").format(
                        which, format_countdown(-left))
                return f"{which} {format_countdown(left)}"
        if role == STATE_ROLE and col == "deadline":
            return self._deadline(index.row(), self._clock.now())[1].value
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "deadline":
                _, state = self._deadline(index.row(), self._clock.now())
                c = _STATE_COLOURS.get(state)
                return QBrush(c) if c else None
            if col == "level":
                return QBrush(QColor(labels.LEVEL_COLOURS[int(inc.level)]))
        if role == Qt.ItemDataRole.FontRole and not inc.acknowledged and col == "title":
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None
