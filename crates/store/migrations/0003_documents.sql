-- Notices (通知单) and dispatch orders (调度令): drafts, signing with a frozen
-- canonical content and its SHA-256, gap-free numbers per kind and year.

CREATE TABLE dispatch_doc (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                 TEXT NOT NULL CHECK (kind IN ('notice', 'order')),
    status               TEXT NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'issued', 'received', 'in_progress', 'completed', 'withdrawn')),
    title                TEXT NOT NULL,
    urgency              TEXT CHECK (urgency IN ('urgent', 'expedited', 'normal')),
    method               TEXT CHECK (method IN ('written', 'phone', 'meeting', 'platform')),
    content              TEXT NOT NULL DEFAULT '',
    requirements         TEXT NOT NULL DEFAULT '',
    goal                 TEXT NOT NULL DEFAULT '',
    target_unit_id       INTEGER NOT NULL REFERENCES unit(id),
    cooperating_unit_ids TEXT NOT NULL DEFAULT '[]',
    person_id            INTEGER REFERENCES person(id),
    deadline             TEXT,
    feedback_rule        TEXT NOT NULL DEFAULT '{}',
    contact              TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    task_ids             TEXT NOT NULL DEFAULT '[]',
    amends_id            INTEGER REFERENCES dispatch_doc(id),
    year                 INTEGER,
    seq                  INTEGER,
    number               TEXT,
    signed_by            INTEGER REFERENCES app_user(id),
    signer_name          TEXT,
    signed_at            TEXT,
    canonical            TEXT,
    content_hash         TEXT,
    received_by          TEXT,
    received_at          TEXT,
    started_at           TEXT,
    completed_at         TEXT,
    withdrawn_at         TEXT,
    withdrawn_reason     TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (kind, year, seq)
);
CREATE INDEX dispatch_doc_status ON dispatch_doc(kind, status);
CREATE INDEX dispatch_doc_hash ON dispatch_doc(content_hash);
