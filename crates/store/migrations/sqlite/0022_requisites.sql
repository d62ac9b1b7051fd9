-- The customer's requisites per lead (issue 21): a private person's details (b2c) or a legal
-- entity's (b2b). The passport data the carrier needs (id_document) is sealed at rest with the
-- store's key (nonce ‖ ciphertext, base64, as a sealed setting); every read of it is audited.
CREATE TABLE requisites (
    lead_id INTEGER PRIMARY KEY REFERENCES leads(id),
    customer_type TEXT NOT NULL,
    full_name TEXT,
    phone TEXT,
    email TEXT,
    address TEXT NOT NULL,
    id_document_sealed TEXT,
    company TEXT,
    company_id TEXT,
    vat_id TEXT,
    contact_person TEXT,
    -- ISO 3166 alpha-2 of the VAT id and the company id, when known.
    country TEXT,
    -- Who entered them: 'staff', 'api' or 'customer' (on their page).
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
