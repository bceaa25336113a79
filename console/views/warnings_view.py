"""The Warnings area: CAP alerts received (a bureau's typhoon warning) and published here, with
acknowledgement, CAP import and export, the publication dialog, and the banner for new Severe or
Extreme alerts (the devices area's alarm banner, fed from the store's Changes)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.domain.cap import CapRefused
from console.domain.changes import Changes
from console.models.warnings_model import WarningsModel, severity_label
from console.views.devices_view import AlertBanner
from console.views.tables import record_table
from console.views.warning_dialog import PublishWarningDialog


class WarningAlerts:
    """The banner's source for CAP alerts: every unacknowledged Severe or Extreme alert in force."""

    def __init__(self, warnings) -> None:
        self._svc = warnings

    def open_alerts(self) -> list[dict]:
        rows = [r for r in reversed(self._svc.list()) if r.alarming and r.acknowledged_at is None]
        return [{"id": r.id, "text": _banner_text(r)} for r in rows]

    def acknowledge_alert(self, alert_id: str):
        return self._svc.acknowledge(alert_id)


def _banner_text(stored) -> str:
    first = stored.alert.infos_for_display()[0]
    return f"{severity_label(stored.alert.severity)} · {first.headline or first.event}"


class WarningsView(QWidget):
    alertSelected = Signal(str)

    def __init__(self, warnings, ops, out_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsView")
        self._svc, self._ops, self.out_dir = warnings, ops, out_dir
        self.model = WarningsModel(warnings, self)
        self.alerts = WarningAlerts(warnings)
        self.banner = AlertBanner(self.alerts, ops, table="warnings")
        self.dialog: PublishWarningDialog | None = None
        self.table = record_table(self.model, stretch=2)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # senders' names run long
        self.table.setColumnWidth(3, 200)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_detail(cur.row()))
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # alert texts come from outside: never rich text
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("Import CAP…"))
        self.import_button.clicked.connect(self.choose_import)
        self.publish_button = QPushButton(self.tr("Publish warning…"))
        self.publish_button.clicked.connect(self.open_publish)
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.export_button = QPushButton(self.tr("Export CAP…"))
        self.export_button.clicked.connect(self.choose_export)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.publish_button, self.ack_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        scroll = QScrollArea()  # a long description scrolls instead of stretching the area
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 400])
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(split, 1)
        self.watcher: QFileSystemWatcher | None = None
        self._seen: dict[str, tuple[float, int]] = {}  # file name -> (mtime, size) when last tried

    def on_changes(self, ch: Changes) -> None:
        current = self.selected_id()
        self.model.on_changes(ch)
        if current and (row := self.model.row_of(current)) >= 0:
            self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(0)

    def selected_id(self) -> str | None:
        r = self.model.stored(self.table.currentIndex().row())
        return r.id if r else None

    def select(self, alert_id: str) -> None:
        row = self.model.row_of(alert_id)
        if row >= 0:
            self.table.selectRow(row)

    def _show_detail(self, row: int) -> None:
        r = self.model.stored(row)
        if r is None:
            self.detail.clear()
            return
        self.alertSelected.emit(r.id)
        lines = [f"{r.alert.identifier} · {r.alert.sender} · {r.alert.msgType} · {r.alert.status}"]
        districts = self._svc.district_names(r)
        if districts:
            lines.append(self.tr("Districts: {0}").format("、".join(districts)))
        for info in r.alert.infos_for_display():
            lines.append("")
            lines.append(f"[{info.lang}] {info.headline or info.event}")
            lines.append(f"{info.event} · {info.severity} / {info.urgency} / {info.certainty}")
            if info.onset or info.expires:
                lines.append(f"{info.onset or '…'} → {info.expires or '…'}")
            for text in (info.description, info.instruction):
                if text:
                    lines.append(text)
            lines.extend(a.areaDesc for a in info.areas)
        self.detail.setText("\n".join(lines))

    # -- actions
    def acknowledge_selected(self) -> None:
        alert_id = self.selected_id()
        if alert_id:
            res = self._ops.run(self._svc.acknowledge, alert_id)
            if res is not None:
                self._ops.publish(res.changes)

    def import_paths(self, paths: list[Path]) -> bool:
        try:
            res = self._ops.run(self._svc.import_files, paths)
        except CapRefused as exc:
            self._ops.failed.emit(
                self.tr("The CAP file was refused and nothing was imported:\n{0}").format(exc)
            )
            return False
        if res is None:
            return False
        self._ops.publish(res.changes)
        self._ops.info.emit(self.tr("%n warning(s) imported", "", len(res.value.ids)))
        return True

    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import CAP files"), "",
                                                self.tr("CAP messages (*.xml *.cap);;All files (*)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_export(self) -> None:
        r = self.model.stored(self.table.currentIndex().row())
        if r is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export CAP"), str(self.out_dir / _file_name(r)),
                                              self.tr("CAP messages (*.xml)"))
        if name:
            self.write_cap(r.id, Path(name))

    def write_cap(self, alert_id: str, path: Path) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self._svc.export(alert_id))
        except (OSError, CapRefused) as exc:
            self._ops.failed.emit(self.tr("The CAP file could not be written: {0}").format(exc))
            return False
        return True

    def open_publish(self) -> PublishWarningDialog:
        self.dialog = PublishWarningDialog(self._svc.districts, self._publish, self)
        self.dialog.open()
        return self.dialog

    def _publish(self, form):
        try:
            res = self._ops.run(self._svc.publish, form)
        except (CapRefused, ValueError) as exc:
            self._ops.failed.emit(self.tr("The warning was not published: {0}").format(exc))
            return None
        if res is None:
            return None
        self._ops.publish(res.changes)
        path = self.out_dir / _file_name(res.value)
        if self.write_cap(res.value.id, path):
            self._ops.info.emit(self.tr("Warning published; CAP file written to {0}").format(path))
        return res.value

    # -- a watched folder: CAP files dropped there are imported (each once)
    def watch(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only medium: the area still works, without the inbox
            self._ops.info.emit(self.tr("The CAP inbox {0} is not available: {1}").format(folder,
                                                                                          exc.strerror))
            return
        self.watcher = QFileSystemWatcher([str(folder)], self)
        self.watcher.directoryChanged.connect(lambda d: self.import_new(Path(d)))
        self.import_new(folder)

    def import_new(self, folder: Path) -> None:
        for p in sorted(folder.glob("*.xml")):
            try:
                st = p.stat()
            except OSError:
                continue
            # A file still being copied in is refused now and tried again when it changes.
            if self._seen.get(p.name) != (st.st_mtime, st.st_size):
                self._seen[p.name] = (st.st_mtime, st.st_size)
                self.import_paths([p])


def _file_name(stored) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in stored.alert.identifier)
    return f"{safe or stored.id}.xml"


def make_warnings_area(warnings, ops, out_dir: Path) -> WarningsView:
    view = WarningsView(warnings, ops, out_dir)
    ops.changed.connect(view.on_changes)
    view.banner.refresh()  # alerts still unacknowledged from before a restart
    if view.model.rowCount():
        view.table.selectRow(0)
    return view
