-- PostgreSQL twin of ../0016_retention.sql (a trigger is spelt differently): changed words
-- of a redacted answer are raw again, so `redacted_at` is cleared in the same update.
ALTER TABLE answers ADD COLUMN redacted_at TEXT;
CREATE FUNCTION answers_raw_again() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.value_json IS DISTINCT FROM OLD.value_json
        AND NEW.redacted_at IS NOT DISTINCT FROM OLD.redacted_at
        AND NEW.redacted_at IS NOT NULL THEN
        NEW.redacted_at := NULL;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER answers_raw_again BEFORE UPDATE OF value_json ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_raw_again();
