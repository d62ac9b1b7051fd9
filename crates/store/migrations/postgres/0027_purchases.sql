-- The supplier's purchase (issue 21, item 4). Per deal and supplier: the lines bought (copied
-- from the accepted offer, with the supplier's article numbers from the catalogue), the
-- supplier's invoice (number, amount and the file, sealed with the installation's key like the
-- customer's documents), and the gate it keeps: the customer's invoice is issued only once every
-- purchase of the lead has the supplier's invoice, or a manager overrode it (who, why, when).
-- `status`: requested → invoice_received → paid.
CREATE TABLE purchases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    offer_id BIGINT REFERENCES offers(id),
    supplier TEXT NOT NULL,
    status TEXT NOT NULL,
    invoice_number TEXT,
    invoice_amount TEXT,
    invoice_currency TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size BIGINT,
    file_sha256 TEXT,
    -- nonce ‖ ciphertext, base64 (`SiteKeys::seal`): never the plain bytes.
    file_sealed TEXT,
    requested_at BIGINT NOT NULL,
    received_at BIGINT,
    paid_at BIGINT,
    override_by BIGINT REFERENCES users(id),
    override_reason TEXT,
    override_at BIGINT,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX purchases_lead ON purchases (lead_id, id);

CREATE TABLE purchase_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_id BIGINT NOT NULL REFERENCES purchases(id),
    position BIGINT NOT NULL,
    sku TEXT,
    supplier_sku TEXT,
    name TEXT NOT NULL,
    unit TEXT,
    quantity TEXT NOT NULL,
    UNIQUE (purchase_id, position)
);
