# Pronto: własna strona klienta (/t/…) i opublikowany proces (/process/…), polski.
# Również kilka słów o niej potrzebnych na ekranach zespołu. Klucze zaczynają się od `c-`.

c-page-title = Państwa zapytanie
c-hello = Dzień dobry, { $name },
c-hello-anon = Dzień dobry,
c-intro = Na tej stronie widać, jak postępuje Państwa zapytanie: kroki naszego procesu, obecny etap i to, co nastąpi dalej.
c-received = Otrzymane { $when }
c-language = Język

# Kto opiekuje się klientem.
c-who = Państwa opiekun: { $name }, { $role }
c-who-role = Państwa opiekun: nasz { $role }

# Czy sprawa mieści się w naszym standardowym czasie.
c-on-time = Państwa zapytanie jest realizowane w terminie.
c-late = Ten etap trwa dłużej niż nasz standardowy czas. Zajmujemy się tym; mogą Państwo również napisać do nas poniżej.
c-closed-won = Gotowe: dziękujemy za zaufanie.
c-closed-lost = To zapytanie zostało zamknięte.
c-next = Następny krok: { $step }
c-next-within = Nasz standardowy czas: { $duration }
c-next-by = Przewidywany termin: do { $when }
c-next-depends = Następny krok rozpocznie się, gdy otrzymamy od Państwa odpowiedź.

# Kroki.
c-steps = Kroki
c-step-done = zakończony
c-step-current = obecny etap
c-step-ahead = przed nami
c-generic-received = Otrzymane
c-generic-received-desc = Mamy Państwa zapytanie i zajmuje się nim konkretna osoba.
c-generic-in_progress = W realizacji
c-generic-in_progress-desc = Pracujemy nad Państwa zapytaniem.
c-generic-done = Zakończone
c-generic-done-desc = Państwa zapytanie zostało zrealizowane.
c-generic-closed = Zamknięte
c-generic-closed-desc = To zapytanie zostało zamknięte.

# Standardowe czasy.
c-within-minutes = { $n ->
    [one] w ciągu { $n } minuty
    [few] w ciągu { $n } minut
    [many] w ciągu { $n } minut
   *[other] w ciągu { $n } minuty
}
c-within-working-minutes = { $n ->
    [one] w ciągu { $n } minuty roboczej
    [few] w ciągu { $n } minut roboczych
    [many] w ciągu { $n } minut roboczych
   *[other] w ciągu { $n } minuty roboczej
}
c-within-hours = { $n ->
    [one] w ciągu { $n } godziny
    [few] w ciągu { $n } godzin
    [many] w ciągu { $n } godzin
   *[other] w ciągu { $n } godziny
}
c-within-working-hours = { $n ->
    [one] w ciągu { $n } godziny roboczej
    [few] w ciągu { $n } godzin roboczych
    [many] w ciągu { $n } godzin roboczych
   *[other] w ciągu { $n } godziny roboczej
}
c-within-days = { $n ->
    [one] w ciągu { $n } dnia
    [few] w ciągu { $n } dni
    [many] w ciągu { $n } dni
   *[other] w ciągu { $n } dnia
}
c-within-working-days = { $n ->
    [one] w ciągu { $n } dnia roboczego
    [few] w ciągu { $n } dni roboczych
    [many] w ciągu { $n } dni roboczych
   *[other] w ciągu { $n } dnia roboczego
}

# Role, tak jak czyta je klient (w mianowniku: zdania poniżej tak ich używają).
c-role-admin = administrator
c-role-manager = menedżer sprzedaży
c-role-consultant = konsultant
c-role-specialist = specjalista
c-role-coordinator = koordynator
c-role-secretary = sekretariat

