"""The warnings list: CAP alerts received and published, newest first, coloured by severity."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from console.domain.changes import Changes

ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_COLOURS = {"Extreme": "#d62828", "Severe": "#f77f00", "Moderate": "#e9c46a", "Minor": "#4aa3ff"}


def severity_label(severity: str) -> str:
    return {"Extreme": QCoreApplication.translate("WarningsView", "Extreme"),
            "Severe": QCoreApplication.translate("WarningsView", "Severe"),
            "Moderate": QCoreApplication.translate("WarningsView", "Moderate"),
            "Minor": QCoreApplication.translate("WarningsView", "Minor"),
            "Unknown": QCoreApplication.translate("WarningsView", "Unknown")}.get(severity, severity)


def state_label(row) -> str:
    if row.alert.msgType == "Cancel":
        return QCoreApplication.translate("WarningsView", "Cancellation")
    return {"active": QCoreApplication.translate("WarningsView", "In force"),
            "updated": QCoreApplication.translate("WarningsView", "Superseded"),
            "cancelled": QCoreApplication.translate("WarningsView", "Cancelled")}.get(row.state, row.state)


class WarningsModel(QAbstractTableModel):
    COLUMNS = ("severity", "event", "headline", "sender", "sent", "state", "ack")

    def __init__(self, warnings, parent=None) -> None:
        super().__init__(parent)
        self._svc = warnings
        self._rows = warnings.list()

    def on_changes(self, ch: Changes) -> None:
        if ch.reset or ch.warnings:
            self.beginResetModel()
            self._rows = self._svc.list()
            self.endResetModel()

    def stored(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, alert_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == alert_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {"severity": QCoreApplication.translate("WarningsView", "Severity"),
                "event": QCoreApplication.translate("WarningsView", "Event"),
                "headline": QCoreApplication.translate("WarningsView", "Headline"),
                "sender": QCoreApplication.translate("WarningsView", "Sender"),
                "sent": QCoreApplication.translate("WarningsView", "Sent"),
                "state": QCoreApplication.translate("WarningsView", "State"),
                "ack": QCoreApplication.translate("WarningsView", "Acknowledged")}[self.COLUMNS[section]]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole and col == "severity":
            colour = SEVERITY_COLOURS.get(r.alert.severity)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and col == "severity" and r.alert.severity in SEVERITY_COLOURS:
            return QColor("#000000")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        first = r.alert.infos_for_display()[0] if r.alert.infos else None
        if col == "severity":
            return severity_label(r.alert.severity)
        if col == "event":
            return first.event if first else r.alert.msgType
        if col == "headline":
            return (first.headline or "") if first else ""
        if col == "sender":
            return (first.senderName if first and first.senderName else r.alert.sender)
        if col == "sent":
            return r.alert.sent
        if col == "state":
            return state_label(r)
        if r.origin == "published":
            return QCoreApplication.translate("WarningsView", "Published here")
        return (r.acknowledged_by or "✓") if r.acknowledged_at else ""
