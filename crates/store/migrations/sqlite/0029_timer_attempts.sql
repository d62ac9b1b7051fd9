-- A timer whose firing failed (its lead's playbook version does not load, a bug) is tried
-- again a minute later, up to a bound, then given up as `failed`: how often it was tried and
-- the last error, on its row.
ALTER TABLE timers ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timers ADD COLUMN last_error TEXT;
