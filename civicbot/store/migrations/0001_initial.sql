-- The first schema. Residents appear by pseudonym (an HMAC of their Telegram user ID
-- under a key kept outside the database) everywhere except `identities`, the one table
-- that links a pseudonym to a Telegram user and chat. Times are ISO 8601 text in UTC.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A dialogue round runs one frozen version of a script: `script_source` is the YAML as
-- it was when the round was created, so later edits never change what answers mean.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    script_id TEXT NOT NULL,
    script_version INTEGER NOT NULL,
    script_source TEXT NOT NULL,
    script_sha256 TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    allow_restart INTEGER NOT NULL DEFAULT 0 CHECK (allow_restart IN (0, 1)),
    simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
    opens_at TEXT,
    closes_at TEXT,
    created_at TEXT NOT NULL,
    opened_at TEXT,
    closed_at TEXT
);

-- The only place Telegram IDs live. No usernames or names are kept anywhere.
CREATE TABLE identities (
    resident TEXT PRIMARY KEY,
    telegram_user_id INTEGER NOT NULL UNIQUE,
    chat_id INTEGER,
    language_code TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Where a resident is in a round's dialogue. `last_update_id` is the Telegram update
-- whose handling produced this state (stored in the same transaction as the change).
CREATE TABLE sessions (
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL,
    state_json TEXT NOT NULL,
    status TEXT NOT NULL,
    step_id TEXT,
    consent_version INTEGER,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    last_update_id INTEGER,
    PRIMARY KEY (round_id, resident)
);
CREATE INDEX sessions_by_resident ON sessions (resident, updated_at);

-- Answers to questions. `value_json` holds a string, a list of option values, or null
-- (with `skipped` = 1). Referencing the session ties each answer to its round too.
CREATE TABLE answers (
    round_id INTEGER NOT NULL,
    resident TEXT NOT NULL,
    step_id TEXT NOT NULL,
    value_json TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    answered_at TEXT NOT NULL,
    update_id INTEGER,
    PRIMARY KEY (round_id, resident, step_id),
    FOREIGN KEY (round_id, resident) REFERENCES sessions (round_id, resident) ON DELETE CASCADE
);
CREATE INDEX answers_by_resident ON answers (resident);

-- "About you" answers, stored apart from answers so that they can be withdrawn alone.
-- A skipped question stores nothing; "prefer_not" is stored as given.
CREATE TABLE demographics (
    round_id INTEGER NOT NULL,
    resident TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    step_id TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (round_id, resident, field),
    FOREIGN KEY (round_id, resident) REFERENCES sessions (round_id, resident) ON DELETE CASCADE
);
CREATE INDEX demographics_by_resident ON demographics (resident);

-- Every consent decision, kept as a history (version of the notice, agreed or not).
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    resident TEXT NOT NULL,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    version INTEGER NOT NULL,
    agreed INTEGER NOT NULL CHECK (agreed IN (0, 1)),
    at TEXT NOT NULL
);
CREATE INDEX consents_by_resident ON consents (resident);

-- Inputs the dialogue cannot take (voice notes, photos...). A voice note's Telegram
-- file id is kept so that it could be transcribed later with the resident's session.
CREATE TABLE unsupported_inputs (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_id TEXT,
    update_id INTEGER,
    at TEXT NOT NULL
);
CREATE INDEX unsupported_by_resident ON unsupported_inputs (resident);
-- One note per update, so that handling an update again does not note it twice.
CREATE UNIQUE INDEX unsupported_once ON unsupported_inputs (update_id)
    WHERE update_id IS NOT NULL;

-- The durable inbox: an update is acknowledged to Telegram only once it is here.
-- `resident` is the sender's pseudonym, so that /forget can remove their updates too.
CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    resident TEXT,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    processed_at TEXT,
    replied_at TEXT
);
CREATE INDEX inbox_pending ON inbox (update_id) WHERE processed_at IS NULL;
CREATE INDEX inbox_unreplied ON inbox (update_id)
    WHERE processed_at IS NOT NULL AND replied_at IS NULL;
CREATE INDEX inbox_by_resident ON inbox (resident);

-- Residents who used /forget, and when: re-applied after restoring a backup, so that a
-- restore never brings back data someone asked to delete.
CREATE TABLE tombstones (
    resident TEXT PRIMARY KEY,
    forgotten_at TEXT NOT NULL
);
