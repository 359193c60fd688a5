-- The language the resident was using when they gave each answer (a code such as
-- "cy"), so the analysis can find themes per language and the report can name the
-- language of each quote. NULL for answers stored before this migration: they count
-- as the script's first language.
ALTER TABLE answers ADD COLUMN language TEXT;
