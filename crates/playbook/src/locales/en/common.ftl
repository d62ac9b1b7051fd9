# Pronto: channel names used inside alerts (English).

channel-web = web
channel-email = e-mail
channel-phone = phone
channel-in_person = in person
channel-api = API
channel-chat = chat
channel-import = import

# The scheduled reports e-mailed to management.
report-secretary = Daily report: requests and calls
report-sales = Daily sales report
report-monthly = Monthly summary
report-requests = Requests
report-new-customers = New customers who became requests
report-calls = Calls
report-transfers = Transfers to managers
report-moved-to = Moved to { $stage }, by channel
report-unassigned = unassigned
report-new-customer = new customer
report-sales-stages = Sales stages
report-by-channel = By channel: leads, answered, median response, within 5 minutes, won, lost
report-minutes = { $n } min
report-origin-call-in = incoming call
report-origin-call-out = outgoing call
report-invoices-issued = Invoices issued
report-invoices-paid = Invoices paid in full
report-invoiced = Invoiced
report-received = Received
report-outstanding = Outstanding
report-overdue = overdue { $amount } on { $n ->
    [one] 1 invoice
   *[other] { $n } invoices
}
report-money-by-origin = Money by call and request: invoices issued, paid, invoiced, received, outstanding
report-money-by-channel = Money by channel: invoices issued, paid, invoiced, received, outstanding
report-money-by-representative = Money by representative: invoices issued, paid, invoiced, received, outstanding
report-sales-by-representative = Sales by representative: leads, won, lost, quality calls positive, negative, complaints
report-complaints = Complaints
report-compared = Compared with the month before (in brackets)
report-leads = Leads
report-won = Won

# Titles every playbook shares: what a call ends with (the team's buttons and the phone
# exchange's reports) and the kinds of task.
outcome-reached = Reached
outcome-no_answer = No answer
outcome-busy = Busy
outcome-failed = Call failed
outcome-missed = Missed call
outcome-transferred = Transferred to a manager
outcome-manager_busy = Manager busy
outcome-done = Done
outcome-sent = Sent to the customer
kind-call = Call
kind-email = E-mail
kind-meeting = Meeting
kind-todo = To do

# The owner's alert when the customer decides on an offer on their page (issue 20), and the
# note listing the objections when the last refusal closes the lead.
offer-alert-accept = { $who } accepted offer { $version } ({ $amount }) on their page. Lead { $lead } { $url }
offer-alert-decline = { $who } declined offer { $version } ({ $amount }) on their page. Lead { $lead } { $url }
offer-alert-changes = { $who } asked for changes to offer { $version } ({ $amount }) on their page. Lead { $lead } { $url }
offer-alert-someone = The customer
offer-objections = Closed as lost: the customer declined the offer { $count } times. Objections:
offer-objection = - version { $version }: { $note }
offer-no-reason = (no reason given)

# The mystery shopper (issue 23): the admins' alert when a test inquiry fails, and when it works again.
canary-channel-form = the web form
canary-channel-mail = e-mail intake
canary-channel-call = the phone exchange
canary-hop-sent = sending the test inquiry
canary-hop-registered = registering it
canary-hop-playbook = the playbook taking it up
canary-hop-alert_accepted = the team's alert
canary-hop-closed = closing it
canary-alert = Pronto test inquiry through { $channel } failed at { $hop }: { $error }. Inquiries through it may not arrive. Pronto tries again and tells you when it works.
canary-recovered = Pronto test inquiry through { $channel } works again.
