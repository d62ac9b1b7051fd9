-- The customer's own page (issue 9). `site_keys` holds the installation's secret (never
-- logged); a lead's page token is derived from it and only its SHA-256 is stored, with the
-- generation it belongs to (revoking bumps `leads.tracking_gen`). `closed_at` starts a closed
-- lead's page expiry. What customers upload is kept sealed (encrypted), its bytes in a table
-- of their own so that listing files never reads them.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE tracking_tokens (
    hash TEXT PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    generation BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX tracking_tokens_lead ON tracking_tokens(lead_id);
ALTER TABLE leads ADD COLUMN tracking_gen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN closed_at BIGINT;
UPDATE leads SET closed_at = updated_at WHERE status <> 'open';
CREATE TABLE customer_files (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    activity_id BIGINT REFERENCES activities(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX customer_files_lead ON customer_files(lead_id);
CREATE TABLE customer_file_data (
    file_id BIGINT PRIMARY KEY REFERENCES customer_files(id),
    sealed TEXT NOT NULL
);
