# The lists area's words (pl).
lists-late-nav = Opóźnione
lists-leads = Wszystkie zapytania
lists-all-leads = Wszystkie zapytania, także zamknięte
lists-leads-hint = Każde zapytanie, otwarte i zamknięte; filtruj, sortuj według dowolnej kolumny, działaj na kilku naraz.
lists-any-status = Dowolny status
lists-status-open = Otwarte
lists-status-won = Wygrane
lists-status-lost = Utracone
lists-status-junk = Śmieci
lists-select-page = Zaznacz wszystkie na tej stronie
lists-pages = Strony
lists-prev = ← Poprzednia
lists-next = Następna →
lists-range = { $first }–{ $last } z { $total }
lists-range-none = Żadne z { $total }
lists-bulk = Z zaznaczonymi
lists-bulk-selected = Z zaznaczonymi:
lists-bulk-assign = Przydziel
lists-bulk-move = Przenieś
lists-bulk-close = Zamknij
lists-inquiries = { $n ->
    [one] jedno zapytanie
    [few] { $n } zapytania
    [many] { $n } zapytań
   *[other] { $n } zapytania
}
lists-bulk-assign-q = Przydzielić { $leads } użytkownikowi { $to }?
lists-bulk-stage-q = Przenieść { $leads } do etapu „{ $to }”?
lists-bulk-close-q = Zamknąć { $leads } jako „{ $to }”?
lists-bulk-assign-yes = Tak, przydziel
lists-bulk-stage-yes = Tak, przenieś
lists-bulk-close-yes = Tak, zamknij
lists-bulk-assign-done = Przydzielono: { $n }
lists-bulk-stage-done = Przeniesiono: { $n }
lists-bulk-close-done = Zamknięto: { $n }
lists-bulk-refused = odmówiono: { $n }
lists-bulk-refused-list = Bez zmian
lists-back-to-list = Wróć do listy
lists-cancel = Anuluj
lists-bulk-none = Najpierw zaznacz co najmniej jedno zapytanie.
lists-bulk-too-many = Naraz najwyżej 500 zapytań.
lists-bulk-no-action = Wybierz, co z nimi zrobić.
lists-merge-col = Ta sama osoba?
lists-merge-hint = Ta sama osoba wpisana dwa razy? Przy jednym rekordzie wybierz „Scal…”, znajdź drugi, porównaj i wybierz, który zostaje. Scalenie można cofnąć przez dobę.
lists-merge-start = Scal…
lists-company-id = Numer firmy
lists-merge-title = Scal kontakty
lists-merge-compare-hint = Oba rekordy obok siebie. Ten, który zachowasz, zostaje; zapytania, telefony i e-maile drugiego przechodzą do niego.
lists-merge-keep = Zachowaj ten
lists-merge-what = Nic nie ginie: drugi rekord zostaje zachowany, a scalenie można cofnąć przez 24 godziny.
lists-merge-confirm = Scal je
lists-merge-other = Wybierz inny
lists-merge-find = Który rekord to także { $name }? Szukaj po nazwisku, telefonie lub e-mailu.
lists-merge-none = Żaden inny kontakt nie pasuje.
lists-merge-compare = Porównaj
lists-merged-title = Scalono
lists-merged = { $merged } scalono z { $kept }:
lists-unmerged-title = Scalenie cofnięte
lists-unmerged = { $kept } i { $merged } to znów dwa kontakty, każdy ze swoimi zapytaniami, telefonami i e-mailami.
lists-undo = Cofnij
lists-undo-until = Możesz cofnąć do { $until }, dopóki żaden z kontaktów się nie zmieni.
lists-back-to-contacts = Wróć do kontaktów
lists-moved-leads = { $n ->
    [one] przeniesiono jedno zapytanie
    [few] przeniesiono { $n } zapytania
    [many] przeniesiono { $n } zapytań
   *[other] przeniesiono { $n } zapytania
}
lists-moved-activities = { $n ->
    [one] jedna aktywność
    [few] { $n } aktywności
    [many] { $n } aktywności
   *[other] { $n } aktywności
}
lists-moved-identities = { $n ->
    [one] jeden telefon lub e-mail
    [few] { $n } telefony i e-maile
    [many] { $n } telefonów i e-maili
   *[other] { $n } telefonu i e-maila
}
lists-late-title = Co jest teraz opóźnione
lists-late-hint-all = Zaległe zadania i przekroczone lub zagrożone terminy wszystkich, najbardziej opóźnione najpierw.
lists-late-hint-mine = Twoje zaległe zadania i terminy oraz te, których nikt nie ma, najbardziej opóźnione najpierw.
lists-late-none = Nic nie jest opóźnione. Brawo.
lists-late-what = Co
lists-late-holder = Kto to ma
lists-late-how = Opóźnienie
lists-late-kind-task = Zadanie
lists-late-kind-breached = Przekroczone
lists-late-kind-at-risk = Zagrożone
lists-late-task = { $title }
lists-late-breached = { $title }
lists-late-at-risk = { $title }
lists-late-by = { $time } po terminie
lists-late-due-in = za { $time }
