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
