-- Payments (issue 21, item 3). A payment is recorded on an invoice by hand, through the API or
-- from an imported bank statement; the invoice's `paid` is raised in the same transaction (never
-- above `gross`: an overpayment is refused while the invoice's row is locked). A statement is kept
-- with its lines: a line matched by its reference and amount points at the payment it became,
-- the others wait in the review list (`status = 'unmatched'`) until assigned or dismissed.
CREATE TABLE bank_statements (
    id INTEGER PRIMARY KEY,
    -- 'csv' or 'gpc'.
    format TEXT NOT NULL,
    file_name TEXT,
    account TEXT,
    lines INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    imported_by INTEGER REFERENCES users(id),
    imported_at INTEGER NOT NULL
);

CREATE TABLE statement_lines (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES bank_statements(id),
    line INTEGER NOT NULL,
    booked_on TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT,
    reference TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    message TEXT NOT NULL,
    -- 'matched', 'unmatched' (in review), 'assigned', 'dismissed'.
    status TEXT NOT NULL,
    -- Why it did not match (pronto_domain::payment::Unmatched).
    reason TEXT,
    invoice_id INTEGER REFERENCES invoices(id),
    decided_by INTEGER REFERENCES users(id),
    decided_at INTEGER
);
CREATE INDEX statement_lines_review ON statement_lines (status, id);
CREATE INDEX statement_lines_statement ON statement_lines (statement_id, line);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    -- The day the money arrived (the office's day, or the statement's).
    paid_on TEXT NOT NULL,
    reference TEXT,
    -- 'manual', 'api', 'import'.
    source TEXT NOT NULL,
    statement_line_id INTEGER REFERENCES statement_lines(id),
    recorded_by INTEGER REFERENCES users(id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id, id);
