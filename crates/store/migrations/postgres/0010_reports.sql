-- Reports (issue 8). Each lead's fact — what the reports count it as — kept up to date in the
-- same transaction as the lead's events, and the daily tallies per group it adds into, so a
-- report over a year reads a few hundred rows instead of every lead.
CREATE TABLE lead_facts (
    lead_id BIGINT PRIMARY KEY REFERENCES leads(id),
    received_at BIGINT NOT NULL,
    day BIGINT NOT NULL,
    fact TEXT NOT NULL
);
CREATE INDEX lead_facts_received ON lead_facts(received_at);
CREATE TABLE report_cells (
    day BIGINT NOT NULL,
    dim TEXT NOT NULL,
    value TEXT NOT NULL,
    tally TEXT NOT NULL,
    PRIMARY KEY (day, dim, value)
);
-- What the tallies were built with (the office's time zone); a change rebuilds them.
CREATE TABLE report_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- The daily reports read one day's events of a kind (transfers, invoices).
CREATE INDEX events_kind_at ON events(kind, at);
