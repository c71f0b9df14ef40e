-- Periodic work followed up (issue 14, point 3): a 催办通知单 may chase a
-- work-specification instance not done by its due date (an omission), not
-- only a task or a document. target_kind 'spec' → spec_instance.id.
-- SQLite cannot widen a CHECK in place: the table is rebuilt with its rows,
-- ids and indexes (nothing refers to reminder by a foreign key).
CREATE TABLE reminder_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('task', 'document', 'spec')),
    target_id   INTEGER NOT NULL,
    unit_id     INTEGER REFERENCES unit(id),
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
INSERT INTO reminder_new (id, target_kind, target_id, unit_id, nodes, year, seq, number, sent_on,
    reply_by, content, created_by, created_at)
SELECT id, target_kind, target_id, unit_id, nodes, year, seq, number, sent_on, reply_by, content,
    created_by, created_at FROM reminder;
DROP TABLE reminder;
ALTER TABLE reminder_new RENAME TO reminder;
CREATE INDEX reminder_target ON reminder(target_kind, target_id);
CREATE INDEX reminder_date ON reminder(sent_on);
