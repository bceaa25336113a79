"""Row writes of one applied chunk, gathered by statement and run with executemany: a backlog of
thousands of position updates and duty-log entries costs a few statements, not one per row.

A statement that fails on one row (a parent or a required column has not arrived) is undone to a
savepoint and its rows are written one by one, so only those rows wait in sync_pending."""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from itertools import groupby

from console.services.duty_log import DutyLogService
from console.store.database import Store

Key = tuple[str, str]


class DeferredWrites:
    def __init__(self, store: Store, log: DutyLogService) -> None:
        self.store = store
        self.log = log
        self._updates: dict[tuple[str, tuple[str, ...]], list[tuple[Key, tuple]]] = defaultdict(list)
        self._entries: list[tuple[Key, dict]] = []

    def update(self, tbl: str, row_id: str, diff: dict) -> None:
        self._updates[(tbl, tuple(diff))].append(((tbl, row_id), (*diff.values(), row_id)))

    def entry(self, row: dict) -> None:
        """A duty-log entry whose place in its site's chain has been checked; appended in order."""
        self._entries.append((("duty_log", row["id"]), row))

    def flush(self) -> set[Key]:
        """Runs what was gathered; returns the rows that could not be written."""
        failed: set[Key] = set()
        conn = self.store.conn
        for (tbl, cols), items in self._updates.items():
            sql = f"UPDATE {tbl} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
            if not self._whole(conn.executemany, sql, [params for _, params in items]):
                for key, params in items:
                    try:
                        conn.execute(sql, params)
                    except sqlite3.IntegrityError:
                        failed.add(key)
        entries = self._entries
        runs = [[row for _, row in run] for _, run in groupby(entries, key=lambda e: tuple(e[1]))]
        def adopt_runs() -> None:
            for run in runs:
                self.log.adopt_many(run)

        if not self._whole(adopt_runs):
            broken: set[str] = set()  # a site whose entry failed: its later entries would break its chain
            for key, row in entries:
                if str(row.get("site")) in broken:
                    failed.add(key)
                    continue
                try:
                    self.log.adopt(row)
                except sqlite3.IntegrityError:
                    failed.add(key)
                    broken.add(str(row.get("site")))
        self._updates, self._entries = defaultdict(list), []
        return failed

    def _whole(self, write: Callable[..., object], *args) -> bool:
        """Runs write(*args) entirely or not at all."""
        conn = self.store.conn
        conn.execute("SAVEPOINT deferred_writes")
        try:
            write(*args)
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO deferred_writes")
            conn.execute("RELEASE deferred_writes")
            return False
        conn.execute("RELEASE deferred_writes")
        return True
