"""The one storage gateway: opens the SQLite file with WAL, foreign keys and a busy timeout, migrates
it (after a backup), and runs every service write in one transaction that also records change rows."""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from console.domain.access import Actor
from console.domain.clock import Clock, SystemClock
from console.domain.hlc import HlcStamp, HybridLogicalClock
from console.domain.ids import new_id
from console.paths import MIGRATIONS
from console.store import migrations
from console.store.errors import StoreUnavailable, classify, classify_at

log = logging.getLogger("console.store")

# Writers of this process waiting to begin a transaction, per database file. SQLite's lock is not
# fair: a long job committing chunk after chunk would keep winning it, so between chunks it calls
# `yield_to_writers` and lets a waiting window write in first.
_turns = threading.Condition()
_waiting: Counter[str] = Counter()
# Writers of this process also take turns through a lock per file, held from BEGIN to COMMIT: a
# waiting writer then starts the moment the other commits, where SQLite's busy handler would sleep
# on in steps of up to 100 ms. Re-entrant, so a thread opening the file twice meets SQLite's own
# "locked" as before; other processes still meet SQLite's lock.
_writer_locks: dict[str, threading.RLock] = {}
_TURN_TIMEOUT_S = 5.0  # as the connection's busy_timeout; then SQLite's lock decides


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self.db = sqlite_utils.Database(conn)
        self._depth = 0
        self.txn_serial = 0  # which write transaction is open; per-transaction caches key on it
        self._after_commit: list[Callable[[], None]] = []
        # The signed-in account (console.domain.access.Actor) or None: every change row and duty-log
        # entry names it, and the services check its position before a user's write.
        self.actor: Actor | None = None
        self.site = self._site_id()
        self.hlc = HybridLogicalClock(self.site, self._wall_ms)
        last = conn.execute("SELECT hlc FROM changes ORDER BY hlc DESC LIMIT 1").fetchone()
        if last:
            self.hlc.restore(HlcStamp.decode(last[0]))

    def _wall_ms(self) -> int:
        return int(self.clock.now().timestamp() * 1000)

    def _site_id(self) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()
        if row:
            return row[0]
        if self.read_only:
            return ""  # nothing is written through a read-only store, so no change row needs it
        site = os.urandom(5).hex().upper()
        with self.transaction():
            # Another process opening the same new file may have named the site first: keep its name.
            self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('site_id', ?)", (site,))
        return self.conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()[0]

    def new_id(self) -> str:
        return new_id(self._wall_ms())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write transaction; nested calls join the outer one so a use case commits once."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        key = str(self.path)
        with _turns:
            _waiting[key] += 1
            turn = _writer_locks.setdefault(key, threading.RLock())
        has_turn = False
        try:
            has_turn = turn.acquire(timeout=_TURN_TIMEOUT_S)
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException as exc:
            if has_turn:
                turn.release()
            if isinstance(exc, sqlite3.Error):
                raise classify_at(exc, self.path) or exc
            raise
        finally:
            with _turns:
                _waiting[key] -= 1
                _turns.notify_all()
        self._depth = 1
        self.txn_serial += 1
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._after_commit.clear()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            env = classify_at(exc, self.path)
            if env is not None:
                raise env from exc
            raise
        finally:
            self._depth = 0
            if has_turn:
                turn.release()
        callbacks, self._after_commit = self._after_commit, []
        for fn in callbacks:
            fn()

    def yield_to_writers(self, timeout: float = 2.0) -> None:
        """Between the transactions of a long job: wait until no other writer of this process is
        waiting to begin (they go first), at most `timeout` seconds."""
        key = str(self.path)
        with _turns:
            _turns.wait_for(lambda: _waiting[key] == 0, timeout)

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[Store]:
        """For a long job that commits many short transactions on this connection: its commits skip
        their fsync and never checkpoint the WAL (the job calls `checkpoint` between transactions,
        holding no turn, so a checkpoint never keeps a waiting writer out). Afterwards the next
        commit syncs everything to disk again."""
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield self
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA wal_autocheckpoint = 1000")

    def checkpoint(self) -> int:
        """Copy what the WAL holds into the database file, outside any transaction. PASSIVE: it
        neither waits for nor blocks other writers, so the WAL stays short while a job commits.
        Returns how many pages the WAL held (-1 when it could not tell)."""
        try:
            row = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.OperationalError:  # busy: the next call catches up
            return -1
        return int(row[1])

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run fn once the current write transaction has committed (not if it rolls back): for
        state kept outside the database that must never run ahead of it."""
        self._require_txn()
        self._after_commit.append(fn)

    def _require_txn(self) -> None:
        if not self._depth:
            raise RuntimeError("writes go through Store.transaction()")

    def record(self, table: str, row_id: str, cols: dict) -> str:
        """A change row for sync, in the caller's transaction. Returns the HLC stamp used."""
        self._require_txn()
        stamp = self.hlc.now().encode()
        self.conn.execute(
            "INSERT INTO changes(tbl, row_id, cols, hlc, site, author, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                table,
                row_id,
                json.dumps(cols, ensure_ascii=False, sort_keys=True),
                stamp,
                self.site,
                *self._acting(),
            ),
        )
        return stamp

    def _acting(self) -> tuple[str, str | None]:
        return ("", None) if self.actor is None else (self.actor.name, self.actor.position.value)

    def insert(self, table: str, row: dict, tracked: bool = True) -> None:
        self._require_txn()
        row = dict(row)
        if tracked:
            row["updated_hlc"] = self.record(table, row["id"],
                                             {k: v for k, v in row.items() if k != "updated_hlc"})
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))

    def append(self, table: str, row: dict) -> int:
        """Insert into an append-only table (no updated_hlc column); returns the rowid."""
        self._require_txn()
        self.record(table, row["id"], row)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        assert cur.lastrowid is not None  # an INSERT sets it
        return cur.lastrowid

    def update(self, table: str, row_id: str, cols: dict, tracked: bool = True) -> None:
        self._require_txn()
        cols = dict(cols)
        if tracked:
            cols["updated_hlc"] = self.record(table, row_id, cols)
        sets = ", ".join(f"{k} = ?" for k in cols)
        cur = self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*cols.values(), row_id))
        if cur.rowcount != 1:
            raise KeyError(f"{table} {row_id} not found")

    def update_many(self, table: str, columns: tuple[str, ...], rows: list[tuple[str, tuple]]) -> None:
        """The same columns updated on many rows, with their change rows, in two statements: for
        high-rate data such as unit positions. rows: (row id, values in `columns` order)."""
        self._require_txn()
        if not rows:
            return
        stamps, changes = [], []
        for row_id, values in rows:
            stamp = self.hlc.now().encode()
            stamps.append((*values, stamp, row_id))
            cols = json.dumps(dict(zip(columns, values, strict=True)), ensure_ascii=False)
            changes.append((table, row_id, cols, stamp, self.site, *self._acting()))
        self.conn.executemany(
            "INSERT INTO changes(tbl, row_id, cols, hlc, site, author, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            changes,
        )
        sets = ", ".join(f"{c} = ?" for c in (*columns, "updated_hlc"))
        self.conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", stamps)

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        try:
            return list(self.db.query(sql, params))
        except sqlite3.Error as exc:
            raise classify(exc) or exc

    def one(self, sql: str, params: tuple | dict = ()) -> dict | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple = ()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        log.warning("journal mode is %s, not WAL", mode)
    # FULL: a commit survives power loss (the WAL is fsynced at every commit), which the duty log needs.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading without writing a byte: works on read-only media and on a full disk. If
    SQLite cannot even set up its shared-memory index there, the file is read as immutable."""
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            last = exc
            if (why := classify(exc)) is not None and why.kind == "corrupt":
                break
    assert last is not None
    raise last


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (0600) unless it exists: the database and its
    backups hold names, phone numbers and password hashes. SQLite gives its -wal and -shm files the
    database file's mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def backup(conn: sqlite3.Connection, dest: Path) -> Path:
    """A consistent copy of the open database at dest, written beside it first and renamed into
    place, so an interrupted backup never leaves a half-written file under dest's name."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f"{dest.name}.partial")
    partial.unlink(missing_ok=True)
    create_private(partial)
    target = sqlite3.connect(str(partial))
    try:
        conn.backup(target)
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    target.close()
    os.replace(partial, dest)
    return dest


