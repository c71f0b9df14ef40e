-- Password back-off and complete backups (issue 12, points 7 and 8).

-- Failed password checks in a row, per key: 'user:<username in lower case>'
-- for an account (known or not: an unknown name is counted the same way, so
-- the answers do not tell them apart), and later 'source:<address>' for a
-- network portal. Kept in the database so a restart does not reset a wait.
CREATE TABLE auth_throttle (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until    TEXT
);

-- Stored files that a database in use before a restore referred to. The
-- hourly clean-up of files no record uses never removes these, so a restore
-- never loses a file that existed before it.
CREATE TABLE attachment_retained (
    sha256      TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    retained_at TEXT NOT NULL
);

-- Only filled in a backup copy: the files of documents/ (seal image, the
-- office's fonts) at the time of the backup, kept by content beside it in
-- the shared pool. Empty in the live database.
CREATE TABLE backup_file (
    path   TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size   INTEGER NOT NULL
);
