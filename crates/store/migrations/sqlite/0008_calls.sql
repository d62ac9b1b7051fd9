-- The call registry: one row per call the exchange reported (its state folded from every
-- event, in whatever order they came), linked to its lead; and the webhook ids already
-- taken, so a repeated delivery changes nothing.
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    call_id TEXT NOT NULL,
    lead_id INTEGER REFERENCES leads(id),
    direction TEXT NOT NULL,
    from_number TEXT,
    to_number TEXT,
    state TEXT NOT NULL,
    resolution TEXT,
    started_at INTEGER,
    answered_at INTEGER,
    ended_at INTEGER,
    duration_s INTEGER,
    answered_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (source, call_id)
);
CREATE INDEX calls_lead ON calls(lead_id);
CREATE INDEX calls_started ON calls(started_at);
CREATE TABLE webhook_receipts (
    source TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (source, webhook_id)
);
