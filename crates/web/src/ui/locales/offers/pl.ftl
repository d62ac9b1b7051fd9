# The offers area's words (pl).

## Oferty na osi czasu
words-ev-offer-created = { $who } przygotował(a) ofertę, wersja { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } wysłał(a) klientowi ofertę, wersja { $version }.
words-ev-offer-accepted = Klient przyjął ofertę, wersja { $version }. { $note }
words-ev-offer-declined = Klient odrzucił ofertę, wersja { $version }. { $note }
words-ev-offer-changes-requested = Klient prosi o zmiany w ofercie, wersja { $version }. { $note }
