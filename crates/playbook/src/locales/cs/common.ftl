# Pronto: názvy kanálů používané v upozorněních (čeština).

channel-web = web
channel-email = e-mail
channel-phone = telefon
channel-in_person = osobně
channel-api = API
channel-chat = chat
channel-import = import

# Plánované přehledy pro vedení.
report-secretary = Denní přehled: poptávky a hovory
report-sales = Denní obchodní přehled
report-monthly = Měsíční souhrn
report-requests = Poptávky
report-new-customers = Noví zákazníci, z nichž se stala poptávka
report-calls = Hovory
report-transfers = Předáno obchodníkům
report-moved-to = Přesunuto do fáze { $stage }, podle kanálu
report-unassigned = nepřiřazeno
report-new-customer = nový zákazník
report-sales-stages = Obchodní fáze
report-by-channel = Podle kanálu: poptávky, zodpovězené, medián odezvy, do 5 minut, získané, ztracené
report-minutes = { $n } min
report-origin-call-in = příchozí hovor
report-origin-call-out = odchozí hovor
report-invoices-issued = Vystavené faktury
report-invoices-paid = Plně zaplacené faktury
report-invoiced = Fakturováno
report-received = Přijato
report-outstanding = Nezaplaceno
report-overdue = po splatnosti { $amount } na { $n ->
    [one] 1 faktuře
   *[other] { $n } fakturách
}
report-money-by-origin = Peníze podle hovorů a poptávek: vystavené faktury, zaplacené, fakturováno, přijato, nezaplaceno
report-money-by-channel = Peníze podle kanálu: vystavené faktury, zaplacené, fakturováno, přijato, nezaplaceno
report-money-by-representative = Peníze podle obchodníka: vystavené faktury, zaplacené, fakturováno, přijato, nezaplaceno
report-sales-by-representative = Prodeje podle obchodníka: poptávky, získané, ztracené, kontrolní hovory kladné, záporné, stížnosti
report-complaints = Stížnosti
report-compared = Ve srovnání s předchozím měsícem (v závorce)
report-leads = Poptávky
report-won = Získané

# Názvy společné všem procesům: jak hovor skončil (tlačítka týmu a hlášení ústředny) a druhy úkolů.
outcome-reached = Dovoláno
outcome-no_answer = Nebere
outcome-busy = Obsazeno
outcome-failed = Hovor se nezdařil
outcome-missed = Zmeškaný hovor
outcome-transferred = Přepojeno na manažera
outcome-manager_busy = Manažer má obsazeno
outcome-done = Hotovo
outcome-sent = Odesláno zákazníkovi
kind-call = Hovor
kind-email = E-mail
kind-meeting = Schůzka
kind-todo = Úkol

# Upozornění vlastníka, když zákazník rozhodne o nabídce na své stránce, a poznámka s námitkami.
offer-alert-accept = { $who } přijal(a) nabídku { $version } ({ $amount }) na své stránce. Lead { $lead } { $url }
offer-alert-decline = { $who } odmítl(a) nabídku { $version } ({ $amount }) na své stránce. Lead { $lead } { $url }
offer-alert-changes = { $who } žádá změny nabídky { $version } ({ $amount }). Lead { $lead } { $url }
offer-alert-someone = Zákazník
offer-objections = Uzavřeno jako ztracené: zákazník nabídku odmítl { $count }×. Námitky:
offer-objection = - verze { $version }: { $note }
offer-no-reason = (bez udání důvodu)

# Tajný zákazník (issue 23).
canary-channel-form = webový formulář
canary-channel-mail = příjem e-mailů
canary-channel-call = telefonní ústřednu
canary-hop-sent = odeslání testovací poptávky
canary-hop-registered = zápisu do evidence
canary-hop-playbook = převzetí procesem
canary-hop-alert_accepted = upozornění týmu
canary-hop-closed = uzavření
canary-alert = Testovací poptávka Pronta přes { $channel } selhala při kroku { $hop }: { $error }. Poptávky touto cestou nemusí docházet. Pronto to zkusí znovu a dá vědět, až bude vše v pořádku.
canary-recovered = Testovací poptávka Pronta přes { $channel } opět funguje.
