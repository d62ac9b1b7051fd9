# Slova oblasti doručení a reklamací (issue 21, body 5 a 6).

## Na časové ose
words-ev-delivery-planned = { $who } naplánoval(a) doručení na { $date }.
words-ev-delivery-planned-driver = { $who } naplánoval(a) doručení na { $date } s řidičem { $driver }.
words-ev-delivery-pack-ready = Doklady pro řidiče na { $date } jsou připravené.
words-ev-delivery-done = { $who } zaznamenal(a) doručení zboží { $at }.
words-ev-complaint-recorded = { $who } zaznamenal(a) reklamaci zákazníka pro vedení.
words-ev-complaint-resolved = { $who } vyřídil(a) reklamaci zákazníka.

## Karta poptávky
dlv-card-title = Doručení
dlv-none = Doručení zatím není naplánované.
dlv-date = Den doručení
dlv-address = Adresa
dlv-driver = Řidič (nepovinné)
dlv-driver-name = Řidič
dlv-plan = Naplánovat doručení
dlv-status-planned = naplánováno
dlv-status-pack_ready = doklady připravené
dlv-status-delivered = doručeno
dlv-pack-at = Doklady pro řidiče se vytisknou { $at }.
dlv-delivered-at = Doručeno { $at }.
dlv-doc-invoice = Faktura
dlv-doc-vat_invoice = Daňový doklad
dlv-doc-delivery_note = Dodací list
dlv-mark-delivered = Označit jako doručené
dlv-day-link = Stránka řidiče na { $date }
dlv-flash-planned = Doručení je naplánované.
dlv-flash-delivered = Zboží je zaznamenané jako doručené.
dlv-err-date = Zvolte den doručení: dnes nebo později.
dlv-err-address = Zadejte adresu doručení.
dlv-err-driver = Jméno řidiče je jeden řádek o nejvýše 200 znacích.
dlv-err-delivered = Toto doručení už je zaznamenané jako doručené.

## Stránka řidiče
dlv-day-title = Doručení dne { $date }
dlv-day-nav = Doručení
dlv-day-empty = Na tento den není žádné doručení.
dlv-day-pick = Den
dlv-day-show = Zobrazit
dlv-print = Vytisknout
dlv-customer = Zákazník
dlv-phone = Telefon
dlv-documents = Doklady
dlv-status = Stav
dlv-err-day = To není den: vyberte ho v kalendáři.

## Reklamace
cmp-title = Reklamace
cmp-nav = Reklamace
cmp-intro = Reklamace z negativních kontrolních hovorů, nejnovější nahoře.
cmp-empty = Žádné reklamace.
cmp-status = Stav
cmp-all = Všechny
cmp-status-open = Otevřená
cmp-status-resolved = Vyřízená
cmp-from = Od
cmp-to = Do
cmp-show = Zobrazit
cmp-date = Datum
cmp-customer = Zákazník
cmp-owner = Obchodník
cmp-channel = Kanál
cmp-text = Reklamace
cmp-resolution = Vyřízení
cmp-resolve = Vyřídit
cmp-resolve-note = Jak byla vyřízena
cmp-resolved-at = Vyřízeno { $at }: { $note }
cmp-export-csv = Stáhnout CSV
cmp-export-xlsx = Stáhnout Excel
cmp-flash-resolved = Reklamace je vyřízená.
cmp-err-note = Napište, jak byla reklamace vyřízena.
cmp-err-filter = Zkontrolujte filtr: den se píše RRRR-MM-DD.
cmp-nobody = nikdo
cmp-complaint-note = Reklamace zákazníka (povinné při negativní odpovědi)
