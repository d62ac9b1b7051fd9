# The offers area's words (en).

## The offers on the timeline
words-ev-offer-created = { $who } prepared offer version { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } sent offer version { $version } to the customer.
words-ev-offer-accepted = The customer accepted offer version { $version }. { $note }
words-ev-offer-declined = The customer declined offer version { $version }. { $note }
words-ev-offer-changes-requested = The customer asked for changes to offer version { $version }. { $note }

## The customer's page: offers, and the message that sends one
c-offer-title = Our offer (version { $version })
c-offer-valid = Valid until { $date }
c-offer-expired = This offer expired on { $date } and can no longer be accepted. Write to us and we will prepare a new one.
c-offer-delivery = Delivery: { $date }
c-offer-col-item = Item
c-offer-col-qty = Quantity
c-offer-col-price = Unit price
c-offer-col-discount = Discount
c-offer-col-vat = VAT
c-offer-col-total = Total
c-offer-vat-row = VAT { $rate } % on { $base }: { $vat }
c-offer-net = Without VAT
c-offer-vat = VAT
c-offer-gross = Total to pay
c-offer-cooperation = How we will work together
c-offer-you-provide = What you provide
c-offer-we-do = What we do
c-offer-note = Note
c-offer-avail-in_stock = in stock
c-offer-avail-on_order = on order, expected { $date }
c-offer-avail-not_available = not available
c-offer-accept = Accept the offer
c-offer-decline = Decline
c-offer-changes = Ask for changes
c-offer-note-label = A note for us (optional)
c-offer-note-help = Tell us what to change, or why it does not suit you.
c-offer-reason-smaller = Start with one or two services
c-offer-quick = Or ask for a smaller start:
c-offer-decided-accept = You accepted this offer. Thank you — we will contact you about the next steps.
c-offer-decided-decline = You declined this offer. Thank you for letting us know.
c-offer-decided-changes = You asked for changes. We are preparing a new version and will send it to you.
c-offer-superseded = A newer version replaced this offer.
c-sent-offer-accept = Thank you: you accepted the offer. We will contact you about the next steps.
c-sent-offer-decline = We have recorded that you declined the offer. Thank you for letting us know.
c-sent-offer-changes = We have your request for changes. We will send you a new version.
c-offer-refused-title = This offer can no longer be decided
c-offer-refused-expired = The offer has expired. Write to us and we will prepare a new one.
c-offer-refused-superseded = A newer version of the offer replaced this one: please look at the newest version on your page.
c-offer-refused-decided = You have already decided on this offer.
c-offer-refused-not-sent = This offer is not ready yet.
c-offer-back = Back to your page
offer-mail-subject = Your offer from { $company } (version { $version })
offer-mail-text =
    Hello,
    {""}
    your offer is ready: { $total }, valid until { $until }.
    See it and accept it, decline it or ask for changes on your page:
    { $link }
offer-sms-text = Your offer is ready ({ $total }, valid until { $until }): { $link }

## The lead card's offers
offers-card-title = Offers
offers-card-version = Version { $version }
offers-card-valid = valid until { $date }
offers-status-draft = draft
offers-status-sent = sent to the customer
offers-status-accepted = accepted
offers-status-declined = declined
offers-status-changes_requested = changes asked for
offers-status-superseded = replaced by a newer version
offers-status-expired = expired

