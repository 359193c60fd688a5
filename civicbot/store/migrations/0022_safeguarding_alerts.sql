-- Delivering safeguarding alerts until a person has them (see civicbot/safeguarding/delivery.py).
-- One row per event: the short random token its "Seen" button carries (resolved here, so
-- button data proves nothing by itself), the delivery attempts and when the next is due,
-- when a facilitator pressed "Seen", and when (if nobody did in time) the alert was
-- repeated to every admin. Delivery itself is safeguarding_events.alerted_at. No words and
-- no pseudonyms: the row goes with its event (ON DELETE CASCADE, e.g. on /forget).
CREATE TABLE safeguarding_alerts (
    event_id INTEGER PRIMARY KEY REFERENCES safeguarding_events (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    seen_at TEXT,
    escalated_at TEXT,
    escalation_attempts INTEGER NOT NULL DEFAULT 0,
    escalation_retry_at TEXT
);
-- Events alerted before "Seen" buttons existed count as seen when they were alerted:
-- nobody could press a button they were never shown, and repeating months-old alerts to
-- every admin would help no one. Events never alerted stay pending and are delivered.
INSERT INTO safeguarding_alerts (event_id, token, seen_at)
    SELECT id, lower(hex(randomblob(6))), alerted_at FROM safeguarding_events;
