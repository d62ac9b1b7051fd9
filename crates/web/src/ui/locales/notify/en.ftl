# The notify area's words (en).
notify-nav = Notifications
notify-title = Notifications
notify-hint = What the process told you: reminders, deadlines, handovers and what customers sent. Opening one marks it read.
notify-empty = Nothing yet. Reminders, deadlines and customers' messages will appear here.
notify-read-all = Mark all read
notify-read-one = Mark read
notify-open = Open the card
notify-unread = unread
notify-waiting = Waiting for an answer
notify-urgent = Urgent
notify-count = { $n ->
    [one] { $n } unread
   *[other] { $n } unread
}
notify-new-lead = New inquiry
notify-someone = a customer
notify-ago-now = just now
notify-ago-min = { $n } min ago
notify-ago-h = { $n } h ago
notify-ago-d = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
notify-via-web = web inquiry
notify-via-email = e-mail
notify-via-phone = phone call
notify-via-in_person = walk-in
notify-via-api = API
notify-via-unknown = inquiry
notify-s-other = Something happened with { $who }
notify-s-nothing = A notification
notify-s-new_lead = { $who }, { $via }: call now
notify-s-new_lead_email = { $who }, { $via }: no phone, write an e-mail
notify-s-new_request = { $who }, { $via }: confirm the request by phone now
notify-s-urgent_order = Urgent order: { $who }, { $via }
notify-s-late_request = { $who }, { $via }: came in just before closing, confirm it today
notify-s-in_person = { $who }, { $via }: entered for you, follow up
notify-s-missed_call = Missed call from { $who }: call back now
notify-s-no_reaction = Nobody has reacted to { $who }, { $via }: take it over
notify-s-silence = { $who }, { $via }: not confirmed yet, call now
notify-s-reminder = Still waiting for you: { $who }, { $via }
notify-s-sla_warning = SLA at risk: { $who }, { $via }, no first contact yet
notify-s-sla_breached = SLA breached: { $who }, { $via }, { $late } min late
notify-s-handover = { $who }, { $via }: worth working with, gather the input data
notify-s-handed_over = Handed to you: { $who }, { $via }, call within one hour
notify-s-urgent_callback = Urgent: call { $who } back within 10 minutes
notify-s-offer_ready = The offer for { $who } is ready to present
notify-s-offer_follow_up = The offer for { $who } has waited three days: follow it up
notify-s-offer_accept = { $who } accepted the offer on their page: the next steps are yours
notify-s-offer_decline = { $who } declined the offer on their page
notify-s-offer_changes = { $who } asked for changes to the offer: prepare a new version
notify-s-complaint = Complaint from { $who } after delivery: see the quality-call task
notify-s-customer_message = { $who } wrote on their page
notify-s-customer_callback = { $who } asked to be called back
notify-s-customer_document = { $who } sent a document
notify-s-email_reply = { $who } answered by e-mail
notify-s-mailbox_failed = A mailbox stopped working: inquiries sent there wait
notify-s-test = A test message
