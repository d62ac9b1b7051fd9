# Pronto: szablony wbudowanego playbooka „distributor” (polski).

new_request = Nowe zgłoszenie: { $contact_name } { $contact_phone }, { $channel } — telefon potwierdzający w ciągu 10 minut. Lead { $lead_id } { $lead_url }
silence = Zgłoszenie od { $contact_name } { $contact_phone } nie zostało potwierdzone — proszę, zadzwoń teraz. Lead { $lead_id } { $lead_url }
sla_warning = Potwierdź teraz zgłoszenie od { $contact_name } (lead { $lead_id }) { $lead_url }
handed_over = Przekazano ci zgłoszenie: { $contact_name } { $contact_phone } — zadzwoń w ciągu godziny. Lead { $lead_id } { $lead_url }
urgent_callback = PILNE. Klient { $contact_name } { $contact_phone } czekał na ciebie i obiecano mu oddzwonienie w ciągu 10 minut. Pytanie: { $lead_subject } { $lead_message } Lead { $lead_id } { $lead_url }
    .subject = PILNE: oddzwoń do { $contact_name } w ciągu 10 minut
urgent_order = PILNE zamówienie ze strony: { $contact_name } { $contact_phone } — { $lead_subject }. Lead { $lead_id } { $lead_url }
late_request = Zgłoszenie wpłynęło tuż przed zamknięciem: { $contact_name } { $contact_phone } — potwierdź je przed wyjściem. Lead { $lead_id } { $lead_url }

# Wiadomości do klienta.
ack_after_hours = { $contact_name }, Państwa zgłoszenie zostało przyjęte. Zadzwonimy na początku następnego dnia roboczego. Status zgłoszenia: { $lead_tracking_url }
ack = { $contact_name }, Państwa zgłoszenie zostało przyjęte. Nasz sekretariat zadzwoni w ciągu 10 minut. Status zgłoszenia: { $lead_tracking_url }
payment_received = Dziękujemy, { $contact_name }: otrzymaliśmy Państwa płatność i przygotowujemy dostawę.
    .subject = Płatność otrzymana
thanks = Dziękujemy za Państwa opinię, { $contact_name }.
    .subject = Dziękujemy
invoice_reminder = { $contact_name }, termin płatności Państwa faktury minął, a płatności jeszcze nie otrzymaliśmy. Jeśli już Państwo zapłacili, dziękujemy; w przeciwnym razie dane do płatności są na Państwa stronie: { $lead_tracking_url }
    .subject = Termin płatności faktury minął

complaint = Reklamacja od { $contact_name } { $contact_phone } po dostawie (lead { $lead_id }) — zobacz tabelę reklamacji. { $lead_url }
    .subject = Reklamacja po dostawie
missed_call = Nieodebrane połączenie od { $contact_name } { $contact_phone } — oddzwoń w ciągu 10 minut. Lead { $lead_id } { $lead_url }

# Co klient zrobił na swojej stronie, dla opiekuna.
customer_message = Nowa wiadomość od { $contact_name } ze strony klienta — przeczytaj i odpowiedz. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } prosi na swojej stronie o oddzwonienie — zobacz zadanie. Lead { $lead_id } { $lead_url }
customer_document = Nowy dokument od { $contact_name } ze strony klienta (dane firmy lub dane do dostawy). Lead { $lead_id } { $lead_url }

# Nazwy etapów, wyników i terminów procesu dla zespołu.
stage-received = Zamówienie przyjęte
stage-confirmed = Potwierdzone przez sekretarkę
stage-contacted = Menedżer w kontakcie
stage-deal = Transakcja
stage-invoiced = Faktura wysłana
stage-paid = Opłacone
stage-delivered = Dostarczone
stage-won = Zakończone
stage-lost = Utracone
outcome-refused = Odmówił
outcome-agreed = Zgodził się
outcome-in_stock = Dostępne
outcome-out_of_stock = Brak w magazynie
outcome-positive = Zadowolony
outcome-negative = Niezadowolony
sla-confirmation = Telefon potwierdzający w ciągu 10 minut roboczych
sla-manager_call = Telefon menedżera w ciągu godziny roboczej

# Titles of the playbook's tasks.
task-confirm_call = Telefon potwierdzający: zamówienie przyjęte; zapytaj o miasto, osobę prywatną czy firmę, termin dostawy, pilność
task-manager_call = Zadzwoń do klienta w sprawie dostępności i terminów dostawy
task-callback = PILNE: oddzwoń w ciągu 10 minut (byłeś zajęty, gdy klient dzwonił)
task-call_notes = Zapisz, czego dotyczyła rozmowa
task-call_back = Oddzwoń: nieodebrane połączenie
task-consultation_call = Prośba o konsultację: zadzwoń do klienta i doradź
task-route_driver = Dostawa w Moskwie: zaplanuj trasę kierowcy
task-handle_objection = Zadzwoń ponownie i odpowiedz na zastrzeżenie
task-check_availability = Sprawdź dostępność u dostawcy (numer katalogowy albo nazwa, gdy go brak)
task-ask_supplier = Brak w magazynie: zapytaj menedżera dostawcy
task-manager_offer = Wyślij ofertę: cena, termin dostawy i akcesoria
task-order_confirmation = Wyślij e-mailem potwierdzenie zamówienia i poproś o dane osobowe (imię, telefon, adres, dane paszportowe dla przewoźnika)
task-company_details = Wyślij e-mailem potwierdzenie zamówienia i poproś o dane firmy
task-invoice_and_contract = Przygotuj fakturę i umowę (firma) z warunkami płatności i dostawy
task-invoice_only = Przygotuj fakturę z warunkami płatności i dostawy (klient prywatny: bez umowy)
task-confirm_documents = Zadzwoń i potwierdź, że dokumenty dotarły
task-pay_supplier = Opłać fakturę dostawcy: klient zapłacił
task-arrange_delivery = Zorganizuj dostawę: data, adres i kierowca
task-unpaid_invoice_call = Zadzwoń w sprawie nieopłaconej faktury
task-unpaid_invoice_escalation = Faktura wciąż nieopłacona: przejmij windykację
task-supplier_invoice = Poproś dostawcę o fakturę (numery katalogowe z oferty)
task-delivery_documents = Wydrukuj dla kierowcy fakturę, fakturę VAT i dowód dostawy (TORG-12)
task-quality_call = Rozmowa o jakości: dostawa i jakość towaru
