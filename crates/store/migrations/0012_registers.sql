-- Registers beside the dispatch loop (issue 14, points 5, 7 and 8): leaders'
-- visits to their assistance points with the problems raised and what became
-- of each; the emergency event log; the register of duties per post and
-- person; the archive of incoming files and 制度 texts with full-text search
-- on title and number. (A plan cites an archived file by its id inside the
-- plan's `sources` JSON, so plans need no new column.)

-- 帮扶走访: a leader's visit to one of the assistance points.
CREATE TABLE assistance_visit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    point_id    INTEGER NOT NULL REFERENCES assistance_point(id),
    visited_on  TEXT NOT NULL,
    leader_id   INTEGER NOT NULL REFERENCES person(id),
    summary     TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX assistance_visit_point ON assistance_visit(point_id, visited_on);
CREATE INDEX assistance_visit_date ON assistance_visit(visited_on);

-- A problem raised on a visit and what became of it: a task of a plan, a
-- rectification item (its source_ref is 'visit:<visit id>'), or solved on
-- the spot with a note. task_id is not a foreign key: a task may be deleted
-- from its chart, and the problem then counts as pending again.
CREATE TABLE visit_problem (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id         INTEGER NOT NULL REFERENCES assistance_visit(id),
    position         INTEGER NOT NULL,
    text             TEXT NOT NULL,
    task_id          INTEGER,
    rectification_id INTEGER REFERENCES rectification(id),
    solved_on        TEXT,
    solution         TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX visit_problem_visit ON visit_problem(visit_id, position);
CREATE INDEX visit_problem_task ON visit_problem(task_id) WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX visit_problem_rectification ON visit_problem(rectification_id)
    WHERE rectification_id IS NOT NULL;

-- 应急管理: the emergency event log. The leader on duty is taken from the
-- leaders' duty roster (swaps included) at the event's time when it is
-- recorded, and kept: the roster may change afterwards, the record not.
CREATE TABLE emergency_event (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at        TEXT NOT NULL,
    place              TEXT NOT NULL,
    category           TEXT NOT NULL CHECK (category IN ('safety', 'surface', 'logistics', 'order', 'stability', 'other')),
    reporter           TEXT NOT NULL,
    reporter_phone     TEXT NOT NULL DEFAULT '',
    what               TEXT NOT NULL,
    measures           TEXT NOT NULL DEFAULT '',
    duty_leader_id     INTEGER REFERENCES person(id),
    duty_dispatcher    TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at          TEXT,
    closure_note       TEXT NOT NULL DEFAULT '',
    closed_by          INTEGER REFERENCES app_user(id),
    created_by         INTEGER REFERENCES app_user(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX emergency_event_time ON emergency_event(occurred_at);

-- The leaders told of an event, when and how.
CREATE TABLE emergency_notified (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    INTEGER NOT NULL REFERENCES emergency_event(id),
    person_id   INTEGER NOT NULL REFERENCES person(id),
    notified_at TEXT NOT NULL,
    method      TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, person_id)
);

-- 工作职责: the duties of a post, and of the person holding it, from a day
-- (until a day). person_id NULL: the post's duties whoever holds it.
CREATE TABLE post_duty (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    post        TEXT NOT NULL,
    unit_id     INTEGER REFERENCES unit(id),
    person_id   INTEGER REFERENCES person(id),
    duties      TEXT NOT NULL,
    since       TEXT NOT NULL,
    until       TEXT,
    created_by  INTEGER REFERENCES app_user(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (until IS NULL OR until >= since)
);
CREATE INDEX post_duty_post ON post_duty(post, since);
CREATE INDEX post_duty_person ON post_duty(person_id) WHERE person_id IS NOT NULL;

-- 文档管理: incoming files (来文) and 制度 texts, each with its file(s) in the
-- attachment store. A withdrawn or superseded text is retired, never deleted.
CREATE TABLE archive_file (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL CHECK (kind IN ('incoming', 'rule')),
    title          TEXT NOT NULL,
    issuer         TEXT NOT NULL DEFAULT '',
    number         TEXT NOT NULL DEFAULT '',
    issued_on      TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    retired_at     TEXT,
    retired_reason TEXT,
    created_by     INTEGER REFERENCES app_user(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX archive_file_date ON archive_file(issued_on);
-- A document number names one file.
CREATE UNIQUE INDEX archive_file_number ON archive_file(number) WHERE number <> '';

CREATE TABLE archive_file_attachment (
    file_id INTEGER NOT NULL REFERENCES archive_file(id),
    sha256  TEXT NOT NULL REFERENCES attachment(sha256),
    name    TEXT NOT NULL,
    PRIMARY KEY (file_id, sha256, name)
);

-- Full-text search on title and number. The trigram tokenizer finds any
-- run of three or more characters, which is what Chinese text needs (it has
-- no spaces between words); shorter queries fall back to instr() on the
-- table itself.
CREATE VIRTUAL TABLE archive_fts USING fts5(
    title, number, content = 'archive_file', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER archive_file_fts_insert AFTER INSERT ON archive_file BEGIN
    INSERT INTO archive_fts(rowid, title, number) VALUES (new.id, new.title, new.number);
END;
CREATE TRIGGER archive_file_fts_delete AFTER DELETE ON archive_file BEGIN
    INSERT INTO archive_fts(archive_fts, rowid, title, number) VALUES ('delete', old.id, old.title, old.number);
END;
CREATE TRIGGER archive_file_fts_update AFTER UPDATE OF title, number ON archive_file BEGIN
    INSERT INTO archive_fts(archive_fts, rowid, title, number) VALUES ('delete', old.id, old.title, old.number);
    INSERT INTO archive_fts(rowid, title, number) VALUES (new.id, new.title, new.number);
END;
