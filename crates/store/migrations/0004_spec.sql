-- The work specification (工作规范, the 1234 table): standing items with
-- versions, their periodic instances per responsible unit, the periods
-- generated, and the omissions (漏项) found, kept for assessment.

CREATE TABLE spec_item (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    scope           TEXT NOT NULL CHECK (scope IN ('committee', 'branch')),
    current_version INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    retired_at      TEXT,
    retired_reason  TEXT
);
CREATE UNIQUE INDEX spec_item_code ON spec_item(code);

-- Editing an item adds a version; instances keep the version they were
-- generated from, so a past period reads as it was specified then.
CREATE TABLE spec_version (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES spec_item(id),
    version     INTEGER NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    content     TEXT NOT NULL DEFAULT '',
    arrange     TEXT NOT NULL DEFAULT '',
    implement   TEXT NOT NULL DEFAULT '',
    statistics  TEXT NOT NULL DEFAULT '',
    unit_ids    TEXT NOT NULL DEFAULT '[]',
    cycle       TEXT NOT NULL CHECK (cycle IN ('year', 'quarter', 'month', 'dekad', 'week', 'day')),
    due_rule    TEXT NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (item_id, version)
);

-- One row per item, unit and cycle period: generating twice adds nothing.
CREATE TABLE spec_instance (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES spec_item(id),
    version_id  INTEGER NOT NULL REFERENCES spec_version(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    period      TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    done_date   TEXT,
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    done_by     TEXT,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (item_id, unit_id, period)
);
CREATE INDEX spec_instance_unit_due ON spec_instance(unit_id, due_date);
CREATE INDEX spec_instance_due ON spec_instance(due_date);

-- The periods (as chosen: 2026-03, 2026-Q2, …) instances were generated for.
CREATE TABLE spec_generation (
    period       TEXT PRIMARY KEY,
    first_day    TEXT NOT NULL,
    last_day     TEXT NOT NULL,
    generated_at TEXT NOT NULL
);

-- An instance not done by its due date. `late` once done after it,
-- `cleared` when the done date is corrected to on time; never deleted.
CREATE TABLE spec_omission (
    id          INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL UNIQUE REFERENCES spec_instance(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    item_id     INTEGER NOT NULL REFERENCES spec_item(id),
    due_date    TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'late', 'cleared')),
    done_date   TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX spec_omission_due ON spec_omission(due_date, unit_id);
