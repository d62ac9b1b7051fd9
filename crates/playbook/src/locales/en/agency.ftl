# Pronto: templates of the built-in "agency" playbook (English).

new_lead = New inquiry: { $contact_name } { $contact_phone }, { $channel } — call now. Lead { $lead_id } { $lead_url }
new_lead_email = New inquiry: { $contact_name } { $contact_email }, { $channel } — no phone, write an e-mail. Lead { $lead_id } { $lead_url }
in_person = In-person inquiry entered for you: { $contact_name } { $contact_phone } — follow up. Lead { $lead_id } { $lead_url }
no_reaction = Nobody has reacted to { $contact_name } { $contact_phone } ({ $channel }) — please take it over. Lead { $lead_id } { $lead_url }
reminder = Still waiting for you: { $contact_name } { $contact_phone } ({ $channel }). Lead { $lead_id } { $lead_url }
sla_warning = { $contact_name } is still waiting for a first contact (lead { $lead_id }) { $lead_url }
sla_breached = First-response time missed for { $contact_name } (lead { $lead_id }, owner { $owner_name }) { $lead_url }
handover = { $contact_name } is worth working with: gather the input data (lead { $lead_id }) { $lead_url }

# Sent to the customer in their language: after hours (ack_after_hours) and in office hours (ack).
ack_after_hours = Hello { $contact_name }, thank you for your inquiry. We are outside office hours; our consultant will contact you first thing on the next working day. You can follow your inquiry here: { $lead_tracking_url }
    .subject = We have received your inquiry
ack = Hello { $contact_name }, thank you for your inquiry. Our consultant will contact you within a few minutes. You can follow your inquiry here: { $lead_tracking_url }
    .subject = We have received your inquiry

offer_follow_up = The offer for { $contact_name } has waited three days: follow it up (lead { $lead_id }) { $lead_url }
invoice_reminder = Hello { $contact_name }, your invoice is past its due date and we have not received the payment yet. If you have paid already, thank you; otherwise you will find the payment details on your page: { $lead_tracking_url }
    .subject = Your invoice is past its due date
offer_ready = The offer for { $contact_name } is ready to present (lead { $lead_id }) { $lead_url }
missed_call = Missed call from { $contact_name } { $contact_phone } — call back now. Lead { $lead_id } { $lead_url }

# What the customer does on their own page, to the owner.
customer_message = { $contact_name } wrote on their page — read it and answer. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } asked on their page to be called back — see the task. Lead { $lead_id } { $lead_url }
customer_document = { $contact_name } sent a document on their page. Lead { $lead_id } { $lead_url }

# Titles of the playbook's stages, outcomes and SLA, for the team.
stage-received = Received
stage-contacted = First contact
stage-qualified = Worth working together
stage-offer = Offer
stage-won = Cooperation
stage-lost = Not now
outcome-accepted = Accepted
outcome-smaller = Starts smaller
outcome-rejected = Declined
sla-first_response = First contact within 10 working minutes

# Titles of the playbook's tasks.
task-first_call = Call the new inquiry
task-first_email = Write to the new inquiry (no phone number)
task-email_after_calls = Not reached by phone: send an e-mail
task-follow_up = Follow up the in-person inquiry
task-record_meeting = Write down the in-person meeting
task-gather_input = Gather the input data and access (Google Ads, Sklik, Google Analytics — where it makes sense)
task-specialist_meeting = Contact the customer and arrange a meeting
task-prepare_offer = Prepare the offer: dates, prices, the course of cooperation, who provides what
task-present_offer = Present the offer
task-start_cooperation = Start the cooperation: access, contacts and the first working meeting
task-ask_requisites = Ask the customer for the invoice details: a private person's name, phone, e-mail, address and ID, or the company's details
task-prepare_smaller_offer = Prepare a smaller version of the offer: the customer asked for changes
task-confirm_documents = Call to confirm the invoice and the documents arrived
task-paid_next_step = The customer has paid: plan the next step of the cooperation with them
task-unpaid_invoice_call = Call about the unpaid invoice
task-unpaid_invoice_escalation = The invoice is still unpaid: take over the debt collection
task-offer_follow_up = Follow up the offer: has the customer decided?
task-call_notes = Write down what the call was about
task-call_back = Call back: a missed call
