# Pronto: templates of the built-in "distributor" playbook (English).

new_request = New request: { $contact_name } { $contact_phone }, { $channel } — confirmation call within 10 minutes. Lead { $lead_id } { $lead_url }
silence = Request of { $contact_name } { $contact_phone } has not been confirmed — please call now. Lead { $lead_id } { $lead_url }
sla_warning = Confirm the request of { $contact_name } now (lead { $lead_id }) { $lead_url }
handed_over = Request handed to you: { $contact_name } { $contact_phone } — call within one hour. Lead { $lead_id } { $lead_url }
urgent_callback = URGENT. The customer { $contact_name } { $contact_phone } waited for you and was promised a callback within 10 minutes. Question: { $lead_subject } { $lead_message } Lead { $lead_id } { $lead_url }
    .subject = URGENT: call back { $contact_name } within 10 minutes
urgent_order = URGENT web order: { $contact_name } { $contact_phone } — { $lead_subject }. Lead { $lead_id } { $lead_url }
late_request = A request came in just before closing: { $contact_name } { $contact_phone } — confirm it before you leave. Lead { $lead_id } { $lead_url }

# Messages to the customer.
ack_after_hours = { $contact_name }, your request has been received. We will call you at the start of the next working day. Request status: { $lead_tracking_url }
ack = { $contact_name }, your request has been received. Our secretary will call you within 10 minutes. Request status: { $lead_tracking_url }
payment_received = Thank you, { $contact_name }: we have received your payment and are preparing the delivery.
    .subject = Payment received
thanks = Thank you for your feedback, { $contact_name }.
    .subject = Thank you

complaint = Complaint from { $contact_name } { $contact_phone } after delivery (lead { $lead_id }) — see the quality-call task. { $lead_url }
    .subject = Complaint after delivery
missed_call = Missed call from { $contact_name } { $contact_phone } — call back within 10 minutes. Lead { $lead_id } { $lead_url }

# What the customer does on their own page, to the owner.
customer_message = { $contact_name } wrote on their page — read it and answer. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } asked on their page to be called back — see the task. Lead { $lead_id } { $lead_url }
customer_document = { $contact_name } sent a document on their page (company details or delivery data). Lead { $lead_id } { $lead_url }

# Titles of the playbook's stages, outcomes and SLAs, for the team.
stage-received = Request received
stage-confirmed = Confirmed by the secretary
stage-contacted = Manager in touch
stage-deal = Deal
stage-invoiced = Invoice sent
stage-paid = Paid
stage-delivered = Delivered
stage-won = Completed
stage-lost = Lost
outcome-refused = Refused
outcome-agreed = Agreed
outcome-in_stock = In stock
outcome-out_of_stock = Out of stock
outcome-positive = Satisfied
outcome-negative = Dissatisfied
sla-confirmation = Confirmation call within 10 working minutes
sla-manager_call = Manager's call within one working hour
