-- Several nodes on one database (issue 22). Every `pronto serve` process is a node: a row made
-- at start with a random id, its heartbeat written every second. Work a node claims (an outbox
-- row being sent, a mailbox being read) is its own while its heartbeat is fresh; a node whose
-- heartbeat is older than a few seconds is dead, and what it held is free again.
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    version TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- The node sending an outbox row (status `sending`); NULL when nobody is.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;

-- Each recipient's queue: a row is sent only when no older row to the same channel and
-- address is queued or being sent (one message in flight per recipient, in order).
CREATE INDEX outbox_recipient_queue ON outbox(channel, recipient_address, id) WHERE status IN ('queued', 'sending');

-- Work only one node may do at a time (a mailbox's reader): held by `node` while its
-- heartbeat is fresh, then anyone's.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    taken_at BIGINT NOT NULL
);

-- The node whose transaction wrote an event: another node's live pages read what is not their
-- own (`listen.rs`). NULL for events from before.
ALTER TABLE events ADD COLUMN node TEXT;
