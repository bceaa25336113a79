"""The communications log: device traffic (radio texts, statuses, positions, messages sent and
settled) kept apart from the duty log, which keeps what a duty log should (emergencies, texts to
the command, what the officer marks). Append-only and local; searchable like the duty log (CJK
bigrams in a contentless FTS index whose rowid is comms_log.seq)."""


def migrate(conn):
    conn.execute("""
        CREATE TABLE comms_log (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('text','status','position','emergency','sent','failed','expired')),
            direction TEXT NOT NULL CHECK (direction IN ('in','out')),
            protocol TEXT NOT NULL DEFAULT '',     -- tetra, beidou, nmea, sms
            device_id TEXT,                        -- the device it came through
            sender TEXT NOT NULL DEFAULT '',       -- the radio identity (ISSI, BeiDou card, phone number)
            unit_id TEXT,
            callsign TEXT NOT NULL DEFAULT '',     -- the unit's callsign when the identity is known
            incident_id TEXT,
            text TEXT NOT NULL
        )""")
    conn.execute("CREATE INDEX comms_log_unit ON comms_log(unit_id, seq)")
    conn.execute("CREATE INDEX comms_log_incident ON comms_log(incident_id, seq)")
    conn.execute("CREATE VIRTUAL TABLE comms_log_fts USING fts5(tokens, content='', "
                 "tokenize='unicode61 remove_diacritics 0')")
