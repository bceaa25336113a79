"""Migration 0016 drops the change log's second index on the stamp and keeps every row."""
from __future__ import annotations

import sqlite3

import pytest

from console.paths import MIGRATIONS
from console.store import migrations
from console.store.database import open_store


def _indexes(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'changes'")}


def test_migrating_from_0015_keeps_the_change_log_and_one_unique_stamp_index(tmp_path, clock):
    path = tmp_path / "console.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrations.apply(conn, MIGRATIONS, target=15)
    conn.execute("INSERT INTO meta(key, value) VALUES ('site_id', 'A1')")
    rows = [("units", f"u{i}", '{"lat": 31.2}', f"{1700000000000 + i:013d}-0000-A1", "A1") for i in range(50)]
    conn.executemany("INSERT INTO changes(tbl, row_id, cols, hlc, site) VALUES (?, ?, ?, ?, ?)", rows)
    assert {"changes_hlc", "changes_hlc_once"} <= _indexes(conn)
    conn.close()

    store = open_store(path, clock)
    assert store.scalar("PRAGMA user_version") == 16
    assert "changes_hlc" not in _indexes(store.conn)
    assert {"changes_hlc_once", "changes_row", "changes_site"} <= _indexes(store.conn)
    kept = store.conn.execute("SELECT tbl, row_id, cols, hlc, site FROM changes ORDER BY seq").fetchall()
    assert kept == rows
    plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN SELECT hlc FROM changes WHERE hlc > ?",
                                                      ("1",)))
    assert "changes_hlc_once" in plan
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.conn.execute("INSERT INTO changes(tbl, row_id, cols, hlc, site) VALUES (?, ?, ?, ?, ?)", rows[0])
    store.close()
