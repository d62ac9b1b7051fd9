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
invoice_reminder = { $contact_name }, your invoice is past its due date and we have not received the payment yet. If you have paid already, thank you; otherwise the payment details are on your page: { $lead_tracking_url }
    .subject = Your invoice is past its due date

complaint = Complaint from { $contact_name } { $contact_phone } after delivery (lead { $lead_id }) — see the complaints table. { $lead_url }
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

# Titles of the playbook's tasks.
task-confirm_call = Confirmation call: request accepted; ask city, private or legal entity, delivery date, urgency
task-manager_call = Call the customer about availability and delivery dates
task-callback = URGENT: call back within 10 minutes (you were busy when the customer called)
task-call_notes = Write down what the call was about
task-call_back = Call back: a missed call
task-consultation_call = Consultation requested: call the customer and advise
task-route_driver = Moscow delivery: plan the driver's route
task-handle_objection = Call again and work the objection
task-check_availability = Check availability at the supplier (article number, or name when there is none)
task-ask_supplier = Out of stock: ask the supplier's manager
task-manager_offer = Send the offer: price, delivery date and accessories
task-order_confirmation = E-mail the order confirmation and ask for the personal data (name, phone, address, passport data for the carrier)
task-company_details = E-mail the order confirmation and ask for the company details
task-invoice_and_contract = Prepare the invoice and the contract (legal entity) with payment and delivery terms
task-invoice_only = Prepare the invoice with payment and delivery terms (private customer: no contract)
task-confirm_documents = Call to confirm the documents arrived
task-pay_supplier = Pay the supplier's invoice: the customer has paid
task-arrange_delivery = Arrange the delivery: date, address and driver
task-unpaid_invoice_call = Call about the unpaid invoice
task-unpaid_invoice_escalation = The invoice is still unpaid: take over the debt collection
task-supplier_invoice = Ask the supplier for their invoice (article numbers from the offer)
task-delivery_documents = Print the invoice, VAT invoice and delivery note (TORG-12) for the driver
task-quality_call = Quality call: delivery and product quality
