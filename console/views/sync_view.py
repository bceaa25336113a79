"""The Sync area: the link and its outbox, each peer's queue and last sync, conflicts with both
values and a choice, changes held for being stamped too far ahead, and the history of syncs.

A bundle is applied on a worker thread with its own connection to the database (WAL lets this
window keep reading), so a large backlog never freezes the window; its Changes come back through
a queued signal and are published like any other write."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.changes import Changes

if TYPE_CHECKING:
    from console.services.sync import SyncService

log = logging.getLogger("console.views.sync")


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().setVisible(False)
    return t


def _fill(table: QTableWidget, rows: list[list]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


class SyncArea(QWidget):
    applied = Signal(object)  # Changes, from the worker thread (queued to this one)
    failed = Signal(str)
    progressed = Signal(int, int)  # a bundle applying: changes done, of
    link_event = Signal(object)  # LinkEvent, from the hub link's thread (queued to this one)

    def __init__(self, sync, ops, open_worker_sync: Callable[[], SyncService],
                 parent: QWidget | None = None) -> None:
        """`sync`: this window's SyncService. `open_worker_sync`: makes a SyncService on a connection
        of its own, for the worker thread."""
        super().__init__(parent)
        self.sync = sync
        self.ops = ops
        self._open_worker_sync = open_worker_sync
        self._worker: threading.Thread | None = None
        self._link = None  # the hub link (console/sync/autolink.py) when a hub URL is set
        self._link_text = ""
        self._stopped = False
        self.link = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.import_button = QPushButton(QCoreApplication.translate("Sync", "Import bundle…"))
        self.import_button.clicked.connect(self._choose_bundle)
        self.peers = _table(
            [
                QCoreApplication.translate("Sync", "Site"),
                QCoreApplication.translate("Sync", "Trusted"),
                QCoreApplication.translate("Sync", "Sent"),
                QCoreApplication.translate("Sync", "Acknowledged"),
                QCoreApplication.translate("Sync", "Pending"),
                QCoreApplication.translate("Sync", "Last sync"),
            ]
        )
        self.conflicts = _table(
            [
                QCoreApplication.translate("Sync", "Table"),
                QCoreApplication.translate("Sync", "Row"),
                QCoreApplication.translate("Sync", "Field"),
                QCoreApplication.translate("Sync", "Kept"),
                QCoreApplication.translate("Sync", "Other value"),
                QCoreApplication.translate("Sync", "Reason"),
            ]
        )
        self.keep_button = QPushButton(QCoreApplication.translate("Sync", "Keep the kept value"))
        self.other_button = QPushButton(QCoreApplication.translate("Sync", "Take the other value"))
        self.keep_button.clicked.connect(lambda: self._resolve("kept"))
        self.other_button.clicked.connect(lambda: self._resolve("other"))
        self.held = QLabel()
        self.release_button = QPushButton(QCoreApplication.translate("Sync", "Apply held changes"))
        self.release_button.clicked.connect(lambda: self.ops.run(self.sync.release_held))
        self.history = QListWidget()
        self._conflict_ids: list[str] = []

        top = QHBoxLayout()
        top.addWidget(self.link, 1)
        top.addWidget(self.busy)
        top.addWidget(self.import_button)
        choice = QHBoxLayout()
        choice.addStretch(1)
        choice.addWidget(self.keep_button)
        choice.addWidget(self.other_button)
        held = QHBoxLayout()
        held.addWidget(self.held, 1)
        held.addWidget(self.release_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for title, inner in ((QCoreApplication.translate("Sync", "Peers"), [self.peers]),
                             (QCoreApplication.translate("Sync", "Conflicts"), [self.conflicts, choice]),
                             (QCoreApplication.translate("Sync", "Held changes"), [held]),
                             (QCoreApplication.translate("Sync", "History"), [self.history])):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            for w in inner:
                if isinstance(w, QHBoxLayout):
                    box_layout.addLayout(w)
                elif isinstance(w, QWidget):
                    box_layout.addWidget(w)
            layout.addWidget(box)
        self.applied.connect(self._worker_done)
        self.failed.connect(self._worker_failed)
        self.link_event.connect(self._on_link_event)
        self.progressed.connect(self._show_progress)
        ops.changed.connect(self.on_changes)
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.reset or changes.sync or changes.conflicts:
            self.refresh()

    def follow_link(self, link) -> None:
        """Start the hub link and show its state here."""
        self._link = link
        self._link_text = QCoreApplication.translate("Sync", "Connecting to the hub…")
        link.start()
        self.refresh()

    def shutdown(self) -> None:
        """Stop the hub link; events it sent before stopping are no longer shown (the store closes next)."""
        if self._link is not None:
            self._link.stop()
            self._link = None
            self._link_text = ""
        self._stopped = True

    def _on_link_event(self, event) -> None:
        if self._stopped:
            return
        n = str(event.outbox)
        self._link_text = {
            "connecting": QCoreApplication.translate("Sync", "Connecting to the hub…"),
            "draining": QCoreApplication.translate("Sync", "Sending to the hub: %1 changes waiting").replace(
                "%1", n
            ),
            "applying": QCoreApplication.translate("Sync", "Applying changes from the hub: %1 of %2")
            .replace("%1", str(event.done))
            .replace("%2", str(event.total)),
            "in_sync": QCoreApplication.translate("Sync", "In sync with the hub"),
            "offline": QCoreApplication.translate(
                "Sync", "Hub unreachable; retrying in %1 s (%2 changes waiting)"
            )
            .replace("%1", str(round(event.retry_in)))
            .replace("%2", n),
        }.get(event.state, event.state)
        applying = event.state == "applying"
        self.busy.setVisible(applying or self._worker is not None)
        if applying:
            self.busy.setRange(0, max(event.total, 1))
            self.busy.setValue(event.done)
        if event.changes:
            self.sync.clock_after_apply()
            self.ops.publish(event.changes)
        if event.state in ("in_sync", "offline") or event.changes:
            self.refresh()
        else:
            self.link.setText(self._link_text)

    def refresh(self) -> None:
        depth = self.sync.outbox_depth()
        if self._link is not None:
            self.link.setText(self._link_text)
        else:
            self.link.setText(
                QCoreApplication.translate("Sync", "In sync")
                if depth == 0
                else QCoreApplication.translate("Sync", "Changes waiting for the hub: %1").replace(
                    "%1", str(depth)
                )
            )
        _fill(
            self.peers,
            [
                [
                    p.site,
                    QCoreApplication.translate("Sync", "yes")
                    if p.trusted
                    else QCoreApplication.translate("Sync", "revoked"),
                    p.sent,
                    p.acknowledged,
                    p.pending,
                    p.last_sync,
                ]
                for p in self.sync.status()
            ],
        )
        rows = self.sync.conflicts()
        self._conflict_ids = [r["id"] for r in rows]
        _fill(
            self.conflicts,
            [
                [
                    r["tbl"],
                    r["row_id"],
                    r["col"],
                    r["kept"],
                    r["other"],
                    QCoreApplication.translate("Sync", "rule")
                    if r["reason"] == "rule"
                    else QCoreApplication.translate("Sync", "changed at both sites"),
                ]
                for r in rows
            ],
        )
        held = self.sync.held()
        self.held.setText(
            QCoreApplication.translate(
                "Sync", "Changes held (stamped too far ahead of this clock): %1"
            ).replace("%1", str(len(held)))
        )
        self.release_button.setEnabled(bool(held))
        self.history.clear()
        self.history.addItems([f"{h['at']}  {h['kind']}  {h['peer']}  {h['changes']}  {h['detail']}"
                               for h in self.sync.history(30)])

    def _resolve(self, keep: str) -> None:
        row = self.conflicts.currentRow()
        if 0 <= row < len(self._conflict_ids):
            try:
                self.ops.run(self.sync.resolve, self._conflict_ids[row], keep)
            except ValueError as exc:
                self.ops.failed.emit(str(exc))

    def _choose_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("Sync", "Import bundle"))
        if path:
            self.import_bundle(Path(path))

    def import_bundle(self, path: Path) -> None:
        """Apply a bundle file on a worker thread; `applied` or `failed` is emitted when done."""
        self.busy.setRange(0, 0)
        self.busy.setVisible(True)
        self.import_button.setEnabled(False)
        self._worker = threading.Thread(target=self._import_in_worker, args=(path,), daemon=True)
        self._worker.start()

    def _import_in_worker(self, path: Path) -> None:
        from console.sync.refused import SyncRefused

        try:
            data = path.read_bytes()
            worker = self._open_worker_sync()
            try:
                result = worker.import_bytes(data, progress=self.progressed.emit)
            finally:
                worker.store.close()
        except OSError as exc:
            self.failed.emit(
                QCoreApplication.translate("Sync", "The bundle cannot be read: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
        except SyncRefused as exc:
            self.failed.emit(
                QCoreApplication.translate("Sync", "Bundle refused, nothing applied: %1").replace(
                    "%1", str(exc)
                )
            )
        except Exception as exc:  # the store's own failures (disk full, locked) arrive here too
            log.error("bundle import failed: %s", exc)
            self.failed.emit(
                QCoreApplication.translate("Sync", "The bundle could not be applied: %1").replace(
                    "%1", str(exc)
                )
            )
        else:
            self.applied.emit(result.changes)

    def _show_progress(self, done: int, total: int) -> None:
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)

    def _worker_done(self, changes: Changes) -> None:
        self._worker_finished()
        self.sync.clock_after_apply()
        self.ops.publish(changes)
        self.refresh()

    def _worker_failed(self, message: str) -> None:
        self._worker_finished()
        self.ops.failed.emit(message)
        self.refresh()

    def _worker_finished(self) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        self.busy.setVisible(False)
        self.import_button.setEnabled(True)
