-- Core: site identity, change capture, incidents with their timeline, shifts and the duty log.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every write made through a service records its changed columns here, in the same transaction,
-- stamped with the hybrid logical clock and the site that made it: the outbox for sync.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    cols TEXT NOT NULL,          -- JSON object of changed columns and their new values
    hlc TEXT NOT NULL,
    site TEXT NOT NULL
);
CREATE INDEX changes_hlc ON changes(hlc);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    class TEXT NOT NULL CHECK (class IN ('natural','accident','health','security')),
    type TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    status TEXT NOT NULL CHECK (status IN ('reported','responding','closed')),
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'phone',
    reporter TEXT NOT NULL DEFAULT '',
    callback TEXT NOT NULL DEFAULT '',
    deaths INTEGER NOT NULL DEFAULT 0,
    injuries INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    trapped INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    warning_colour TEXT NOT NULL DEFAULT '',
    reported_at TEXT NOT NULL,
    first_report_at TEXT,
    written_report_at TEXT,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);
CREATE INDEX incidents_status ON incidents(status);

CREATE TABLE shifts (
    id TEXT PRIMARY KEY,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    duty_officer TEXT NOT NULL,
    leader TEXT NOT NULL DEFAULT '',
    handover_note TEXT NOT NULL DEFAULT ''
);

-- Append-only. seq is the local append order the hash chain follows; id is unique across sites.
CREATE TABLE duty_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL,
    at TEXT NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    incident_id TEXT REFERENCES incidents(id),
    unit_id TEXT,
    shift_id TEXT REFERENCES shifts(id),
    corrects_id TEXT REFERENCES duty_log(id),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX duty_log_incident ON duty_log(incident_id);
CREATE INDEX duty_log_at ON duty_log(at);
CREATE TRIGGER duty_log_no_update BEFORE UPDATE ON duty_log
BEGIN SELECT RAISE(ABORT, 'duty_log is append-only: write a correction entry instead'); END;
CREATE TRIGGER duty_log_no_delete BEFORE DELETE ON duty_log
BEGIN SELECT RAISE(ABORT, 'duty_log is append-only'); END;

-- The incident timeline: append-only like the log.
CREATE TABLE incident_events (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at);

CREATE TABLE deadline_policy (
    level INTEGER PRIMARY KEY CHECK (level BETWEEN 1 AND 4),
    first_report_min INTEGER NOT NULL,
    written_report_min INTEGER NOT NULL
);
INSERT INTO deadline_policy VALUES (1, 30, 60), (2, 30, 60), (3, 30, 60), (4, 30, 60);
