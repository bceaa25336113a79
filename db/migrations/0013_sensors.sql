-- Monitoring: the sensor registry grows its thresholds, source and register map; readings are kept
-- append-only with per-minute and per-hour rollups so that weeks of history draw from a few
-- thousand rows instead of millions.
ALTER TABLE sensors ADD COLUMN source TEXT NOT NULL DEFAULT '';       -- who operates it, or 'sample'
ALTER TABLE sensors ADD COLUMN thresholds TEXT NOT NULL DEFAULT '[]';  -- JSON [{colour, value, rising, hysteresis}]
ALTER TABLE sensors ADD COLUMN registers TEXT NOT NULL DEFAULT '';     -- JSON Modbus map {port, slave, address, ...}
ALTER TABLE sensors ADD COLUMN level TEXT NOT NULL DEFAULT '';         -- warning colour in force, '' when normal
ALTER TABLE sensors ADD COLUMN level_state TEXT NOT NULL DEFAULT '';   -- JSON hysteresis state (pending easing)
ALTER TABLE sensors ADD COLUMN warning_id TEXT;                        -- the warnings row (cap_alerts) in force
ALTER TABLE sensors ADD COLUMN read_at INTEGER;                        -- epoch seconds of `value`

-- One row per reading; never updated. t in epoch seconds (UTC).
CREATE TABLE readings (
    sensor_id TEXT NOT NULL,
    t REAL NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (sensor_id, t)
) WITHOUT ROWID;

-- Rollups: bucket is 60 or 3600 seconds, t the bucket start; min/max/sum/count of the readings in it.
CREATE TABLE reading_rollups (
    sensor_id TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    t INTEGER NOT NULL,
    n INTEGER NOT NULL,
    vmin REAL NOT NULL,
    vmax REAL NOT NULL,
    vsum REAL NOT NULL,
    PRIMARY KEY (sensor_id, bucket, t)
) WITHOUT ROWID;

-- A threshold warning is stored as a warning (cap_alerts) like any other; its origin is 'sensor'.
-- The origin check is widened by rebuilding the table (SQLite cannot alter a CHECK).
-- cap_references point at cap_alerts: their check waits for the commit, when the rows are back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE cap_alerts_new (
    id TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    sender TEXT NOT NULL,
    sent TEXT NOT NULL,
    sent_utc TEXT NOT NULL,
    status TEXT NOT NULL,
    msg_type TEXT NOT NULL,
    severity TEXT NOT NULL,
    event TEXT NOT NULL DEFAULT '',
    headline TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('imported','published','sensor')),
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','updated','cancelled')),
    replaced_by TEXT,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    UNIQUE (identifier, sender, sent)
);
INSERT INTO cap_alerts_new SELECT * FROM cap_alerts;
DROP TABLE cap_alerts;
ALTER TABLE cap_alerts_new RENAME TO cap_alerts;
CREATE INDEX cap_alerts_sent ON cap_alerts(sent_utc);
