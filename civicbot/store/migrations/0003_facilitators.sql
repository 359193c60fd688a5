-- Facilitators and the audit trail. Facilitators are kept by pseudonym (`actor`), like
-- residents, so that Telegram IDs stay only in `identities`. Admins are not stored: they
-- are the numeric IDs in the CIVICBOT_ADMINS setting.
CREATE TABLE facilitators (
    actor TEXT PRIMARY KEY,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL
);

-- Every facilitator action, and every refused attempt at one (`allowed` = 0).
-- `actor` is a pseudonym (or "cli" for the command line); `details_json` never holds
-- a Telegram ID.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details_json TEXT NOT NULL DEFAULT '{}',
    allowed INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    at TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit (at);

-- What a facilitator's next plain text message means ("the broadcast text for round
-- 3", "what happens next for round 3"), so that it survives a restart.
CREATE TABLE facilitator_prompts (
    actor TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    ref INTEGER NOT NULL,
    at TEXT NOT NULL
);
