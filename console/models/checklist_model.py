"""The live checklist of one activation as a tree: phases, each with its items in plan order.
Rows are updated in place when only their values changed, so the keyboard focus survives a tick."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from console.domain.changes import Changes
from console.domain.clock import Clock
from console.domain.incident import format_countdown
from console.domain.preplan import ItemState
from console.services.preplans import ItemRow

ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 5  # (closed, total) on phase rows
ROW_ROLE = Qt.ItemDataRole.UserRole + 6  # the service's ItemRow on item rows
GROUP_ROLE = Qt.ItemDataRole.UserRole + 7

OVERDUE = QColor("#ff5a4f")
STATE_COLOURS = {
    ItemState.TODO: QColor("#9fb4c9"),
    ItemState.IN_PROGRESS: QColor("#4aa3ff"),
    ItemState.DONE: QColor("#58c46b"),
    ItemState.SKIPPED: QColor("#8a8f98"),
    ItemState.BLOCKED: QColor("#f0a020"),
}
_DIM = QColor("#6d7d8e")


def state_name(s: ItemState) -> str:
    return {ItemState.TODO: QCoreApplication.translate("Checklist", "To do"),
            ItemState.IN_PROGRESS: QCoreApplication.translate("Checklist", "In progress"),
            ItemState.DONE: QCoreApplication.translate("Checklist", "Done"),
            ItemState.SKIPPED: QCoreApplication.translate("Checklist", "Skipped"),
            ItemState.BLOCKED: QCoreApplication.translate("Checklist", "Blocked")}[s]


class _Phase:
    __slots__ = ("id", "name", "rows")

    def __init__(self, pid: str, name: str) -> None:
        self.id, self.name = pid, name
        self.rows: list[ItemRow] = []

    def progress(self) -> tuple[int, int]:
        live = [r for r in self.rows if not r.retired]
        return sum(1 for r in live if r.item.closed), len(live)


class ChecklistModel(QAbstractItemModel):
    COLUMNS = ("item", "state", "group", "assignee", "due", "notes")

    def __init__(self, preplan_service, clock: Clock, parent=None) -> None:
        super().__init__(parent)
        self._svc = preplan_service
        self._clock = clock
        self.activation_id: str | None = None
        self._phases: list[_Phase] = []

    # -- loading
    def set_activation(self, activation_id: str | None) -> None:
        self.activation_id = activation_id
        self.reload()

    def _fetch(self) -> list[_Phase]:
        phases: dict[str, _Phase] = {}
        for r in self._svc.checklist(self.activation_id) if self.activation_id else []:
            phases.setdefault(r.item.phase_id, _Phase(r.item.phase_id, r.item.phase_name)).rows.append(r)
        return list(phases.values())

    def reload(self) -> None:
        self.beginResetModel()
        self._phases = self._fetch()
        self.endResetModel()

    def refresh(self) -> None:
        fresh = self._fetch()
        same = [(p.id, [r.id for r in p.rows]) for p in fresh] == [(p.id, [r.id for r in p.rows])
                                                                   for p in self._phases]
        if not same:
            self.reload()
            return
        self._phases = fresh
        last = len(self.COLUMNS) - 1
        for i, p in enumerate(fresh):
            self.dataChanged.emit(self.index(i, 0), self.index(i, last))
            if p.rows:
                parent = self.index(i, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(p.rows) - 1, last, parent))

    def on_changes(self, changes: Changes) -> None:
        if self.activation_id and (changes.reset or self.activation_id in changes.checklists):
            self.refresh()

    def tick(self) -> None:
        """Countdowns move with the clock; only the due column and the overdue colouring change."""
        col = self.COLUMNS.index("due")
        for i, p in enumerate(self._phases):
            if p.rows:
                parent = self.index(i, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(p.rows) - 1, col, parent))

    # -- queries for the view
    def rows(self):
        return [r for p in self._phases for r in p.rows]

    def progress(self) -> tuple[int, int]:
        done = total = 0
        for p in self._phases:
            d, t = p.progress()
            done, total = done + d, total + t
        return done, total

    def overdue_ids(self, now: datetime | None = None) -> set[str]:
        now = now or self._clock.now()
        return {r.id for r in self.rows() if self._overdue(r, now)}

    def index_of(self, row_id: str) -> QModelIndex:
        for i, p in enumerate(self._phases):
            for j, r in enumerate(p.rows):
                if r.id == row_id:
                    return self.index(j, 0, self.index(i, 0))
        return QModelIndex()

    @staticmethod
    def _overdue(r, now: datetime) -> bool:
        return not r.retired and not r.item.closed and r.due is not None and r.due < now

    # -- tree structure: phase rows carry internalId 0, item rows carry their phase's index + 1
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    # QObject.parent() shares this name: without an index it answers for the object, as in Qt.
    @overload
    def parent(self, /) -> QObject | None: ...
    @overload
    def parent(self, index: QModelIndex | QPersistentModelIndex, /) -> QModelIndex: ...
    def parent(
        self, index: QModelIndex | QPersistentModelIndex | None = None, /
    ) -> QModelIndex | QObject | None:
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._phases)
        if parent.internalId() == 0 and parent.column() == 0 and 0 <= parent.row() < len(self._phases):
            return len(self._phases[parent.row()].rows)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return {
                "item": QCoreApplication.translate("Checklist", "Item"),
                "state": QCoreApplication.translate("Checklist", "State"),
                "group": QCoreApplication.translate("Checklist", "Group"),
                "assignee": QCoreApplication.translate("Checklist", "Who"),
                "due": QCoreApplication.translate("Checklist", "Due"),
                "notes": QCoreApplication.translate("Checklist", "Notes / evidence"),
            }[self.COLUMNS[section]]
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if not 0 <= index.row() < len(self._phases):
                return None
            return self._phase_data(self._phases[index.row()], self.COLUMNS[index.column()], role)
        phase = index.internalId() - 1
        if not 0 <= phase < len(self._phases) or not 0 <= index.row() < len(self._phases[phase].rows):
            return None
        return self._item_data(self._phases[phase].rows[index.row()], self.COLUMNS[index.column()], role)

    def _phase_data(self, p: _Phase, col: str, role):
        if role == PROGRESS_ROLE:
            return p.progress()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "item":
                return p.name
            if col == "state":
                done, total = p.progress()
                return f"{done}/{total}"
        if role == Qt.ItemDataRole.FontRole and col == "item":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and col == "item":
            return QBrush(QColor("#9fc6ef"))
        return None

    def _item_data(self, r, col: str, role):
        it = r.item
        now = self._clock.now()
        overdue = self._overdue(r, now)
        if role == ID_ROLE:
            return r.id
        if role == STATE_ROLE:
            return it.state.value
        if role == OVERDUE_ROLE:
            return overdue
        if role == ROW_ROLE:
            return r
        if role == GROUP_ROLE:
            return it.group_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col, now)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
        if role == Qt.ItemDataRole.CheckStateRole and col == "item":
            if it.state is ItemState.DONE:
                return Qt.CheckState.Checked
            return (
                Qt.CheckState.PartiallyChecked
                if it.state is ItemState.IN_PROGRESS
                else Qt.CheckState.Unchecked
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.retired or it.state is ItemState.SKIPPED:
                return QBrush(_DIM)
            if overdue and col in ("item", "due"):
                return QBrush(OVERDUE)
            if col == "state":
                return QBrush(STATE_COLOURS[it.state])
            if it.state is ItemState.DONE and col == "item":
                return QBrush(_DIM)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(QColor(224, 64, 58, 46))
        if role == Qt.ItemDataRole.FontRole and (r.retired or overdue or it.state is ItemState.BLOCKED):
            f = QFont()
            f.setStrikeOut(r.retired)
            f.setBold(overdue or it.state is ItemState.BLOCKED)
            return f
        return None

    def _display(self, r, col: str, now: datetime) -> str:
        it = r.item
        if col == "item":
            return it.text
        if col == "state":
            return QCoreApplication.translate("Checklist", "Retired") if r.retired else state_name(it.state)
        if col == "group":
            return it.group_name
        if col == "assignee":
            return r.assignee
        if col == "due":
            if r.retired:
                return ""
            if it.closed:
                when = it.done_at or it.changed_at
                return when.astimezone().strftime("%H:%M") if when else ""
            if r.due is None:
                return QCoreApplication.translate("Checklist", "waiting") if it.deadline_after else "—"
            left = r.due - now
            if left < timedelta(0):
                return QCoreApplication.translate("Checklist", "overdue {0}").format(format_countdown(-left))
            return format_countdown(left)
        if col == "notes":
            parts = [it.reason] if it.reason else []
            parts += [f"{k}: {v}" for k, v in it.evidence.items() if v]
            missing = it.missing_evidence()
            if missing and not it.closed:
                parts.append(QCoreApplication.translate("Checklist", "needs: {0}").format("、".join(missing)))
            if r.notes:
                parts.append(r.notes)
            return " · ".join(parts)
        return ""

    def _tooltip(self, r) -> str:
        it = r.item
        lines = [it.text, f"{it.group_name} · {state_name(it.state)}"]
        if r.due is not None:
            lines.append(
                QCoreApplication.translate("Checklist", "Due at {0}").format(
                    r.due.astimezone().strftime("%m-%d %H:%M")
                )
            )
        if it.depends_on:
            lines.append(QCoreApplication.translate("Checklist",
                                                    "Waits for: {0}").format(", ".join(it.depends_on)))
        if it.evidence_required:
            lines.append(
                QCoreApplication.translate("Checklist", "Evidence required: {0}").format(
                    "、".join(it.evidence_required)
                )
            )
        if it.reason:
            lines.append(QCoreApplication.translate("Checklist", "Reason: {0}").format(it.reason))
        return "\n".join(lines)
