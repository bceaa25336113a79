"""The duty log's table model: holds the matching entries' seq numbers and fetches rows lazily,
so a log of a million entries opens instantly."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from console.domain.changes import Changes
from console.domain.clock import from_iso
from console.domain.duty_log import Category, Entry
from console.domain.text_index import query_too_short
from console.models import labels
from console.services.duty_log import LogFilter

_PAGE = 200  # rows fetched at a time for display
_BATCH = 1000  # matching entries located at a time
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class DutyLogModel(QAbstractTableModel):
    COLUMNS = ("time", "category", "text", "author")

    def __init__(self, log_service, parent=None) -> None:
        super().__init__(parent)
        self._svc = log_service
        self._filter = LogFilter()
        self._seqs: list[int] = []
        self._complete = True
        self._cache: dict[int, Entry] = {}
        self._total = 0
        self.reload()

    @property
    def filter(self) -> LogFilter:
        return self._filter

    def set_filter(self, flt: LogFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._seqs = self._svc.seqs(self._filter, limit=_BATCH)
        self._complete = len(self._seqs) < _BATCH
        # Counting costs a pass over the matches; only needed when not all of them are loaded.
        self._total = len(self._seqs) if self._complete else self._svc.count_matching(self._filter)
        self._cache.clear()
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many entries match the filter, including those not fetched yet."""
        return self._total

    @property
    def query_too_short(self) -> bool:
        return query_too_short(self._filter.query)

    @property
    def complete(self) -> bool:
        """False while older matching entries remain to be fetched (the view fetches them on scroll)."""
        return self._complete

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._complete:
            return
        more = self._svc.seqs(self._filter, limit=_BATCH, before=self._seqs[-1] if self._seqs else None)
        self._complete = len(more) < _BATCH
        if more:
            self.beginInsertRows(QModelIndex(), len(self._seqs), len(self._seqs) + len(more) - 1)
            self._seqs.extend(more)
            self.endInsertRows()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.duty_log:
            self.reload()

    def entry_at(self, row: int) -> Entry | None:
        if not 0 <= row < len(self._seqs):
            return None
        seq = self._seqs[row]
        if seq not in self._cache:
            page = self._seqs[row: row + _PAGE]
            if len(self._cache) > 20 * _PAGE:
                self._cache.clear()
            self._cache.update(self._svc.by_seqs(page))
        return self._cache.get(seq)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "time": QCoreApplication.translate("DutyLog", "Time"),
            "category": QCoreApplication.translate("DutyLog", "Category"),
            "text": QCoreApplication.translate("DutyLog", "Entry"),
            "author": QCoreApplication.translate("DutyLog", "Duty officer"),
        }[self.COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entry_at(index.row())
        if e is None:
            return None
        if role == ENTRY_ROLE:
            return e
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == "time":
                dt = from_iso(e.at)
                return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S") if dt else e.at
            if col == "category":
                return labels.category(e.category)
            if col == "text":
                if e.corrects_id:
                    return QCoreApplication.translate("DutyLog", "[correction] {0}").format(e.text)
                return e.text
            if col == "author":
                return e.author
        if role == Qt.ItemDataRole.ForegroundRole and col == "category":
            from PySide6.QtGui import QBrush, QColor

            colour = {Category.INTAKE: "#e0603a", Category.HANDOVER: "#3a9ee0", Category.COMMS: "#40b080",
                      Category.DISPATCH: "#c080e0"}.get(e.category)
            return QBrush(QColor(colour)) if colour else None
        return None
