-- Accounts and accountability: who may sign in, in which position, and who wrote each record.
-- Passwords are stored only as Argon2id hashes (PHC strings with their own salt and parameters).
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position TEXT NOT NULL CHECK (position IN
        ('observer','field_unit','duty_officer','duty_leader','commander','admin')),
    unit_group TEXT NOT NULL DEFAULT '',  -- a field unit's checklist group (preplan group id)
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,  -- accounts are disabled, never deleted: records name them
    created_at TEXT NOT NULL,
    updated_hlc TEXT NOT NULL
);

-- Failed sign-ins per account on this console, for throttling; local, not synced.
CREATE TABLE signin_failures (
    name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL
);

-- The position of the account that wrote a duty-log entry (NULL on entries written before accounts;
-- those keep their original hash input).
ALTER TABLE duty_log ADD COLUMN position TEXT;

-- Every change row names the account and position that made it ('' and NULL for the system).
ALTER TABLE changes ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN position TEXT;
