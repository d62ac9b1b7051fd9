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

# editor
## Edytor ofert i wersje obok siebie na karcie zapytania
offers-ed-title = Oferta w wersji { $version } dla { $who }
offers-ed-intro = Pozycje z katalogu (wpisz kod lub nazwę) albo dowolny tekst. Sumy są liczone ponownie przy zapisie.
offers-ed-intro-version = Nowa wersja wypełniona na podstawie poprzedniej: zmień to, o co prosił klient. Poprzednia wersja zostaje i jest oznaczona jako zastąpiona.
offers-ed-back = ← Wróć do zapytania
offers-ed-errors = { $n ->
    [one] Popraw { $n } pole. Nic z wpisanego nie zginęło.
    [few] Popraw { $n } pola. Nic z wpisanego nie zginęło.
   *[other] Popraw { $n } pól. Nic z wpisanego nie zginęło.
}
offers-ed-lines = Pozycje
offers-ed-lines-hint = Puste pozycje są pomijane.
offers-ed-line-n = Pozycja { $v }
offers-ed-name = Pozycja (nazwa lub szukaj w katalogu)
offers-ed-sku = Kod towaru
offers-ed-quantity = Ilość
offers-ed-unit = Jednostka
offers-ed-unit_price = Cena jednostkowa
offers-ed-discount = Rabat %
offers-ed-vat_rate = VAT %
offers-ed-availability = U dostawcy
offers-ed-avail-unknown = nie sprawdzono
offers-ed-avail-in_stock = na stanie
offers-ed-avail-on_order = na zamówienie
offers-ed-avail-not_available = niedostępne
offers-ed-available_on = Termin dostawcy (na zamówienie)
offers-ed-remove = Usuń pozycję
offers-ed-add = Dodaj pozycję
offers-ed-totals = Sumy
offers-ed-totals-hint = Podgląd: dokładne sumy serwer liczy przy zapisie.
offers-ed-terms = Warunki
offers-ed-currency = Waluta
offers-ed-valid_until = Ważna do
offers-ed-delivery_date = Termin dostawy
offers-ed-cooperation = Przebieg współpracy
offers-ed-customer_provides = Co zapewnia klient
offers-ed-we_provide = Co robimy my
offers-ed-note = Uwaga
offers-ed-save = Zapisz jako szkic
offers-ed-save-hint = Nic nie trafi do klienta, dopóki nie wyślesz oferty.
offers-ed-err-sku = Brak towaru o tym kodzie. Wybierz z podpowiedzi albo podaj nazwę, cenę i stawkę VAT.
offers-ed-err-name = Podaj nazwę pozycji lub wybierz towar z katalogu.
offers-ed-err-quantity = Podaj ilość większą od 0, np. 2 lub 1,5.
offers-ed-err-unit = Podaj krótką jednostkę, np. szt. lub godz. (najwyżej 20 znaków).
offers-ed-err-unit_price = Podaj cenę jednostkową liczbą, np. 1250,50.
offers-ed-err-unit_price-currency = Cena towaru jest w innej walucie: podaj cenę w walucie oferty.
offers-ed-err-discount = Podaj rabat w procentach od 0 do 100.
offers-ed-err-vat_rate = Podaj stawkę VAT w procentach od 0 do 100, np. 23.
offers-ed-err-availability = Wybierz dostępność z listy.
offers-ed-err-available_on = Podaj termin dostawcy dla pozycji na zamówienie.
offers-ed-err-currency = Wybierz walutę z listy.
offers-ed-err-valid_until = Podaj ostatni dzień ważności: dziś lub później, najwyżej trzy lata naprzód.
offers-ed-err-delivery_date = Podaj termin dostawy od dziś.
offers-ed-err-cooperation = Tekst jest za długi (najwyżej 10 000 znaków).
offers-ed-err-customer_provides = Tekst jest za długi (najwyżej 10 000 znaków).
offers-ed-err-we_provide = Tekst jest za długi (najwyżej 10 000 znaków).
offers-ed-err-note = Tekst jest za długi (najwyżej 10 000 znaków).
offers-ed-err-items = Wypełnij co najmniej jedną pozycję (najwyżej 200).
offers-ed-err-form = Coś w formularzu się nie zgadza, sprawdź go.
offers-ed-saved = Oferta w wersji { $version } zapisana jako szkic. Wyślij ją klientowi, gdy będzie gotowa.
offers-ed-sent-email = Oferta w wersji { $version } wysłana klientowi e-mailem z linkiem do jego strony. Gdy ją przyjmie, odrzuci lub poprosi o zmiany, od razu się dowiesz.
offers-ed-sent-sms = Oferta w wersji { $version } wysłana klientowi SMS-em z linkiem do jego strony. Gdy ją przyjmie, odrzuci lub poprosi o zmiany, od razu się dowiesz.
offers-ed-sent-none = Oferta w wersji { $version } jest na stronie klienta; nie ma e-maila ani telefonu, przekaż mu link sam. Gdy zdecyduje, od razu się dowiesz.
offers-ed-none = Jeszcze nie ma oferty.
offers-ed-send = Wyślij klientowi
offers-ed-new-version = Nowa wersja
offers-ed-new = Nowa oferta
offers-cmp-title = Wersje obok siebie
offers-cmp-a = Wcześniejsza
offers-cmp-b = Późniejsza
offers-cmp-show = Porównaj
offers-cmp-added = dodano
offers-cmp-removed = usunięto
offers-cmp-changed = zmieniono
offers-cmp-f-name = nazwa
offers-cmp-f-quantity = ilość
offers-cmp-f-unit = jednostka
offers-cmp-f-unit_price = cena
offers-cmp-f-discount = rabat
offers-cmp-f-vat_rate = stawka VAT
offers-cmp-f-availability = dostępność
offers-cmp-f-cooperation = przebieg współpracy
offers-cmp-f-customer_provides = co zapewnia klient
offers-cmp-f-we_provide = co robimy my
offers-cmp-f-note = uwaga
offers-cmp-n-added = { $n ->
    [one] { $n } pozycja dodana
    [few] { $n } pozycje dodane
   *[other] { $n } pozycji dodanych
}
offers-cmp-n-removed = { $n ->
    [one] { $n } pozycja usunięta
    [few] { $n } pozycje usunięte
   *[other] { $n } pozycji usuniętych
}
offers-cmp-n-changed = { $n ->
    [one] { $n } pozycja zmieniona
    [few] { $n } pozycje zmienione
   *[other] { $n } pozycji zmienionych
}
offers-cmp-totals = sumy
offers-cmp-validity = ważność
offers-cmp-delivery = termin dostawy
offers-cmp-nothing = Między tymi wersjami nic się nie zmieniło.
offers-cmp-summary = Co się zmieniło: { $v }.

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Pobierz ofertę (PDF)
offers-card-pdf = PDF

# A playbook task's part in the offer (item 5): the editor opened from the task, the draft sent from it.
offers-task-editor = Otwórz edytor oferty
offers-task-new-version = Otwórz edytor: nowa wersja na podstawie wersji { $version }
offers-task-send = Wyślij klientowi wersję { $version }
offers-ed-saved-task = Wersja oferty { $version } zapisana, a Twoje zadanie jej przygotowania jest wykonane. Co dalej — w otwartych zadaniach poniżej.
offers-ed-completes-task = Zapisanie tej wersji zakończy Twoje zadanie „{ $task }”.
