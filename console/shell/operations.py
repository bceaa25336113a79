"""The one way views change anything: call a service through `Operations.run`, which publishes the
Changes of the returned Result to every view and routes environment failures to the user as one clear
message."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from console.domain.access import Refused
from console.domain.changes import Changes, Result
from console.store.errors import StoreUnavailable

log = logging.getLogger("console.shell")
T = TypeVar("T")


def store_error_text(exc: StoreUnavailable) -> str:
    texts = {
        "disk_full": QCoreApplication.translate(
            "Store",
            "The disk is full, so this was not saved. Everything saved before is intact. "
            "Free some disk space and try again.",
        ),
        "read_only": QCoreApplication.translate(
            "Store",
            "The database is read-only, so this was not saved. Everything saved before is "
            "intact. Check the file permissions or the medium.",
        ),
        "locked": QCoreApplication.translate(
            "Store",
            "The database is busy in another program. Try again in a moment, or close the other console.",
        ),
        "cannot_open": QCoreApplication.translate(
            "Store", "The database file cannot be opened. Check the path and permissions."
        ),
        "io_error": QCoreApplication.translate(
            "Store", "A disk error stopped the save. Everything saved before is intact. Check the disk."
        ),
        "corrupt": QCoreApplication.translate(
            "Store", "The database file is damaged. Restore it from a backup."
        ),
        "newer_schema": QCoreApplication.translate(
            "Store",
            "This database was made by a newer version of the console. Update the program to open it.",
        ),
        "bad_schema": QCoreApplication.translate(
            "Store",
            "The database's schema version is not valid; the file may be damaged. Restore it from a backup.",
        ),
    }
    return texts.get(exc.kind, exc.kind) + f"\n({exc.detail})"


class Operations(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a message for the user
    info = Signal(str)  # a transient status message

    def run(self, fn: Callable[..., Result[T]], *args: Any, **kw: Any) -> Result[T] | None:
        """Call a service write; publish its Changes. Returns its Result, or None when the store failed."""
        try:
            result = fn(*args, **kw)
        except StoreUnavailable as exc:
            log.error("store unavailable: %s", exc)
            self.failed.emit(store_error_text(exc))
            return None
        except Refused as exc:  # the position may not; nothing written but the refusal's log entry
            if exc.changes:
                self.publish(exc.changes)
            self.failed.emit(exc.message)
            return None
        self.publish(result.changes)
        return result

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
