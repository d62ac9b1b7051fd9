-- The language each user reads alerts in, and the company's own texts for templates
-- (Fluent), per playbook, template and language.
ALTER TABLE users ADD COLUMN language TEXT;
CREATE TABLE message_overrides (
    playbook TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    subject TEXT,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    PRIMARY KEY (playbook, template, language)
);
-- Messages waiting for another attempt, per recipient: a newer message to the same recipient
-- waits behind them, so that after an outage everything arrives in the order it was written.
CREATE INDEX outbox_retrying ON outbox(channel, recipient_address, id) WHERE status = 'queued' AND attempts > 0;
