# The invoices area's words (issue 21).
