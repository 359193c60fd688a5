-- Answered updates keep no payload and no pseudonym (issue #9): only update_id and the
-- times, which are all that absorbing a repeat delivery and crash recovery need. This
-- clears those stored before; from now on the inbox does it as each update is answered.
UPDATE inbox SET payload = '{}', resident = NULL WHERE replied_at IS NOT NULL;
