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

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Download the offer (PDF)
offers-card-pdf = PDF
