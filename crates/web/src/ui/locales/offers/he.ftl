# The offers area's words (he).

## הצעות בציר הזמן
words-ev-offer-created = { $who }: הוכנה הצעה, גרסה { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who }: ההצעה, גרסה { $version }, נשלחה ללקוח.
words-ev-offer-accepted = הלקוח קיבל את ההצעה, גרסה { $version }. { $note }
words-ev-offer-declined = הלקוח דחה את ההצעה, גרסה { $version }. { $note }
words-ev-offer-changes-requested = הלקוח ביקש שינויים בהצעה, גרסה { $version }. { $note }
