# Słowa obszaru words (pl): wartości ich nazwami i zdania osi czasu.

words-channel-web = Formularz na stronie
words-channel-email = E-mail
words-channel-phone = Telefon
words-channel-in_person = Osobiście
words-channel-api = API
words-channel-chat = Czat
words-channel-import = Import

words-status-open = Otwarte
words-status-won = Wygrane
words-status-lost = Utracone
words-status-junk = Niechciane

words-task-status-open = Otwarte
words-task-status-done = Wykonane
words-task-status-cancelled = Anulowane

words-role-admin = Administrator
words-role-manager = Menedżer
words-role-consultant = Konsultant
words-role-specialist = Specjalista
words-role-coordinator = Koordynator
words-role-secretary = Sekretarka

words-presence-available = Dostępny
words-presence-meeting = Na spotkaniu
words-presence-away = Nieobecny

words-direction-in = Przychodzące
words-direction-out = Wychodzące

words-priority-low = Niski
words-priority-normal = Zwykły
words-priority-high = Wysoki
words-priority-urgent = Pilny

words-outcome-reached = Połączono
words-outcome-no_answer = Nie odbiera
words-outcome-busy = Zajęte
words-outcome-failed = Połączenie nieudane
words-outcome-missed = Nieodebrane połączenie
words-outcome-transferred = Przełączono do menedżera
words-outcome-manager_busy = Menedżer zajęty
words-outcome-done = Gotowe

words-kind-call = Telefon
words-kind-email = E-mail
words-kind-meeting = Spotkanie
words-kind-todo = Zadanie

words-activity-call = rozmowa
words-activity-email = e-mail
words-activity-sms = SMS
words-activity-meeting = spotkanie
words-activity-note = notatka
words-activity-message = wiadomość od klienta
words-activity-callback = prośba o oddzwonienie
words-activity-document = dokument

words-call-ringing = Dzwoni
words-call-answered = Odebrano
words-call-missed = Nieodebrane
words-call-ended = Zakończone
words-call-transferred = Przełączone
words-call-returned = Wróciło z przełączenia
words-call-busy = Zajęte
words-call-failed = Nieudane

words-notify-sms = SMS
words-notify-email = e-mail
words-notify-in_app = w aplikacji
words-notify-webhook = webhook

words-language-en = angielski
words-language-cs = czeski
words-language-ru = rosyjski
words-language-pl = polski
words-language-he = hebrajski

words-field-subject = temat
words-field-message = wiadomość
words-field-product = produkt
words-field-source = źródło
words-field-postal_code = kod pocztowy
words-field-customer_type = typ klienta
words-field-language = język
words-field-value = wartość

words-seconds = { $s } s
words-minutes = { $m } min
words-minutes-seconds = { $m } min { $s } s

words-who-system = Pronto
words-someone = ktoś
words-nobody = nikt
words-the-customer = klient
words-to-the-customer = klienta
words-another-contact = inny kontakt
words-a-task = zadanie
words-open-tasks = otwarte zadania
words-later = później

