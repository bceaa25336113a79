-- CAP 1.2 alerts: imported from outside (a meteorological bureau's typhoon warning) or published by
-- this console (预警发布). One row per message; identifier + sender + sent name a message (CAP §3.2.1),
-- so importing the same file twice stores it once.
CREATE TABLE cap_alerts (
    id TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    sender TEXT NOT NULL,
    sent TEXT NOT NULL,                  -- as written, with its offset
    sent_utc TEXT NOT NULL,              -- for ordering
    status TEXT NOT NULL,                -- Actual, Exercise, System, Test, Draft
    msg_type TEXT NOT NULL,              -- Alert, Update, Cancel, Ack, Error
    severity TEXT NOT NULL,              -- the gravest over its infos
    event TEXT NOT NULL DEFAULT '',      -- of the info shown first (zh-CN when present)
    headline TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('imported','published')),
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','updated','cancelled')),
    replaced_by TEXT,                    -- the Update or Cancel that applied to it
    body TEXT NOT NULL,                  -- the whole message as JSON (CAP element names)
    received_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    UNIQUE (identifier, sender, sent)
);
CREATE INDEX cap_alerts_sent ON cap_alerts(sent_utc);

-- What each message's <references> names, so an Update that arrives before the message it updates
-- still applies when that message comes in.
CREATE TABLE cap_references (
    id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL REFERENCES cap_alerts(id),
    sender TEXT NOT NULL,
    identifier TEXT NOT NULL,
    sent TEXT NOT NULL,
    updated_hlc TEXT NOT NULL
);
CREATE INDEX cap_references_target ON cap_references(sender, identifier);
