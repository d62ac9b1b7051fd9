# Pronto: šablony vestavěného playbooku „agency“ (čeština).

new_lead = Nová poptávka: { $contact_name } { $contact_phone }, { $channel } — volejte hned. Lead { $lead_id } { $lead_url }
new_lead_email = Nová poptávka: { $contact_name } { $contact_email }, { $channel } — bez telefonu, napište e-mail. Lead { $lead_id } { $lead_url }
in_person = Byla vám zapsána osobní poptávka: { $contact_name } { $contact_phone } — ozvěte se. Lead { $lead_id } { $lead_url }
no_reaction = Na { $contact_name } { $contact_phone } ({ $channel }) nikdo nereagoval — převezměte to, prosím. Lead { $lead_id } { $lead_url }
reminder = Stále na vás čeká: { $contact_name } { $contact_phone } ({ $channel }). Lead { $lead_id } { $lead_url }
sla_warning = { $contact_name } stále čeká na první kontakt (lead { $lead_id }) { $lead_url }
sla_breached = Nedodržena lhůta první reakce: { $contact_name } (lead { $lead_id }, vlastník { $owner_name }) { $lead_url }
handover = { $contact_name } — spolupráce má smysl: shromážděte vstupní data (lead { $lead_id }) { $lead_url }

# Zákazníkovi v jeho jazyce: mimo pracovní dobu (ack_after_hours) a v ní (ack).
ack_after_hours = Dobrý den, { $contact_name }, děkujeme za poptávku. Jsme mimo pracovní dobu; náš konzultant se vám ozve hned na začátku příští pracovní doby. Jak vaše poptávka postupuje, uvidíte zde: { $lead_tracking_url }
    .subject = Vaši poptávku jsme přijali
ack = Dobrý den, { $contact_name }, děkujeme za poptávku. Náš konzultant se vám ozve během několika minut. Jak vaše poptávka postupuje, uvidíte zde: { $lead_tracking_url }
    .subject = Vaši poptávku jsme přijali

offer_follow_up = Nabídka pro { $contact_name } čeká už tři dny: připomeňte se (lead { $lead_id }) { $lead_url }
invoice_reminder = Dobrý den, { $contact_name }, vaše faktura je po splatnosti a platbu jsme zatím neobdrželi. Pokud jste již zaplatili, děkujeme; jinak najdete platební údaje na své stránce: { $lead_tracking_url }
    .subject = Vaše faktura je po splatnosti
offer_ready = Nabídka pro { $contact_name } je připravena k prezentaci (lead { $lead_id }) { $lead_url }
missed_call = Zmeškaný hovor od { $contact_name } { $contact_phone } — zavolejte zpět hned. Lead { $lead_id } { $lead_url }

# Co zákazník udělal na své stránce, pro vlastníka.
customer_message = Nová zpráva od { $contact_name } ze zákaznické stránky — přečtěte si ji a odpovězte. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } žádá na své stránce o zavolání zpět — viz úkol. Lead { $lead_id } { $lead_url }
customer_document = Nový dokument od { $contact_name } ze zákaznické stránky. Lead { $lead_id } { $lead_url }

# Názvy fází, výsledků a lhůty procesu pro tým.
stage-received = Přijato
stage-contacted = První kontakt
stage-qualified = Má smysl spolupracovat
stage-offer = Nabídka
stage-won = Spolupráce
stage-lost = Teď ne
outcome-accepted = Přijato
outcome-smaller = Začne v menším
outcome-rejected = Odmítnuto
sla-first_response = První kontakt do 10 pracovních minut

# Titles of the playbook's tasks.
task-first_call = Zavolejte nové poptávce
task-first_email = Napište nové poptávce (bez telefonního čísla)
task-email_after_calls = Nedovoláno: pošlete e-mail
task-follow_up = Navažte na osobní poptávku
task-record_meeting = Zapište osobní schůzku
task-gather_input = Shromážděte vstupní údaje a přístupy (Google Ads, Sklik, Google Analytics — kde to dává smysl)
task-specialist_meeting = Kontaktujte zákazníka a domluvte schůzku
task-prepare_offer = Připravte nabídku: termíny, ceny, průběh spolupráce, kdo co zajišťuje
task-present_offer = Představte nabídku
task-start_cooperation = Zahajte spolupráci: přístupy, kontakty a první pracovní schůzka
task-ask_requisites = Požádejte zákazníka o fakturační údaje: u soukromé osoby jméno, telefon, e-mail, adresu a doklad, u firmy její údaje
task-prepare_smaller_offer = Připravte menší verzi nabídky: zákazník požádal o změny
task-confirm_documents = Zavolejte a ověřte, že faktura a doklady dorazily
task-paid_next_step = Zákazník zaplatil: naplánujte další krok spolupráce
task-unpaid_invoice_call = Zavolejte kvůli nezaplacené faktuře
task-unpaid_invoice_escalation = Faktura stále není zaplacená: převezměte vymáhání pohledávky
task-offer_follow_up = Připomeňte nabídku: rozhodl se zákazník?
task-call_notes = Zapište, o čem byl hovor
task-call_back = Zavolejte zpět: zmeškaný hovor
