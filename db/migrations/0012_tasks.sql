-- Manual tasks for the officer: what the console cannot do itself, such as a notice on a channel with
-- no device here (a phone call, an SMS, a broadcast). Confirmed with who did it and when; never deleted.
CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'notify',   -- notify: tell someone over `channel`
    channel TEXT NOT NULL DEFAULT '',      -- sms, phone, broadcast, fax, ...
    recipient TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,                   -- what to do, in the record's language
    text TEXT NOT NULL DEFAULT '',         -- the message to pass on
    due_at TEXT,
    incident_id TEXT,
    activation_id TEXT,
    ref TEXT NOT NULL DEFAULT '',          -- e.g. preplan:first-report
    done_at TEXT,
    done_by TEXT NOT NULL DEFAULT '',
    done_note TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL
);
CREATE INDEX tasks_open ON tasks(done_at, due_at);
CREATE INDEX tasks_incident ON tasks(incident_id);
