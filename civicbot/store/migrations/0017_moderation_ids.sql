-- Moderation ids are never reused (issue #9): a button carries an item's id, and without
-- AUTOINCREMENT SQLite gave the id of a deleted row (after /forget) to the next item, so
-- an old Approve button approved a later resident's answer. The table is rebuilt with
-- AUTOINCREMENT; the copy keeps every id. Ids of rows deleted before this migration may
-- sit on old buttons and cannot be known, so the sequence restarts a million past the
-- highest id kept.
CREATE TABLE moderation_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'statement')),
    ref TEXT NOT NULL,
    text TEXT NOT NULL,
    reasons_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    UNIQUE (round_id, resident, kind, ref)
);
INSERT INTO moderation_new (id, round_id, resident, kind, ref, text, reasons_json, status,
    created_at, decided_at, decided_by)
SELECT id, round_id, resident, kind, ref, text, reasons_json, status, created_at, decided_at,
    decided_by FROM moderation;
DROP TABLE moderation;
ALTER TABLE moderation_new RENAME TO moderation;
CREATE INDEX moderation_pending ON moderation (round_id, id) WHERE status = 'pending';
CREATE INDEX moderation_by_resident ON moderation (resident);
DELETE FROM sqlite_sequence WHERE name = 'moderation';
INSERT INTO sqlite_sequence (name, seq) SELECT 'moderation', COALESCE(MAX(id), 0) + 1000000
    FROM moderation;
