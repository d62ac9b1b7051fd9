-- The phone given with each inquiry: a returning customer may call from another number, and
-- the lead card, its call tasks and its alerts use the one they gave this time (the contact
-- keeps every number in contact_identities). Older leads fall back to the contact's phone.
ALTER TABLE leads ADD COLUMN phone TEXT;
