# The delivery and complaints area's words (issue 21, items 5 and 6).

## On the timeline
words-ev-delivery-planned = { $who } planned the delivery for { $date }.
words-ev-delivery-planned-driver = { $who } planned the delivery for { $date } with the driver { $driver }.
words-ev-delivery-pack-ready = The driver's pack for { $date } is ready.
words-ev-delivery-done = { $who } recorded the goods as delivered { $at }.
words-ev-complaint-recorded = { $who } recorded the customer's complaint for management.
words-ev-complaint-resolved = { $who } resolved the customer's complaint.

## The lead card
dlv-card-title = Delivery
dlv-none = No delivery is planned yet.
dlv-date = Delivery day
dlv-address = Address
dlv-driver = Driver (optional)
dlv-driver-name = Driver
dlv-plan = Plan the delivery
dlv-status-planned = planned
dlv-status-pack_ready = pack ready
dlv-status-delivered = delivered
dlv-pack-at = The driver's pack is printed { $at }.
dlv-delivered-at = Delivered { $at }.
dlv-doc-invoice = Invoice
dlv-doc-vat_invoice = VAT invoice
dlv-doc-delivery_note = Delivery note
dlv-mark-delivered = Mark delivered
dlv-day-link = The driver's page for { $date }
dlv-flash-planned = The delivery is planned.
dlv-flash-delivered = The goods are recorded as delivered.
dlv-err-date = Choose a delivery day: today or later.
dlv-err-address = Enter the delivery address.
dlv-err-driver = The driver's name is one line of up to 200 characters.
dlv-err-delivered = This delivery is already recorded as delivered.

## The driver's page
dlv-day-title = Deliveries on { $date }
dlv-day-nav = Deliveries
dlv-day-empty = No deliveries on this day.
dlv-day-pick = Day
dlv-day-show = Show
dlv-print = Print
dlv-customer = Customer
dlv-phone = Phone
dlv-documents = Documents
dlv-status = Status
dlv-err-day = That is not a day: choose one in the calendar.

## Complaints
cmp-title = Complaints
cmp-nav = Complaints
cmp-intro = Complaints from negative quality calls, newest first.
cmp-empty = No complaints.
cmp-status = Status
cmp-all = All
cmp-status-open = Open
cmp-status-resolved = Resolved
cmp-from = From
cmp-to = To
cmp-show = Show
cmp-date = Date
cmp-customer = Customer
cmp-owner = Representative
cmp-channel = Channel
cmp-text = Complaint
cmp-resolution = Resolution
cmp-resolve = Resolve
cmp-resolve-note = How it was resolved
cmp-resolved-at = Resolved { $at }: { $note }
cmp-export-csv = Download CSV
cmp-export-xlsx = Download Excel
cmp-flash-resolved = The complaint is resolved.
cmp-err-note = Say how the complaint was resolved.
cmp-err-filter = Check the filter: a day is YYYY-MM-DD.
cmp-nobody = nobody
cmp-complaint-note = The customer's complaint (required on a negative answer)
