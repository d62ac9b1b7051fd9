# The reports area's words (en).
reports-today = Today
reports-this-week = This week
reports-this-month = This month
reports-last-month = Last month
reports-lead-n = Inquiry { $v }
reports-when = When
reports-due-at = due { $v }
reports-breached-at = breached { $v }
reports-sort-hint = Click a column's heading to sort by it.
# offers
reports-offers = Offers
reports-offers-leads-sent = Inquiries offered
reports-offers-made = Offers made
reports-offers-sent = Sent
reports-offers-accepted = Accepted
reports-offers-declined = Declined
reports-offers-changes = Changes asked
reports-offers-acceptance = Accepted of decided
reports-offers-money = Value offered and won (gross)
reports-offers-offered-in = Offered { $v }
reports-offers-won-in = Won { $v }
reports-offers-times = Time to the offer and to the decision
reports-offers-to-offer-median = Inquiry → offer sent, median
reports-offers-to-offer-p90 = Inquiry → offer sent, 90 %
reports-offers-to-decision-median = Offer → decision, median
reports-offers-to-decision-p90 = Offer → decision, 90 %
reports-offers-chart-accepted = Offers accepted
reports-offers-note = Value offered counts each inquiry's latest sent offer (a changed offer replaces the earlier one), value won the accepted ones; gross, per currency, never converted.
reports-offers-funnel-offered = Offered (gross)
reports-offers-funnel-won = Won (gross)

# Money and the sales report (issue 21).
reports-money = Money: invoiced, paid, outstanding
reports-money-chart = Invoices issued
reports-money-issued = Invoices issued
reports-money-paid = Paid in full
reports-money-invoiced = Invoiced
reports-money-received = Received
reports-money-outstanding = Outstanding
reports-money-overdue = Overdue
reports-money-overdue-invoices = Overdue invoices
reports-money-none = No invoices issued, paid or owed in this period.
reports-money-note = Invoiced: the invoices issued in the period. Received: the payments entered in the period, on any invoice. Outstanding and overdue: what was left to pay at the period's end. Each currency is shown on its own, never converted.
reports-sales = Sales report: channel, representative, customer feedback
reports-sales-by-channel = By channel
reports-sales-by-owner = By representative
reports-sales-compare = This period and the one before
reports-sales-this-period = This period
reports-sales-period-before = The period before
reports-sales-note = Inquiries, won and the quality calls' answers (satisfied, dissatisfied) count the inquiries received in the period. Complaints count those recorded in the period: a number opens them on the Complaints page.
reports-sales-complaints = { $n ->
    [one] 1 complaint in this period: click a number to open it.
   *[other] { $n } complaints in this period: click a number to open them.
}
reports-sales-satisfied = Satisfied
reports-sales-dissatisfied = Dissatisfied
