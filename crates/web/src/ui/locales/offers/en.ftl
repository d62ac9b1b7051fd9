# The offers area's words (en).

## The offers on the timeline
words-ev-offer-created = { $who } prepared offer version { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } sent offer version { $version } to the customer.
words-ev-offer-accepted = The customer accepted offer version { $version }. { $note }
words-ev-offer-declined = The customer declined offer version { $version }. { $note }
words-ev-offer-changes-requested = The customer asked for changes to offer version { $version }. { $note }
