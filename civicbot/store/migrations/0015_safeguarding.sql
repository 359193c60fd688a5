-- Safeguarding events: a resident's message disclosed a risk of harm. No text is kept here
-- (the answer, if it was one, is stored as any other): only which kinds of risk, where in
-- the dialogue, and when the facilitators were alerted. One event per update, so handling
-- an update again (after a crash) never records or alerts twice.
CREATE TABLE safeguarding_events (
    id INTEGER PRIMARY KEY,
    round_id INTEGER REFERENCES rounds (id),
    resident TEXT NOT NULL,
    kinds TEXT NOT NULL,
    step_id TEXT,
    update_id INTEGER,
    at TEXT NOT NULL,
    alerted_at TEXT
);
CREATE UNIQUE INDEX safeguarding_once ON safeguarding_events (update_id)
    WHERE update_id IS NOT NULL;
CREATE INDEX safeguarding_by_resident ON safeguarding_events (resident);
CREATE INDEX safeguarding_unalerted ON safeguarding_events (id) WHERE alerted_at IS NULL;
