-- Facilitators' /report requests (civicbot/store/report_requests.py). A request is
-- 'queued' until the builder takes it ('building'); a built report's file is 'built'
-- until the sender claims it ('sending', committed before the call to Telegram) and then
-- 'sent'. After a restart 'building' goes back to 'queued' (the build died with the
-- process) and 'sending' counts as sent, so a document is never sent twice.
CREATE TABLE report_requests (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    resident TEXT NOT NULL, -- the facilitator who asked (pseudonym; their chat is in identities)
    status TEXT NOT NULL DEFAULT 'queued',
    file TEXT,
    caption TEXT,
    error TEXT,
    requested_at TEXT NOT NULL,
    built_at TEXT,
    sent_at TEXT
);
CREATE INDEX report_requests_by_status ON report_requests (status, round_id);
CREATE INDEX report_requests_by_resident ON report_requests (resident);
