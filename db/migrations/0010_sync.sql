-- Sync between consoles. The change rows (0001) are the log that travels; these tables hold who is
-- trusted, what each peer has acknowledged, changes held back or waiting, conflicts and history.

-- A stamp names its site, so it identifies a change everywhere: a change applied twice is one row.
CREATE UNIQUE INDEX changes_hlc_once ON changes(hlc);
CREATE INDEX changes_row ON changes(tbl, row_id);
CREATE INDEX changes_site ON changes(site, hlc);

-- Enrolled sites: a batch signed by any other key is refused. acked/sent: per origin site, the
-- newest stamp the peer has confirmed holding / that was sent to it (JSON objects).
CREATE TABLE sync_peers (
    site TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    trusted INTEGER NOT NULL DEFAULT 1,
    acked TEXT NOT NULL DEFAULT '{}',
    sent TEXT NOT NULL DEFAULT '{}',
    enrolled_at TEXT NOT NULL,
    last_sync TEXT
);

-- Changes stamped too far in the future: kept for the operator, not applied.
CREATE TABLE sync_held (
    hlc TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    cols TEXT NOT NULL,
    site TEXT NOT NULL,
    via TEXT NOT NULL,
    received_at TEXT NOT NULL
);

-- Changes recorded but not yet materialised (a duty-log entry whose predecessor has not arrived,
-- a row whose parent is missing); retried after every apply.
CREATE TABLE sync_pending (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
);

-- The same column changed at two sites since they last agreed, or a domain rule overruling the last
-- writer. kept/other are JSON values.
CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    kept TEXT NOT NULL,
    kept_hlc TEXT NOT NULL,
    other TEXT NOT NULL,
    other_hlc TEXT NOT NULL,
    other_site TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('concurrent', 'rule')),
    found_at TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (tbl, row_id, col, other_hlc)
);

CREATE TABLE sync_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    peer TEXT NOT NULL,
    kind TEXT NOT NULL,           -- export, import, refused, hub
    changes INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT ''
);

-- The hub link: how far this site's change log has been published (the outbox is everything after).
CREATE TABLE sync_link (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
