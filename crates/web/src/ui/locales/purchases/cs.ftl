# Nákup od dodavatele (issue 21).

## Nákupy na časové ose
words-ev-purchase-requested = { $who } požádal(a) dodavatele { $supplier } o fakturu (položky přijaté nabídky: { $lines }).
words-ev-purchase-invoice_received = { $who } přiložil(a) fakturu { $number } od dodavatele { $supplier }: { $amount } { $currency }.
words-ev-purchase-overridden = { $who } povolil(a) fakturu zákazníkovi bez faktury od dodavatele { $supplier }: { $reason }
words-ev-purchase-paid = { $who } označil(a) dodavatele { $supplier } jako zaplaceného.

## Auditní záznam
audit-purchase-override = Výjimka z faktury dodavatele
audit-purchase-supplier_invoice_read = Otevřena faktura dodavatele

## Stavy
pur-status-requested = faktura vyžádána
pur-status-invoice_received = faktura přijata
pur-status-paid = dodavatel zaplacen

## Karta poptávky
pur-card-title = Dodavatel
pur-card-none = Zatím žádný nákup od dodavatele. Před fakturou zákazníkovi si vyžádejte fakturu od dodavatele.
pur-card-request = Vyžádat fakturu od dodavatele (nabídka verze { $version })
pur-card-supplier = Dodavatel (prázdné = podle katalogu)
pur-card-line = { $name } · { $quantity }
pur-card-article = naše { $sku }
pur-card-supplier-article = dodavatele { $sku }
pur-card-invoice = Faktura dodavatele { $number }: { $amount }
pur-card-open = Otevřít fakturu dodavatele
pur-card-attach = Přiložit fakturu dodavatele
pur-card-file = Soubor (PDF, obrázek nebo kancelářský dokument)
pur-card-number = Číslo faktury
pur-card-amount = Částka
pur-card-currency = Měna
pur-card-override = Vystavit fakturu zákazníkovi bez ní
pur-card-reason = Důvod (zaznamená se)
pur-card-overridden = Zákazníkovi lze fakturovat i bez ní (povoleno { $date }): { $reason }
pur-card-paid = Označit dodavatele jako zaplaceného
pur-card-paid-on = Zaplaceno { $date }
pur-card-waiting = Faktura zákazníkovi čeká na fakturu tohoto dodavatele.
pur-done-requested = Faktura od dodavatele je vyžádána.
pur-done-attached = Faktura dodavatele je přiložena.
pur-done-overridden = Výjimka je zaznamenána: fakturu zákazníkovi lze vystavit.
pur-done-paid = Dodavatel je označen jako zaplacený.
pur-err-supplier = Katalog u některých položek neuvádí dodavatele: zadejte dodavatele.
pur-err-file = Vyberte soubor s fakturou dodavatele: PDF, obrázek nebo kancelářský dokument do 10 MB.
pur-err-invoice = Zkontrolujte číslo faktury, částku (např. 900.00) a měnu (např. CZK).
pur-err-reason = Uveďte, proč může faktura zákazníkovi odejít bez faktury dodavatele.
pur-err-conflict = To teď nejde: nákup se mezitím posunul. Načtěte kartu znovu.

## Karta faktur
pur-invoice-refused = Faktura zákazníkovi čeká na fakturu dodavatele: přiložte ji v sekci Dodavatel, nebo ať manažer udělí výjimku.
pur-invoice-attached = Přiložena faktura dodavatele { $number }
