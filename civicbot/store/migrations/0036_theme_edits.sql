-- Facilitators' theme edits (renames and merges, the JSON of `civicbot report --edits`),
-- kept with the round so that "what we heard" (/results) uses the same theme names as
-- the report. One document per round, replaced whole.
CREATE TABLE theme_edits (
    round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
    edits TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
