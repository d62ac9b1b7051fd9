-- Mail intake and the conversation: where each mailbox stopped reading (UIDVALIDITY and the
-- last UID, advanced in the transaction that stored the message), every e-mail in and out
-- with its threading ids, attachments (the files live content-addressed under the data
-- dir), and the messages that were not inquiries, with the reason.
CREATE TABLE mailbox_state (
    mailbox TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE emails (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    direction TEXT NOT NULL,
    mailbox TEXT,
    uid INTEGER,
    message_id TEXT NOT NULL,
    in_reply_to TEXT,
    refs TEXT,
    from_address TEXT,
    from_name TEXT,
    to_address TEXT,
    subject TEXT,
    text TEXT NOT NULL,
    html TEXT,
    sent_at INTEGER,
    created_at INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX emails_message_id ON emails(message_id);
CREATE INDEX emails_lead ON emails(lead_id, id);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    email_id INTEGER NOT NULL REFERENCES emails(id),
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX attachments_email ON attachments(email_id);
CREATE TABLE ignored_mail (
    id INTEGER PRIMARY KEY,
    mailbox TEXT NOT NULL,
    uid INTEGER,
    message_id TEXT,
    from_address TEXT,
    subject TEXT,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ignored_mail_message_id ON ignored_mail(message_id);
