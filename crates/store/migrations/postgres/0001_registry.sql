-- The registry: users, tokens, companies, contacts, leads, activities, and the tables every
-- command writes in its transaction: the append-only event log, the outbox and the timers.
-- Times are microseconds since the Unix epoch (UTC), the same on both engines.
CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    password_hash TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);
CREATE TABLE api_tokens (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE TABLE companies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT,
    company_id TEXT UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE TABLE contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT,
    email TEXT,
    phone TEXT,
    company_id BIGINT REFERENCES companies(id),
    created_at BIGINT NOT NULL
);
-- Every phone and e-mail a contact was ever reached by; the primary key is what makes
-- "the same person arriving again" the same contact.
CREATE TABLE contact_identities (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    PRIMARY KEY (kind, value)
);
CREATE INDEX contact_identities_contact ON contact_identities(contact_id);
CREATE TABLE leads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    owner_id BIGINT REFERENCES users(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    company_id BIGINT REFERENCES companies(id),
    customer_type TEXT,
    subject TEXT,
    message TEXT,
    postal_code TEXT,
    product TEXT,
    language TEXT,
    source TEXT,
    playbook TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    first_response_at BIGINT,
    entered_by BIGINT REFERENCES users(id),
    extra TEXT,
    search TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX leads_contact ON leads(contact_id);
CREATE INDEX leads_owner ON leads(owner_id);
CREATE INDEX leads_stage ON leads(stage);
CREATE INDEX leads_received ON leads(received_at);
CREATE TABLE activities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    kind TEXT NOT NULL,
    direction TEXT,
    outcome TEXT,
    body TEXT,
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX activities_lead ON activities(lead_id);
CREATE INDEX activities_contact ON activities(contact_id);
CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    lead_id BIGINT,
    contact_id BIGINT,
    actor_id BIGINT,
    data TEXT NOT NULL
);
CREATE INDEX events_lead ON events(lead_id, id);
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at BIGINT NOT NULL,
    lead_id BIGINT,
    channel TEXT NOT NULL,
    recipient_user BIGINT,
    recipient_role TEXT,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    provider_id TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE TABLE timers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT,
    kind TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX timers_due ON timers(status, due_at);
CREATE INDEX timers_lead ON timers(lead_id, kind);
CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
