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

## Payments (issue 21, payments): the timeline
words-ev-payment-recorded = { $who } recorded a payment of { $amount } { $currency } on invoice { $number }; { $left } { $currency } left to pay.
words-ev-invoice-paid = { $who }: invoice { $number } is paid in full ({ $gross } { $currency }); the customer was told.
words-ev-payments-imported = { $who } imported a bank statement: { $matched } of { $lines } lines recorded as payments, { $unmatched } left for review.
words-ev-payments-reviewed-assigned = { $who } assigned a line of a bank statement to an invoice.
words-ev-payments-reviewed-dismissed = { $who } dismissed a line of a bank statement: not a payment of an invoice.
words-ev-invoice-overdue-reminder = { $who }: invoice { $number } is unpaid after its due date ({ $left } left); the customer is reminded and the owner calls.
words-ev-invoice-overdue-escalation = { $who }: invoice { $number } is still unpaid ({ $left } left); a manager takes over.

## Payments: the message that tells the customer
inv-paid-mail-subject = Payment received: invoice { $number }
inv-paid-mail-text =
    Hello,
    {""}
    thank you: we have received your payment and invoice { $number } ({ $total }) is paid in full. What happens next is on your page:
    { $link }
    {""}
    { $company }
inv-paid-sms-text = Thank you: invoice { $number } ({ $total }) is paid in full. Your page: { $link }

## Payments: the lead card
inv-card-left = { $left } left to pay
inv-pay-title = Record a payment
inv-pay-amount = Amount ({ $currency })
inv-pay-date = Date received
inv-pay-reference = Payment reference
inv-pay-submit = Record the payment
inv-pay-next = When this pays the invoice in full, the customer is told and the next step of the deal begins; a part payment lowers what is left to pay.
inv-pay-recorded = Payment recorded: { $left } left to pay on invoice { $number }.
inv-pay-recorded-full = Invoice { $number } is paid in full: the customer has been told and the next step has begun.
inv-pay-refused = The payment was not recorded: { $why }
inv-pay-bad-amount = the amount must be a positive number, at most what is left to pay
inv-pay-bad-date = the date must be a day that has passed, like 2031-05-06

## Payments: the customer's page
c-inv-paid = Paid in full — thank you
c-inv-partially-paid = Paid { $paid }, { $left } left to pay

## Payments: the page for managers
pay-page-title = Payments
inv-card-payments-link = Bank statements and payments to review
pay-page-help = Upload the bank statement: each payment whose reference is an invoice's variable symbol and whose amount is what is left (or less) is recorded on that invoice; the customer is told when it is paid in full. What does not match waits below.
pay-upload-file = Bank statement
pay-upload-format = Format
pay-format-csv = CSV (date, amount, currency, reference, counterparty, message)
pay-format-gpc = ABO/GPC (Czech banks)
pay-upload-submit = Import the statement
pay-imported = Statement imported: { $matched } payments recorded, { $unmatched } left for review.
pay-review-title = To review
pay-review-none = Nothing to review: every payment found its invoice.
pay-col-date = Date
pay-col-amount = Amount
pay-col-reference = Reference
pay-col-counterparty = From
pay-col-reason = Why it did not match
pay-reason-not_a_credit = money sent, not received
pay-reason-no_reference = no payment reference
pay-reason-unknown_reference = no invoice has this reference
pay-reason-cancelled = the invoice was cancelled
pay-reason-already_paid = the invoice is already paid
pay-reason-currency = another currency than the invoice's
pay-reason-overpayment = more than is left to pay
pay-assign-number = Invoice number
pay-assign = Record on this invoice
pay-dismiss = Not a payment of an invoice
pay-assigned = The payment was recorded on invoice { $number }.
pay-dismissed = The line was dismissed.
pay-error = Not done: { $why }
