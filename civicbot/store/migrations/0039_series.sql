-- A discussion series: several rounds (one per theme, over a year, say) that the series
-- report compares side by side. A round belongs to at most one series; a series holds no
-- personal data, only its name and its rounds in the order they were added.
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
CREATE TABLE series_rounds (
    series_id INTEGER NOT NULL REFERENCES series (id),
    round_id INTEGER NOT NULL UNIQUE REFERENCES rounds (id),
    position INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (series_id, round_id)
);
