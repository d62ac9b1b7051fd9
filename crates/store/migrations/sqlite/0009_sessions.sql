-- Web UI sessions: the cookie's value is only ever stored hashed; idle and absolute timeouts
-- are checked on every request against created_at and last_seen_at.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
-- The board: open leads per stage, newest first, counted from the index alone.
CREATE INDEX leads_status_stage ON leads(status, stage, id);
-- A contact merged by hand into another (kept for the record; its leads moved).
ALTER TABLE contacts ADD COLUMN merged_into INTEGER REFERENCES contacts(id);
-- The inbox (open leads, newest first) and a lead's open tasks without walking all of them.
CREATE INDEX leads_status_id ON leads(status, id);
CREATE INDEX tasks_lead_status_due ON tasks(lead_id, status, due_at);
