-- The reference population a round compares against, frozen when it is chosen: the
-- checked CSV text, so the bot never reads a reference file again (a later edit, a
-- swapped file or a link to the database changes nothing) and /stats cannot break on it.
-- NULL for rounds made before this migration: they fall back to the shipped reference
-- named in "reference", and to none if the name is not a shipped one.
ALTER TABLE rounds ADD COLUMN reference_csv TEXT;
