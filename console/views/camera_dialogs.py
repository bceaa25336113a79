"""Adding and editing cameras, and CSV import/export, from the video wall. A stored URL is shown
with its credentials hidden; leaving it as shown keeps the stored one."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from console.domain.cameras import HIDDEN, CameraInvalid, CameraSpec, check_camera, redact_url


class CameraDialog(QDialog):
    def __init__(self, camera: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.setWindowTitle(self.tr("Edit camera") if camera else self.tr("Add camera"))
        c = camera or {}
        self.name = QLineEdit(c.get("name", ""))
        self.url = QLineEdit(redact_url(c.get("url", "")))
        self.url.setPlaceholderText(
            "rtsp://user:password@host:554/stream  http://host/live.ts  /path/clip.ts"
        )
        self.groups = QLineEdit(";".join(c.get("groups", [])))
        self.tags = QLineEdit(";".join(c.get("tags", [])))
        self.lat = QLineEdit("" if c.get("lat") is None else str(c["lat"]))
        self.lon = QLineEdit("" if c.get("lon") is None else str(c["lon"]))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Stream URL"), self.url)
        form.addRow(self.tr("Groups (separated by ;)"), self.groups)
        form.addRow(self.tr("Key-target tags (separated by ;)"), self.tags)
        form.addRow(self.tr("Latitude"), self.lat)
        form.addRow(self.tr("Longitude"), self.lon)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.spec: CameraSpec | None = None

    def _check(self) -> None:
        url = self.url.text().strip()
        if self.camera and HIDDEN in url and url == redact_url(self.camera["url"]):
            url = self.camera["url"]  # unchanged: keep the credentials we never showed
        try:
            self.spec = check_camera(self.name.text(), url, self.groups.text(), self.tags.text(),
                                     self.lat.text(),
                                     self.lon.text(), (self.camera or {}).get("district", ""))
        except CameraInvalid as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def camera_menu(parent: Any, cameras, ops, selected_camera: Callable[[], str | None]) -> QMenu:
    menu = QMenu(QCoreApplication.translate("VideoWall", "Cameras"), parent)

    def add() -> None:
        dlg = CameraDialog(None, parent)
        if dlg.exec() and dlg.spec is not None:
            r = ops.run(cameras.add, dlg.spec)
            if r is not None:
                ops.publish(r.changes)

    def edit() -> None:
        cam = cameras.get(selected_camera() or "")
        if cam is None:
            ops.info.emit(QCoreApplication.translate("VideoWall", "Select a tile that shows a camera first."))
            return
        dlg = CameraDialog(cam, parent)
        if dlg.exec() and dlg.spec is not None:
            r = ops.run(cameras.update, cam["id"], dlg.spec)
            if r is not None:
                ops.publish(r.changes)

    def import_csv() -> None:
        path, _ = QFileDialog.getOpenFileName(parent,
                                              QCoreApplication.translate("VideoWall", "Import cameras"), "",
                                              "CSV (*.csv)")
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            ops.failed.emit(QCoreApplication.translate("VideoWall",
                                                       "Cannot read {0} as UTF-8 text: {1}").format(path,
                                                                                                    exc))
            return
        r = ops.run(cameras.import_csv, text)
        if r is None:
            return
        ops.publish(r.changes)
        lines = [QCoreApplication.translate("VideoWall", "line {0}: {1}").format(n, why) for n,
                 why in r.value.rejected]
        QMessageBox.information(parent, QCoreApplication.translate("VideoWall", "Import cameras"), "\n".join(
            [QCoreApplication.translate("VideoWall",
                                        "{0} cameras added, {1} lines rejected.").format(len(r.value.added),
                                                                                         len(lines)),
             *lines[:50]]))

    def export_csv() -> None:
        path, _ = QFileDialog.getSaveFileName(parent,
                                              QCoreApplication.translate("VideoWall", "Export cameras"),
                                              "cameras.csv", "CSV (*.csv)")
        if not path:
            return
        try:
            Path(path).write_text(cameras.export_csv(), encoding="utf-8")
        except OSError as exc:
            ops.failed.emit(
                QCoreApplication.translate("VideoWall", "Cannot write {0}: {1}").format(
                    path, exc.strerror or exc
                )
            )

    plans = QMenu(QCoreApplication.translate("VideoWall", "Patrol plans"), menu)

    def list_plans() -> None:
        plans.clear()
        for plan in cameras.plans():
            plans.addAction(plan["name"], partial(parent.run_plan, plan))
        plans.addSeparator()
        plans.addAction(QCoreApplication.translate("VideoWall", "Save the current patrol as a plan…"),
                        save_plan)

    def save_plan() -> None:
        name, ok = QInputDialog.getText(parent, QCoreApplication.translate("VideoWall", "Patrol plans"),
                                        QCoreApplication.translate("VideoWall", "Name of the plan:"))
        if ok and name.strip():
            parent.save_plan(name.strip())

    plans.aboutToShow.connect(list_plans)
    menu.addMenu(plans)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("VideoWall", "Add camera…"), add)
    menu.addAction(QCoreApplication.translate("VideoWall", "Edit the selected tile's camera…"), edit)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("VideoWall", "Import cameras from CSV…"), import_csv)
    menu.addAction(QCoreApplication.translate("VideoWall", "Export cameras to CSV (passwords hidden)…"),
                   export_csv)
    return menu
