-- Retention: after the configured period a free-text answer's raw words are replaced by
-- their scrubbed form (personal data replaced by placeholders); `redacted_at` says when.
-- The row stays, so counts and themes survive. If the resident later changes the answer,
-- the new words are raw again: the trigger clears `redacted_at` whenever the value changes
-- without it.
ALTER TABLE answers ADD COLUMN redacted_at TEXT;
CREATE TRIGGER answers_raw_again AFTER UPDATE OF value_json ON answers
WHEN NEW.value_json IS NOT OLD.value_json AND NEW.redacted_at IS OLD.redacted_at
    AND NEW.redacted_at IS NOT NULL
BEGIN
    UPDATE answers SET redacted_at = NULL
    WHERE round_id = NEW.round_id AND resident = NEW.resident AND step_id = NEW.step_id;
END;
