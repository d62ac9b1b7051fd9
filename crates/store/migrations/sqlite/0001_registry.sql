-- The registry: users, tokens, companies, contacts, leads, activities, and the tables every
-- command writes in its transaction: the append-only event log, the outbox and the timers.
-- Times are microseconds since the Unix epoch (UTC), the same on both engines.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT,
    company_id TEXT UNIQUE,
    created_at INTEGER NOT NULL
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    name TEXT,
    email TEXT,
    phone TEXT,
    company_id INTEGER REFERENCES companies(id),
    created_at INTEGER NOT NULL
);
-- Every phone and e-mail a contact was ever reached by; the primary key is what makes
-- "the same person arriving again" the same contact.
CREATE TABLE contact_identities (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    PRIMARY KEY (kind, value)
);
CREATE INDEX contact_identities_contact ON contact_identities(contact_id);
CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    owner_id INTEGER REFERENCES users(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    company_id INTEGER REFERENCES companies(id),
    customer_type TEXT,
    subject TEXT,
    message TEXT,
    postal_code TEXT,
    product TEXT,
    language TEXT,
    source TEXT,
    playbook TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    first_response_at INTEGER,
    entered_by INTEGER REFERENCES users(id),
    extra TEXT,
    search TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX leads_contact ON leads(contact_id);
CREATE INDEX leads_owner ON leads(owner_id);
CREATE INDEX leads_stage ON leads(stage);
CREATE INDEX leads_received ON leads(received_at);
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    kind TEXT NOT NULL,
    direction TEXT,
    outcome TEXT,
    body TEXT,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX activities_lead ON activities(lead_id);
CREATE INDEX activities_contact ON activities(contact_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    lead_id INTEGER,
    contact_id INTEGER,
    actor_id INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX events_lead ON events(lead_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    lead_id INTEGER,
    channel TEXT NOT NULL,
    recipient_user INTEGER,
    recipient_role TEXT,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    provider_id TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE TABLE timers (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER,
    kind TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at INTEGER NOT NULL,
    done_at INTEGER
);
CREATE INDEX timers_due ON timers(status, due_at);
CREATE INDEX timers_lead ON timers(lead_id, kind);
CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
