# The offers area's words (cs).

## Nabídky na časové ose
words-ev-offer-created = { $who } připravil(a) nabídku, verze { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } poslal(a) zákazníkovi nabídku, verze { $version }.
words-ev-offer-accepted = Zákazník přijal nabídku, verze { $version }. { $note }
words-ev-offer-declined = Zákazník odmítl nabídku, verze { $version }. { $note }
words-ev-offer-changes-requested = Zákazník žádá o změny nabídky, verze { $version }. { $note }
