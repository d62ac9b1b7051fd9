# Słowa obszaru dostaw i reklamacji (issue 21, punkty 5 i 6).

## Na osi czasu
words-ev-delivery-planned = { $who } zaplanował(a) dostawę na { $date }.
words-ev-delivery-planned-driver = { $who } zaplanował(a) dostawę na { $date } z kierowcą { $driver }.
words-ev-delivery-pack-ready = Dokumenty dla kierowcy na { $date } są gotowe.
words-ev-delivery-done = { $who } odnotował(a) dostarczenie towaru { $at }.
words-ev-complaint-recorded = { $who } zapisał(a) reklamację klienta dla kierownictwa.
words-ev-complaint-resolved = { $who } rozpatrzył(a) reklamację klienta.

## Karta zgłoszenia
dlv-card-title = Dostawa
dlv-none = Dostawa nie jest jeszcze zaplanowana.
dlv-date = Dzień dostawy
dlv-address = Adres
dlv-driver = Kierowca (opcjonalnie)
dlv-driver-name = Kierowca
dlv-plan = Zaplanuj dostawę
dlv-status-planned = zaplanowana
dlv-status-pack_ready = dokumenty gotowe
dlv-status-delivered = dostarczona
dlv-pack-at = Dokumenty dla kierowcy zostaną wydrukowane { $at }.
dlv-delivered-at = Dostarczono { $at }.
dlv-doc-invoice = Faktura
dlv-doc-vat_invoice = Faktura VAT
dlv-doc-delivery_note = Dowód dostawy
dlv-mark-delivered = Oznacz jako dostarczone
dlv-day-link = Strona kierowcy na { $date }
dlv-flash-planned = Dostawa jest zaplanowana.
dlv-flash-delivered = Towar odnotowano jako dostarczony.
dlv-err-date = Wybierz dzień dostawy: dziś lub później.
dlv-err-address = Wpisz adres dostawy.
dlv-err-driver = Imię kierowcy to jeden wiersz do 200 znaków.
dlv-err-delivered = Ta dostawa jest już odnotowana jako dostarczona.

## Strona kierowcy
dlv-day-title = Dostawy w dniu { $date }
dlv-day-nav = Dostawy
dlv-day-empty = Brak dostaw w tym dniu.
dlv-day-pick = Dzień
dlv-day-show = Pokaż
dlv-print = Drukuj
dlv-customer = Klient
dlv-phone = Telefon
dlv-documents = Dokumenty
dlv-status = Stan
dlv-err-day = To nie jest dzień: wybierz go w kalendarzu.

## Reklamacje
cmp-title = Reklamacje
cmp-nav = Reklamacje
cmp-intro = Reklamacje z negatywnych rozmów o jakości, najnowsze na górze.
cmp-empty = Brak reklamacji.
cmp-status = Stan
cmp-all = Wszystkie
cmp-status-open = Otwarta
cmp-status-resolved = Rozpatrzona
cmp-from = Od
cmp-to = Do
cmp-show = Pokaż
cmp-date = Data
cmp-customer = Klient
cmp-owner = Handlowiec
cmp-channel = Kanał
cmp-text = Reklamacja
cmp-resolution = Rozstrzygnięcie
cmp-resolve = Rozpatrz
cmp-resolve-note = Jak ją rozpatrzono
cmp-resolved-at = Rozpatrzono { $at }: { $note }
cmp-export-csv = Pobierz CSV
cmp-export-xlsx = Pobierz Excel
cmp-flash-resolved = Reklamacja jest rozpatrzona.
cmp-err-note = Napisz, jak rozpatrzono reklamację.
cmp-err-filter = Sprawdź filtr: dzień zapisuje się RRRR-MM-DD.
cmp-nobody = nikt
cmp-complaint-note = Reklamacja klienta (wymagana przy negatywnej odpowiedzi)
