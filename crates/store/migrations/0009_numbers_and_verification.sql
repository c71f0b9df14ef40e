-- One numbering register for every numbered official paper (调度令, 通知单,
-- 催办通知单, 阶段通报, 奖惩通报), and what a signed notice or order freezes
-- for its verification.
--
-- A number is prefix〔year〕seq号. Until now each kind counted in its own
-- table, so two kinds under one prefix (stage and reward bulletins both
-- used the same 通报 prefix) could both be 〔2026〕1号. From now on every
-- number is taken from this table inside the issuing transaction, and the
-- unique index below makes a second paper with the same number impossible.
--
-- Numbers already issued are registered as they are: nothing is
-- renumbered. Where two existing papers already share a number, the first
-- issued is registered normally and the later one points to it with
-- duplicate_of, so the collision stays on record; the unique index covers
-- every row without duplicate_of, which new numbers never have.
CREATE TABLE doc_number (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    prefix       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    number       TEXT NOT NULL,
    kind         TEXT NOT NULL
                 CHECK (kind IN ('order', 'notice', 'reminder', 'stage_bulletin', 'reward_bulletin')),
    -- The paper's row: dispatch_doc, reminder, stage_summary or assessment_period.
    record_id    INTEGER NOT NULL,
    issued_at    TEXT NOT NULL,
    duplicate_of INTEGER REFERENCES doc_number(id),
    UNIQUE (kind, record_id)
);
CREATE UNIQUE INDEX doc_number_unique ON doc_number(prefix, year, seq) WHERE duplicate_of IS NULL;
CREATE INDEX doc_number_kind_year ON doc_number(kind, year);

CREATE TEMP TABLE legacy_number AS
WITH issued(kind, record_id, year, seq, number, issued_at) AS (
    SELECT kind, id, year, seq, number, COALESCE(signed_at, updated_at)
    FROM dispatch_doc WHERE number IS NOT NULL AND year IS NOT NULL AND seq IS NOT NULL
    UNION ALL
    SELECT 'reminder', id, year, seq, number, created_at FROM reminder
    UNION ALL
    SELECT 'stage_bulletin', id, year, seq, number, COALESCE(issued_at, updated_at)
    FROM stage_summary WHERE number IS NOT NULL AND year IS NOT NULL AND seq IS NOT NULL
    UNION ALL
    SELECT 'reward_bulletin', id, bulletin_year, bulletin_seq, bulletin_number,
           COALESCE(bulletin_issued_at, created_at)
    FROM assessment_period
    WHERE bulletin_number IS NOT NULL AND bulletin_year IS NOT NULL AND bulletin_seq IS NOT NULL
),
split AS (
    SELECT *, '〔' || year || '〕' || seq || '号' AS tail FROM issued
),
prefixed AS (
    SELECT kind, record_id, year, seq, number, issued_at,
           CASE WHEN length(number) > length(tail) AND substr(number, -length(tail)) = tail
                THEN substr(number, 1, length(number) - length(tail))
                ELSE number END AS prefix
    FROM split
)
SELECT *, ROW_NUMBER() OVER (PARTITION BY prefix, year, seq ORDER BY issued_at, kind, record_id) AS rn
FROM prefixed;

INSERT INTO doc_number (prefix, year, seq, number, kind, record_id, issued_at)
SELECT prefix, year, seq, number, kind, record_id, issued_at FROM legacy_number WHERE rn = 1
ORDER BY issued_at, kind, record_id;

INSERT INTO doc_number (prefix, year, seq, number, kind, record_id, issued_at, duplicate_of)
SELECT l.prefix, l.year, l.seq, l.number, l.kind, l.record_id, l.issued_at,
       (SELECT d.id FROM doc_number d
        WHERE d.prefix = l.prefix AND d.year = l.year AND d.seq = l.seq AND d.duplicate_of IS NULL)
FROM legacy_number l WHERE l.rn > 1
ORDER BY l.issued_at, l.kind, l.record_id;

-- The prefixes were hard-coded defaults until now. A kind that already has
-- papers keeps numbering under the prefix it last used, unless 公文设置
-- already names one; the reward bulletins' key gets the same form as the
-- others.
INSERT OR IGNORE INTO setting (key, value)
SELECT 'doc_prefix_reward', value FROM setting WHERE key = 'bulletin_prefix' AND trim(value) <> '';
DELETE FROM setting WHERE key = 'bulletin_prefix';

INSERT OR IGNORE INTO setting (key, value)
SELECT CASE l.kind
         WHEN 'order' THEN 'doc_prefix_order'
         WHEN 'notice' THEN 'doc_prefix_notice'
         WHEN 'reminder' THEN 'doc_prefix_reminder'
         WHEN 'stage_bulletin' THEN 'doc_prefix_bulletin'
         ELSE 'doc_prefix_reward' END,
       l.prefix
FROM legacy_number l
WHERE l.issued_at = (SELECT MAX(x.issued_at) FROM legacy_number x WHERE x.kind = l.kind)
GROUP BY l.kind;

DROP TABLE legacy_number;

-- The issuing body was a hard-coded default until now too: keep the one the
-- latest signed document froze, unless 公文设置 already names one.
INSERT OR IGNORE INTO setting (key, value)
SELECT 'issuer_name', json_extract(canonical, '$.issuer') FROM dispatch_doc
WHERE canonical IS NOT NULL AND json_valid(canonical)
  AND trim(COALESCE(json_extract(canonical, '$.issuer'), '')) <> ''
ORDER BY signed_at DESC LIMIT 1;

-- A signed notice or order freezes two things (see ARCHITECTURE.md, "What
-- verification proves"):
--   signed_record    the record as signed (its own fields and the names it
--                    printed), compared with the live record when verifying;
--   signed_document  the official document as printed, printed again as is.
-- `canonical` keeps the canonical text whose SHA-256 is content_hash: for
-- documents signed from now on the canonical form of signed_document
-- (diaodu_documents::canonical_content); for older ones the JSON record it
-- always held, which is also their signed_record.
ALTER TABLE dispatch_doc ADD COLUMN signed_record TEXT;
ALTER TABLE dispatch_doc ADD COLUMN signed_document TEXT;
UPDATE dispatch_doc SET signed_record = canonical WHERE canonical IS NOT NULL;
