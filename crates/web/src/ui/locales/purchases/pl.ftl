# Zakup u dostawcy (issue 21).

## Zakupy na osi czasu
words-ev-purchase-requested = { $who } poprosił(a) dostawcę { $supplier } o fakturę (pozycje przyjętej oferty: { $lines }).
words-ev-purchase-invoice_received = { $who } dołączył(a) fakturę { $number } dostawcy { $supplier }: { $amount } { $currency }.
words-ev-purchase-overridden = { $who } zezwolił(a) na fakturę dla klienta bez faktury dostawcy { $supplier }: { $reason }
words-ev-purchase-paid = { $who } oznaczył(a) dostawcę { $supplier } jako opłaconego.

## Dziennik audytu
audit-purchase-override = Wyjątek od faktury dostawcy
audit-purchase-supplier_invoice_read = Otwarto fakturę dostawcy

## Statusy
pur-status-requested = faktura zamówiona
pur-status-invoice_received = faktura otrzymana
pur-status-paid = dostawca opłacony

## Karta zgłoszenia
pur-card-title = Dostawca
pur-card-none = Brak zakupu u dostawcy. Przed fakturą dla klienta poproś dostawcę o jego fakturę.
pur-card-request = Poproś dostawcę o fakturę (oferta w wersji { $version })
pur-card-supplier = Dostawca (puste = z katalogu)
pur-card-line = { $name } · { $quantity }
pur-card-article = nasz { $sku }
pur-card-supplier-article = dostawcy { $sku }
pur-card-invoice = Faktura dostawcy { $number }: { $amount }
pur-card-open = Otwórz fakturę dostawcy
pur-card-attach = Dołącz fakturę dostawcy
pur-card-file = Plik (PDF, obraz lub dokument biurowy)
pur-card-number = Numer faktury
pur-card-amount = Kwota
pur-card-currency = Waluta
pur-card-override = Wystaw fakturę klientowi bez niej
pur-card-reason = Powód (zostanie zapisany)
pur-card-overridden = Klientowi można wystawić fakturę bez niej (zezwolono { $date }): { $reason }
pur-card-paid = Oznacz dostawcę jako opłaconego
pur-card-paid-on = Opłacono { $date }
pur-card-waiting = Faktura dla klienta czeka na fakturę tego dostawcy.
pur-done-requested = Poproszono dostawcę o fakturę.
pur-done-attached = Faktura dostawcy została dołączona.
pur-done-overridden = Wyjątek zapisany: można wystawić fakturę klientowi.
pur-done-paid = Dostawca oznaczony jako opłacony.
pur-err-supplier = Katalog nie podaje dostawcy dla niektórych pozycji: wpisz dostawcę.
pur-err-file = Wybierz plik faktury dostawcy: PDF, obraz lub dokument biurowy do 10 MB.
pur-err-invoice = Sprawdź numer faktury, kwotę (np. 900.00) i walutę (np. PLN).
pur-err-reason = Podaj, dlaczego faktura dla klienta może wyjść bez faktury dostawcy.
pur-err-conflict = Teraz nie da się tego zrobić: zakup jest już na dalszym etapie. Odśwież kartę.

## Karta faktur
pur-invoice-refused = Faktura dla klienta czeka na fakturę dostawcy: dołącz ją w sekcji Dostawca albo poproś kierownika o wyjątek.
pur-invoice-attached = Dołączono fakturę dostawcy { $number }