# editor
## The staff's offer editor and the lead card's versions side by side
offers-ed-title = Offer version { $version } for { $who }
offers-ed-intro = Lines from the catalogue (type an article number or a name) or free text. The totals are computed again when you save.
offers-ed-intro-version = A new version, filled in from the earlier one: change what the customer asked for. The earlier version is kept and marked as replaced.
offers-ed-back = ← Back to the lead
offers-ed-errors = { $n ->
    [one] Please correct { $n } field. Nothing you typed was lost.
   *[other] Please correct { $n } fields. Nothing you typed was lost.
}
offers-ed-lines = Lines
offers-ed-lines-hint = Empty lines are left out.
offers-ed-line-n = Line { $v }
offers-ed-name = Item (name, or type to search the catalogue)
offers-ed-sku = Article number
offers-ed-quantity = Quantity
offers-ed-unit = Unit
offers-ed-unit_price = Unit price
offers-ed-discount = Discount %
offers-ed-vat_rate = VAT %
offers-ed-availability = At the supplier
offers-ed-avail-unknown = not checked
offers-ed-avail-in_stock = in stock
offers-ed-avail-on_order = on order
offers-ed-avail-not_available = not available
offers-ed-available_on = Supplier's date (on order)
offers-ed-remove = Remove the line
offers-ed-add = Add a line
offers-ed-totals = Totals
offers-ed-totals-hint = A preview: the server computes the totals exactly when you save.
offers-ed-terms = Terms
offers-ed-currency = Currency
offers-ed-valid_until = Valid until
offers-ed-delivery_date = Delivery date
offers-ed-cooperation = The course of cooperation
offers-ed-customer_provides = What the customer provides
offers-ed-we_provide = What we do
offers-ed-note = Note
offers-ed-save = Save as a draft
offers-ed-save-hint = Nothing goes to the customer until you send it.
offers-ed-err-sku = No product with this article number. Pick one from the suggestions, or give the line's name, price and VAT rate.
offers-ed-err-name = Give the line's name or pick a product from the catalogue.
offers-ed-err-quantity = Give a quantity greater than 0, like 2 or 1.5.
offers-ed-err-unit = Give a short unit, like pcs or h (at most 20 characters).
offers-ed-err-unit_price = Give the unit price as a number, like 1250.50.
offers-ed-err-unit_price-currency = The product's price is in another currency: give the price in the offer's currency.
offers-ed-err-discount = Give the discount as a percentage from 0 to 100.
offers-ed-err-vat_rate = Give the VAT rate as a percentage from 0 to 100, like 21.
offers-ed-err-availability = Choose the availability from the list.
offers-ed-err-available_on = Give the supplier's date for a line on order.
offers-ed-err-currency = Choose the currency from the list.
offers-ed-err-valid_until = Give the last day the offer is valid: today or later, at most three years ahead.
offers-ed-err-delivery_date = Give a delivery date from today on.
offers-ed-err-cooperation = The text is too long (at most 10,000 characters).
offers-ed-err-customer_provides = The text is too long (at most 10,000 characters).
offers-ed-err-we_provide = The text is too long (at most 10,000 characters).
offers-ed-err-note = The text is too long (at most 10,000 characters).
offers-ed-err-items = Fill in at least one line (at most 200).
offers-ed-err-form = Something in the form is not right; please check it.
offers-ed-saved = Offer version { $version } saved as a draft. Send it to the customer when it is ready.
offers-ed-sent-email = Offer version { $version } sent to the customer by e-mail with the link to their page. When they accept, decline or ask for changes, you will be told at once.
offers-ed-sent-sms = Offer version { $version } sent to the customer by SMS with the link to their page. When they accept, decline or ask for changes, you will be told at once.
offers-ed-sent-none = Offer version { $version } is on the customer's page; they have no e-mail or phone, so give them the link yourself. When they decide, you will be told at once.
offers-ed-none = No offer yet.
offers-ed-send = Send to the customer
offers-ed-new-version = New version
offers-ed-new = New offer
offers-cmp-title = Versions side by side
offers-cmp-a = Earlier
offers-cmp-b = Later
offers-cmp-show = Compare
offers-cmp-added = added
offers-cmp-removed = removed
offers-cmp-changed = changed
offers-cmp-f-name = name
offers-cmp-f-quantity = quantity
offers-cmp-f-unit = unit
offers-cmp-f-unit_price = price
offers-cmp-f-discount = discount
offers-cmp-f-vat_rate = VAT rate
offers-cmp-f-availability = availability
offers-cmp-f-cooperation = course of cooperation
offers-cmp-f-customer_provides = what the customer provides
offers-cmp-f-we_provide = what we do
offers-cmp-f-note = note
offers-cmp-n-added = { $n ->
    [one] { $n } line added
   *[other] { $n } lines added
}
offers-cmp-n-removed = { $n ->
    [one] { $n } line removed
   *[other] { $n } lines removed
}
offers-cmp-n-changed = { $n ->
    [one] { $n } line changed
   *[other] { $n } lines changed
}
offers-cmp-totals = the totals
offers-cmp-validity = the validity
offers-cmp-delivery = the delivery date
offers-cmp-nothing = Nothing changed between these versions.
offers-cmp-summary = What changed: { $v }.

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Download the offer (PDF)
offers-card-pdf = PDF

# A playbook task's part in the offer (item 5): the editor opened from the task, the draft sent from it.
offers-task-editor = Open the offer editor
offers-task-new-version = Open the editor: new version from version { $version }
offers-task-send = Send version { $version } to the customer
offers-ed-saved-task = Offer version { $version } saved, and your task to prepare it is done. What follows is in the open tasks below.
offers-ed-completes-task = Saving this version completes your task “{ $task }”.
