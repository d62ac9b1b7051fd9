# Slova oblasti words (cs): hodnoty jejich jmény a věty časové osy.

words-channel-web = Webový formulář
words-channel-email = E-mail
words-channel-phone = Telefon
words-channel-in_person = Osobně
words-channel-api = API
words-channel-chat = Chat
words-channel-import = Import

words-status-open = Otevřený
words-status-won = Získaný
words-status-lost = Ztracený
words-status-junk = Nevyžádaný

words-task-status-open = Otevřený
words-task-status-done = Hotový
words-task-status-cancelled = Zrušený

words-role-admin = Administrátor
words-role-manager = Manažer
words-role-consultant = Konzultant
words-role-specialist = Specialista
words-role-coordinator = Koordinátor
words-role-secretary = Sekretářka

words-presence-available = K dispozici
words-presence-meeting = Na schůzce
words-presence-away = Pryč

words-direction-in = Příchozí
words-direction-out = Odchozí

words-priority-low = Nízká
words-priority-normal = Běžná
words-priority-high = Vysoká
words-priority-urgent = Naléhavá

words-outcome-reached = Dovoláno
words-outcome-no_answer = Nebere
words-outcome-busy = Obsazeno
words-outcome-failed = Hovor se nezdařil
words-outcome-missed = Zmeškaný hovor
words-outcome-transferred = Přepojeno na manažera
words-outcome-manager_busy = Manažer má obsazeno
words-outcome-done = Hotovo

words-kind-call = Hovor
words-kind-email = E-mail
words-kind-meeting = Schůzka
words-kind-todo = Úkol

words-activity-call = hovor
words-activity-email = e-mail
words-activity-sms = SMS
words-activity-meeting = schůzka
words-activity-note = poznámka
words-activity-message = zpráva od zákazníka
words-activity-callback = žádost o zavolání
words-activity-document = dokument

words-call-ringing = Zvoní
words-call-answered = Přijato
words-call-missed = Zmeškáno
words-call-ended = Ukončeno
words-call-transferred = Přepojeno
words-call-returned = Vráceno z přepojení
words-call-busy = Obsazeno
words-call-failed = Nezdařilo se

words-notify-sms = SMS
words-notify-email = e-mail
words-notify-in_app = v aplikaci
words-notify-webhook = webhook

words-language-en = angličtina
words-language-cs = čeština
words-language-ru = ruština
words-language-pl = polština
words-language-he = hebrejština

words-field-subject = předmět
words-field-message = zpráva
words-field-product = produkt
words-field-source = zdroj
words-field-postal_code = PSČ
words-field-customer_type = typ zákazníka
words-field-language = jazyk
words-field-value = hodnota

words-seconds = { $s } s
words-minutes = { $m } min
words-minutes-seconds = { $m } min { $s } s

words-who-system = Pronto
words-someone = někdo
words-nobody = nikdo
words-the-customer = zákazník
words-to-the-customer = zákazníka
words-another-contact = jiný kontakt
words-a-task = úkol
words-open-tasks = otevřené úkoly
words-later = později

