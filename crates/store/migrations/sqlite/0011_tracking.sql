-- The customer's own page (issue 9). `site_keys` holds the installation's secret (never
-- logged); a lead's page token is derived from it and only its SHA-256 is stored, with the
-- generation it belongs to (revoking bumps `leads.tracking_gen`). `closed_at` starts a closed
-- lead's page expiry. What customers upload is kept sealed (encrypted), its bytes in a table
-- of their own so that listing files never reads them.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE tracking_tokens (
    hash TEXT PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    generation INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX tracking_tokens_lead ON tracking_tokens(lead_id);
ALTER TABLE leads ADD COLUMN tracking_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN closed_at INTEGER;
UPDATE leads SET closed_at = updated_at WHERE status <> 'open';
CREATE TABLE customer_files (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    activity_id INTEGER REFERENCES activities(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX customer_files_lead ON customer_files(lead_id);
CREATE TABLE customer_file_data (
    file_id INTEGER PRIMARY KEY REFERENCES customer_files(id),
    sealed TEXT NOT NULL
);
