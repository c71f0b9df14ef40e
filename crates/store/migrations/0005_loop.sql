-- Closing the loop (issue 5): feedback with attachments, supervision records,
-- rectification under 三定 with its status history, and the office's close-out.
-- Targets are addressed as (target_kind, target_id): 'task' → task.id,
-- 'document' → dispatch_doc.id (a notice or an order).

-- Content-addressed attachment store: the file lives at
-- attachments/<sha256[0..2]>/<sha256> beside the database; a row per distinct
-- content, however many records refer to it.
CREATE TABLE attachment (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('image', 'video', 'document')),
    has_thumb   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('task', 'document')),
    target_id    INTEGER NOT NULL,
    reported_on  TEXT NOT NULL,
    unit_id      INTEGER REFERENCES unit(id),
    person_name  TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    progress     INTEGER CHECK (progress BETWEEN 0 AND 100),
    is_final     INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER REFERENCES app_user(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX feedback_target ON feedback(target_kind, target_id, reported_on);
CREATE INDEX feedback_date ON feedback(reported_on);

-- The name is the file name the user attached (the same content may be
-- attached under different names).
CREATE TABLE feedback_attachment (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    sha256      TEXT NOT NULL REFERENCES attachment(sha256),
    name        TEXT NOT NULL,
    PRIMARY KEY (feedback_id, sha256, name)
);

-- 督办记录. unit_id is the supervised unit (branch supervisions are counted
-- in the annual figures); the target is optional (a visit may cover a unit's
-- work in general).
CREATE TABLE supervision_record (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind  TEXT CHECK (target_kind IN ('task', 'document')),
    target_id    INTEGER,
    unit_id      INTEGER REFERENCES unit(id),
    supervised_on TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('onsite', 'phone', 'meeting', 'platform')),
    supervisor   TEXT NOT NULL,
    findings     TEXT NOT NULL DEFAULT '',
    result       TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES app_user(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX supervision_target ON supervision_record(target_kind, target_id);
CREATE INDEX supervision_date ON supervision_record(supervised_on);

-- 整改 under 三定 (item name, responsible person, deadline). source_ref points
-- at what raised it, e.g. 'supervision:12', 'meeting:3', 'inspection:4',
-- 'hotline:9', 'feedback:7'. Status: open → verified (验收 passed) → closed
-- (销号); reopened goes back to open. A failed verification stays open.
CREATE TABLE rectification (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    source              TEXT NOT NULL CHECK (source IN ('inspection', 'supervision', 'hotline', 'meeting', 'feedback', 'other')),
    source_ref          TEXT,
    target_kind         TEXT CHECK (target_kind IN ('task', 'document')),
    target_id           INTEGER,
    problem             TEXT NOT NULL,
    item_name           TEXT NOT NULL,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    person_name         TEXT NOT NULL,
    deadline            TEXT NOT NULL,
    measures            TEXT NOT NULL DEFAULT '',
    evidence            TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'verified', 'closed')),
    verified_by         TEXT,
    verified_on         TEXT,
    verification_result TEXT,
    closed_on           TEXT,
    closed_by           INTEGER REFERENCES app_user(id),
    created_by          INTEGER REFERENCES app_user(id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX rectification_status ON rectification(status, deadline);
CREATE INDEX rectification_unit ON rectification(unit_id);

CREATE TABLE rectification_attachment (
    rectification_id INTEGER NOT NULL REFERENCES rectification(id),
    sha256           TEXT NOT NULL REFERENCES attachment(sha256),
    name             TEXT NOT NULL,
    PRIMARY KEY (rectification_id, sha256, name)
);

-- Every status change of a rectification, never updated or deleted.
CREATE TABLE rectification_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    rectification_id INTEGER NOT NULL REFERENCES rectification(id),
    at               TEXT NOT NULL,
    user_id          INTEGER REFERENCES app_user(id),
    from_status      TEXT,
    to_status        TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectification_history_item ON rectification_history(rectification_id, id);

-- Where an order or notice stands on the closed loop (tasks carry it in
-- task.status, same codes: planned → in_progress → supervising → rectifying → closed).
ALTER TABLE dispatch_doc ADD COLUMN loop_stage TEXT NOT NULL DEFAULT 'planned';

-- The office's sign-off that closes a task or a document (完成闭合). Needs a
-- final feedback; reopening removes nothing, it adds a row with reopened_at.
CREATE TABLE loop_closure (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind     TEXT NOT NULL CHECK (target_kind IN ('task', 'document')),
    target_id       INTEGER NOT NULL,
    final_feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    closed_by       INTEGER NOT NULL REFERENCES app_user(id),
    closed_at       TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    reopened_at     TEXT,
    reopened_reason TEXT
);
CREATE INDEX loop_closure_target ON loop_closure(target_kind, target_id);
