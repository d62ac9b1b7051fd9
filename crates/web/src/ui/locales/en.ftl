# Pronto's web UI: English.
app-name = Pronto
nav-inbox = Inbox
nav-tasks = My tasks
nav-logout = Sign out
language = Language
sign-in = Sign in
sign-in-title = Sign in to Pronto
login = Login
password = Password
wrong-login = Wrong login or password.
too-many-attempts = Too many attempts. Wait a minute and try again.
inbox = Inbox
inbox-hint = New and unassigned inquiries first; it updates by itself when an inquiry arrives.
search = Search
search-placeholder = Name, phone, e-mail, company, text
filter = Filter
all-channels = All channels
all-stages = All stages
any-owner = Anyone
unassigned = Unassigned
mine = Mine
age = Age
received = Received
channel = Channel
stage = Stage
owner = Owner
contact = Contact
subject = Subject
no-leads = No inquiries match.
new-lead-arrived = New inquiry
tasks = My tasks
overdue = Overdue
due-now = Due now
today = Today
later = Later
no-tasks = Nothing to do. Well done.
due = Due
script = Script
outcome-reached = Reached
outcome-no_answer = No answer
outcome-busy = Busy
outcome-failed = Failed
outcome-done = Done
complete = Complete
lead = Inquiry
lead-card = Inquiry { $v }
timeline = Timeline
earlier-inquiries = Earlier inquiries
company = Company
phone = Phone
email = E-mail
message = Message
log-call = Log a call
direction-in = Incoming
direction-out = Outgoing
add-note = Add a note
note = Note
send-email = Send an e-mail
email-text = Text
send = Send
assign = Assign
change-stage = Change the stage
save = Save
open-tasks = Open tasks
emails = E-mails
status = Status
call = Call
overdue-count = { $n ->
    [one] { $n } task overdue
   *[other] { $n } tasks overdue
}
minutes-left = { $n ->
    [one] { $n } minute left
   *[other] { $n } minutes left
}
saved = Saved.
not-found = Not found.
forbidden = You may not do this.
error = Something went wrong.
nav-board = Board
nav-contacts = Contacts
more-leads = { $n ->
    [one] and { $n } more
   *[other] and { $n } more
}
contacts = Contacts
companies = Companies
merge = Merge
merge-into = Merge into
merge-hint = Two records of the same person: choose which to keep; the other's inquiries, numbers and e-mails move to it.
leads-count = { $n ->
    [one] { $n } inquiry
   *[other] { $n } inquiries
}
merged = Merged.
nav-admin = Admin
users = Users
name = Name
role = Role
presence = Presence
hours = Own working hours
add-user = Add a user
web-forms = Web forms
delivery = Delivery
telephony = Phone exchange
send-test-sms = Send a test SMS to
send-test-email = Send a test e-mail to
mailboxes = Mailboxes
test-connection = Test the connection
playbooks = Playbooks
diagram = Diagram
playbook-toml = A playbook (TOML) to check or upload
check = Check
upload = Upload as the next version
webhooks = Webhooks
delete = Delete
events = Events
any-age = Any age
age-1h = Last hour
age-24h = Last 24 hours
age-7d = Last 7 days
callback-at = Call back at
create-task = Create a task
account = Your account
change-password = Change the password
current-password = Current password
new-password = New password
wrong-password = The current password is not right.
password-changed = The password is changed; your other sessions have ended.
send-test-event = Send a signed test event
