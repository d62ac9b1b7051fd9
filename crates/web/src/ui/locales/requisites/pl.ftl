# The requisites area's words (issue 21).

## The requisites on the timeline
words-ev-requisites-staff-b2c = { $who } wprowadził(a) dane klienta (osoba prywatna).
words-ev-requisites-staff-b2b = { $who } wprowadził(a) dane firmy klienta.
words-ev-requisites-api-b2c = { $who } wprowadził(a) dane klienta (osoba prywatna) przez API.
words-ev-requisites-api-b2b = { $who } wprowadził(a) dane firmy klienta przez API.
words-ev-requisites-customer-b2c = Klient wprowadził swoje dane (osoba prywatna) na swojej stronie.
words-ev-requisites-customer-b2b = Klient wprowadził dane firmy na swojej stronie.
audit-requisites-id_document_read = Odczyt danych z dokumentu tożsamości

## The confirmation to the customer
requisites-mail-subject = { $company }: otrzymaliśmy Twoje dane
requisites-mail-subject-plain = Otrzymaliśmy Twoje dane
requisites-mail-text =
    Dzień dobry, { $name },
    {""}
    dziękujemy — otrzymaliśmy Twoje dane do faktury i dostawy.
    Możesz je sprawdzić i śledzić zamówienie na swojej stronie:
    { $link }
requisites-sms-text = Dziękujemy, otrzymaliśmy Twoje dane. Twoja strona: { $link }

## The fields
requisites-f-customer_type = Na kogo ma być faktura?
requisites-type-b2c = Osoba prywatna
requisites-type-b2b = Firma (osoba prawna)
requisites-f-full_name = Imię i nazwisko
requisites-f-phone = Telefon
requisites-f-email = E-mail
requisites-f-address = Adres
requisites-f-id_document = Paszport lub dowód osobisty (numer, wydany przez, ważny do)
requisites-f-company = Nazwa firmy
requisites-f-company_id = Numer firmy (REGON/KRS)
requisites-f-vat_id = NIP UE (zostaw puste, jeśli nie jesteś płatnikiem VAT)
requisites-shown-vat_id = NIP UE
requisites-shown-id_document = Paszport lub dowód osobisty
requisites-f-contact_person = Osoba kontaktowa
requisites-hint-vat_id = Z kodem kraju, np. PL1234567890.
requisites-hint-id_document = Przewoźnik potrzebuje go do dostawy. Jest przechowywany w postaci zaszyfrowanej.

## Messages next to the fields
requisites-errors = Popraw zaznaczone pola.
requisites-err-type-required = Wybierz osobę prywatną lub firmę.
requisites-err-type-invalid = Wybierz osobę prywatną lub firmę.
requisites-err-required = Uzupełnij to pole.
requisites-err-not-for-type = Tego pola nie wypełnia się dla tego rodzaju klienta.
requisites-err-invalid-full_name = Wpisz imię i nazwisko w jednej linii, najwyżej 200 znaków.
requisites-err-invalid-phone = To nie jest prawidłowy numer telefonu.
requisites-err-invalid-email = To nie jest adres e-mail.
requisites-err-invalid-address = Adres zawiera niedozwolone znaki albo jest dłuższy niż 500 znaków.
requisites-err-invalid-id_document = Dane dokumentu zawierają niedozwolone znaki albo są dłuższe niż 500 znaków.
requisites-err-invalid-company = Wpisz nazwę firmy w jednej linii, najwyżej 200 znaków.
requisites-err-invalid-company_id = To nie jest prawidłowy numer firmy (dla czeskiego IČO nie zgadza się cyfra kontrolna).
requisites-err-invalid-contact_person = Wpisz imię i nazwisko w jednej linii, najwyżej 200 znaków.
requisites-err-vat-invalid = To nie jest prawidłowy numer VAT: kod kraju i numer, np. PL1234567890 (CZ + 8–10 cyfr, SK/PL + 10, DE + 9, ATU + 8).

## The lead card and the staff's form
requisites-title = Dane klienta
requisites-none = Brak danych do faktury.
requisites-enter = Wprowadź dane
requisites-edit = Zmień dane
requisites-updated = Wprowadzono { $when } ({ $source }).
requisites-source-staff = przez zespół
requisites-source-api = przez API
requisites-source-customer = przez klienta na jego stronie
requisites-id-on-file = zapisane
requisites-id-hidden = Dane z dokumentu widzą tylko właściciel zapytania, menedżerowie i administratorzy.
requisites-id-reveal = Pokaż dane z dokumentu
requisites-id-audited = Ten odczyt jest zapisywany w dzienniku audytu.
requisites-edit-title = Dane: { $who }
requisites-back = Wróć do zapytania
requisites-choose = Najpierw wybierz, na kogo ma być faktura:
requisites-continue = Dalej
requisites-save = Zapisz dane
requisites-id-retype = Dane z dokumentu nigdy nie są wpisywane do formularza: wpisz je ponownie.
requisites-saved = Dane zapisane. Klient otrzymał potwierdzenie.
requisites-denied = Dane klienta wprowadza właściciel zapytania, osoba z zadaniem przy nim, menedżerowie i administratorzy.

## The customer's page
c-requisites-title = Twoje dane do faktury
c-requisites-ask = Dziękujemy za przyjęcie oferty. Wprowadź swoje dane, abyśmy mogli przygotować fakturę i dostawę.
c-requisites-intro = Tutaj możesz wprowadzić swoje dane do faktury.
c-requisites-have = Mamy Twoje dane. Dziękujemy!
c-requisites-change = Zmień moje dane
c-requisites-send = Wyślij dane
c-sent-requisites = Dziękujemy — otrzymaliśmy Twoje dane. Potwierdzenie jest w drodze.
