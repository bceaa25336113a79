-- Structured preplans stored with their history, activations with their checklists, dispatch orders,
-- and the notification outbox. Nothing here is ever deleted: items retire, activations stand down.

-- The current version of each plan; the YAML text is the source of truth, the other columns index it.
CREATE TABLE preplans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,        -- revision number in this database, 1 for the first import
    label TEXT NOT NULL DEFAULT '',  -- the plan's own version text (e.g. "2023-示例")
    source_text TEXT NOT NULL,
    updated_hlc TEXT NOT NULL
);

-- Append-only: one row per import or edit, so an activation can always show the text it ran from.
CREATE TABLE preplan_versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES preplans(id),
    version INTEGER NOT NULL,
    source_text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',  -- file name, "editor" or "sample"
    saved_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, version)
);
CREATE TRIGGER preplan_versions_no_update BEFORE UPDATE ON preplan_versions
BEGIN SELECT RAISE(ABORT, 'preplan_versions is append-only: save a new version instead'); END;
CREATE TRIGGER preplan_versions_no_delete BEFORE DELETE ON preplan_versions
BEGIN SELECT RAISE(ABORT, 'preplan_versions is append-only'); END;

CREATE TABLE activations (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    plan_id TEXT NOT NULL REFERENCES preplans(id),
    plan_version INTEGER NOT NULL,
    plan_title TEXT NOT NULL,
    response_level INTEGER NOT NULL CHECK (response_level BETWEEN 1 AND 4),
    activated_at TEXT NOT NULL,
    stood_down_at TEXT,
    author TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL
);
CREATE INDEX activations_incident ON activations(incident_id);

CREATE TABLE checklist_items (
    id TEXT PRIMARY KEY,
    activation_id TEXT NOT NULL REFERENCES activations(id),
    seq INTEGER NOT NULL,                -- the plan's order, kept when items are added by escalation
    item_id TEXT NOT NULL,               -- the id inside the plan
    phase_id TEXT NOT NULL,
    phase_name TEXT NOT NULL,
    phase_seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    group_id TEXT NOT NULL DEFAULT '',
    group_name TEXT NOT NULL DEFAULT '',
    from_level INTEGER NOT NULL DEFAULT 4,
    deadline_minutes INTEGER,
    deadline_after TEXT,
    started_from TEXT NOT NULL,
    due_at TEXT,                         -- denormalised for other readers; recomputed on every change
    evidence_required TEXT NOT NULL DEFAULT '[]',
    depends_on TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo','in_progress','done','skipped','blocked')),
    reason TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '{}',
    assignee TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    changed_at TEXT,
    done_at TEXT,
    retired INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL,
    UNIQUE (activation_id, item_id)
);
CREATE INDEX checklist_items_activation ON checklist_items(activation_id, seq);

CREATE TABLE dispatches (
    id TEXT PRIMARY KEY,
    activation_id TEXT NOT NULL REFERENCES activations(id),
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    request_type TEXT NOT NULL,          -- the plan's resource type, e.g. 排涝泵车
    rule TEXT NOT NULL,
    resource_id TEXT NOT NULL,           -- a resources.id or a units.id
    resource_kind TEXT NOT NULL,         -- resources.kind, or 'unit'
    resource_name TEXT NOT NULL,
    distance_km REAL,
    ordered_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ordered' CHECK (state IN ('ordered','standby','requested','cancelled','done')),
    updated_hlc TEXT NOT NULL
);
CREATE INDEX dispatches_activation ON dispatches(activation_id);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued','sent','delivered','failed','expired','no_link')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    device_id TEXT,
    expires_at TEXT,
    sent_at TEXT,
    delivered_at TEXT,
    ref TEXT NOT NULL DEFAULT '',        -- what made it, e.g. "preplan:flood-typhoon:start"
    incident_id TEXT REFERENCES incidents(id),
    activation_id TEXT REFERENCES activations(id),
    updated_hlc TEXT NOT NULL
);
CREATE INDEX outbox_state ON outbox(state);
