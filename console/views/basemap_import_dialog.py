"""Import an MBTiles basemap with a progress dialog; a bad file is refused and changes nothing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from console.map.mbtiles import ImportCancelled, MbtilesError, MbtilesInfo, import_mbtiles


class BasemapImportDialog(QProgressDialog):
    """Modal progress for one import. The copy runs in chunks on the GUI thread with events
    processed between them (Qt's modal QProgressDialog pattern): it is a local file copy, and
    keeping it here means the half-written file can never race with the map reading tiles."""

    failed = Signal(str)
    imported = Signal(object)  # MbtilesInfo

    def __init__(self, dest_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("BasemapImportDialog", "Importing basemap…"),
                         QCoreApplication.translate("BasemapImportDialog", "Cancel"), 0, 1000, parent)
        self.setWindowTitle(QCoreApplication.translate("BasemapImportDialog", "Import MBTiles basemap"))
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._dest_dir = dest_dir
        self.error: str | None = None

    def _progress(self, done: int, total: int) -> None:
        self.setValue(int(done * 1000 / total) if total else 1000)
        QCoreApplication.processEvents()

    def run(self, src: Path) -> MbtilesInfo | None:
        self.error = None
        self.setLabelText(QCoreApplication.translate("BasemapImportDialog",
                                                     "Importing {name}…").format(name=src.name))
        try:
            info = import_mbtiles(src, self._dest_dir, self._progress, self.wasCanceled)
        except ImportCancelled:
            return None
        except MbtilesError as exc:
            self.error = QCoreApplication.translate(
                "BasemapImportDialog", "The basemap was not imported: {reason}"
            ).format(reason=str(exc))
        except OSError as exc:
            self.error = QCoreApplication.translate(
                "BasemapImportDialog", "The basemap could not be copied: {reason}"
            ).format(reason=exc.strerror or str(exc))
        finally:
            self.close()
        if self.error is not None:
            self.failed.emit(self.error)
            return None
        self.imported.emit(info)
        return info


def choose_and_import(parent: QWidget, dest_dir: Path) -> MbtilesInfo | None:
    """Ask for a file, import it, tell the user about a refusal. Returns the new basemap or None."""
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BasemapImportDialog", "Import MBTiles basemap"), "",
        QCoreApplication.translate("BasemapImportDialog", "Basemaps (*.mbtiles *.pmtiles);;All files (*)")
    )
    if not name:
        return None
    dialog = BasemapImportDialog(dest_dir, parent)
    dialog.failed.connect(
        lambda msg: QMessageBox.warning(
            parent, QCoreApplication.translate("BasemapImportDialog", "Import MBTiles basemap"), msg
        )
    )
    return dialog.run(Path(name))
