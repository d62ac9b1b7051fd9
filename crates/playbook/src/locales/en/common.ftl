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
kind-call = Call
kind-email = E-mail
kind-meeting = Meeting
kind-todo = To do
