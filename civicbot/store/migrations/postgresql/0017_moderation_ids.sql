-- PostgreSQL twin of ../0017_moderation_ids.sql: the moderation table's ids come from an
-- identity sequence (0005), which never gives an id twice, so there is nothing to do.
SELECT 1;
