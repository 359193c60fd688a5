-- A facilitator who approves or rejects an answer in the moderation queue has read it:
-- any check-in sent about that answer (same round, resident and step) is then reviewed,
-- by them, at that time. A check-in about a message that was not a free-text answer has
-- no queue item and stays unreviewed until marked so.
CREATE TRIGGER checkin_reviewed_by_moderation AFTER UPDATE OF status ON moderation
WHEN NEW.kind = 'answer' AND NEW.status IN ('approved', 'rejected')
    AND OLD.status = 'pending'
BEGIN
    UPDATE safeguarding_checkins
    SET reviewed_at = NEW.decided_at, reviewed_by = NEW.decided_by
    WHERE round_id = NEW.round_id AND resident = NEW.resident AND step_id = NEW.ref
        AND reviewed_at IS NULL;
END;
