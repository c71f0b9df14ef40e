-- Foundation: organisation, workstation users, audit log, settings.
-- Nothing that other records point to is ever deleted: rows are retired or ended.

CREATE TABLE unit (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    short_name     TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL CHECK (kind IN ('committee', 'department', 'branch')),
    parent_id      INTEGER REFERENCES unit(id),
    note           TEXT NOT NULL DEFAULT '',
    sort_order     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    retired_at     TEXT,
    retired_reason TEXT
);
-- Names are unique among active units; a retired name may be used again.
CREATE UNIQUE INDEX unit_active_name ON unit(name) WHERE retired_at IS NULL;

CREATE TABLE person (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    title          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    roles          TEXT NOT NULL DEFAULT '[]',
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    retired_at     TEXT,
    retired_reason TEXT
);
CREATE INDEX person_unit ON person(unit_id);

CREATE TABLE assistance_point (
    id         INTEGER PRIMARY KEY,
    leader_id  INTEGER NOT NULL REFERENCES person(id),
    branch_id  INTEGER NOT NULL REFERENCES unit(id),
    note       TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at   TEXT
);
CREATE UNIQUE INDEX assistance_active ON assistance_point(leader_id, branch_id) WHERE ended_at IS NULL;

CREATE TABLE pairing (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES unit(id),
    branch_id     INTEGER NOT NULL REFERENCES unit(id),
    note          TEXT NOT NULL DEFAULT '',
    started_at    TEXT NOT NULL,
    ended_at      TEXT
);
CREATE UNIQUE INDEX pairing_active ON pairing(department_id, branch_id) WHERE ended_at IS NULL;

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'signer', 'dispatcher', 'viewer')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES app_user(id),
    username  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    summary   TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
