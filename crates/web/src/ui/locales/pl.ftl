# Pronto's web UI: Polish.
app-name = Pronto
nav-inbox = Skrzynka
nav-tasks = Moje zadania
nav-logout = Wyloguj
language = Język
sign-in = Zaloguj się
sign-in-title = Zaloguj się do Pronto
login = Login
password = Hasło
wrong-login = Nieprawidłowy login lub hasło.
too-many-attempts = Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.
inbox = Skrzynka
inbox-hint = Najpierw nowe i nieprzypisane zapytania; lista odświeża się sama, gdy przychodzi zapytanie.
search = Szukaj
search-placeholder = Imię, telefon, e-mail, firma, tekst
filter = Filtruj
all-channels = Wszystkie kanały
all-stages = Wszystkie etapy
any-owner = Dowolny
unassigned = Nieprzypisane
mine = Moje
age = Wiek
received = Otrzymano
channel = Kanał
stage = Etap
owner = Opiekun
contact = Kontakt
subject = Temat
no-leads = Brak pasujących zapytań.
new-lead-arrived = Nowe zapytanie
tasks = Moje zadania
overdue = Zaległe
due-now = Teraz
today = Dzisiaj
later = Później
no-tasks = Nic do zrobienia. Dobra robota.
due = Termin
script = Skrypt
outcome-reached = Połączono
outcome-no_answer = Nie odbiera
outcome-busy = Zajęte
outcome-failed = Nieudane
outcome-done = Gotowe
complete = Zakończ
lead = Zapytanie
lead-card = Zapytanie { $v }
timeline = Historia
earlier-inquiries = Wcześniejsze zapytania
company = Firma
phone = Telefon
email = E-mail
message = Wiadomość
log-call = Zapisz rozmowę
direction-in = Przychodzące
direction-out = Wychodzące
add-note = Dodaj notatkę
note = Notatka
send-email = Wyślij e-mail
email-text = Treść
send = Wyślij
assign = Przypisz
change-stage = Zmień etap
save = Zapisz
open-tasks = Otwarte zadania
emails = E-maile
status = Status
call = Zadzwoń
overdue-count = { $n ->
    [one] { $n } zaległe zadanie
    [few] { $n } zaległe zadania
    [many] { $n } zaległych zadań
   *[other] { $n } zaległego zadania
}
minutes-left = { $n ->
    [one] Została { $n } minuta
    [few] Zostały { $n } minuty
    [many] Zostało { $n } minut
   *[other] Zostało { $n } minuty
}
saved = Zapisano.
not-found = Nie znaleziono.
forbidden = Nie masz uprawnień do tej czynności.
error = Coś poszło nie tak.
nav-board = Tablica
nav-contacts = Kontakty
more-leads = { $n ->
    [one] i { $n } więcej
    [few] i { $n } więcej
    [many] i { $n } więcej
   *[other] i { $n } więcej
}
contacts = Kontakty
companies = Firmy
merge = Scal
merge-into = Scal z
merge-hint = Dwa rekordy tej samej osoby: wybierz, który zostaje; zapytania, numery i e-maile drugiego przejdą do niego.
leads-count = { $n ->
    [one] { $n } zapytanie
    [few] { $n } zapytania
    [many] { $n } zapytań
   *[other] { $n } zapytania
}
merged = Scalono.
nav-admin = Administracja
users = Użytkownicy
name = Imię i nazwisko
role = Rola
presence = Obecność
hours = Własne godziny pracy
add-user = Dodaj użytkownika
web-forms = Formularze www
delivery = Dostarczanie
telephony = Centrala telefoniczna
send-test-sms = Wyślij testowy SMS na
send-test-email = Wyślij testowy e-mail na
mailboxes = Skrzynki pocztowe
test-connection = Sprawdź połączenie
playbooks = Procedury
diagram = Schemat
playbook-toml = Procedura (TOML) do sprawdzenia lub wgrania
check = Sprawdź
upload = Wgraj jako nową wersję
webhooks = Webhooki
delete = Usuń
events = Zdarzenia
any-age = Dowolny wiek
age-1h = Ostatnia godzina
age-24h = Ostatnie 24 godziny
age-7d = Ostatnie 7 dni
callback-at = Oddzwonić o
create-task = Utwórz zadanie
account = Twoje konto
change-password = Zmień hasło
current-password = Obecne hasło
new-password = Nowe hasło
wrong-password = Obecne hasło jest nieprawidłowe.
password-changed = Hasło zmienione; pozostałe sesje zakończone.
send-test-event = Wyślij podpisane zdarzenie testowe
# Raporty
nav-reports = Raporty
reports = Raporty
rep-from = Od
rep-to = Do
rep-group-by = Grupuj według
rep-playbook = Procedura
rep-time = Czas reakcji liczony w
rep-time-wall = Czasie zegarowym
rep-time-business = Godzinach pracy
rep-show = Pokaż
rep-presets = Okresy
rep-this-week = Ten tydzień
rep-last-30-days = Ostatnie 30 dni
rep-this-year = Ten rok
rep-bad-query = Nie można pokazać raportu:
rep-dim-channel = Kanał
rep-dim-owner = Opiekun
rep-dim-source = Źródło
rep-dim-segment = Segment (B2B/B2C)
rep-dim-hour = Godzina
rep-dim-weekday = Dzień tygodnia
rep-dim-playbook = Procedura
rep-dim-all = Wszystko
rep-channel-web = Strona WWW
rep-channel-email = E-mail
rep-channel-phone = Telefon
rep-channel-in_person = Osobiście
rep-channel-api = API
rep-weekday-1 = Poniedziałek
rep-weekday-2 = Wtorek
rep-weekday-3 = Środa
rep-weekday-4 = Czwartek
rep-weekday-5 = Piątek
rep-weekday-6 = Sobota
rep-weekday-7 = Niedziela
rep-no-source = Bez źródła
rep-segment-unknown = Nieznany
rep-unit-s = s
rep-unit-min = min
rep-unit-h = godz.
rep-unit-d = dni
rep-total = Razem
rep-no-data = Brak zapytań w tym okresie.
rep-download = Pobierz:
rep-response = Czas reakcji
rep-chart-distribution = Obsłużone zapytania według czasu reakcji
rep-chart-median = Mediana czasu reakcji
rep-leads = Zapytania
rep-responded = Z odpowiedzią
rep-median = Mediana
rep-p90 = 90. percentyl
rep-within-5-min = Do 5 min
rep-within-1-hour = Do 1 godziny
rep-within-24-hours = Do 24 godzin
rep-never = Nigdy
rep-exact = Percentyle są dokładne, obliczone ze wszystkich zapytań.
rep-interpolated = Percentyle są interpolowane w przedziałach czasu reakcji (w przybliżeniu).
rep-funnel = Lejek
rep-chart-funnel = Zapytania, które dotarły do każdego etapu
rep-chart-attempts = Próby połączenia na zapytanie
rep-reached = Dotarło
rep-share = Udział
rep-mean-in-stage = Średni czas w etapie
rep-won = Wygrane
rep-lost = Utracone
rep-open = Otwarte
rep-conversion = Konwersja
rep-calls = { $n ->
    [one] { $n } połączenie
    [few] { $n } połączenia
    [many] { $n } połączeń
   *[other] { $n } połączenia
}
rep-calls-more = 4 połączenia i więcej
rep-attempts-most = Najwięcej zapytań: { $v }
rep-trend = Tydzień po tygodniu
rep-chart-trend-leads = Zapytania w tygodniu
rep-chart-trend-median = Mediana czasu reakcji w tygodniu
rep-trend-note = Tygodnie zaczynają się w poniedziałek; mediana jest interpolowana w przedziałach czasu reakcji.
rep-week = Tydzień
rep-sla = Dotrzymanie SLA
rep-chart-sla = Dotrzymanie według SLA
rep-sla-name = SLA
rep-met = Dotrzymane
rep-breached = Naruszone
rep-compliance = Dotrzymanie
rep-at-risk = Zagrożone teraz
rep-breach-at = Naruszenie o
rep-none-at-risk = Żadne zapytanie nie jest teraz zagrożone.
rep-feedback = Opinie klientów
rep-chart-complaints = Zapytania ze skargami według opiekuna
rep-quality-positive = Rozmowa kontrolna pozytywna
rep-quality-negative = Rozmowa kontrolna negatywna
rep-complaints = Skargi
rep-leads-with-complaints = Zapytania ze skargami
rep-drill-title = Zapytania za liczbą
rep-leads-shown = { $n ->
    [one] { $n } zapytanie
    [few] { $n } zapytania
    [many] { $n } zapytań
   *[other] { $n } zapytania
}
rep-response-time = Czas reakcji
rep-not-answered = Bez odpowiedzi
rep-next-page = Następna strona
rep-back = Powrót do raportów
rep-status-open = Otwarte
rep-status-won = Wygrane
rep-status-lost = Utracone
rep-figure-leads = Wszystkie zapytania
rep-figure-responded = Zapytania z odpowiedzią
rep-figure-never = Nigdy bez odpowiedzi
rep-figure-within_5_min = Z odpowiedzią do 5 minut
rep-figure-within_1_hour = Z odpowiedzią do 1 godziny
rep-figure-within_24_hours = Z odpowiedzią do 24 godzin
rep-figure-won = Wygrane
rep-figure-lost = Utracone
rep-figure-open = Wciąż otwarte
rep-figure-complaints = Zapytania ze skargami
rep-figure-quality_positive = Rozmowa kontrolna pozytywna
rep-figure-quality_negative = Rozmowa kontrolna negatywna
rep-figure-bucket = Z odpowiedzią w { $v }
rep-figure-reached = Dotarły do etapu { $v }
rep-figure-attempts = Próby połączenia: { $v }
rep-figure-sla-met = SLA dotrzymane: { $v }
rep-figure-sla-breached = SLA przekroczone: { $v }
# Dziennik audytu i odmowy
audit = Dziennik audytu
audit-hint = Kto się zalogował, czego odmówiono, kto zmieniał użytkowników, tokeny i ustawienia oraz kto otwierał dokumenty klientów. Najnowsze na górze; niczego tu nie można zmienić ani usunąć.
audit-who = Kto
audit-what = Co
audit-when = Kiedy
audit-target = Czego dotyczy
audit-ip = Adres
audit-detail = Szczegóły
audit-anyone = Ktokolwiek
audit-anything = Cokolwiek
audit-empty = Nic zapisanego nie pasuje.
audit-older = Starsze wpisy
audit-unknown = Nieznany
audit-bad-filter = Nie można użyć filtra:
audit-sign_in-ok = Zalogowanie
audit-sign_in-failed = Nieudane logowanie
audit-sign_out = Wylogowanie
audit-access-denied = Odmowa
audit-user-created = Dodano użytkownika
audit-user-changed = Zmieniono użytkownika
audit-user-password_changed = Zmieniono hasło
audit-user-password_reset = Hasło zresetowane przez administratora
audit-token-created = Wydano token API
audit-token-revoked = Token API unieważniony
audit-messages-set = Zmieniono tekst wiadomości
audit-messages-reset = Przywrócono tekst wiadomości
audit-forms-saved = Zapisano formularz
audit-forms-deleted = Usunięto formularz
audit-playbook-loaded = Wczytano playbook
audit-webhook-created = Dodano webhook
audit-webhook-deleted = Usunięto webhook
audit-mailbox-tested = Test skrzynki
audit-delivery-tested = Wysłano wiadomość testową
audit-link-revoked = Unieważniono link klienta
audit-document-read = Otwarto dokument klienta
audit-attachment-read = Otwarto załącznik e-maila
audit-lead-stage_override = Obejście etapów
denied-title = Niedozwolone
denied-back = Wstecz
denied-deal = Przesunąć zapytanie do transakcji lub zamknąć je jako wygrane mogą konsultanci, specjaliści, koordynatorzy, menedżerowie i administratorzy; przekaż je.
denied-email = Do klienta z adresu firmy pisze tylko właściciel zapytania, osoba z otwartym zadaniem przy nim, menedżer lub administrator.
denied-documents = Dokumenty klienta otwiera tylko właściciel zapytania, menedżer lub administrator.
denied-revoke = Link klienta unieważnia tylko właściciel zapytania, menedżer lub administrator.
error-title-not-found = Nie znaleziono
error-not-found = Nic tu nie ma: mogło zostać usunięte lub scalone, albo adres zawiera literówkę.
error-title-invalid = Sprawdź, co zostało wpisane
error-invalid = Części wysłanych danych nie można użyć:
error-title-conflict = Teraz to niemożliwe
error-conflict = Rekordy zmieniły się w międzyczasie, więc nie da się tego zrobić tak, jak poproszono:
error-title-wait = Zbyt wiele prób
error-wait = Spróbuj ponownie za { $seconds } s.
error-title-unavailable = Chwilowo niedostępne
error-unavailable = Dane są teraz nieosiągalne. Spróbuj ponownie za minutę.
error-title-internal = Coś poszło nie tak
error-internal = Serwer zawiódł; szczegóły są w jego logu. Jeśli to się powtórzy, powiadom administratora.
documents-restricted = { $n ->
    [one] Klient przesłał { $n } dokument; otwiera go tylko właściciel, menedżerowie i administratorzy.
    [few] Klient przesłał { $n } dokumenty; otwierają je tylko właściciel, menedżerowie i administratorzy.
   *[other] Klient przesłał { $n } dokumentów; otwierają je tylko właściciel, menedżerowie i administratorzy.
}

