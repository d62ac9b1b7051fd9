-- Invoices and contracts (issue 21, item 2). An invoice is issued for an accepted offer: its
-- lines copied from the offer's, its number taken from the series' counter in the same
-- transaction (`invoice_series`: one row per series and year, so numbers have no gaps), the
-- customer as the requisites said when it was issued. Money is decimal text; `paid` grows with
-- the payments (a later part) and the shown status follows from gross, paid, the due day and
-- today (`pronto_domain::invoice::status`); only `issued` and `cancelled` are stored.
CREATE TABLE invoice_series (
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (series, year)
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    offer_id INTEGER NOT NULL REFERENCES offers(id),
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL UNIQUE,
    variable_symbol TEXT NOT NULL,
    status TEXT NOT NULL,
    -- 'b2c' or 'b2b' (a contract goes with a legal entity's invoice).
    customer_type TEXT NOT NULL,
    -- The requisites when issued: {"name", "company", "company_id", "vat_id", "address", "contact_person", "email", "phone"}.
    customer TEXT NOT NULL,
    currency TEXT NOT NULL,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL,
    paid TEXT NOT NULL,
    -- [{"rate", "base", "vat"}] per VAT rate.
    vat_summary TEXT NOT NULL,
    -- Civil dates in the office's zone; `due_at` is the end of the due day there.
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    terms_days INTEGER NOT NULL,
    delivery_date TEXT,
    created_by INTEGER REFERENCES users(id),
    cancelled_at INTEGER,
    UNIQUE (series, year, seq)
);
-- One invoice per offer unless it was cancelled.
CREATE UNIQUE INDEX invoices_offer_once ON invoices (offer_id) WHERE status <> 'cancelled';
CREATE INDEX invoices_lead ON invoices (lead_id, id);

CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    position INTEGER NOT NULL,
    sku TEXT,
    name TEXT NOT NULL,
    unit TEXT,
    quantity TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    discount TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL,
    UNIQUE (invoice_id, position)
);

-- What an invoice needs of the company: its registration and VAT ids, the bank account (local
-- notation and IBAN, BIC), the payment terms in days and the number pattern.
ALTER TABLE company_profile ADD COLUMN registration_id TEXT;
ALTER TABLE company_profile ADD COLUMN vat_id TEXT;
ALTER TABLE company_profile ADD COLUMN bank_account TEXT;
ALTER TABLE company_profile ADD COLUMN iban TEXT;
ALTER TABLE company_profile ADD COLUMN bic TEXT;
ALTER TABLE company_profile ADD COLUMN payment_terms_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE company_profile ADD COLUMN invoice_pattern TEXT NOT NULL DEFAULT '{YYYY}{NNNN}';
