-- Deliberation: statements residents write for others to consider, and their votes.
-- `resident` is the author's pseudonym (NULL for the script's seed statements, whose
-- place in the step's `seed_statements` is `seed`). `text` is as written; `shown_text`
-- is what others see (personal data masked). `status` is the statement's own standing:
-- 'approved' when nothing stands in the way, 'pending' when it waits in the moderation
-- queue (kind 'statement', ref = the statement id), whose decision then applies.
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    step_id TEXT NOT NULL,
    resident TEXT,
    seed INTEGER,
    text TEXT NOT NULL,
    shown_text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    update_id INTEGER,
    CHECK ((resident IS NULL) = (seed IS NOT NULL))
);
CREATE INDEX statements_by_round ON statements (round_id, step_id, status);
CREATE INDEX statements_by_resident ON statements (resident);
-- Each seed is inserted once per round, however many processes load the step at once.
CREATE UNIQUE INDEX statements_seed_once ON statements (round_id, step_id, seed)
    WHERE seed IS NOT NULL;

-- A resident's latest vote on a statement: 1 agree, -1 disagree, 0 pass. Votes on a
-- statement go with it when it is deleted (its author used /forget).
CREATE TABLE votes (
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL,
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
    voted_at TEXT NOT NULL,
    update_id INTEGER,
    PRIMARY KEY (round_id, resident, statement_id)
);
CREATE INDEX votes_by_statement ON votes (statement_id);
CREATE INDEX votes_by_resident ON votes (resident);
