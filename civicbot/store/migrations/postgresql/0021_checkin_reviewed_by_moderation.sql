-- PostgreSQL twin of ../0021_checkin_reviewed_by_moderation.sql: approving or rejecting an
-- answer in the moderation queue marks any check-in about that answer reviewed.
CREATE FUNCTION checkin_reviewed_by_moderation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'answer' AND NEW.status IN ('approved', 'rejected')
        AND OLD.status = 'pending' THEN
        UPDATE safeguarding_checkins
        SET reviewed_at = NEW.decided_at, reviewed_by = NEW.decided_by
        WHERE round_id = NEW.round_id AND resident = NEW.resident AND step_id = NEW.ref
            AND reviewed_at IS NULL;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER checkin_reviewed_by_moderation AFTER UPDATE OF status ON moderation
    FOR EACH ROW EXECUTE FUNCTION checkin_reviewed_by_moderation();