words-by = { $what } ({ $who }).
words-ev-unknown = { $who }: { $what }.
words-ev-lead-received = { $who }: nová poptávka – { $channel }.
words-ev-lead-assigned = { $who }: poptávku převzal(a) { $owner }.
words-ev-lead-unassigned = { $who }: poptávka už nemá vlastníka.
words-ev-lead-first-response = Zákazník dostal první odpověď.
words-ev-lead-stage-changed = { $who }: poptávka přesunuta do fáze „{ $to }“.
words-ev-lead-status-changed = { $who }: stav poptávky je „{ $to }“.
words-ev-lead-updated = { $who }: úprava poptávky – { $fields }.
words-ev-tracking-revoked = { $who }: nový odkaz na stránku zákazníka; starý už nefunguje.
words-ev-activity-logged = { $who }: zapsán(a) { $what }.
words-ev-activity-logged-detail = { $who }: { $what } – { $detail }.
words-ev-task-created = { $who }: nový úkol „{ $task }“ pro { $assignee }, termín { $at }.
words-ev-task-created-queue = { $who }: nový úkol „{ $task }“, termín { $at }.
words-ev-task-rescheduled = { $who }: úkol „{ $task }“ přesunut na { $at }.
words-ev-task-completed = { $who }: úkol „{ $task }“ splněn – { $outcome }.
words-ev-task-cancelled = { $who }: „{ $task }“ uzavřeno, už není potřeba.
words-ev-task-reassigned = { $who }: úkol „{ $task }“ předán – { $to }.
words-ev-task-retry = { $who }: pokus { $attempt } – „{ $task }“.
words-ev-task-retry-scheduled = { $who }: naplánován pokus { $attempt } – „{ $task }“. Další pokus v { $at }.
words-ev-task-retries-exhausted = „{ $task }“: všechny pokusy ({ $n }) vyčerpány.
words-ev-playbook-rule = { $who }: použito pravidlo procesu „{ $rule }“.
words-ev-playbook-loop = { $who }: zastavena pravidla, která se spouštěla navzájem.
words-ev-playbook-loaded = { $who }: načtena verze { $version } procesu „{ $name }“.
words-ev-sla-started = Lhůta „{ $sla }“ běží: do { $at }.
words-ev-sla-warning = Lhůta „{ $sla }“ brzy vyprší, v { $at }.
words-ev-sla-warning-soon = Lhůta „{ $sla }“ brzy vyprší.
words-ev-sla-breached = Lhůta „{ $sla }“ nebyla dodržena.
words-ev-sla-met = Lhůta „{ $sla }“ byla dodržena.
words-ev-escalation-step = { $who }: upozorněn(a) { $to } ({ $channel }), krok eskalace { $step }.
words-ev-escalation-skipped = { $who }: krok eskalace { $step } přeskočen, nebylo koho upozornit.
words-ev-escalation-stopped = Eskalace skončila.
words-ev-assignment-failed = { $who }: nikdo volný poptávku nepřevzal.
words-ev-timer-fired = Čekací doba vypršela ({ $at }).
words-ev-notification-queued = { $who }: upozornění pro { $to } zařazeno k odeslání ({ $channel }).
words-ev-notification-skipped = Upozornění nebylo odesláno: nebylo komu.
words-ev-notification-held = Upozornění pro { $to } čeká: není v práci.
words-ev-notification-redirected = Upozornění pro { $to } šlo zástupci.
words-ev-notification-deferred = Upozornění pro { $to } čeká do { $at }.
words-ev-notification-sent = Upozornění pro { $to } odesláno ({ $channel }).
words-ev-notification-delivered = Upozornění pro { $to } doručeno ({ $channel }).
words-ev-notification-retrying = Upozornění pro { $to } se nepodařilo odeslat ({ $channel }); další pokus v { $at }.
words-ev-notification-failed = Upozornění pro { $to } se nepodařilo odeslat ({ $channel }).
words-ev-notification-requeued = { $who }: upozornění odesláno znovu ({ $channel }).
words-ev-notification-test = { $who }: zkušební zpráva ({ $channel }).
words-ev-contact-possible-duplicate = Tento kontakt je možná tatáž osoba jako { $other }.
words-ev-contact-merged = { $who }: kontakt { $other } sloučen do { $contact }.
words-ev-contact-unmerged = { $who }: sloučení vráceno, kontakt { $other } je opět samostatný vedle { $contact }.
words-ev-contact-updated = { $who }: ke kontaktu přidáno číslo { $phone }.
words-ev-customer-callback = Zákazník žádá o zavolání v { $at }.
words-ev-customer-document = Zákazník poslal dokument: { $file }.
words-ev-email-received = Přišel e-mail od { $from }: „{ $subject }“.
words-ev-email-ignored = E-mail od { $from } nebyl zařazen.
words-ev-email-sent = { $who }: e-mail pro { $to } – „{ $subject }“.
words-ev-email-queued = { $who }: e-mail pro { $to } připraven k odeslání: „{ $subject }“.
words-ev-customer-answered = { $who }: zpráva zákazníka označena jako zodpovězená.
words-ev-mailbox-reset = Schránka { $mailbox } se čte znovu od začátku.
words-ev-mailbox-failed = Schránku { $mailbox } nelze číst.
words-ev-mailbox-recovered = Schránka { $mailbox } opět funguje.
words-ev-call-event = Ústředna: { $what }.
words-ev-call-event-long = Ústředna: { $what }, { $duration }.
words-ev-report-sent = { $who }: přehled odeslán (příjemců: { $n }).
words-ev-user-created = { $who }: nový uživatel { $user } – { $role }.
words-ev-user-presence = { $who }: { $user } – „{ $presence }“.
words-ev-user-updated = { $who }: změna nastavení – { $user }.
words-ev-user-role-changed = { $who }: { $user } má roli { $role }.
words-ev-user-deactivated = { $who }: účet { $user } deaktivován.
words-ev-user-reactivated = { $who }: účet { $user } znovu aktivován.
words-ev-user-password-changed = { $user }: změna hesla.
words-ev-user-password-reset = { $who }: heslo uživatele { $user } obnoveno.
words-ev-session-started = { $user }: přihlášení.
words-ev-token-created = { $who }: nový přístupový klíč „{ $name }“.
words-ev-token-revoked = { $who }: přístupový klíč zrušen.
words-ev-webhook-created = { $who }: přidán webhook.
words-ev-webhook-deleted = { $who }: odebrán webhook.
words-ev-message-changed = { $who }: změněn text zprávy ({ $language }).
words-ev-message-reset = { $who }: obnoven původní text zprávy ({ $language }).

words-script = Scénář hovoru