words-by = { $what } ({ $who }).
words-ev-unknown = { $who }: { $what }.
words-ev-lead-received = { $who }: nowe zapytanie – { $channel }.
words-ev-lead-assigned = { $who }: zapytanie przekazane – { $owner }.
words-ev-lead-unassigned = { $who }: zapytanie nie ma już właściciela.
words-ev-lead-first-response = Klient otrzymał pierwszą odpowiedź.
words-ev-lead-stage-changed = { $who }: zapytanie przeniesione do etapu „{ $to }”.
words-ev-lead-status-changed = { $who }: status zapytania to „{ $to }”.
words-ev-lead-updated = { $who }: zmiana zapytania – { $fields }.
words-ev-tracking-revoked = { $who }: nowy link do strony klienta; stary już nie działa.
words-ev-activity-logged = { $who }: zapisano – { $what }.
words-ev-activity-logged-detail = { $who }: { $what } – { $detail }.
words-ev-task-created = { $who }: nowe zadanie „{ $task }” dla { $assignee }, termin { $at }.
words-ev-task-created-queue = { $who }: nowe zadanie „{ $task }”, termin { $at }.
words-ev-task-rescheduled = { $who }: zadanie „{ $task }” przesunięte na { $at }.
words-ev-task-completed = { $who }: zadanie „{ $task }” wykonane – { $outcome }.
words-ev-task-cancelled = { $who }: „{ $task }” zamknięte, nie jest już potrzebne.
words-ev-task-reassigned = { $who }: zadanie „{ $task }” przekazane – { $to }.
words-ev-task-retry = { $who }: próba { $attempt } – „{ $task }”.
words-ev-task-retry-scheduled = { $who }: zaplanowano próbę { $attempt } – „{ $task }”. Następna próba o { $at }.
words-ev-task-retries-exhausted = „{ $task }”: wykorzystano wszystkie próby ({ $n }).
words-ev-playbook-rule = { $who }: zastosowano regułę procesu „{ $rule }”.
words-ev-playbook-loop = { $who }: zatrzymano reguły, które wywoływały się nawzajem.
words-ev-playbook-loaded = { $who }: wczytano wersję { $version } procesu „{ $name }”.
words-ev-sla-started = Termin „{ $sla }” biegnie: do { $at }.
words-ev-sla-warning = Termin „{ $sla }” zaraz minie, o { $at }.
words-ev-sla-warning-soon = Termin „{ $sla }” zaraz minie.
words-ev-sla-breached = Termin „{ $sla }” nie został dotrzymany.
words-ev-sla-met = Termin „{ $sla }” został dotrzymany.
words-ev-escalation-step = { $who }: powiadomiono – { $to } ({ $channel }), krok eskalacji { $step }.
words-ev-escalation-skipped = { $who }: pominięto krok eskalacji { $step }, nie było kogo powiadomić.
words-ev-escalation-stopped = Eskalacja zakończona.
words-ev-assignment-failed = { $who }: nikt wolny nie przejął zapytania.
words-ev-timer-fired = Czas oczekiwania minął ({ $at }).
words-ev-notification-queued = { $who }: powiadomienie dla { $to } w kolejce ({ $channel }).
words-ev-notification-skipped = Powiadomienie nie zostało wysłane: nie było do kogo.
words-ev-notification-held = Powiadomienie dla { $to } czeka: poza pracą.
words-ev-notification-redirected = Powiadomienie dla { $to } trafiło do zastępcy.
words-ev-notification-deferred = Powiadomienie dla { $to } czeka do { $at }.
words-ev-notification-sent = Powiadomienie dla { $to } wysłane ({ $channel }).
words-ev-notification-delivered = Powiadomienie dla { $to } doręczone ({ $channel }).
words-ev-notification-retrying = Nie udało się wysłać powiadomienia dla { $to } ({ $channel }); kolejna próba o { $at }.
words-ev-notification-failed = Nie udało się wysłać powiadomienia dla { $to } ({ $channel }).
words-ev-notification-requeued = { $who }: powiadomienie wysłane ponownie ({ $channel }).
words-ev-notification-test = { $who }: wiadomość testowa ({ $channel }).
words-ev-contact-possible-duplicate = Ten kontakt to być może ta sama osoba co { $other }.
words-ev-contact-merged = { $who }: kontakt { $other } scalony z { $contact }.
words-ev-contact-unmerged = { $who } cofnął(-ęła) scalenie: { $other } znów jest oddzielnie od { $contact }.
words-ev-contact-updated = { $who }: do kontaktu dodano numer { $phone }.
words-ev-customer-callback = Klient prosi o telefon o { $at }.
words-ev-customer-document = Klient przesłał dokument: { $file }.
words-ev-email-received = Przyszedł e-mail od { $from }: „{ $subject }”.
words-ev-email-ignored = E-mail od { $from } nie został przypisany.
words-ev-email-sent = { $who }: e-mail do { $to } – „{ $subject }”.
words-ev-email-queued = { $who }: e-mail do { $to } czeka na wysłanie: „{ $subject }”.
words-ev-customer-answered = { $who }: wiadomość klienta oznaczona jako odpowiedziana.
words-ev-mailbox-reset = Skrzynka { $mailbox } jest czytana od nowa.
words-ev-mailbox-failed = Nie można czytać skrzynki { $mailbox }.
words-ev-mailbox-recovered = Skrzynka { $mailbox } znowu działa.
words-ev-call-event = Centrala: { $what }.
words-ev-call-event-long = Centrala: { $what }, { $duration }.
words-ev-report-sent = { $who }: raport wysłany (odbiorców: { $n }).
words-ev-user-created = { $who }: nowy użytkownik { $user } – { $role }.
words-ev-user-presence = { $who }: { $user } – „{ $presence }”.
words-ev-user-updated = { $who }: zmiana ustawień – { $user }.
words-ev-user-role-changed = { $who }: { $user } ma rolę { $role }.
words-ev-user-deactivated = { $who }: konto { $user } wyłączone.
words-ev-user-reactivated = { $who }: konto { $user } włączone ponownie.
words-ev-user-password-changed = { $user }: zmiana hasła.
words-ev-user-password-reset = { $who }: hasło użytkownika { $user } zresetowane.
words-ev-session-started = { $user }: logowanie.
words-ev-token-created = { $who }: nowy klucz dostępu „{ $name }”.
words-ev-token-revoked = { $who }: klucz dostępu unieważniony.
words-ev-webhook-created = { $who }: dodano webhook.
words-ev-webhook-deleted = { $who }: usunięto webhook.
words-ev-message-changed = { $who }: zmieniono tekst wiadomości ({ $language }).
words-ev-message-reset = { $who }: przywrócono tekst wiadomości ({ $language }).

words-script = Scenariusz rozmowy
