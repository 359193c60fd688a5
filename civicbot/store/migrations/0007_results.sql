-- "What we heard": the plain-language summary a facilitator sends when a round closes,
-- with what happens next in their own words. Residents of the round can read it later
-- with /results once it is sent.
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL UNIQUE REFERENCES rounds (id),
    summary TEXT NOT NULL,
    next_steps TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    broadcast_id INTEGER REFERENCES broadcasts (id)
);
