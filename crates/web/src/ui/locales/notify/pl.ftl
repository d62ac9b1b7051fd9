# The notify area's words (pl).
notify-nav = Powiadomienia
notify-title = Powiadomienia
notify-hint = Co przekazał ci proces: przypomnienia, terminy, przekazania i to, co przysłali klienci. Otwarcie oznacza powiadomienie jako przeczytane.
notify-empty = Na razie nic. Tutaj pojawią się przypomnienia, terminy i wiadomości od klientów.
notify-read-all = Oznacz wszystkie jako przeczytane
notify-read-one = Przeczytane
notify-open = Otwórz kartę
notify-unread = nieprzeczytane
notify-waiting = Czeka na odpowiedź
notify-urgent = Pilne
notify-count = { $n ->
    [one] { $n } nieprzeczytane
   *[other] { $n } nieprzeczytanych
}
notify-new-lead = Nowe zapytanie
notify-someone = klient
notify-ago-now = przed chwilą
notify-ago-min = { $n } min temu
notify-ago-h = { $n } godz. temu
notify-ago-d = { $n ->
    [one] { $n } dzień temu
   *[other] { $n } dni temu
}
notify-via-web = zapytanie ze strony
notify-via-email = e-mail
notify-via-phone = telefon
notify-via-in_person = wizyta osobista
notify-via-api = API
notify-via-unknown = zapytanie
notify-s-other = Coś się wydarzyło: { $who }
notify-s-nothing = Powiadomienie
notify-s-new_lead = { $who }, { $via }: zadzwoń teraz
notify-s-new_lead_email = { $who }, { $via }: brak telefonu, napisz e-mail
notify-s-new_request = { $who }, { $via }: potwierdź zamówienie telefonicznie teraz
notify-s-urgent_order = Pilne zamówienie: { $who }, { $via }
notify-s-late_request = { $who }, { $via }: przyszło tuż przed zamknięciem, potwierdź jeszcze dziś
notify-s-in_person = { $who }, { $via }: wprowadzone dla ciebie, odezwij się
notify-s-missed_call = Nieodebrane połączenie: { $who }, oddzwoń teraz
notify-s-no_reaction = Nikt nie zareagował: { $who }, { $via }, przejmij to
notify-s-silence = { $who }, { $via }: jeszcze niepotwierdzone, zadzwoń teraz
notify-s-reminder = Nadal czeka na ciebie: { $who }, { $via }
notify-s-sla_warning = Termin zagrożony: { $who }, { $via }, jeszcze bez pierwszego kontaktu
notify-s-sla_breached = Termin przekroczony: { $who }, { $via }, { $late } min po czasie
notify-s-handover = { $who }, { $via }: warto się zająć, zbierz dane wejściowe
notify-s-handed_over = Przekazane tobie: { $who }, { $via }, zadzwoń w ciągu godziny
notify-s-urgent_callback = Pilne: oddzwoń do: { $who } w ciągu 10 minut
notify-s-offer_ready = Oferta dla: { $who } jest gotowa do przedstawienia
notify-s-offer_follow_up = Oferta dla: { $who } czeka od trzech dni, przypomnij się
notify-s-offer_accept = { $who }: oferta przyjęta na stronie klienta, kolejne kroki należą do Ciebie
notify-s-offer_decline = { $who }: oferta odrzucona na stronie klienta
notify-s-offer_changes = { $who }: prośba o zmiany w ofercie, przygotuj nową wersję
notify-s-complaint = Reklamacja po dostawie: { $who }, zobacz zadanie rozmowy kontrolnej
notify-s-customer_message = { $who } napisał(a) na swojej stronie
notify-s-customer_callback = { $who } prosi o oddzwonienie
notify-s-customer_document = { $who } przysłał(a) dokument
notify-s-email_reply = { $who } odpowiedział(a) e-mailem
notify-s-mailbox_failed = Skrzynka przestała działać: wysłane do niej zapytania czekają
notify-s-test = Wiadomość testowa
