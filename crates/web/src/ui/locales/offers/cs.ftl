# The offers area's words (cs).

## Nabídky na časové ose
words-ev-offer-created = { $who } připravil(a) nabídku, verze { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who } poslal(a) zákazníkovi nabídku, verze { $version }.
words-ev-offer-accepted = Zákazník přijal nabídku, verze { $version }. { $note }
words-ev-offer-declined = Zákazník odmítl nabídku, verze { $version }. { $note }
words-ev-offer-changes-requested = Zákazník žádá o změny nabídky, verze { $version }. { $note }

## The customer's page: offers, and the message that sends one
c-offer-title = Naše nabídka (verze { $version })
c-offer-valid = Platí do { $date }
c-offer-expired = Platnost této nabídky skončila { $date } a už ji nelze přijmout. Napište nám a připravíme novou.
c-offer-delivery = Dodání: { $date }
c-offer-col-item = Položka
c-offer-col-qty = Množství
c-offer-col-price = Cena za jednotku
c-offer-col-discount = Sleva
c-offer-col-vat = DPH
c-offer-col-total = Celkem
c-offer-vat-row = DPH { $rate } % ze { $base }: { $vat }
c-offer-net = Bez DPH
c-offer-vat = DPH
c-offer-gross = Celkem k úhradě
c-offer-cooperation = Jak budeme spolupracovat
c-offer-you-provide = Co zajistíte vy
c-offer-we-do = Co uděláme my
c-offer-note = Poznámka
c-offer-avail-in_stock = skladem
c-offer-avail-on_order = na objednávku, očekáváme { $date }
c-offer-avail-not_available = není k dispozici
c-offer-accept = Přijmout nabídku
c-offer-decline = Odmítnout
c-offer-changes = Požádat o změny
c-offer-note-label = Poznámka pro nás (nepovinná)
c-offer-note-help = Napište, co změnit nebo proč vám nabídka nevyhovuje.
c-offer-reason-smaller = Začít jednou nebo dvěma službami
c-offer-quick = Nebo požádejte o menší začátek:
c-offer-decided-accept = Tuto nabídku jste přijali. Děkujeme — ozveme se vám s dalšími kroky.
c-offer-decided-decline = Tuto nabídku jste odmítli. Děkujeme, že jste nám dali vědět.
c-offer-decided-changes = Požádali jste o změny. Připravujeme novou verzi a pošleme vám ji.
c-offer-superseded = Tuto nabídku nahradila novější verze.
c-sent-offer-accept = Děkujeme: nabídku jste přijali. Ozveme se vám s dalšími kroky.
c-sent-offer-decline = Zaznamenali jsme, že nabídku odmítáte. Děkujeme, že jste nám dali vědět.
c-sent-offer-changes = Vaši žádost o změny máme. Pošleme vám novou verzi.
c-offer-refused-title = O této nabídce už nelze rozhodnout
c-offer-refused-expired = Platnost nabídky skončila. Napište nám a připravíme novou.
c-offer-refused-superseded = Tuto nabídku nahradila novější verze: podívejte se na nejnovější verzi na své stránce.
c-offer-refused-decided = O této nabídce jste už rozhodli.
c-offer-refused-not-sent = Tato nabídka ještě není připravená.
c-offer-back = Zpět na vaši stránku
offer-mail-subject = Vaše nabídka od { $company } (verze { $version })
offer-mail-text =
    Dobrý den,
    {""}
    vaše nabídka je připravená: { $total }, platí do { $until }.
    Podívejte se na ni a přijměte ji, odmítněte nebo požádejte o změny na své stránce:
    { $link }
offer-sms-text = Vaše nabídka je připravená ({ $total }, platí do { $until }): { $link }

## The lead card's offers
offers-card-title = Nabídky
offers-card-version = Verze { $version }
offers-card-valid = platí do { $date }
offers-status-draft = koncept
offers-status-sent = odesláno zákazníkovi
offers-status-accepted = přijato
offers-status-declined = odmítnuto
offers-status-changes_requested = žádost o změny
offers-status-superseded = nahrazeno novější verzí
offers-status-expired = platnost skončila

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Stáhnout nabídku (PDF)
offers-card-pdf = PDF
