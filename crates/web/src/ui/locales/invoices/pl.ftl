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

## Płatności (issue 21, payments): oś czasu
words-ev-payment-recorded = { $who } zapisał(a) płatność { $amount } { $currency } do faktury { $number }; do zapłaty pozostało { $left } { $currency }.
words-ev-invoice-paid = { $who }: faktura { $number } jest opłacona w całości ({ $gross } { $currency }); klient otrzymał wiadomość.
words-ev-payments-imported = { $who } zaimportował(a) wyciąg bankowy: { $matched } z { $lines } pozycji zapisano jako płatności, { $unmatched } czeka na sprawdzenie.
words-ev-payments-reviewed-assigned = { $who } przypisał(a) pozycję wyciągu bankowego do faktury.
words-ev-payments-reviewed-dismissed = { $who } odrzucił(a) pozycję wyciągu bankowego: to nie płatność faktury.
words-ev-invoice-overdue-reminder = { $who }: faktura { $number } nie została opłacona po terminie (pozostało { $left }); klient dostaje przypomnienie, opiekun dzwoni.
words-ev-invoice-overdue-escalation = { $who }: faktura { $number } wciąż nie jest opłacona (pozostało { $left }); sprawę przejmuje kierownik.

## Płatności: wiadomość do klienta
inv-paid-mail-subject = Płatność otrzymana: faktura { $number }
inv-paid-mail-text =
    Dzień dobry,
    {""}
    dziękujemy: otrzymaliśmy Państwa płatność i faktura { $number } ({ $total }) jest opłacona w całości. Co dalej, znajdą Państwo na swojej stronie:
    { $link }
    {""}
    { $company }
inv-paid-sms-text = Dziękujemy: faktura { $number } ({ $total }) jest opłacona w całości. Państwa strona: { $link }

## Płatności: karta zapytania
inv-card-left = do zapłaty pozostało { $left }
inv-pay-title = Zapisz płatność
inv-pay-amount = Kwota ({ $currency })
inv-pay-date = Data wpływu
inv-pay-reference = Tytuł / numer płatności
inv-pay-submit = Zapisz płatność
inv-pay-next = Gdy płatność pokryje całą fakturę, klient dostanie wiadomość i zacznie się kolejny krok transakcji; płatność częściowa zmniejszy pozostałą kwotę.
inv-pay-recorded = Płatność zapisana: do faktury { $number } pozostało { $left }.
inv-pay-recorded-full = Faktura { $number } jest opłacona w całości: klient dostał wiadomość, zaczął się kolejny krok.
inv-pay-refused = Płatność nie została zapisana: { $why }
inv-pay-bad-amount = kwota musi być liczbą dodatnią, najwyżej tyle, ile pozostało do zapłaty
inv-pay-bad-date = data musi być dniem, który już minął, np. 06.05.2031

## Płatności: strona klienta
c-inv-paid = Opłacona w całości — dziękujemy
c-inv-partially-paid = Zapłacono { $paid }, pozostało { $left }

## Płatności: strona dla kierowników
pay-page-title = Płatności
inv-card-payments-link = Wyciągi bankowe i płatności do sprawdzenia
pay-page-help = Prześlij wyciąg bankowy: każda płatność, której numer to symbol zmienny faktury, a kwota równa pozostałej (lub mniejsza), zostanie zapisana do tej faktury; gdy faktura jest opłacona w całości, klient dostaje wiadomość. Co nie pasuje, czeka poniżej.
pay-upload-file = Wyciąg bankowy
pay-upload-format = Format
pay-format-csv = CSV (data, kwota, waluta, numer, nadawca, wiadomość)
pay-format-gpc = ABO/GPC (banki czeskie)
pay-upload-submit = Importuj wyciąg
pay-imported = Wyciąg zaimportowany: zapisano płatności: { $matched }, do sprawdzenia: { $unmatched }.
pay-review-title = Do sprawdzenia
pay-review-none = Nie ma nic do sprawdzenia: każda płatność znalazła swoją fakturę.
pay-col-date = Data
pay-col-amount = Kwota
pay-col-reference = Numer
pay-col-counterparty = Od kogo
pay-col-reason = Dlaczego nie pasuje
pay-reason-not_a_credit = przelew wychodzący, nie wpływ
pay-reason-no_reference = bez numeru płatności
pay-reason-unknown_reference = żadna faktura nie ma tego numeru
pay-reason-cancelled = faktura została anulowana
pay-reason-already_paid = faktura jest już opłacona
pay-reason-currency = inna waluta niż na fakturze
pay-reason-overpayment = więcej, niż pozostało do zapłaty
pay-assign-number = Numer faktury
pay-assign = Zapisz do tej faktury
pay-dismiss = To nie płatność faktury
pay-assigned = Płatność zapisano do faktury { $number }.
pay-dismissed = Pozycja została odrzucona.
pay-error = Nie wykonano: { $why }
