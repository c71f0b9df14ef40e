-- Assessment and duty (issue 7): versioned assessment rules (考核细则), periods
-- with their scoring records (hand entries, proposals from evidence,
-- adjustments), rewards and penalties (奖惩), leaders' 24-hour duty,
-- dispatchers' shifts and handovers (交接班), hotline calls (热线电话) and
-- comprehensive inspections (综合大检查).

-- A rule set is edited only while it is a draft; once active it is frozen and
-- a change makes a new version (a copy with version + 1). Periods point at the
-- version they were scored with, so a later version never rewrites them.
CREATE TABLE assessment_rule_set (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    base_score   REAL NOT NULL DEFAULT 100,
    note         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
    previous_id  INTEGER REFERENCES assessment_rule_set(id),
    created_at   TEXT NOT NULL,
    activated_at TEXT,
    retired_at   TEXT,
    UNIQUE (name, version)
);
-- At most one active version of each rule set.
CREATE UNIQUE INDEX assessment_rule_set_active ON assessment_rule_set(name) WHERE status = 'active';

-- One item of a rule set. `evidence` names the record source that proposes
-- items under this rule (late_receipt, late_feedback, missing_feedback,
-- overdue_rectification, closed_on_time, assistance_help, omission); NULL
-- means the item is entered by hand only.
CREATE TABLE assessment_rule (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_set_id INTEGER NOT NULL REFERENCES assessment_rule_set(id),
    position    INTEGER NOT NULL,
    category    TEXT NOT NULL,
    description TEXT NOT NULL,
    points      REAL NOT NULL CHECK (points > 0),
    direction   TEXT NOT NULL CHECK (direction IN ('deduct', 'bonus')),
    dimension   TEXT NOT NULL CHECK (dimension IN ('speed', 'strength', 'warmth')),
    applies_to  TEXT NOT NULL CHECK (applies_to IN ('department', 'branch', 'both')),
    evidence    TEXT
);
CREATE INDEX assessment_rule_set_items ON assessment_rule(rule_set_id, position);

-- '2026-03' (month), '2026-Q1' (quarter) or '2026' (year). The base score is
-- copied from the rule set when the period opens; closing freezes everything.
CREATE TABLE assessment_period (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    period         TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    rule_set_id    INTEGER NOT NULL REFERENCES assessment_rule_set(id),
    base_score     REAL NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at      TEXT,
    closed_by      INTEGER REFERENCES app_user(id),
    closed_by_name TEXT,
    bulletin_year  INTEGER,
    bulletin_seq   INTEGER,
    bulletin_number TEXT,
    bulletin_issued_at TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (bulletin_year, bulletin_seq)
);

-- Points are signed (a deduction is negative) and copied from the rule when
-- the record is made, so the record keeps what it was scored with. A
-- proposal counts only once the office confirms it.
CREATE TABLE assessment_record (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    period_id     INTEGER NOT NULL REFERENCES assessment_period(id),
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    rule_id       INTEGER REFERENCES assessment_rule(id),
    origin        TEXT NOT NULL CHECK (origin IN ('manual', 'proposal', 'adjustment')),
    points        REAL NOT NULL,
    dimension     TEXT CHECK (dimension IN ('speed', 'strength', 'warmth')),
    description   TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    occurred_on   TEXT,
    evidence_kind TEXT,
    evidence_id   INTEGER,
    evidence_key  TEXT,
    evidence_text TEXT,
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    decided_at    TEXT,
    decided_by    INTEGER REFERENCES app_user(id),
    decided_by_name TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES app_user(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX assessment_record_period ON assessment_record(period_id, unit_id);
-- Proposing twice from the same evidence under the same rule adds nothing;
-- a rejected proposal stays rejected.
CREATE UNIQUE INDEX assessment_record_evidence
    ON assessment_record(period_id, rule_id, evidence_key) WHERE evidence_key IS NOT NULL;

CREATE TABLE reward_penalty (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    period_id   INTEGER REFERENCES assessment_period(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    kind        TEXT NOT NULL CHECK (kind IN ('reward', 'penalty')),
    title       TEXT NOT NULL,
    amount      REAL,
    reason      TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX reward_penalty_period ON reward_penalty(period_id);

-- Leaders' 24-hour duty: one leader per day (08:00 to 08:00 next day).
CREATE TABLE leader_duty (
    duty_date  TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE leader_duty_swap (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    date_a      TEXT NOT NULL,
    date_b      TEXT NOT NULL,
    person_a    INTEGER NOT NULL REFERENCES person(id),
    person_b    INTEGER NOT NULL REFERENCES person(id),
    reason      TEXT NOT NULL,
    swapped_by  INTEGER REFERENCES app_user(id),
    swapped_at  TEXT NOT NULL
);

-- Dispatchers' shifts are workstation accounts: the handover is confirmed
-- with each dispatcher's own login.
CREATE TABLE dispatcher_shift (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shift_date TEXT NOT NULL,
    shift      TEXT NOT NULL CHECK (shift IN ('day', 'night')),
    user_id    INTEGER NOT NULL REFERENCES app_user(id),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (shift_date, shift)
);

-- 交接班: complete only when both dispatchers confirmed with their own password.
CREATE TABLE handover (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    shift_date            TEXT NOT NULL,
    shift                 TEXT NOT NULL CHECK (shift IN ('day', 'night')),
    outgoing_user_id      INTEGER NOT NULL REFERENCES app_user(id),
    incoming_user_id      INTEGER NOT NULL REFERENCES app_user(id),
    summary               TEXT NOT NULL DEFAULT '',
    outgoing_confirmed_at TEXT,
    incoming_confirmed_at TEXT,
    created_by            INTEGER REFERENCES app_user(id),
    created_at            TEXT NOT NULL,
    CHECK (outgoing_user_id <> incoming_user_id)
);

CREATE TABLE handover_item (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    handover_id  INTEGER NOT NULL REFERENCES handover(id),
    text         TEXT NOT NULL,
    carried_from INTEGER REFERENCES handover_item(id),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_note    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX handover_item_of ON handover_item(handover_id);

CREATE TABLE hotline_call (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      TEXT NOT NULL,
    caller           TEXT NOT NULL,
    caller_phone     TEXT NOT NULL DEFAULT '',
    unit_id          INTEGER REFERENCES unit(id),
    matter           TEXT NOT NULL,
    handling         TEXT NOT NULL DEFAULT '',
    responded_at     TEXT,
    task_id          INTEGER REFERENCES task(id),
    doc_id           INTEGER REFERENCES dispatch_doc(id),
    rectification_id INTEGER REFERENCES rectification(id),
    created_by       INTEGER REFERENCES app_user(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX hotline_call_time ON hotline_call(received_at);

CREATE TABLE inspection (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    inspected_on TEXT NOT NULL,
    title        TEXT NOT NULL,
    team         TEXT NOT NULL,
    scope        TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES app_user(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX inspection_date ON inspection(inspected_on);

-- Each finding becomes a rectification item (三定: item, person, deadline).
CREATE TABLE inspection_finding (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    inspection_id    INTEGER NOT NULL REFERENCES inspection(id),
    unit_id          INTEGER NOT NULL REFERENCES unit(id),
    problem          TEXT NOT NULL,
    rectification_id INTEGER NOT NULL REFERENCES rectification(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX inspection_finding_of ON inspection_finding(inspection_id);
