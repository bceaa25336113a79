"""Units and resources as table models for the simple lists."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from console.domain.changes import Changes
from console.models import labels

ID_ROLE = Qt.ItemDataRole.UserRole + 2



class _RowsModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []

    def _fetch(self) -> list[dict]:
        raise NotImplementedError

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._fetch()
        self.endResetModel()

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == row_id), -1)

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
            return self._header(self.COLUMNS[section])
        return None

    def _header(self, col: str) -> str:
        raise NotImplementedError

    def _cell(self, row: dict, col: str):
        raise NotImplementedError

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row["id"]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(row, self.COLUMNS[index.column()])
        return None


class UnitsModel(_RowsModel):
    COLUMNS = ("callsign", "type", "team", "status", "position", "updated")

    def __init__(self, resources_service, parent=None) -> None:
        super().__init__(parent)
        self._svc = resources_service
        self.reload()

    def _fetch(self) -> list[dict]:
        return self._svc.units()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.removed_units:
            self.reload()
            return
        if not changes.units:
            return
        for uid in changes.units:
            i = self.row_of(uid)
            fresh = self._svc.unit(uid)
            if i < 0 or fresh is None:
                self.reload()
                return
            self._rows[i] = fresh
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def _header(self, col: str) -> str:
        return {"callsign": QCoreApplication.translate("UnitsView", "Callsign"),
                "type": QCoreApplication.translate("UnitsView", "Type"),
                "team": QCoreApplication.translate("UnitsView", "Team"),
                "status": QCoreApplication.translate("UnitsView", "Status"),
                "position": QCoreApplication.translate("UnitsView", "Position"),
                "updated": QCoreApplication.translate("UnitsView", "Last fix")}[col]

    def _cell(self, row: dict, col: str):
        if col == "status":
            return labels.unit_status(row["status"])
        if col == "type":
            return labels.unit_type(row["type"])
        if col == "position":
            return "—" if row["lat"] is None else f"{row['lat']:.5f}, {row['lon']:.5f}"
        if col == "updated":
            return (row["position_at"] or "—")[11:19] or "—"
        if col == "callsign" and row.get("sample"):
            return row["callsign"] + QCoreApplication.translate("UnitsView", " [sample]")
        return row.get(col) or ""


class ResourcesModel(_RowsModel):
    COLUMNS = ("kind", "name", "district", "detail")

    def __init__(self, resources_service, parent=None) -> None:
        super().__init__(parent)
        self._svc = resources_service
        self.reload()

    def _fetch(self) -> list[dict]:
        return self._svc.resources()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.resources:
            self.reload()

    def _header(self, col: str) -> str:
        return {"kind": QCoreApplication.translate("UnitsView", "Kind"),
                "name": QCoreApplication.translate("UnitsView", "Name"),
                "district": QCoreApplication.translate("UnitsView", "District"),
                "detail": QCoreApplication.translate("UnitsView", "Details")}[col]

    def _cell(self, row: dict, col: str):
        if col == "kind":
            return labels.resource_kind(row["kind"])
        if col == "name":
            return row["name"] + (QCoreApplication.translate("UnitsView",
                                                             " [sample]") if row.get("sample") else "")
        if col == "detail":
            a = row["attrs"]
            if row["kind"] == "shelter":
                return QCoreApplication.translate("UnitsView",
                                                  "class {0}, capacity {1}").format(a.get("class", "?"),
                                                                                    a.get("capacity", "?"))
            if row["kind"] == "stockpile":
                return "、".join(f"{k} {v}" for k, v in list(a.get("contents", {}).items())[:4])
            return ", ".join(f"{k}: {v}" for k, v in a.items() if not isinstance(v, dict))
        return row.get(col) or ""
