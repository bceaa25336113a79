-- Serial devices (TETRA radios, BeiDou terminals, GNSS receivers), the raw traffic they carried and the
-- alerts they raised. Outbound messages use the outbox table from 0004; the columns added here are
-- what a radio link needs to match its acknowledgements after a restart.

CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    port TEXT NOT NULL,                  -- /dev/ttyUSB0, a udev symlink, or a pty path
    protocol TEXT NOT NULL CHECK (protocol IN ('nmea','tetra','beidou')),
    baud INTEGER NOT NULL,
    framing TEXT NOT NULL DEFAULT '8N1', -- data bits, parity, stop bits
    enabled INTEGER NOT NULL DEFAULT 0,  -- 1: connect at start-up (the operator left it connected)
    retired INTEGER NOT NULL DEFAULT 0,  -- removed from the list; kept so old frames still name it
    updated_hlc TEXT NOT NULL
);

-- Append-only audit of every frame in and out, in arrival order (seq), replayable through the parser.
-- Local to this console: raw traffic is not shipped by sync (its effects are: positions, log entries).
CREATE TABLE device_frames (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL REFERENCES devices(id),
    at TEXT NOT NULL,                    -- wall clock when read or written, ISO 8601 UTC
    direction TEXT NOT NULL CHECK (direction IN ('in','out')),
    raw BLOB NOT NULL,
    decoded TEXT NOT NULL DEFAULT '[]',  -- JSON list of the events it produced
    error INTEGER NOT NULL DEFAULT 0     -- 1 when the frame produced an error event
);
CREATE INDEX device_frames_device ON device_frames(device_id, seq);
CREATE TRIGGER device_frames_no_update BEFORE UPDATE ON device_frames
BEGIN SELECT RAISE(ABORT, 'device_frames is append-only'); END;
CREATE TRIGGER device_frames_no_delete BEFORE DELETE ON device_frames
BEGIN SELECT RAISE(ABORT, 'device_frames is append-only'); END;

-- Emergencies raised by devices (TETRA status 0, BeiDou emergency position), until acknowledged.
CREATE TABLE device_alerts (
    id TEXT PRIMARY KEY,
    device_id TEXT REFERENCES devices(id),
    unit_id TEXT,
    sender TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,                  -- 'emergency'
    text TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL
);
CREATE INDEX device_alerts_open ON device_alerts(acknowledged_at);

-- The link-level reference of the attempt in flight (TETRA SDS-TL message reference) and when the
-- next attempt may go (BeiDou service interval, retry back-off).
ALTER TABLE outbox ADD COLUMN link_ref INTEGER;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
CREATE INDEX outbox_device ON outbox(device_id, state);
