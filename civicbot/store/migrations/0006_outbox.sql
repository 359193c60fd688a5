-- Broadcasts and the outbox they drain from. A broadcast is drafted (its text), then
-- queued: one outbox row per recipient. A row is marked `sending` in a committed
-- transaction before Telegram is called and `sent` after; rows left `sending` by a
-- crash count as sent, so nobody ever gets the same message twice (at most once).
CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    kind TEXT NOT NULL DEFAULT 'update' CHECK (kind IN ('update', 'results', 'reminder')),
    text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'queued', 'cancelled', 'done')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    queued_at TEXT,
    finished_at TEXT,
    progress_message_id INTEGER
);
CREATE INDEX broadcasts_by_round ON broadcasts (round_id, kind);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    resident TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'blocked', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (broadcast_id, resident)
);
CREATE INDEX outbox_waiting ON outbox (id) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_by_resident ON outbox (resident);

-- Residents whose chat refused a message (403: they blocked the bot); skipped by later
-- broadcasts until they write to the bot again.
CREATE TABLE blocked_chats (
    resident TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
