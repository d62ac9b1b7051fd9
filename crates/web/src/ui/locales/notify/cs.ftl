# The notify area's words (cs).
notify-nav = Upozornění
notify-title = Upozornění
notify-hint = Co vám proces oznámil: připomínky, termíny, předání a co poslali zákazníci. Otevřením se upozornění označí jako přečtené.
notify-empty = Zatím nic. Připomínky, termíny a zprávy zákazníků se objeví tady.
notify-read-all = Označit vše jako přečtené
notify-read-one = Přečteno
notify-open = Otevřít kartu
notify-unread = nepřečtené
notify-waiting = Čeká na odpověď
notify-urgent = Naléhavé
notify-count = { $n ->
    [one] { $n } nepřečtené
    [few] { $n } nepřečtená
   *[other] { $n } nepřečtených
}
notify-new-lead = Nová poptávka
notify-someone = zákazník
notify-ago-now = právě teď
notify-ago-min = před { $n } min
notify-ago-h = před { $n } h
notify-ago-d = { $n ->
    [one] před { $n } dnem
   *[other] před { $n } dny
}
notify-via-web = poptávka z webu
notify-via-email = e-mail
notify-via-phone = telefonát
notify-via-in_person = osobní návštěva
notify-via-api = API
notify-via-unknown = poptávka
notify-s-other = Něco se stalo u zákazníka { $who }
notify-s-nothing = Upozornění
notify-s-new_lead = { $who }, { $via }: volejte hned
notify-s-new_lead_email = { $who }, { $via }: bez telefonu, napište e-mail
notify-s-new_request = { $who }, { $via }: potvrďte objednávku telefonem hned
notify-s-urgent_order = Naléhavá objednávka: { $who }, { $via }
notify-s-late_request = { $who }, { $via }: přišlo těsně před koncem pracovní doby, potvrďte ještě dnes
notify-s-in_person = { $who }, { $via }: zadáno pro vás, ozvěte se
notify-s-missed_call = Zmeškaný hovor od: { $who }, zavolejte zpět hned
notify-s-no_reaction = Nikdo nereagoval: { $who }, { $via }, převezměte to
notify-s-silence = { $who }, { $via }: zatím nepotvrzeno, volejte hned
notify-s-reminder = Stále čeká na vás: { $who }, { $via }
notify-s-sla_warning = Lhůta v ohrožení: { $who }, { $via }, zatím bez prvního kontaktu
notify-s-sla_breached = Zmeškaná lhůta: { $who }, { $via }, { $late } min po termínu
notify-s-handover = { $who }, { $via }: stojí za to, zjistěte podklady
notify-s-handed_over = Předáno vám: { $who }, { $via }, volejte do hodiny
notify-s-urgent_callback = Naléhavé: zavolejte zpět { $who } do 10 minut
notify-s-offer_ready = Nabídka pro zákazníka { $who } je připravena k předání
notify-s-offer_follow_up = Nabídka pro zákazníka { $who } čeká tři dny: připomeňte se
notify-s-offer_accept = { $who } přijal(a) nabídku na své stránce: další kroky jsou na vás
notify-s-offer_decline = { $who } odmítl(a) nabídku na své stránce
notify-s-offer_changes = { $who } žádá změny nabídky: připravte novou verzi
notify-s-complaint = Reklamace od zákazníka { $who } po dodání: viz úkol kontrolního hovoru
notify-s-customer_message = { $who } napsal(a) na své stránce
notify-s-customer_callback = { $who } žádá o zavolání zpět
notify-s-customer_document = { $who } poslal(a) dokument
notify-s-email_reply = { $who } odpověděl(a) e-mailem
notify-s-mailbox_failed = Schránka přestala fungovat: poptávky do ní poslané čekají
notify-s-test = Zkušební zpráva
