# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } issued invoice { $number }: { $gross } { $currency }, due { $due }.

## The message that brings the documents
inv-mail-subject = Invoice { $number } from { $company }
inv-mail-text =
    Hello,
    {""}
    thank you for your order. Your invoice { $number } and the documents are on your page:
    { $link }
    {""}
    Amount: { $total }
    Due: { $due }
    Payment reference: { $vs }
    Account: { $account }
    Delivery: { $delivery }
inv-sms-text = Invoice { $number } ({ $total }, due { $due }, reference { $vs }) is on your page: { $link }
inv-mail-delivery-agreed = as agreed

## Statuses
inv-status-issued = issued
inv-status-partially_paid = partially paid
inv-status-paid = paid
inv-status-overdue = overdue
inv-status-cancelled = cancelled

## The lead card
inv-card-title = Invoices
inv-card-none = No invoice yet.
inv-card-number = Invoice { $number }
inv-card-dates = issued { $issued }, due { $due }
inv-card-paid = paid { $paid }
inv-card-issue = Issue the invoice for offer version { $version }
inv-card-issued = Invoice { $number } was issued and the documents were sent to the customer.
inv-card-refused-no-requisites = The invoice cannot be issued yet: enter the customer's personal data or company details first.
inv-card-refused-not-accepted = Only an offer the customer accepted can be invoiced.
inv-card-refused-invoiced = This offer has already been invoiced.
inv-doc-invoice = Invoice (PDF)
inv-doc-contract = Contract (PDF)

## The customer's page
c-inv-title = Your invoices
c-inv-invoice = Invoice { $number }
c-inv-total = Amount { $total }
c-inv-due = due { $date }
c-inv-reference = payment reference { $vs }
c-inv-pdf = Download the invoice (PDF)
c-inv-contract-pdf = Download the contract (PDF)

## The company's settings: invoicing
inv-set-title = Invoicing
inv-set-help = What your invoices say about the company and how they are numbered.
inv-set-registration-id = Company registration number
inv-set-vat-id = VAT ID
inv-set-bank-account = Bank account
inv-set-iban = IBAN
inv-set-bic = BIC / SWIFT
inv-set-terms = Payment terms (days)
inv-set-pattern = Invoice number pattern
inv-set-pattern-help = {"{"}YYYY{"}"} or {"{"}YY{"}"} is the year, {"{"}NNNN{"}"} the counter with as many digits as N; e.g. {"{"}YYYY{"}{"}NNNN{"}"} gives 20260001.
inv-set-save = Save invoicing
inv-set-saved = Invoicing saved.
inv-set-err-text = at most { $max } characters, one line
inv-set-err-iban = `{ $v }` is not a valid IBAN (check the digits)
inv-set-err-terms = `{ $v }` is not a number of days from 0 to 365
inv-set-err-pattern = `{ $v }`: { $why }