def _check_version(current: int, latest: int) -> None:
    if current < 0:
        raise StoreUnavailable("bad_schema", f"schema version {current}")
    if current > latest:
        raise StoreUnavailable("newer_schema",
                               f"database schema {current}, this program knows up to {latest}")


def open_store(path: Path | str, clock: Clock | None = None, migrate: bool = True,
               read_only: bool = False) -> Store:
    """Open (and, unless read_only, create and migrate) the database at path.

    read_only: for commands that only read. The file must exist (a mistyped path is an error, not a
    new empty database), nothing is written, and an old schema is reported instead of migrated."""
    path = Path(path)
    try:
        if read_only:
            if not path.is_file():
                raise StoreUnavailable("missing", str(path))
            conn = _connect_read_only(path)
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            latest = migrations.latest_version(MIGRATIONS)
            try:
                _check_version(current, latest)
                if current < latest:
                    raise StoreUnavailable("needs_migration",
                                           f"schema {current}, this program needs {latest}")
                return Store(conn, path, clock or SystemClock(), read_only=True)
            except BaseException:
                conn.close()
                raise
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(path)
        conn = _connect(path)
        try:
            _migrate(conn, path, migrate)
            return Store(conn, path, clock or SystemClock())
        except BaseException:
            conn.close()
            raise
    except (sqlite3.Error, OSError) as exc:
        env = classify_at(exc, path)
        if env is not None:
            raise env from exc
        raise


def _migrate(conn: sqlite3.Connection, path: Path, migrate: bool) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = migrations.latest_version(MIGRATIONS)
    _check_version(current, latest)
    if current == latest:
        return
    if not migrate:
        raise StoreUnavailable("needs_migration", f"schema {current}, this program needs {latest}")
    with _migrating(path):
        # Another process may have migrated while this one waited (consoles and commands started
        # together on a new file): then there is nothing to back up and nothing to apply.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current == latest:
            return
        if current > 0:
            dest = path.with_name(f"{path.name}.v{current}.bak")
            backup(conn, dest)
            log.info("backed up schema %d to %s before migrating", current, dest)
        migrations.apply(conn, MIGRATIONS)


@contextlib.contextmanager
def _migrating(path: Path) -> Iterator[None]:
    """One process migrates a database at a time. The lock is an flock on the database's folder, not
    on the file: closing any other descriptor of the file would drop SQLite's own POSIX locks."""
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


__all__ = ["Store", "StoreUnavailable", "open_store", "backup"]
