-- The call registry: one row per call the exchange reported (its state folded from every
-- event, in whatever order they came), linked to its lead; and the webhook ids already
-- taken, so a repeated delivery changes nothing.
CREATE TABLE calls (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    call_id TEXT NOT NULL,
    lead_id BIGINT REFERENCES leads(id),
    direction TEXT NOT NULL,
    from_number TEXT,
    to_number TEXT,
    state TEXT NOT NULL,
    resolution TEXT,
    started_at BIGINT,
    answered_at BIGINT,
    ended_at BIGINT,
    duration_s BIGINT,
    answered_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (source, call_id)
);
CREATE INDEX calls_lead ON calls(lead_id);
CREATE INDEX calls_started ON calls(started_at);
CREATE TABLE webhook_receipts (
    source TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (source, webhook_id)
);
