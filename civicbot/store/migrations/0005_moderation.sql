-- The moderation queue: free-text answers flagged by the scrubber (or the safeguarding
-- check), every free-text answer in a round that requires approval, and statements
-- written for others to vote on. `text` is already scrubbed. An answer changed with
-- /back goes back to pending (one row per round, resident, kind and ref).
CREATE TABLE moderation (
    id INTEGER PRIMARY KEY,
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
CREATE INDEX moderation_pending ON moderation (round_id, id) WHERE status = 'pending';
CREATE INDEX moderation_by_resident ON moderation (resident);
