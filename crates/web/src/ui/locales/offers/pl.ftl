# The offers area's words (pl).

## Oferty na osi czasu
words-ev-offer-created = { $who } przygotował(a) ofertę, wersja { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } wysłał(a) klientowi ofertę, wersja { $version }.
words-ev-offer-accepted = Klient przyjął ofertę, wersja { $version }. { $note }
words-ev-offer-declined = Klient odrzucił ofertę, wersja { $version }. { $note }
words-ev-offer-changes-requested = Klient prosi o zmiany w ofercie, wersja { $version }. { $note }

## The customer's page: offers, and the message that sends one
c-offer-title = Nasza oferta (wersja { $version })
c-offer-valid = Ważna do { $date }
c-offer-expired = Ta oferta wygasła { $date } i nie można jej już przyjąć. Napisz do nas, a przygotujemy nową.
c-offer-delivery = Dostawa: { $date }
c-offer-col-item = Pozycja
c-offer-col-qty = Ilość
c-offer-col-price = Cena jednostkowa
c-offer-col-discount = Rabat
c-offer-col-vat = VAT
c-offer-col-total = Razem
c-offer-vat-row = VAT { $rate } % od { $base }: { $vat }
c-offer-net = Bez VAT
c-offer-vat = VAT
c-offer-gross = Razem do zapłaty
c-offer-cooperation = Jak będziemy współpracować
c-offer-you-provide = Co zapewniasz Ty
c-offer-we-do = Co robimy my
c-offer-note = Uwaga
c-offer-avail-in_stock = w magazynie
c-offer-avail-on_order = na zamówienie, spodziewane { $date }
c-offer-avail-not_available = niedostępne
c-offer-accept = Przyjmij ofertę
c-offer-decline = Odrzuć
c-offer-changes = Poproś o zmiany
c-offer-note-label = Uwaga dla nas (opcjonalna)
c-offer-note-help = Napisz, co zmienić albo dlaczego oferta Ci nie odpowiada.
c-offer-reason-smaller = Zacząć od jednej lub dwóch usług
c-offer-quick = Albo poproś o mniejszy początek:
c-offer-decided-accept = Przyjąłeś tę ofertę. Dziękujemy — skontaktujemy się w sprawie kolejnych kroków.
c-offer-decided-decline = Odrzuciłeś tę ofertę. Dziękujemy za informację.
c-offer-decided-changes = Poprosiłeś o zmiany. Przygotowujemy nową wersję i wyślemy ją do Ciebie.
c-offer-superseded = Tę ofertę zastąpiła nowsza wersja.
c-sent-offer-accept = Dziękujemy: oferta przyjęta. Skontaktujemy się w sprawie kolejnych kroków.
c-sent-offer-decline = Zapisaliśmy, że odrzucasz ofertę. Dziękujemy za informację.
c-sent-offer-changes = Mamy Twoją prośbę o zmiany. Wyślemy Ci nową wersję.
c-offer-refused-title = O tej ofercie nie można już zdecydować
c-offer-refused-expired = Oferta wygasła. Napisz do nas, a przygotujemy nową.
c-offer-refused-superseded = Tę ofertę zastąpiła nowsza wersja: zobacz najnowszą wersję na swojej stronie.
c-offer-refused-decided = Ta oferta została już przez Ciebie rozstrzygnięta.
c-offer-refused-not-sent = Ta oferta nie jest jeszcze gotowa.
c-offer-back = Wróć do swojej strony
offer-mail-subject = Twoja oferta od { $company } (wersja { $version })
offer-mail-text =
    Dzień dobry,
    {""}
    Twoja oferta jest gotowa: { $total }, ważna do { $until }.
    Zobacz ją i przyjmij, odrzuć lub poproś o zmiany na swojej stronie:
    { $link }
offer-sms-text = Twoja oferta jest gotowa ({ $total }, ważna do { $until }): { $link }

## The lead card's offers
offers-card-title = Oferty
offers-card-version = Wersja { $version }
offers-card-valid = ważna do { $date }
offers-status-draft = szkic
offers-status-sent = wysłana do klienta
offers-status-accepted = przyjęta
offers-status-declined = odrzucona
offers-status-changes_requested = prośba o zmiany
offers-status-superseded = zastąpiona nowszą wersją
offers-status-expired = wygasła

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Pobierz ofertę (PDF)
offers-card-pdf = PDF
