"""Two kinds of failure: the environment failed (disk full, read-only, locked), which the user can
fix and which loses nothing already committed; everything else is a bug and propagates."""
from __future__ import annotations

import sqlite3


class StoreUnavailable(Exception):
    """The database cannot be written or read right now; `kind` names why, for the message."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind  # disk_full, read_only, locked, cannot_open, io_error, corrupt
        self.detail = detail


_KINDS = (
    ("database or disk is full", "disk_full"),
    ("disk is full", "disk_full"),
    ("readonly", "read_only"),
    ("read-only", "read_only"),
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("unable to open database", "cannot_open"),
    ("disk i/o error", "io_error"),
    ("file is not a database", "corrupt"),
    ("database disk image is malformed", "corrupt"),
)


def classify(exc: BaseException) -> StoreUnavailable | None:
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError | OSError):
        return None
    text = str(exc).lower()
    for needle, kind in _KINDS:
        if needle in text:
            return StoreUnavailable(kind, str(exc))
    if isinstance(exc, OSError):
        return StoreUnavailable("io_error", str(exc))
    return None
