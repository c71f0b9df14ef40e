-- Plans and their network chart: tasks (stages are summary tasks), links,
-- baselines, and the office's own calendar days on top of the statutory ones.

CREATE TABLE plan (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('key', 'special', 'daily')),
    goal            TEXT NOT NULL DEFAULT '',
    lead_unit_id    INTEGER REFERENCES unit(id),
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    note            TEXT NOT NULL DEFAULT '',
    sources         TEXT NOT NULL DEFAULT '[]',
    created_at      TEXT NOT NULL,
    archived_at     TEXT,
    archived_reason TEXT
);

-- AUTOINCREMENT: a deleted task's id is never handed out again, so undoing a
-- delete can bring the task back under its old id.
CREATE TABLE task (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id              INTEGER NOT NULL REFERENCES plan(id),
    parent_id            INTEGER REFERENCES task(id),
    position             INTEGER NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('stage', 'task')),
    name                 TEXT NOT NULL,
    goal                 TEXT NOT NULL DEFAULT '',
    content              TEXT NOT NULL DEFAULT '',
    lead_unit_id         INTEGER REFERENCES unit(id),
    cooperating_unit_ids TEXT NOT NULL DEFAULT '[]',
    person_id            INTEGER REFERENCES person(id),
    start_date           TEXT,
    duration             INTEGER NOT NULL DEFAULT 1 CHECK (duration >= 0),
    deadline             TEXT,
    progress             INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status               TEXT NOT NULL DEFAULT 'planned',
    actual_start         TEXT,
    actual_finish        TEXT,
    external_uid         TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX task_plan ON task(plan_id, parent_id, position);

CREATE TABLE task_link (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    pred_id INTEGER NOT NULL REFERENCES task(id),
    succ_id INTEGER NOT NULL REFERENCES task(id),
    kind    TEXT NOT NULL CHECK (kind IN ('FS', 'SS', 'FF', 'SF')),
    lag     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (pred_id, succ_id)
);
CREATE INDEX task_link_plan ON task_link(plan_id);

CREATE TABLE baseline (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan(id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, name)
);

-- A snapshot: it keeps the dates of tasks that were deleted since.
CREATE TABLE baseline_task (
    baseline_id INTEGER NOT NULL REFERENCES baseline(id),
    task_id     INTEGER NOT NULL,
    start_date  TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    PRIMARY KEY (baseline_id, task_id)
);

CREATE TABLE calendar_day (
    date       TEXT PRIMARY KEY,
    working    INTEGER NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
