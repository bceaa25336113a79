"""The plans ranked for one incident, each with its score, the level to propose and the reasons in words."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from console.domain.changes import Changes
from console.domain.incident import Level
from console.domain.preplan import MatchResult

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 3  # int: the suggested response level
REASONS_ROLE = Qt.ItemDataRole.UserRole + 4  # list[str]
SCORE_ROLE = Qt.ItemDataRole.UserRole + 5


class PreplanMatchModel(QAbstractListModel):
    def __init__(self, preplan_service, parent=None) -> None:
        super().__init__(parent)
        self._svc = preplan_service
        self.incident_id: str | None = None
        self._rows: list[tuple[MatchResult, Level]] = []

    def set_incident(self, incident_id: str | None) -> None:
        self.incident_id = incident_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        if self.incident_id:
            # Plans that score nothing are noise at the desk; the editor still lists every plan.
            self._rows = [(m, self._svc.suggest_level(self.incident_id, m.plan))
                          for m in self._svc.match(self.incident_id) if m.score > 0]
        self.endResetModel()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.preplans or (self.incident_id and self.incident_id in changes.incidents):
            self.reload()

    def result(self, row: int) -> MatchResult | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m, level = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            fmt = QCoreApplication.translate("PreplanMatch", "{0}  ·  score {1}  ·  suggests level {2}")
            return fmt.format(m.plan.title, m.score, level.roman)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(r.describe(self._svc.texts) for r in m.reasons)
        if role == PLAN_ID_ROLE:
            return m.plan_id
        if role == LEVEL_ROLE:
            return int(level)
        if role == REASONS_ROLE:
            return [(r.describe(self._svc.texts), r.points) for r in m.reasons]
        if role == SCORE_ROLE:
            return m.score
        if role == Qt.ItemDataRole.FontRole and index.row() == 0:
            f = QFont()
            f.setBold(True)
            return f
        return None
