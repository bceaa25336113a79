"""GSM/4G modems (SMS) join the device protocols: the devices table's CHECK constraint allows 'gsm'.

Only the constraint's text changes, not how a row is stored, so the stored schema is edited in place
(SQLite's documented procedure for such changes) instead of rebuilding a table that the audit
tables reference."""

OLD = "CHECK (protocol IN ('nmea','tetra','beidou'))"
NEW = "CHECK (protocol IN ('nmea','tetra','beidou','gsm'))"


def migrate(conn):
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'devices'").fetchone()[0]
    if OLD not in sql:
        raise RuntimeError("the devices table is not the one this step expects")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'devices'",
                     (sql.replace(OLD, NEW),))
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise RuntimeError("the database failed its integrity check after allowing GSM modems")
