"""A snapshot named in the duty log, shown with its camera, time and SHA-256, and whether the file on
disk still matches the hash recorded when it was taken."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def file_matches(path: Path, sha256: str) -> bool | None:
    """True or False, or None when the file is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return None


class SnapshotDialog(QDialog):
    def __init__(self, snapshot: dict, camera_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snapshot: {0}").format(camera_name))
        path = Path(snapshot["path"])
        ok = file_matches(path, snapshot["sha256"])
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pix = QPixmap(str(path)) if ok is not None else QPixmap()
        if pix.isNull():
            picture.setText(self.tr("The image file is missing: {0}").format(str(path)))
        else:
            picture.setPixmap(pix.scaled(960, 540, Qt.AspectRatioMode.KeepAspectRatio))
        verdict = {True: self.tr("The file matches its recorded SHA-256."),
                   False: self.tr("The file has changed since it was taken: its SHA-256 no longer matches."),
                   None: self.tr("The file cannot be read.")}[ok]
        self.verdict = verdict
        facts = QLabel(f"{camera_name} · {snapshot['at']}\nSHA-256 {snapshot['sha256']}\n{verdict}")
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(picture, 1)
        lay.addWidget(facts)
        lay.addWidget(buttons)


def show_snapshot_of_entry(parent: QWidget, cameras, entry) -> SnapshotDialog | None:
    """Open the snapshot a duty-log entry names, if it names one."""
    snap = cameras.snapshot_for_entry(entry.id) if entry is not None else None
    if snap is None:
        return None
    cam = cameras.get(snap["camera_id"])
    dlg = SnapshotDialog(snap, cam["name"] if cam else snap["camera_id"], parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
