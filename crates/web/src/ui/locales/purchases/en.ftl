# The supplier's purchase (issue 21).

## The purchases on the timeline
words-ev-purchase-requested = { $who } asked { $supplier } for their invoice (the accepted offer's lines: { $lines }).
words-ev-purchase-invoice_received = { $who } attached the invoice { $number } of { $supplier }: { $amount } { $currency }.
words-ev-purchase-overridden = { $who } let the customer's invoice go without the invoice of { $supplier }: { $reason }
words-ev-purchase-paid = { $who } marked { $supplier } paid.

## The audit log
audit-purchase-override = Supplier's invoice overridden
audit-purchase-supplier_invoice_read = Supplier's invoice opened

## Statuses
pur-status-requested = invoice requested
pur-status-invoice_received = invoice received
pur-status-paid = supplier paid

## The lead card
pur-card-title = Supplier
pur-card-none = No purchase from a supplier yet. Before the customer's invoice, ask the supplier for theirs.
pur-card-request = Ask the supplier for their invoice (offer version { $version })
pur-card-supplier = Supplier (leave empty to take it from the catalogue)
pur-card-line = { $name } · { $quantity }
pur-card-article = our { $sku }
pur-card-supplier-article = supplier's { $sku }
pur-card-invoice = Supplier's invoice { $number }: { $amount }
pur-card-open = Open the supplier's invoice
pur-card-attach = Attach the supplier's invoice
pur-card-file = File (PDF, image or office document)
pur-card-number = Invoice number
pur-card-amount = Amount
pur-card-currency = Currency
pur-card-override = Issue the customer's invoice without it
pur-card-reason = Why (recorded)
pur-card-overridden = The customer may be invoiced without it (allowed { $date }): { $reason }
pur-card-paid = Mark the supplier paid
pur-card-paid-on = Paid on { $date }
pur-card-waiting = The customer's invoice waits for this supplier's invoice.
pur-done-requested = The supplier's invoice is requested.
pur-done-attached = The supplier's invoice is attached.
pur-done-overridden = The override is recorded: the customer's invoice may be issued.
pur-done-paid = The supplier is marked paid.
pur-err-supplier = The catalogue names no supplier for some lines: type the supplier.
pur-err-file = Choose the supplier's invoice file: a PDF, an image or an office document of at most 10 MB.
pur-err-invoice = Check the invoice number, the amount (like 900.00) and the currency (like CZK).
pur-err-reason = Say why the customer's invoice may go without the supplier's.
pur-err-conflict = That cannot be done now: the purchase has moved on. Reload the card.

## The invoices card
pur-invoice-refused = The customer's invoice waits for the supplier's invoice: attach it in the Supplier section, or a manager overrides.
pur-invoice-attached = Supplier's invoice { $number } attached
