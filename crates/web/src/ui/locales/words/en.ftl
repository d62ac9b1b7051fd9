# The words area's words (en): values by name, and the timeline's sentences.

words-channel-web = Web form
words-channel-email = E-mail
words-channel-phone = Phone
words-channel-in_person = In person
words-channel-api = API
words-channel-chat = Chat
words-channel-import = Import

words-status-open = Open
words-status-won = Won
words-status-lost = Lost
words-status-junk = Junk

words-task-status-open = Open
words-task-status-done = Done
words-task-status-cancelled = Cancelled

words-role-admin = Administrator
words-role-manager = Manager
words-role-consultant = Consultant
words-role-specialist = Specialist
words-role-coordinator = Coordinator
words-role-secretary = Secretary

words-presence-available = Available
words-presence-meeting = In a meeting
words-presence-away = Away

words-direction-in = Incoming
words-direction-out = Outgoing

words-priority-low = Low
words-priority-normal = Normal
words-priority-high = High
words-priority-urgent = Urgent

words-outcome-reached = Reached
words-outcome-no_answer = No answer
words-outcome-busy = Busy
words-outcome-failed = Call failed
words-outcome-missed = Missed call
words-outcome-transferred = Transferred to a manager
words-outcome-manager_busy = Manager busy
words-outcome-done = Done

words-kind-call = Call
words-kind-email = E-mail
words-kind-meeting = Meeting
words-kind-todo = To do

words-activity-call = a call
words-activity-email = an e-mail
words-activity-sms = a text message
words-activity-meeting = a meeting
words-activity-note = a note
words-activity-message = a message from the customer
words-activity-callback = a call-back request
words-activity-document = a document

words-call-ringing = Ringing
words-call-answered = Answered
words-call-missed = Missed
words-call-ended = Ended
words-call-transferred = Transferred
words-call-returned = Came back from a transfer
words-call-busy = Busy
words-call-failed = Failed

words-notify-sms = SMS
words-notify-email = e-mail
words-notify-in_app = in the app
words-notify-webhook = webhook

words-language-en = English
words-language-cs = Czech
words-language-ru = Russian
words-language-pl = Polish
words-language-he = Hebrew

words-field-subject = subject
words-field-message = message
words-field-product = product
words-field-source = source
words-field-postal_code = postal code
words-field-customer_type = customer type
words-field-language = language
words-field-value = value

words-seconds = { $s } s
words-minutes = { $m } min
words-minutes-seconds = { $m } min { $s } s

words-who-system = Pronto
words-someone = someone
words-nobody = nobody
words-the-customer = the customer
words-to-the-customer = the customer
words-another-contact = another contact
words-a-task = a task
words-open-tasks = the open tasks
words-later = later

