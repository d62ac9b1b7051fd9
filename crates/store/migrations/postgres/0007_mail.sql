-- Mail intake and the conversation: where each mailbox stopped reading (UIDVALIDITY and the
-- last UID, advanced in the transaction that stored the message), every e-mail in and out
-- with its threading ids, attachments (the files live content-addressed under the data
-- dir), and the messages that were not inquiries, with the reason.
CREATE TABLE mailbox_state (
    mailbox TEXT PRIMARY KEY,
    uidvalidity BIGINT NOT NULL,
    last_uid BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE emails (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    direction TEXT NOT NULL,
    mailbox TEXT,
    uid BIGINT,
    message_id TEXT NOT NULL,
    in_reply_to TEXT,
    refs TEXT,
    from_address TEXT,
    from_name TEXT,
    to_address TEXT,
    subject TEXT,
    text TEXT NOT NULL,
    html TEXT,
    sent_at BIGINT,
    created_at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id)
);
CREATE UNIQUE INDEX emails_message_id ON emails(message_id);
CREATE INDEX emails_lead ON emails(lead_id, id);
CREATE TABLE attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_id BIGINT NOT NULL REFERENCES emails(id),
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_email ON attachments(email_id);
CREATE TABLE ignored_mail (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mailbox TEXT NOT NULL,
    uid BIGINT,
    message_id TEXT,
    from_address TEXT,
    subject TEXT,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX ignored_mail_message_id ON ignored_mail(message_id);
