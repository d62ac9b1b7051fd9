-- Deliveries (issue 21, item 5): a lead's delivery on a day (the office's), to an address, with
-- an optional driver. The driver's pack (the invoice, the VAT invoice, the delivery note) is made
-- by a durable timer (`delivery:pack`) at `pack_at` — 18:00 office time the evening before, or at
-- once on the day — which sets `pack_ready_at`; the documents are rendered on demand. Status:
-- 'planned', 'pack_ready', 'delivered'.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    -- The civil day of the delivery in the office's zone (`2026-12-10`).
    date TEXT NOT NULL,
    address TEXT NOT NULL,
    driver TEXT,
    status TEXT NOT NULL,
    -- The invoice the pack holds (the lead's latest not cancelled when the pack was made).
    invoice_id INTEGER REFERENCES invoices(id),
    pack_at INTEGER NOT NULL,
    pack_ready_at INTEGER,
    delivered_at INTEGER,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);

CREATE INDEX deliveries_by_lead ON deliveries (lead_id, id);
CREATE INDEX deliveries_by_date ON deliveries (date, id);
