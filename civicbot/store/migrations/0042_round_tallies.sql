-- Counts kept up to date as answers arrive (civicbot/store/tallies.py), so /stats reads a
-- few dozen rows however large the round. One row per round and cell ("started",
-- "partway:q3", "demo:age_band:18_24", ...): how many residents are in it, and the plain
-- sum of their record keys (analysis/disclosure.py), which the cell-key method needs.
-- Both change in the same transaction as the session or "about you" answer they count.
CREATE TABLE round_tallies (
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    cell TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    keysum BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, cell)
);

-- Rounds that existed before counts were kept: counted once in full when the store is
-- next opened for writing, then taken off this list.
CREATE TABLE tally_pending (
    round_id INTEGER PRIMARY KEY REFERENCES rounds (id)
);
INSERT INTO tally_pending (round_id) SELECT id FROM rounds;

-- "Still answering" is read from the sessions updated in the last hour.
CREATE INDEX sessions_by_round_updated ON sessions (round_id, updated_at);
