"""Two kinds of failure: the environment failed (disk full, read-only, locked), which the user can
fix and which loses nothing already committed; everything else is a bug and propagates."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


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


def classify_at(exc: BaseException, path: Path) -> StoreUnavailable | None:
    """classify, made precise with the file system holding path: SQLite reports a full disk or a
    read-only medium as a plain "disk I/O error" or "unable to open" when the write-ahead log or
    its index cannot be written, and the user needs to know which it is."""
    env = classify(exc)
    if env is None or env.kind not in ("io_error", "cannot_open"):
        return env
    try:
        fs = os.statvfs(path.parent if not path.is_dir() else path)
    except OSError:
        return env
    if fs.f_flag & os.ST_RDONLY:
        return StoreUnavailable("read_only", env.detail)
    if fs.f_bavail * fs.f_frsize < 1024 * 1024:
        return StoreUnavailable("disk_full", env.detail)
    return env
