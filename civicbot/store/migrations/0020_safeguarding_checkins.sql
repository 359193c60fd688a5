-- Safeguarding check-ins (the second, more sensitive tier): a resident's message *may*
-- disclose a risk (hopelessness, "can't cope", indirect wording). They were sent a gentle
-- check-in with one signpost, not the emergency reply, and no alert went out. As with
-- safeguarding_events no words are kept here: only where in the dialogue and when, and
-- when a facilitator marked it reviewed. One row per update, so a redelivered update never
-- sends or records a second check-in.
CREATE TABLE safeguarding_checkins (
    id INTEGER PRIMARY KEY,
    round_id INTEGER REFERENCES rounds (id),
    resident TEXT NOT NULL,
    step_id TEXT,
    update_id INTEGER,
    at TEXT NOT NULL,
    reviewed_at TEXT,
    reviewed_by TEXT
);
CREATE UNIQUE INDEX safeguarding_checkin_once ON safeguarding_checkins (update_id)
    WHERE update_id IS NOT NULL;
CREATE INDEX safeguarding_checkins_by_resident ON safeguarding_checkins (resident);
CREATE INDEX safeguarding_checkins_unreviewed ON safeguarding_checkins (id)
    WHERE reviewed_at IS NULL;
