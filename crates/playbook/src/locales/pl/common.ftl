# Pronto: nazwy kanałów używane w powiadomieniach (polski).

channel-web = strona www
channel-email = e-mail
channel-phone = telefon
channel-in_person = osobiście
channel-api = API
channel-chat = czat
channel-import = import

# Zaplanowane raporty dla zarządu.
report-secretary = Raport dzienny: zapytania i rozmowy
report-sales = Dzienny raport sprzedaży
report-monthly = Podsumowanie miesiąca
report-requests = Zapytania
report-new-customers = Nowi klienci, z których powstały zapytania
report-calls = Rozmowy
report-transfers = Przekazane handlowcom
report-moved-to = Przeniesione do etapu { $stage }, według kanału
report-unassigned = nieprzypisane
report-new-customer = nowy klient
report-sales-stages = Etapy sprzedaży
report-by-channel = Według kanału: zapytania, z odpowiedzią, mediana odpowiedzi, w 5 minut, wygrane, przegrane
report-minutes = { $n } min
report-origin-call-in = połączenie przychodzące
report-origin-call-out = połączenie wychodzące
report-invoices-issued = Wystawione faktury
report-invoices-paid = Faktury opłacone w całości
report-invoiced = Zafakturowano
report-received = Otrzymano
report-outstanding = Do zapłaty
report-overdue = po terminie { $amount } na { $n ->
    [one] 1 fakturze
   *[other] { $n } fakturach
}
report-money-by-origin = Pieniądze według połączeń i zapytań: faktury wystawione, opłacone, zafakturowano, otrzymano, do zapłaty
report-money-by-channel = Pieniądze według kanału: faktury wystawione, opłacone, zafakturowano, otrzymano, do zapłaty
report-money-by-representative = Pieniądze według handlowca: faktury wystawione, opłacone, zafakturowano, otrzymano, do zapłaty
report-sales-by-representative = Sprzedaż według handlowca: zapytania, wygrane, przegrane, rozmowy kontrolne pozytywne, negatywne, reklamacje
report-complaints = Reklamacje
report-compared = W porównaniu z poprzednim miesiącem (w nawiasie)
report-leads = Zapytania
report-won = Wygrane

# Nazwy wspólne dla wszystkich procesów: jak skończyła się rozmowa (przyciski zespołu i zgłoszenia centrali) oraz rodzaje zadań.
outcome-reached = Połączono
outcome-no_answer = Nie odbiera
outcome-busy = Zajęte
outcome-failed = Połączenie nieudane
outcome-missed = Nieodebrane połączenie
outcome-transferred = Przełączono do menedżera
outcome-manager_busy = Menedżer zajęty
outcome-done = Gotowe
outcome-sent = Wysłano klientowi
kind-call = Telefon
kind-email = E-mail
kind-meeting = Spotkanie
kind-todo = Zadanie

# Powiadomienie właściciela o decyzji klienta w sprawie oferty i notatka z zastrzeżeniami.
offer-alert-accept = { $who }: oferta { $version } ({ $amount }) przyjęta na stronie klienta. Lead { $lead } { $url }
offer-alert-decline = { $who }: oferta { $version } ({ $amount }) odrzucona na stronie klienta. Lead { $lead } { $url }
offer-alert-changes = { $who }: prośba o zmiany w ofercie { $version } ({ $amount }). Lead { $lead } { $url }
offer-alert-someone = Klient
offer-objections = Zamknięty jako utracony: klient odrzucił ofertę { $count } raz(y). Zastrzeżenia:
offer-objection = - wersja { $version }: { $note }
offer-no-reason = (bez podania powodu)

# Tajemniczy klient (issue 23).
canary-channel-form = formularz na stronie
canary-channel-mail = odbiór e-maili
canary-channel-call = centralę telefoniczną
canary-hop-sent = wysłanie testowego zapytania
canary-hop-registered = rejestracji
canary-hop-playbook = przejęciu przez proces
canary-hop-alert_accepted = powiadomieniu zespołu
canary-hop-closed = zamknięciu
canary-alert = Testowe zapytanie Pronto przez { $channel } nie powiodło się przy: { $hop }: { $error }. Zapytania tą drogą mogą nie docierać. Pronto spróbuje ponownie i da znać, gdy zadziała.
canary-recovered = Testowe zapytanie Pronto przez { $channel } znów działa.