# accounts: the user lifecycle and sign-in hardening
account-state = Konto
user-active = Aktywne
user-inactive = Dezaktywowane
deactivate = Dezaktywuj
reactivate = Aktywuj ponownie
change-role = Zmień rolę
reset-password = Zresetuj hasło
tokens = Tokeny API
token-name = Nazwa
created = Utworzono
last-used = Ostatnio użyty
expires = Wygasa
expired = wygasł
never = nigdy
revoke = Unieważnij
no-tokens = Brak tokenów API.
user-deactivated = { $name } nie może się już zalogować: zakończone sesje { $sessions }, unieważnione tokeny API { $tokens }. Otwarte zadania ({ $tasks }) i otwarte zapytania ({ $leads }) wróciły do procesu; nowego właściciela ma już { $reassigned } zapytań, pozostałe czekają na następną dostępną osobę.
user-reactivated = { $name } może znów się zalogować. Tokeny unieważnione przy dezaktywacji pozostają unieważnione; w razie potrzeby wydaj nowe.
role-changed = { $name } ma teraz rolę { $role }; obowiązuje od następnego żądania.
password-reset = Tymczasowe hasło użytkownika { $name } (pokazane tylko teraz): { $password } — przy następnym logowaniu musi wybrać własne. Jego sesje zakończono; tokeny API nadal działają.
token-revoked = Token „{ $token }” użytkownika { $name } już nie działa.
must-change-password = Administrator zresetował Twoje hasło. Aby kontynuować, wybierz własne.
revoke-tokens = Unieważnij też wszystkie moje tokeny API
password-changed-tokens = Hasło zmienione. Pozostałe sesje zakończono ({ $sessions }); unieważnione tokeny API: { $tokens }.
password-changed-kept = Hasło zmienione. Pozostałe sesje zakończono ({ $sessions }); Twoje tokeny API nadal działają.
too-many-for-account = Zbyt wiele błędnych haseł dla tego konta. Spróbuj ponownie za { $seconds } s.
password-rules = Co najmniej 12 znaków; nie popularne hasło ani Twój login czy imię. Dobrze sprawdza się kilka niezwiązanych słów.
confirm-deactivate = Dezaktywować { $name }? Sesje i tokeny API przestaną działać od razu, a otwarta praca wróci do procesu.
confirm-reset = Zresetować hasło { $name }? Sesje się zakończą, a przy następnym logowaniu trzeba będzie wybrać nowe hasło.
