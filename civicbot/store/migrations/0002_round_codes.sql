-- A round's join code, for deep links (https://t.me/<bot>?start=<code>). Random, so one
-- round's code says nothing about another's.
ALTER TABLE rounds ADD COLUMN code TEXT;
UPDATE rounds SET code = lower(hex(randomblob(8))) WHERE code IS NULL;
CREATE UNIQUE INDEX rounds_by_code ON rounds (code) WHERE code IS NOT NULL;
