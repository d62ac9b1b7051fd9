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