# Co się wydarzyło, słowami klienta. `$role` to już słowo z listy powyżej.
c-history = Co się wydarzyło
c-history-empty = Na razie nic.
c-h-received = Otrzymaliśmy Państwa zapytanie ({ $channel })
c-h-assigned = Państwa zapytaniem zajęła się osoba z naszego zespołu
c-h-step = Osiągnięty etap: { $step }
c-h-called = Dzwonił do Państwa nasz { $role }
c-h-called-anon = Dzwoniliśmy do Państwa
c-h-tried = Nasz { $role } próbował się do Państwa dodzwonić
c-h-tried-anon = Próbowaliśmy się do Państwa dodzwonić
c-h-you-called = Zadzwonili Państwo do nas
c-h-emailed = Nasz { $role } wysłał do Państwa e-mail
c-h-emailed-anon = Wysłaliśmy do Państwa e-mail
c-h-you-emailed = Napisali Państwo do nas e-mail
c-h-texted = Wysłaliśmy do Państwa SMS
c-h-met = Nasz { $role } spotkał się z Państwem
c-h-met-anon = Spotkali się Państwo z nami
c-h-you-wrote = Napisali Państwo:
c-h-you-asked-callback = Poprosili Państwo o oddzwonienie { $when }
c-h-you-sent = Przesłali Państwo dokument { $name }

# Kanały.
c-channel-web = formularz na stronie
c-channel-email = e-mail
c-channel-phone = telefon
c-channel-in_person = osobiście
c-channel-api = online

# Dni i miesiące, dla „wt. 24 lis 10:02”.
c-day-1 = pon.
c-day-2 = wt.
c-day-3 = śr.
c-day-4 = czw.
c-day-5 = pt.
c-day-6 = sob.
c-day-7 = niedz.
c-month-1 = sty
c-month-2 = lut
c-month-3 = mar
c-month-4 = kwi
c-month-5 = maj
c-month-6 = cze
c-month-7 = lip
c-month-8 = sie
c-month-9 = wrz
c-month-10 = paź
c-month-11 = lis
c-month-12 = gru
c-datetime = { $day } { $d } { $month } { $time }

# Co klient może zrobić.
c-write = Wiadomość do nas
c-message-label = Treść wiadomości
c-message-send = Wyślij wiadomość
c-callback = Proszę o telefon
c-callback-when = Kiedy
c-callback-note = Uwagi (opcjonalnie)
c-callback-send = Wyślij prośbę o telefon
c-upload = Przesłanie dokumentu
c-upload-help = Na przykład dane firmy lub dane potrzebne do dostawy. PDF, obraz, Word, Excel, OpenDocument lub tekst, maksymalnie { $mb } MB. Dokumenty są przechowywane w postaci zaszyfrowanej.
c-upload-file = Dokument
c-upload-send = Wyślij dokument
c-sent-message = Dziękujemy: Państwa wiadomość została przekazana.
c-sent-callback = Dziękujemy: oddzwonimy w wybranym przez Państwa terminie.
c-sent-document = Dziękujemy: Państwa dokument został przyjęty.
c-error-message = Prosimy wpisać wiadomość (maksymalnie { $n } znaków).
c-error-callback-time = Prosimy wybrać termin w przyszłości, w ciągu najbliższych 30 dni.
c-error-file-missing = Prosimy wybrać plik.
c-error-file-size = Plik jest za duży: maksymalnie { $mb } MB.
c-error-file-type = Ten rodzaj pliku nie jest akceptowany: prosimy przesłać PDF, obraz, Word, Excel, OpenDocument lub plik tekstowy.
c-error-too-many = Zbyt wiele żądań; prosimy spróbować ponownie za minutę.
c-private = Ta strona jest prywatna: może ją zobaczyć każdy, kto ma jej link, dlatego prosimy nikomu go nie udostępniać.

# Opublikowany proces.
c-process-title = Czego mogą Państwo od nas oczekiwać
c-process-intro = Każde zapytanie przechodzi przez te kroki. Podane czasy to nasze standardy; liczy się czas pracy, czyli od poniedziałku do piątku w godzinach pracy biura.
c-process-who = Kto: nasz { $role }
c-process-then = Następnie: { $duration }

# Strona, która nie istnieje (błędny, zastąpiony lub wygasły link).
c-not-found-title = Ta strona nie istnieje
c-not-found-text = Link jest nieprawidłowy: mógł wygasnąć lub zostać zastąpiony. Prosimy o kontakt, a wyślemy nowy.

# Ekrany zespołu.
c-team-page = Strona klienta
c-team-page-help = Tutaj klient śledzi swoje zapytanie. Unieważnij link, jeśli trafił do niewłaściwej osoby: zostanie utworzony nowy, a stary przestanie działać.
c-team-revoke = Unieważnij link
c-team-documents = Dokumenty od klienta
