-- The round a fresh install opens by itself (so /start works before anyone has made a
-- round) is marked, so that opening a facilitator's round can close it: /start then
-- lands residents in the facilitator's round, never in a leftover default.
ALTER TABLE rounds ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;
-- Installs from before this migration: their default round is the first round, created
-- open at once (never a draft first) by the bot, never given an invitation.
UPDATE rounds SET is_default = 1
 WHERE id = (SELECT MIN(id) FROM rounds)
   AND simulated = 0
   AND opened_at = created_at
   AND NOT EXISTS (SELECT 1 FROM invitations AS i WHERE i.round_id = rounds.id);
