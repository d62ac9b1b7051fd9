// The invoices area (issue 21).
