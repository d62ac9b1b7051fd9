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

# editor
## Editor nabídek a verze vedle sebe na kartě poptávky
offers-ed-title = Nabídka verze { $version } pro { $who }
offers-ed-intro = Řádky z katalogu (napište kód nebo název) nebo volný text. Součty se při uložení spočítají znovu.
offers-ed-intro-version = Nová verze vyplněná podle předchozí: změňte, o co zákazník požádal. Předchozí verze zůstane a bude označena jako nahrazená.
offers-ed-back = ← Zpět na poptávku
offers-ed-errors = { $n ->
    [one] Opravte prosím { $n } pole. Nic z napsaného se neztratilo.
    [few] Opravte prosím { $n } pole. Nic z napsaného se neztratilo.
   *[other] Opravte prosím { $n } polí. Nic z napsaného se neztratilo.
}
offers-ed-lines = Řádky
offers-ed-lines-hint = Prázdné řádky se vynechají.
offers-ed-line-n = Řádek { $v }
offers-ed-name = Položka (název, nebo hledejte v katalogu)
offers-ed-sku = Kód zboží
offers-ed-quantity = Množství
offers-ed-unit = Jednotka
offers-ed-unit_price = Cena za jednotku
offers-ed-discount = Sleva %
offers-ed-vat_rate = DPH %
offers-ed-availability = U dodavatele
offers-ed-avail-unknown = neověřeno
offers-ed-avail-in_stock = skladem
offers-ed-avail-on_order = na objednávku
offers-ed-avail-not_available = nedostupné
offers-ed-available_on = Termín dodavatele (na objednávku)
offers-ed-remove = Odebrat řádek
offers-ed-add = Přidat řádek
offers-ed-totals = Součty
offers-ed-totals-hint = Náhled: přesné součty spočítá server při uložení.
offers-ed-terms = Podmínky
offers-ed-currency = Měna
offers-ed-valid_until = Platí do
offers-ed-delivery_date = Termín dodání
offers-ed-cooperation = Průběh spolupráce
offers-ed-customer_provides = Co zajistí zákazník
offers-ed-we_provide = Co zajistíme my
offers-ed-note = Poznámka
offers-ed-save = Uložit jako koncept
offers-ed-save-hint = Zákazníkovi nic neodejde, dokud nabídku neodešlete.
offers-ed-err-sku = Zboží s tímto kódem není v katalogu. Vyberte z návrhů, nebo vyplňte název, cenu a sazbu DPH.
offers-ed-err-name = Vyplňte název položky nebo vyberte zboží z katalogu.
offers-ed-err-quantity = Zadejte množství větší než 0, např. 2 nebo 1,5.
offers-ed-err-unit = Zadejte krátkou jednotku, např. ks nebo hod (nejvýše 20 znaků).
offers-ed-err-unit_price = Zadejte cenu za jednotku číslem, např. 1250,50.
offers-ed-err-unit_price-currency = Cena zboží je v jiné měně: zadejte cenu v měně nabídky.
offers-ed-err-discount = Zadejte slevu v procentech od 0 do 100.
offers-ed-err-vat_rate = Zadejte sazbu DPH v procentech od 0 do 100, např. 21.
offers-ed-err-availability = Vyberte dostupnost ze seznamu.
offers-ed-err-available_on = Zadejte termín dodavatele pro položku na objednávku.
offers-ed-err-currency = Vyberte měnu ze seznamu.
offers-ed-err-valid_until = Zadejte poslední den platnosti: dnes nebo později, nejvýše tři roky dopředu.
offers-ed-err-delivery_date = Zadejte termín dodání ode dneška.
offers-ed-err-cooperation = Text je příliš dlouhý (nejvýše 10 000 znaků).
offers-ed-err-customer_provides = Text je příliš dlouhý (nejvýše 10 000 znaků).
offers-ed-err-we_provide = Text je příliš dlouhý (nejvýše 10 000 znaků).
offers-ed-err-note = Text je příliš dlouhý (nejvýše 10 000 znaků).
offers-ed-err-items = Vyplňte alespoň jeden řádek (nejvýše 200).
offers-ed-err-form = Ve formuláři něco nesedí, zkontrolujte ho prosím.
offers-ed-saved = Nabídka verze { $version } je uložena jako koncept. Až bude hotová, odešlete ji zákazníkovi.
offers-ed-sent-email = Nabídka verze { $version } odešla zákazníkovi e-mailem s odkazem na jeho stránku. Jakmile ji přijme, odmítne nebo požádá o změny, hned se to dozvíte.
offers-ed-sent-sms = Nabídka verze { $version } odešla zákazníkovi SMS s odkazem na jeho stránku. Jakmile ji přijme, odmítne nebo požádá o změny, hned se to dozvíte.
offers-ed-sent-none = Nabídka verze { $version } je na stránce zákazníka; nemá e-mail ani telefon, pošlete mu odkaz sami. Jakmile se rozhodne, hned se to dozvíte.
offers-ed-none = Zatím žádná nabídka.
offers-ed-send = Odeslat zákazníkovi
offers-ed-new-version = Nová verze
offers-ed-new = Nová nabídka
offers-cmp-title = Verze vedle sebe
offers-cmp-a = Dřívější
offers-cmp-b = Pozdější
offers-cmp-show = Porovnat
offers-cmp-added = přidáno
offers-cmp-removed = odebráno
offers-cmp-changed = změněno
offers-cmp-f-name = název
offers-cmp-f-quantity = množství
offers-cmp-f-unit = jednotka
offers-cmp-f-unit_price = cena
offers-cmp-f-discount = sleva
offers-cmp-f-vat_rate = sazba DPH
offers-cmp-f-availability = dostupnost
offers-cmp-f-cooperation = průběh spolupráce
offers-cmp-f-customer_provides = co zajistí zákazník
offers-cmp-f-we_provide = co zajistíme my
offers-cmp-f-note = poznámka
offers-cmp-n-added = { $n ->
    [one] { $n } řádek přidán
    [few] { $n } řádky přidány
   *[other] { $n } řádků přidáno
}
offers-cmp-n-removed = { $n ->
    [one] { $n } řádek odebrán
    [few] { $n } řádky odebrány
   *[other] { $n } řádků odebráno
}
offers-cmp-n-changed = { $n ->
    [one] { $n } řádek změněn
    [few] { $n } řádky změněny
   *[other] { $n } řádků změněno
}
offers-cmp-totals = součty
offers-cmp-validity = platnost
offers-cmp-delivery = termín dodání
offers-cmp-nothing = Mezi těmito verzemi se nic nezměnilo.
offers-cmp-summary = Co se změnilo: { $v }.

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Stáhnout nabídku (PDF)
offers-card-pdf = PDF

# A playbook task's part in the offer (item 5): the editor opened from the task, the draft sent from it.
offers-task-editor = Otevřít editor nabídky
offers-task-new-version = Otevřít editor: nová verze z verze { $version }
offers-task-send = Poslat zákazníkovi verzi { $version }
offers-ed-saved-task = Verze nabídky { $version } uložena a váš úkol ji připravit je hotový. Co následuje, najdete v otevřených úkolech níže.
offers-ed-completes-task = Uložením této verze dokončíte svůj úkol „{ $task }“.
