-- Voice notes that answer a free-text question. The row is written in the same
-- transaction as the answer it gives (and the update that brought it), so an
-- acknowledged voice answer is never lost; the audio is fetched from Telegram afterwards
-- and kept encrypted in a folder beside the database under `file_name` (a random name,
-- never the pseudonym). `update_id` ties the note to the answers row it gave: when the
-- resident later types a different answer, that row's update_id changes and the note no
-- longer stands for it.
CREATE TABLE voice_notes (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL,
    step_id TEXT NOT NULL,
    update_id INTEGER,
    file_ref TEXT,
    duration INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    -- fetching: 'waiting' until stored, 'stored', 'failed' (gave up), 'expired' (retention)
    fetch_state TEXT NOT NULL DEFAULT 'waiting',
    fetch_attempts INTEGER NOT NULL DEFAULT 0,
    file_name TEXT,
    stored_at TEXT,
    -- transcription: the text a facilitator confirmed (or typed), who and when
    transcript TEXT,
    transcribed_at TEXT,
    transcribed_by TEXT,
    proposed TEXT,
    claimed_by TEXT,
    claimed_at TEXT
);
CREATE INDEX voice_notes_by_resident ON voice_notes (resident);
CREATE INDEX voice_notes_waiting ON voice_notes (fetch_state, id);
-- One note per update, so that handling an update again does not keep it twice.
CREATE UNIQUE INDEX voice_notes_once ON voice_notes (update_id) WHERE update_id IS NOT NULL;
