-- Video wall: the camera registry grows groups, key-target tags and an enabled flag, and a location
-- becomes optional (a camera added by URL alone is not on the map until it gets one).
CREATE TABLE cameras_v8 (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    target TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    groups TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    enabled INTEGER NOT NULL DEFAULT 1,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);
INSERT INTO cameras_v8 (id, name, district, lat, lon, target, url, groups, tags, enabled, sample, updated_hlc)
    SELECT id, name, district, lat, lon, target, url,
           CASE WHEN district = '' THEN '[]' ELSE json_array(district) END,
           CASE WHEN target = '' THEN '[]' ELSE json_array(target) END,
           1, sample, updated_hlc
    FROM cameras;
DROP TABLE cameras;
ALTER TABLE cameras_v8 RENAME TO cameras;
CREATE INDEX cameras_name ON cameras(name);

-- A patrol plan: which cameras (ids and/or groups) rotate over which layout, and how long each page stays.
CREATE TABLE patrols (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    camera_ids TEXT NOT NULL DEFAULT '[]',
    groups TEXT NOT NULL DEFAULT '[]',
    dwell_s INTEGER NOT NULL DEFAULT 15 CHECK (dwell_s BETWEEN 5 AND 60),
    layout TEXT NOT NULL DEFAULT '9',
    updated_hlc TEXT NOT NULL
);

-- A still taken from a tile: the PNG beside the database, its SHA-256 and the duty-log entry naming it.
CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    camera_id TEXT NOT NULL,
    at TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    log_id TEXT NOT NULL,
    incident_id TEXT
);
CREATE INDEX snapshots_camera ON snapshots(camera_id);
CREATE INDEX snapshots_log ON snapshots(log_id);
