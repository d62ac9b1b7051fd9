# Pronto: szablony wbudowanego playbooka „agency” (polski).

new_lead = Nowe zapytanie: { $contact_name } { $contact_phone }, { $channel } — zadzwoń teraz. Lead { $lead_id } { $lead_url }
new_lead_email = Nowe zapytanie: { $contact_name } { $contact_email }, { $channel } — brak telefonu, napisz e-mail. Lead { $lead_id } { $lead_url }
in_person = Masz zapytanie złożone osobiście: { $contact_name } { $contact_phone } — skontaktuj się. Lead { $lead_id } { $lead_url }
no_reaction = Nikt nie zareagował na { $contact_name } { $contact_phone } ({ $channel }) — przejmij, proszę. Lead { $lead_id } { $lead_url }
reminder = Wciąż czeka na ciebie: { $contact_name } { $contact_phone } ({ $channel }). Lead { $lead_id } { $lead_url }
sla_warning = { $contact_name } wciąż czeka na pierwszy kontakt (lead { $lead_id }) { $lead_url }
sla_breached = Przekroczono czas pierwszej reakcji: { $contact_name } (lead { $lead_id }, opiekun { $owner_name }) { $lead_url }
handover = { $contact_name } — warto współpracować: zbierz dane wejściowe (lead { $lead_id }) { $lead_url }

# Do klienta w jego języku: poza godzinami pracy (ack_after_hours) i w godzinach pracy (ack).
ack_after_hours = Dzień dobry, { $contact_name }, dziękujemy za zapytanie. Jesteśmy poza godzinami pracy; nasz konsultant skontaktuje się z Państwem na początku następnego dnia roboczego. Postęp zapytania mogą Państwo śledzić tutaj: { $lead_tracking_url }
    .subject = Otrzymaliśmy Państwa zapytanie
ack = Dzień dobry, { $contact_name }, dziękujemy za zapytanie. Nasz konsultant skontaktuje się z Państwem w ciągu kilku minut. Postęp zapytania mogą Państwo śledzić tutaj: { $lead_tracking_url }
    .subject = Otrzymaliśmy Państwa zapytanie

offer_follow_up = Oferta dla { $contact_name } czeka od trzech dni: przypomnij się (lead { $lead_id }) { $lead_url }
invoice_reminder = Dzień dobry, { $contact_name }, termin płatności Państwa faktury minął, a płatności jeszcze nie otrzymaliśmy. Jeśli już Państwo zapłacili, dziękujemy; w przeciwnym razie dane do płatności są na Państwa stronie: { $lead_tracking_url }
    .subject = Termin płatności faktury minął
offer_ready = Oferta dla { $contact_name } jest gotowa do przedstawienia (lead { $lead_id }) { $lead_url }
missed_call = Nieodebrane połączenie od { $contact_name } { $contact_phone } — oddzwoń teraz. Lead { $lead_id } { $lead_url }

# Co klient zrobił na swojej stronie, dla opiekuna.
customer_message = Nowa wiadomość od { $contact_name } ze strony klienta — przeczytaj i odpowiedz. Lead { $lead_id } { $lead_url }
customer_callback = { $contact_name } prosi na swojej stronie o oddzwonienie — zobacz zadanie. Lead { $lead_id } { $lead_url }
customer_document = Nowy dokument od { $contact_name } ze strony klienta. Lead { $lead_id } { $lead_url }

# Nazwy etapów, wyników i terminu procesu dla zespołu.
stage-received = Przyjęte
stage-contacted = Pierwszy kontakt
stage-qualified = Warto współpracować
stage-offer = Oferta
stage-won = Współpraca
stage-lost = Nie teraz
outcome-accepted = Przyjęta
outcome-smaller = Zaczyna od mniejszego zakresu
outcome-rejected = Odrzucona
sla-first_response = Pierwszy kontakt w ciągu 10 minut roboczych

# Titles of the playbook's tasks.
task-first_call = Zadzwoń do nowego zapytania
task-first_email = Napisz do nowego zapytania (brak numeru telefonu)
task-email_after_calls = Brak kontaktu telefonicznego: wyślij e-mail
task-follow_up = Kontynuuj zapytanie złożone osobiście
task-record_meeting = Zapisz spotkanie osobiste
task-gather_input = Zbierz dane wejściowe i dostępy (Google Ads, Sklik, Google Analytics — tam, gdzie to ma sens)
task-specialist_meeting = Skontaktuj się z klientem i umów spotkanie
task-prepare_offer = Przygotuj ofertę: terminy, ceny, przebieg współpracy, kto co zapewnia
task-present_offer = Przedstaw ofertę
task-start_cooperation = Rozpocznij współpracę: dostępy, kontakty i pierwsze spotkanie robocze
task-ask_requisites = Poproś klienta o dane do faktury: od osoby prywatnej imię i nazwisko, telefon, e-mail, adres i dokument, od firmy jej dane
task-prepare_smaller_offer = Przygotuj mniejszą wersję oferty: klient poprosił o zmiany
task-confirm_documents = Zadzwoń i potwierdź, że faktura i dokumenty dotarły
task-paid_next_step = Klient zapłacił: zaplanuj kolejny krok współpracy
task-unpaid_invoice_call = Zadzwoń w sprawie nieopłaconej faktury
task-unpaid_invoice_escalation = Faktura wciąż nieopłacona: przejmij windykację
task-offer_follow_up = Przypomnij o ofercie: czy klient zdecydował?
task-call_notes = Zapisz, czego dotyczyła rozmowa
task-call_back = Oddzwoń: nieodebrane połączenie
