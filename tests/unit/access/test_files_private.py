"""The database, its WAL and its backups are readable by their owner only."""
import os
import stat

from console.store.database import backup, open_store


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_wal_and_backup_are_owner_only(tmp_path):
    old = os.umask(0o022)  # a usual umask would otherwise leave them world-readable
    try:
        store = open_store(tmp_path / "c.db")
        with store.transaction():
            store.conn.execute("INSERT INTO meta(key, value) VALUES ('k', 'v')")
        dest = backup(store.conn, tmp_path / "copy.db")
        store.close()
    finally:
        os.umask(old)
    for f in (tmp_path / "c.db", dest, *tmp_path.glob("c.db-wal")):
        assert _mode(f) & 0o077 == 0, (f, oct(_mode(f)))
