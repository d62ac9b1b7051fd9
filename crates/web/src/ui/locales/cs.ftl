# Pronto's web UI: Czech.
app-name = Pronto
nav-inbox = Doručené
nav-tasks = Moje úkoly
nav-logout = Odhlásit
language = Jazyk
sign-in = Přihlásit se
sign-in-title = Přihlášení do Pronta
login = Přihlašovací jméno
password = Heslo
wrong-login = Nesprávné přihlašovací jméno nebo heslo.
too-many-attempts = Příliš mnoho pokusů. Počkejte minutu a zkuste to znovu.
inbox = Doručené
inbox-hint = Nové a nepřidělené poptávky jsou nahoře; seznam se sám aktualizuje, když přijde poptávka.
search = Hledat
search-placeholder = Jméno, telefon, e-mail, firma, text
filter = Filtrovat
all-channels = Všechny kanály
all-stages = Všechny fáze
any-owner = Kdokoli
unassigned = Nepřidělené
mine = Moje
age = Stáří
received = Přijato
channel = Kanál
stage = Fáze
owner = Vlastník
contact = Kontakt
subject = Předmět
no-leads = Žádná poptávka neodpovídá.
new-lead-arrived = Nová poptávka
tasks = Moje úkoly
overdue = Po termínu
due-now = Teď
today = Dnes
later = Později
no-tasks = Nic k vyřízení. Dobrá práce.
due = Termín
script = Scénář
outcome-reached = Dovoláno
outcome-no_answer = Nebere
outcome-busy = Obsazeno
outcome-failed = Nezdařilo se
outcome-done = Hotovo
complete = Dokončit
lead = Poptávka
lead-card = Poptávka { $v }
timeline = Historie
earlier-inquiries = Dřívější poptávky
company = Firma
phone = Telefon
email = E-mail
message = Zpráva
log-call = Zapsat hovor
direction-in = Příchozí
direction-out = Odchozí
add-note = Přidat poznámku
note = Poznámka
send-email = Poslat e-mail
email-text = Text
send = Odeslat
assign = Přidělit
change-stage = Změnit fázi
save = Uložit
open-tasks = Otevřené úkoly
emails = E-maily
status = Stav
call = Zavolat
overdue-count = { $n ->
    [one] { $n } úkol po termínu
    [few] { $n } úkoly po termínu
    [many] { $n } úkolu po termínu
   *[other] { $n } úkolů po termínu
}
minutes-left = { $n ->
    [one] Zbývá { $n } minuta
    [few] Zbývají { $n } minuty
    [many] Zbývá { $n } minuty
   *[other] Zbývá { $n } minut
}
saved = Uloženo.
not-found = Nenalezeno.
forbidden = K tomu nemáte oprávnění.
error = Něco se pokazilo.
nav-board = Nástěnka
nav-contacts = Kontakty
more-leads = { $n ->
    [one] a { $n } další
    [few] a { $n } další
    [many] a { $n } dalších
   *[other] a { $n } dalších
}
contacts = Kontakty
companies = Firmy
merge = Sloučit
merge-into = Sloučit do
merge-hint = Dva záznamy téže osoby: vyberte, který ponechat; poptávky, čísla a e-maily druhého se přesunou k němu.
leads-count = { $n ->
    [one] { $n } poptávka
    [few] { $n } poptávky
    [many] { $n } poptávky
   *[other] { $n } poptávek
}
merged = Sloučeno.
nav-admin = Správa
users = Uživatelé
name = Jméno
role = Role
presence = Přítomnost
hours = Vlastní pracovní doba
add-user = Přidat uživatele
web-forms = Webové formuláře
delivery = Doručování
telephony = Telefonní ústředna
send-test-sms = Poslat zkušební SMS na
send-test-email = Poslat zkušební e-mail na
mailboxes = Schránky
test-connection = Vyzkoušet spojení
playbooks = Postupy
diagram = Diagram
playbook-toml = Postup (TOML) ke kontrole nebo nahrání
check = Zkontrolovat
upload = Nahrát jako novou verzi
webhooks = Webhooky
delete = Smazat
events = Události
any-age = Jakkoli staré
age-1h = Poslední hodina
age-24h = Posledních 24 hodin
age-7d = Posledních 7 dní
callback-at = Zavolat zpět v
create-task = Vytvořit úkol
account = Váš účet
change-password = Změnit heslo
current-password = Současné heslo
new-password = Nové heslo
wrong-password = Současné heslo nesouhlasí.
password-changed = Heslo je změněno; ostatní přihlášení skončila.
send-test-event = Poslat podepsanou zkušební událost
# Přehledy
nav-reports = Přehledy
reports = Přehledy
rep-from = Od
rep-to = Do
rep-group-by = Seskupit podle
rep-playbook = Postup
rep-time = Doba reakce počítaná v
rep-time-wall = Běžném čase
rep-time-business = Pracovní době
rep-show = Zobrazit
rep-presets = Období
rep-this-week = Tento týden
rep-last-30-days = Posledních 30 dní
rep-this-year = Letošní rok
rep-bad-query = Přehled nelze zobrazit:
rep-dim-channel = Kanál
rep-dim-owner = Vlastník
rep-dim-source = Zdroj
rep-dim-segment = Segment (B2B/B2C)
rep-dim-hour = Hodina dne
rep-dim-weekday = Den v týdnu
rep-dim-playbook = Postup
rep-dim-all = Vše
rep-channel-web = Web
rep-channel-email = E-mail
rep-channel-phone = Telefon
rep-channel-in_person = Osobně
rep-channel-api = API
rep-weekday-1 = Pondělí
rep-weekday-2 = Úterý
rep-weekday-3 = Středa
rep-weekday-4 = Čtvrtek
rep-weekday-5 = Pátek
rep-weekday-6 = Sobota
rep-weekday-7 = Neděle
rep-no-source = Bez zdroje
rep-segment-unknown = Neznámý
rep-unit-s = s
rep-unit-min = min
rep-unit-h = h
rep-unit-d = d
rep-total = Celkem
rep-no-data = V tomto období nejsou žádné poptávky.
rep-download = Stáhnout:
rep-response = Doba reakce
rep-chart-distribution = Zodpovězené poptávky podle doby reakce
rep-chart-median = Medián doby reakce
rep-leads = Poptávky
rep-responded = Zodpovězeno
rep-median = Medián
rep-p90 = 90. percentil
rep-within-5-min = Do 5 min
rep-within-1-hour = Do 1 hodiny
rep-within-24-hours = Do 24 hodin
rep-never = Nikdy
rep-exact = Percentily jsou přesné, spočtené ze všech poptávek.
rep-interpolated = Percentily jsou odhadnuté uvnitř rozmezí doby reakce (přibližné).
rep-funnel = Trychtýř
rep-chart-funnel = Poptávky, které dosáhly jednotlivých fází
rep-chart-attempts = Pokusy o hovor na poptávku
rep-reached = Dosaženo
rep-share = Podíl
rep-mean-in-stage = Průměrná doba ve fázi
rep-won = Získáno
rep-lost = Ztraceno
rep-open = Otevřeno
rep-conversion = Konverze
rep-calls = { $n ->
    [one] { $n } hovor
    [few] { $n } hovory
    [many] { $n } hovoru
   *[other] { $n } hovorů
}
rep-calls-more = 4 a více hovorů
rep-attempts-most = Nejvíce poptávek: { $v }
rep-trend = Týden po týdnu
rep-chart-trend-leads = Poptávky za týden
rep-chart-trend-median = Medián doby reakce za týden
rep-trend-note = Týdny začínají pondělím; medián je odhadnutý uvnitř rozmezí doby reakce.
rep-week = Týden
rep-sla = Plnění SLA
rep-chart-sla = Plnění podle SLA
rep-sla-name = SLA
rep-met = Splněno
rep-breached = Porušeno
rep-compliance = Plnění
rep-at-risk = Nyní ohrožené
rep-breach-at = Porušení v
rep-none-at-risk = Žádná poptávka teď není ohrožená.
rep-feedback = Zpětná vazba zákazníků
rep-chart-complaints = Poptávky se stížností podle vlastníka
rep-quality-positive = Kontrolní hovor kladný
rep-quality-negative = Kontrolní hovor záporný
rep-complaints = Stížnosti
rep-leads-with-complaints = Poptávky se stížností
rep-drill-title = Poptávky za číslem
rep-leads-shown = { $n ->
    [one] { $n } poptávka
    [few] { $n } poptávky
    [many] { $n } poptávky
   *[other] { $n } poptávek
}
rep-response-time = Doba reakce
rep-not-answered = Bez odpovědi
rep-next-page = Další stránka
rep-back = Zpět na přehledy
rep-status-open = Otevřená
rep-status-won = Získaná
rep-status-lost = Ztracená
rep-figure-leads = Všechny poptávky
rep-figure-responded = Zodpovězené poptávky
rep-figure-never = Nikdy nezodpovězené
rep-figure-within_5_min = Zodpovězené do 5 minut
rep-figure-within_1_hour = Zodpovězené do 1 hodiny
rep-figure-within_24_hours = Zodpovězené do 24 hodin
rep-figure-won = Získané
rep-figure-lost = Ztracené
rep-figure-open = Stále otevřené
rep-figure-complaints = Poptávky se stížností
rep-figure-quality_positive = Kontrolní hovor kladný
rep-figure-quality_negative = Kontrolní hovor záporný
rep-figure-bucket = Zodpovězené za { $v }
rep-figure-reached = Dosáhly fáze { $v }
rep-figure-attempts = Pokusy o hovor: { $v }
rep-figure-sla-met = SLA splněno: { $v }
rep-figure-sla-breached = SLA porušeno: { $v }
# Auditní záznam a odmítnutí
audit = Auditní záznam
audit-hint = Kdo se přihlásil, co bylo odmítnuto, kdo měnil uživatele, tokeny a nastavení a kdo otevřel dokumenty zákazníků. Nejnovější nahoře; nic z toho nelze změnit ani smazat.
audit-who = Kdo
audit-what = Co
audit-when = Kdy
audit-target = Čeho se týká
audit-ip = Adresa
audit-detail = Podrobnosti
audit-anyone = Kdokoli
audit-anything = Cokoli
audit-empty = Nic zaznamenaného neodpovídá.
audit-older = Starší záznamy
audit-unknown = Neznámý
audit-bad-filter = Filtr nelze použít:
audit-sign_in-ok = Přihlášení
audit-sign_in-failed = Neúspěšné přihlášení
audit-sign_out = Odhlášení
audit-access-denied = Odmítnuto
audit-user-created = Přidán uživatel
audit-user-changed = Změna uživatele
audit-user-password_changed = Změna hesla
audit-user-password_reset = Heslo obnoveno správcem
audit-token-created = Vydán API token
audit-token-revoked = API token zrušen
audit-messages-set = Změna textu zprávy
audit-messages-reset = Obnoven text zprávy
audit-forms-saved = Webový formulář uložen
audit-forms-deleted = Webový formulář smazán
audit-playbook-loaded = Nahrán playbook
audit-webhook-created = Přidán webhook
audit-webhook-deleted = Odebrán webhook
audit-mailbox-tested = Test schránky
audit-delivery-tested = Odeslána testovací zpráva
audit-link-revoked = Zrušen odkaz zákazníka
audit-document-read = Otevřen dokument zákazníka
audit-attachment-read = Otevřena příloha e-mailu
audit-lead-stage_override = Výjimka z postupu
denied-title = Není dovoleno
denied-back = Zpět
denied-deal = Posunout poptávku do obchodu nebo ji uzavřít jako získanou mohou konzultanti, specialisté, koordinátoři, manažeři a správci; předejte ji.
denied-email = Zákazníkovi z adresy firmy píše jen vlastník poptávky, kdo na ní má otevřený úkol, manažer nebo správce.
denied-documents = Dokumenty zákazníka otevírá jen vlastník poptávky, manažer nebo správce.
denied-revoke = Odkaz zákazníka ruší jen vlastník poptávky, manažer nebo správce.
error-title-not-found = Nenalezeno
error-not-found = Nic tu není: mohlo být odstraněno nebo sloučeno, nebo je adresa překlepnutá.
error-title-invalid = Zkontrolujte prosím, co jste zadali
error-invalid = Část odeslaného nelze použít:
error-title-conflict = Teď to nejde
error-conflict = Záznamy se mezitím změnily, takže to nejde udělat, jak bylo požadováno:
error-title-wait = Příliš mnoho pokusů
error-wait = Zkuste to znovu za { $seconds } s.
error-title-unavailable = Momentálně nedostupné
error-unavailable = K datům se teď nelze dostat. Zkuste to prosím za minutu znovu.
error-title-internal = Něco se pokazilo
error-internal = Server selhal; podrobnosti jsou v jeho logu. Pokud se to stane znovu, dejte vědět správci.
documents-restricted = { $n ->
    [one] Zákazník poslal { $n } dokument; otevírá ho jen vlastník, manažeři a správci.
    [few] Zákazník poslal { $n } dokumenty; otevírá je jen vlastník, manažeři a správci.
   *[other] Zákazník poslal { $n } dokumentů; otevírá je jen vlastník, manažeři a správci.
}

