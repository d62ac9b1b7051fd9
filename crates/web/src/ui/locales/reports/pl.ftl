# The reports area's words (pl).
reports-today = Dziś
reports-this-week = Ten tydzień
reports-this-month = Ten miesiąc
reports-last-month = Poprzedni miesiąc
reports-lead-n = Zapytanie { $v }
reports-when = Kiedy
reports-due-at = termin { $v }
reports-breached-at = naruszono { $v }
reports-sort-hint = Kliknij nagłówek kolumny, aby według niej sortować.
# offers
reports-offers = Oferty
reports-offers-leads-sent = Zapytania z ofertą
reports-offers-made = Utworzone oferty
reports-offers-sent = Wysłane
reports-offers-accepted = Przyjęte
reports-offers-declined = Odrzucone
reports-offers-changes = Prośba o zmiany
reports-offers-acceptance = Przyjęte z rozstrzygniętych
reports-offers-money = Wartość zaoferowana i wygrana (brutto)
reports-offers-offered-in = Zaoferowano { $v }
reports-offers-won-in = Wygrano { $v }
reports-offers-times = Czas do oferty i do decyzji
reports-offers-to-offer-median = Zapytanie → wysłana oferta, mediana
reports-offers-to-offer-p90 = Zapytanie → wysłana oferta, 90 %
reports-offers-to-decision-median = Oferta → decyzja, mediana
reports-offers-to-decision-p90 = Oferta → decyzja, 90 %
reports-offers-chart-accepted = Przyjęte oferty
reports-offers-note = Wartość zaoferowana liczy dla każdego zapytania ostatnią wysłaną ofertę (zmieniona oferta zastępuje poprzednią), wartość wygrana oferty przyjęte; brutto, według walut, bez przeliczania.
reports-offers-funnel-offered = Zaoferowano (brutto)
reports-offers-funnel-won = Wygrano (brutto)

# Pieniądze i raport sprzedaży (issue 21).
reports-money = Pieniądze: zafakturowano, zapłacono, do zapłaty
reports-money-chart = Wystawione faktury
reports-money-issued = Wystawione faktury
reports-money-paid = Opłacone w całości
reports-money-invoiced = Zafakturowano
reports-money-received = Otrzymano
reports-money-outstanding = Do zapłaty
reports-money-overdue = Po terminie
reports-money-overdue-invoices = Faktury po terminie
reports-money-none = W tym okresie nie wystawiono, nie opłacono ani nie pozostała do zapłaty żadna faktura.
reports-money-note = Zafakturowano: faktury wystawione w okresie. Otrzymano: płatności wprowadzone w okresie, do dowolnej faktury. Do zapłaty i po terminie: ile pozostało do zapłaty na koniec okresu. Każda waluta osobno, bez przeliczania.
reports-sales = Raport sprzedaży: kanał, handlowiec, opinie klientów
reports-sales-by-channel = Według kanału
reports-sales-by-owner = Według handlowca
reports-sales-compare = Ten okres i poprzedni
reports-sales-this-period = Ten okres
reports-sales-period-before = Poprzedni okres
reports-sales-note = Zapytania i ich wynik liczone są z zapytań otrzymanych w okresie; odpowiedzi z rozmów kontrolnych są ich. Reklamacje to te zarejestrowane w okresie: liczba otwiera je na stronie Reklamacje.
reports-sales-complaints = { $n ->
    [one] 1 reklamacja w tym okresie: kliknij liczbę, aby ją otworzyć.
    [few] { $n } reklamacje w tym okresie: kliknij liczbę, aby je otworzyć.
   *[other] { $n } reklamacji w tym okresie: kliknij liczbę, aby je otworzyć.
}
reports-sales-satisfied = Zadowoleni
reports-sales-dissatisfied = Niezadowoleni
