-- The supplier's purchase (issue 21, item 4). Per deal and supplier: the lines bought (copied
-- from the accepted offer, with the supplier's article numbers from the catalogue), the
-- supplier's invoice (number, amount and the file, sealed with the installation's key like the
-- customer's documents), and the gate it keeps: the customer's invoice is issued only once every
-- purchase of the lead has the supplier's invoice, or a manager overrode it (who, why, when).
-- `status`: requested → invoice_received → paid.
CREATE TABLE purchases (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    offer_id INTEGER REFERENCES offers(id),
    supplier TEXT NOT NULL,
    status TEXT NOT NULL,
    invoice_number TEXT,
    invoice_amount TEXT,
    invoice_currency TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size INTEGER,
    file_sha256 TEXT,
    -- nonce ‖ ciphertext, base64 (`SiteKeys::seal`): never the plain bytes.
    file_sealed TEXT,
    requested_at INTEGER NOT NULL,
    received_at INTEGER,
    paid_at INTEGER,
    override_by INTEGER REFERENCES users(id),
    override_reason TEXT,
    override_at INTEGER,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX purchases_lead ON purchases (lead_id, id);

CREATE TABLE purchase_lines (
    id INTEGER PRIMARY KEY,
    purchase_id INTEGER NOT NULL REFERENCES purchases(id),
    position INTEGER NOT NULL,
    sku TEXT,
    supplier_sku TEXT,
    name TEXT NOT NULL,
    unit TEXT,
    quantity TEXT NOT NULL,
    UNIQUE (purchase_id, position)
);