# accounts: the user lifecycle and sign-in hardening
account-state = Účet
user-active = Aktivní
user-inactive = Deaktivovaný
deactivate = Deaktivovat
reactivate = Znovu aktivovat
change-role = Změnit roli
reset-password = Obnovit heslo
tokens = API tokeny
token-name = Název
created = Vytvořen
last-used = Naposledy použit
expires = Platnost do
expired = vypršel
never = nikdy
revoke = Zrušit
no-tokens = Žádné API tokeny.
user-deactivated = { $name } se už nepřihlásí: ukončené relace { $sessions }, zrušené API tokeny { $tokens }. Otevřené úkoly ({ $tasks }) a otevřené poptávky ({ $leads }) se vrátily procesu; nového vlastníka už má { $reassigned } poptávek, ostatní čekají na dalšího dostupného kolegu.
user-reactivated = { $name } se může znovu přihlásit. Tokeny zrušené při deaktivaci zůstávají zrušené; v případě potřeby vydejte nové.
role-changed = { $name } má nyní roli { $role }; platí od jeho příštího požadavku.
password-reset = Dočasné heslo uživatele { $name } (zobrazí se jen teď): { $password } — při příštím přihlášení si musí zvolit vlastní. Jeho relace skončily; API tokeny dál fungují.
token-revoked = Token „{ $token }“ uživatele { $name } už nefunguje.
must-change-password = Správce vám obnovil heslo. Než budete pokračovat, zvolte si vlastní.
revoke-tokens = Zrušit také všechny mé API tokeny
password-changed-tokens = Heslo je změněno. Ostatní relace skončily ({ $sessions }); zrušené API tokeny: { $tokens }.
password-changed-kept = Heslo je změněno. Ostatní relace skončily ({ $sessions }); vaše API tokeny dál fungují.
too-many-for-account = Příliš mnoho chybných hesel pro tento účet. Zkuste to znovu za { $seconds } s.
password-rules = Alespoň 12 znaků; žádné běžné heslo, ani vaše přihlašovací jméno či jméno. Dobře poslouží několik nesouvisejících slov.
confirm-deactivate = Deaktivovat uživatele { $name }? Jeho přihlášení a API tokeny hned přestanou platit a otevřená práce se vrátí procesu.
confirm-reset = Obnovit heslo uživatele { $name }? Jeho přihlášení skončí a při dalším přihlášení si zvolí nové heslo.
