-- Who runs a round (shown to residents before they agree) and the round's local areas.
-- organiser and contact are required before a round opens (civicbot.facilitation);
-- areas is a JSON list of [value, label] pairs that replace the script's area buttons,
-- postcodes a JSON object of postcode district -> area value. NULL: not set.
ALTER TABLE rounds ADD COLUMN organiser TEXT;
ALTER TABLE rounds ADD COLUMN contact TEXT;
ALTER TABLE rounds ADD COLUMN areas TEXT;
ALTER TABLE rounds ADD COLUMN postcodes TEXT;
