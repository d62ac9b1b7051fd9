# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } wystawił(a) fakturę { $number }: { $gross } { $currency }, termin { $due }.

## The message that brings the documents
inv-mail-subject = Faktura { $number } od { $company }
inv-mail-text =
    Dzień dobry,
    {""}
    dziękujemy za zamówienie. Faktura { $number } i dokumenty są na Państwa stronie:
    { $link }
    {""}
    Kwota: { $total }
    Termin płatności: { $due }
    Tytuł płatności: { $vs }
    Konto: { $account }
    Dostawa: { $delivery }
inv-sms-text = Faktura { $number } ({ $total }, termin { $due }, tytuł { $vs }) jest na Państwa stronie: { $link }
inv-mail-delivery-agreed = zgodnie z ustaleniami

## Statuses
inv-status-issued = wystawiona
inv-status-partially_paid = częściowo opłacona
inv-status-paid = opłacona
inv-status-overdue = po terminie
inv-status-cancelled = anulowana

## The lead card
inv-card-title = Faktury
inv-card-none = Brak faktur.
inv-card-number = Faktura { $number }
inv-card-dates = wystawiona { $issued }, termin { $due }
inv-card-paid = zapłacono { $paid }
inv-card-issue = Wystaw fakturę do oferty, wersja { $version }
inv-card-issued = Faktura { $number } została wystawiona, a dokumenty wysłane klientowi.
inv-card-refused-no-requisites = Nie można jeszcze wystawić faktury: najpierw wprowadź dane osobowe lub dane firmy klienta.
inv-card-refused-not-accepted = Fakturować można tylko ofertę zaakceptowaną przez klienta.
inv-card-refused-invoiced = Ta oferta została już zafakturowana.
inv-doc-invoice = Faktura (PDF)
inv-doc-contract = Umowa (PDF)

## The customer's page
c-inv-title = Państwa faktury
c-inv-invoice = Faktura { $number }
c-inv-total = Kwota { $total }
c-inv-due = termin { $date }
c-inv-reference = tytuł płatności { $vs }
c-inv-pdf = Pobierz fakturę (PDF)
c-inv-contract-pdf = Pobierz umowę (PDF)

## The company's settings: invoicing
inv-set-title = Fakturowanie
inv-set-help = Co Twoje faktury mówią o firmie i jak są numerowane.
inv-set-registration-id = REGON / KRS
inv-set-vat-id = NIP
inv-set-bank-account = Rachunek bankowy
inv-set-iban = IBAN
inv-set-bic = BIC / SWIFT
inv-set-terms = Termin płatności (dni)
inv-set-pattern = Wzór numeru faktury
inv-set-pattern-help = {"{"}YYYY{"}"} lub {"{"}YY{"}"} to rok, {"{"}NNNN{"}"} to licznik z tyloma cyframi, ile jest N; np. {"{"}YYYY{"}{"}NNNN{"}"} daje 20260001.
inv-set-save = Zapisz fakturowanie
inv-set-saved = Fakturowanie zapisane.
inv-set-err-text = najwyżej { $max } znaków w jednym wierszu
inv-set-err-iban = `{ $v }` nie jest poprawnym IBAN (sprawdź cyfry)
inv-set-err-terms = `{ $v }` nie jest liczbą dni od 0 do 365
inv-set-err-pattern = `{ $v }`: { $why }
