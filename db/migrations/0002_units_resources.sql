-- Units in the field and the resources the city can mobilise, each with a location (WGS-84).
CREATE TABLE districts (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    lat REAL NOT NULL,
    lon REAL NOT NULL
);

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    callsign TEXT NOT NULL,
    type TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'available',
    lat REAL,
    lon REAL,
    heading REAL,
    speed_kmh REAL,
    position_at TEXT,
    issi TEXT,
    beidou_id TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);
CREATE UNIQUE INDEX units_issi ON units(issi) WHERE issi IS NOT NULL AND issi != '';
CREATE UNIQUE INDEX units_beidou ON units(beidou_id) WHERE beidou_id IS NOT NULL AND beidou_id != '';

CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}',
    available INTEGER NOT NULL DEFAULT 1,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);
CREATE INDEX resources_kind ON resources(kind);

CREATE TABLE cameras (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);

CREATE TABLE sensors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    threshold REAL,
    value REAL,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);

CREATE TABLE risk_zones (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    colour TEXT NOT NULL CHECK (colour IN ('red','orange','yellow','blue')),
    district TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    polygon TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);

CREATE TABLE hazards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    level TEXT NOT NULL DEFAULT 'general',
    state TEXT NOT NULL DEFAULT 'found',
    deadline TEXT,
    sample INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL
);
