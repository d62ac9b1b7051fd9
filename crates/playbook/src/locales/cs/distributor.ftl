# Pronto: šablony vestavěného playbooku „distributor“ (čeština).

new_request = Nová poptávka: { $contact_name } { $contact_phone }, { $channel } — potvrzující hovor do 10 minut. Lead { $lead_id } { $lead_url }
silence = Poptávka od { $contact_name } { $contact_phone } nebyla potvrzena — zavolejte prosím hned. Lead { $lead_id } { $lead_url }
sla_warning = Potvrďte hned poptávku od { $contact_name } (lead { $lead_id }) { $lead_url }
handed_over = Byla vám předána poptávka: { $contact_name } { $contact_phone } — zavolejte do hodiny. Lead { $lead_id } { $lead_url }
urgent_callback = NALÉHAVÉ. Zákazník { $contact_name } { $contact_phone } na vás čekal a slíbili jsme mu zpětné volání do 10 minut. Dotaz: { $lead_subject } { $lead_message } Lead { $lead_id } { $lead_url }
    .subject = NALÉHAVÉ: zavolejte { $contact_name } zpět do 10 minut
urgent_order = NALÉHAVÁ objednávka z webu: { $contact_name } { $contact_phone } — { $lead_subject }. Lead { $lead_id } { $lead_url }
late_request = Těsně před koncem pracovní doby přišla poptávka: { $contact_name } { $contact_phone } — potvrďte ji, než odejdete. Lead { $lead_id } { $lead_url }

# Zprávy zákazníkovi.
ack_after_hours = { $contact_name }, vaši poptávku jsme přijali. Zavoláme vám na začátku příštího pracovního dne. Stav poptávky: { $lead_tracking_url }
ack = { $contact_name }, vaši poptávku jsme přijali. Do 10 minut vám zavolá náš sekretariát. Stav poptávky: { $lead_tracking_url }
payment_received = Děkujeme, { $contact_name }: vaši platbu jsme přijali a připravujeme dodávku.
    .subject = Platba přijata
thanks = Děkujeme za vaši zpětnou vazbu, { $contact_name }.
    .subject = Děkujeme
invoice_reminder = { $contact_name }, vaše faktura je po splatnosti a platbu jsme zatím neobdrželi. Pokud jste již zaplatili, děkujeme; jinak najdete platební údaje na své stránce: { $lead_tracking_url }
    .subject = Vaše faktura je po splatnosti

complaint = Reklamace od { $contact_name } { $contact_phone } po dodání (lead { $lead_id }) — viz přehled reklamací. { $lead_url }
    .subject = Reklamace po dodání
missed_call = Zmeškaný hovor od { $contact_name } { $contact_phone } — zavolejte zpět do 10 minut. Lead { $lead_id } { $lead_url }

# Co zákazník udělal na své stránce, pro vlastníka.
customer_message = Nová zpráva od { $contact_name } ze zákaznické stránky — přečtěte si ji a odpovězte. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } žádá na své stránce o zavolání zpět — viz úkol. Lead { $lead_id } { $lead_url }
customer_document = Nový dokument od { $contact_name } ze zákaznické stránky (firemní údaje nebo údaje pro doručení). Lead { $lead_id } { $lead_url }

# Názvy fází, výsledků a lhůt procesu pro tým.
stage-received = Požadavek přijat
stage-confirmed = Potvrzeno sekretářkou
stage-contacted = Manažer v kontaktu
stage-deal = Obchod
stage-invoiced = Faktura odeslána
stage-paid = Zaplaceno
stage-delivered = Doručeno
stage-won = Dokončeno
stage-lost = Ztraceno
outcome-refused = Odmítl
outcome-agreed = Souhlasil
outcome-in_stock = Skladem
outcome-out_of_stock = Není skladem
outcome-positive = Spokojen
outcome-negative = Nespokojen
sla-confirmation = Potvrzovací hovor do 10 pracovních minut
sla-manager_call = Hovor manažera do jedné pracovní hodiny

# Titles of the playbook's tasks.
task-confirm_call = Potvrzovací hovor: požadavek přijat; zjistěte město, soukromá nebo právnická osoba, termín dodání, naléhavost
task-manager_call = Zavolejte zákazníkovi kvůli dostupnosti a termínům dodání
task-callback = NALÉHAVÉ: zavolejte zpět do 10 minut (když zákazník volal, měli jste obsazeno)
task-call_notes = Zapište, o čem byl hovor
task-call_back = Zavolejte zpět: zmeškaný hovor
task-consultation_call = Žádost o konzultaci: zavolejte zákazníkovi a poraďte mu
task-route_driver = Dodávka v Moskvě: naplánujte trasu řidiče
task-handle_objection = Zavolejte znovu a vypořádejte se s námitkou
task-check_availability = Ověřte dostupnost u dodavatele (katalogové číslo, nebo název, když číslo chybí)
task-ask_supplier = Není skladem: zeptejte se manažera dodavatele
task-manager_offer = Pošlete nabídku: cena, termín dodání a příslušenství
task-order_confirmation = Pošlete e-mailem potvrzení objednávky a vyžádejte osobní údaje (jméno, telefon, adresa, údaje z pasu pro dopravce)
task-company_details = Pošlete e-mailem potvrzení objednávky a vyžádejte údaje o firmě
task-invoice_and_contract = Připravte fakturu a smlouvu (právnická osoba) s platebními a dodacími podmínkami
task-invoice_only = Připravte fakturu s platebními a dodacími podmínkami (soukromý zákazník: bez smlouvy)
task-confirm_documents = Zavolejte a ověřte, že doklady dorazily
task-pay_supplier = Zaplaťte fakturu dodavatele: zákazník zaplatil
task-arrange_delivery = Domluvte dodávku: datum, adresu a řidiče
task-unpaid_invoice_call = Zavolejte kvůli nezaplacené faktuře
task-unpaid_invoice_escalation = Faktura stále není zaplacená: převezměte vymáhání pohledávky
task-supplier_invoice = Vyžádejte si fakturu od dodavatele (katalogová čísla z nabídky)
task-delivery_documents = Vytiskněte pro řidiče fakturu, daňový doklad a dodací list (TORG-12)
task-quality_call = Kontrolní hovor: dodání a kvalita zboží
