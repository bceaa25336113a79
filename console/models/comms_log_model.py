"""The communications log's table model: the newest matching traffic (texts, statuses, positions,
what was sent), credited to the unit's callsign or the radio identity it came from."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from console.domain.changes import Changes
from console.domain.clock import from_iso
from console.domain.text_index import query_too_short
from console.services.comms_log import CommsEntry, CommsFilter

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN = 500  # the newest matches; older traffic is reached by narrowing the search


def kind_label(kind: str) -> str:
    return {
        "text": QCoreApplication.translate("CommsLog", "Text"),
        "status": QCoreApplication.translate("CommsLog", "Status"),
        "position": QCoreApplication.translate("CommsLog", "Position"),
        "emergency": QCoreApplication.translate("CommsLog", "Emergency"),
        "sent": QCoreApplication.translate("CommsLog", "Sent"),
        "failed": QCoreApplication.translate("CommsLog", "Not sent"),
        "expired": QCoreApplication.translate("CommsLog", "Expired"),
    }.get(kind, kind)


class CommsLogModel(QAbstractTableModel):
    COLUMNS = ("time", "source", "kind", "text")

    def __init__(self, comms_service, parent=None) -> None:
        super().__init__(parent)
        self._svc = comms_service
        self._filter = CommsFilter()
        self._rows: list[CommsEntry] = []
        self.active = True  # a hidden area skips reloads and catches up when shown
        self._stale = False
        self.reload()

    @property
    def filter(self) -> CommsFilter:
        return self._filter

    def set_filter(self, flt: CommsFilter) -> None:
        self._filter = flt
        self.reload()

    @property
    def query_too_short(self) -> bool:
        return query_too_short(self._filter.query)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = [] if self.query_too_short else self._svc.entries(self._filter, limit=SHOWN)
        self._stale = False
        self.endResetModel()

    def set_active(self, on: bool) -> None:
        self.active = on
        if on and self._stale:
            self.reload()

    def on_changes(self, changes: Changes) -> None:
        if not (changes.reset or changes.comms_log):
            return
        if self.active:
            self.reload()
        else:
            self._stale = True

    def entry(self, row: int) -> CommsEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "time": QCoreApplication.translate("CommsLog", "Time"),
            "source": QCoreApplication.translate("CommsLog", "From / to"),
            "kind": QCoreApplication.translate("CommsLog", "Kind"),
            "text": QCoreApplication.translate("CommsLog", "Message"),
        }[self.COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        e = self.entry(index.row()) if index.isValid() else None
        if e is None:
            return None
        col = self.COLUMNS[index.column()]
        if role == ENTRY_ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "time":
                at = from_iso(e.at)
                return f"{at.astimezone():%m-%d %H:%M:%S}" if at else e.at
            if col == "source":
                arrow = "→ " if e.direction == "out" else ""
                return f"{arrow}{e.source}" + (f" ({e.protocol.upper()})" if e.protocol else "")
            if col == "kind":
                return kind_label(e.kind)
            return e.text
        if role == Qt.ItemDataRole.ToolTipRole and col == "text":
            return e.text
        return None