words-by = { $what } ({ $who }).
words-ev-unknown = { $who }: { $what }.
words-ev-lead-received = { $who } received a new inquiry: { $channel }.
words-ev-lead-assigned = { $who } handed the lead to { $owner }.
words-ev-lead-unassigned = { $who } took the lead from its owner; nobody holds it now.
words-ev-lead-first-response = The customer got the first response.
words-ev-lead-stage-changed = { $who } moved the lead to “{ $to }”.
words-ev-lead-status-changed = { $who } set the lead to “{ $to }”.
words-ev-lead-updated = { $who } edited the inquiry: { $fields }.
words-ev-tracking-revoked = { $who } issued a new link to the customer's page; the old one no longer works.
words-ev-activity-logged = { $who } logged { $what }.
words-ev-activity-logged-detail = { $who } logged { $what }: { $detail }.
words-ev-task-created = { $who } created the task “{ $task }” for { $assignee }, due { $at }.
words-ev-task-created-queue = { $who } created the task “{ $task }”, due { $at }.
words-ev-task-rescheduled = { $who } moved “{ $task }” to { $at }.
words-ev-task-completed = { $who } completed “{ $task }”: { $outcome }.
words-ev-task-cancelled = { $who } closed “{ $task }”: no longer needed.
words-ev-task-reassigned = { $who } gave “{ $task }” to { $to }.
words-ev-task-retry = { $who } started attempt { $attempt } of “{ $task }”.
words-ev-task-retry-scheduled = { $who } scheduled attempt { $attempt } of “{ $task }”. Next attempt at { $at }.
words-ev-task-retries-exhausted = “{ $task }”: all attempts ({ $n }) used up.
words-ev-playbook-rule = { $who } followed the process rule “{ $rule }”.
words-ev-playbook-loop = { $who } stopped process rules that kept triggering each other.
words-ev-playbook-loaded = { $who } loaded version { $version } of the process “{ $name }”.
words-ev-sla-started = The deadline “{ $sla }” started: due at { $at }.
words-ev-sla-warning = The deadline “{ $sla }” is about to run out at { $at }.
words-ev-sla-warning-soon = The deadline “{ $sla }” is about to run out.
words-ev-sla-breached = The deadline “{ $sla }” was missed.
words-ev-sla-met = The deadline “{ $sla }” was met.
words-ev-escalation-step = { $who } alerted { $to } ({ $channel }), escalation step { $step }.
words-ev-escalation-skipped = { $who } skipped escalation step { $step }: nobody to alert.
words-ev-escalation-stopped = The escalation stopped.
words-ev-assignment-failed = { $who } found nobody available to take the lead.
words-ev-timer-fired = A waiting time ran out ({ $at }).
words-ev-notification-queued = { $who } queued a notification to { $to } ({ $channel }).
words-ev-notification-skipped = A notification was not sent: nobody to send it to.
words-ev-notification-held = A notification to { $to } waits: they are not at work.
words-ev-notification-redirected = A notification to { $to } went to their stand-in.
words-ev-notification-deferred = A notification to { $to } waits until { $at }.
words-ev-notification-sent = A notification to { $to } was sent ({ $channel }).
words-ev-notification-delivered = A notification to { $to } was delivered ({ $channel }).
words-ev-notification-retrying = A notification to { $to } could not be sent ({ $channel }); next try at { $at }.
words-ev-notification-failed = A notification to { $to } could not be sent ({ $channel }).
words-ev-notification-requeued = { $who } sent a notification again ({ $channel }).
words-ev-notification-test = { $who } sent a test message ({ $channel }).
words-ev-contact-possible-duplicate = This contact may be the same person as { $other }.
words-ev-contact-merged = { $who } merged { $other } into { $contact }.
words-ev-contact-unmerged = { $who } undid the merge: { $other } is separate from { $contact } again.
words-ev-contact-updated = { $who } added the phone number { $phone } to the contact.
words-ev-customer-callback = The customer asked to be called back at { $at }.
words-ev-customer-document = The customer sent a document: { $file }.
words-ev-email-received = An e-mail came in from { $from }: “{ $subject }”.
words-ev-email-ignored = An e-mail from { $from } was not filed.
words-ev-email-sent = { $who } sent an e-mail to { $to }: “{ $subject }”.
words-ev-email-queued = { $who } wrote an e-mail to { $to }: “{ $subject }” (waiting to be sent).
words-ev-customer-answered = { $who } marked what the customer sent as answered.
words-ev-mailbox-reset = The mailbox { $mailbox } is read again from the start.
words-ev-mailbox-failed = The mailbox { $mailbox } cannot be read.
words-ev-mailbox-recovered = The mailbox { $mailbox } works again.
words-ev-call-event = Phone exchange: { $what }.
words-ev-call-event-long = Phone exchange: { $what }, { $duration }.
words-ev-report-sent = { $who } sent a report to { $n } recipients.
words-ev-user-created = { $who } added { $user } as { $role }.
words-ev-user-presence = { $who } set { $user } to “{ $presence }”.
words-ev-user-updated = { $who } changed the settings of { $user }.
words-ev-user-role-changed = { $who } made { $user } { $role }.
words-ev-user-deactivated = { $who } deactivated { $user }.
words-ev-user-reactivated = { $who } reactivated { $user }.
words-ev-user-password-changed = { $user } changed their password.
words-ev-user-password-reset = { $who } reset the password of { $user }.
words-ev-session-started = { $user } signed in.
words-ev-token-created = { $who } created the access key “{ $name }”.
words-ev-token-revoked = { $who } revoked an access key.
words-ev-webhook-created = { $who } added a webhook.
words-ev-webhook-deleted = { $who } removed a webhook.
words-ev-message-changed = { $who } changed a message text ({ $language }).
words-ev-message-reset = { $who } restored a message text ({ $language }).

words-script = Call script
