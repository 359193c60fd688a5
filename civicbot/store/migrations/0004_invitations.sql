-- Rounds that require facilitator approval before any quote is used, and the reference
-- population the live picture compares against.
ALTER TABLE rounds ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0
    CHECK (requires_approval IN (0, 1));
ALTER TABLE rounds ADD COLUMN reference TEXT NOT NULL DEFAULT 'england';

-- The invitation source (library, foodbank, ...) a resident joined through, set when
-- their session is created.
ALTER TABLE sessions ADD COLUMN source TEXT;

-- Invitations: a random code per (round, source), used in https://t.me/<bot>?start=<code>.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    code TEXT NOT NULL UNIQUE,
    source TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX invitations_by_round ON invitations (round_id);
