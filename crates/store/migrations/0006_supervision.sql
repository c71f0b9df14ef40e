-- Supervision and reporting (issue 5, second half): reminders sent for missing
-- feedback (催办通知单), dispatch meetings with their decisions, stage
-- summaries and bulletins (一总结一通报) and the bulletins read at a meeting.
-- Supervision records themselves live in 0005 (supervision_record).
-- Targets are addressed as in 0005: 'task' → task.id, 'document' → dispatch_doc.id.
-- Task ids carry no foreign key: a plan task may be deleted from the chart,
-- and a meeting decision or a summary must not stop that.

-- 催办通知单: one row per notice sent. The number is taken when it is sent
-- (gap-free per year, like orders); `content` freezes what was printed.
CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('task', 'document')),
    target_id   INTEGER NOT NULL,
    unit_id     INTEGER REFERENCES unit(id),
    -- The missed nodes it chases: JSON [{date, kind}] (nominal dates).
    nodes       TEXT NOT NULL DEFAULT '[]',
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    number      TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    reply_by    TEXT NOT NULL,
    content     TEXT NOT NULL DEFAULT '{}',
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX reminder_target ON reminder(target_kind, target_id);
CREATE INDEX reminder_date ON reminder(sent_on);

-- 调度会: 党建调度例会 (regular) or 矿大调度会 (mine). A meeting that did
-- not take place is cancelled with a reason, never deleted.
CREATE TABLE dispatch_meeting (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('regular', 'mine')),
    held_on          TEXT NOT NULL,
    start_time       TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    chair            TEXT NOT NULL DEFAULT '',
    attendees        TEXT NOT NULL DEFAULT '',
    agenda           TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    cancelled_at     TEXT,
    cancelled_reason TEXT,
    created_by       INTEGER REFERENCES app_user(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX dispatch_meeting_date ON dispatch_meeting(held_on);

-- 议定事项. A decision becomes a plan task (task_id) or a notice/order draft
-- (doc_id) in one step; the link is remembered here. A linked decision is
-- never removed.
CREATE TABLE meeting_decision (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES dispatch_meeting(id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    unit_id    INTEGER REFERENCES unit(id),
    deadline   TEXT,
    task_id    INTEGER,
    doc_id     INTEGER REFERENCES dispatch_doc(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meeting_decision_meeting ON meeting_decision(meeting_id, position);

-- 阶段总结 / 通报: generated from the records as a draft (figures keeps the
-- numbers it was generated from), edited, then issued with the next number
-- of the year (gap-free, own prefix). stage_id is the stage task; its name
-- is kept in case the stage is later deleted from the chart.
CREATE TABLE stage_summary (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id          INTEGER NOT NULL REFERENCES plan(id),
    stage_id         INTEGER,
    stage_name       TEXT NOT NULL,
    period_from      TEXT,
    period_to        TEXT,
    title            TEXT NOT NULL,
    addressees       TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL,
    figures          TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'withdrawn')),
    year             INTEGER,
    seq              INTEGER,
    number           TEXT,
    issued_by        INTEGER REFERENCES app_user(id),
    issuer_name      TEXT,
    issued_at        TEXT,
    content_hash     TEXT,
    withdrawn_at     TEXT,
    withdrawn_reason TEXT,
    created_by       INTEGER REFERENCES app_user(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX stage_summary_plan ON stage_summary(plan_id, stage_id);

-- A bulletin read out (通报) at a meeting.
CREATE TABLE meeting_bulletin (
    meeting_id INTEGER NOT NULL REFERENCES dispatch_meeting(id),
    summary_id INTEGER NOT NULL REFERENCES stage_summary(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, summary_id)
);
CREATE INDEX meeting_bulletin_summary ON meeting_bulletin(summary_id);
