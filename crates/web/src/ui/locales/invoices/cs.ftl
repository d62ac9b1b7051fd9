# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } vystavil(a) fakturu { $number }: { $gross } { $currency }, splatnost { $due }.

## The message that brings the documents
inv-mail-subject = Faktura { $number } od { $company }
inv-mail-text =
    Dobrý den,
    {""}
    děkujeme za objednávku. Fakturu { $number } a doklady najdete na své stránce:
    { $link }
    {""}
    Částka: { $total }
    Splatnost: { $due }
    Variabilní symbol: { $vs }
    Účet: { $account }
    Dodání: { $delivery }
inv-sms-text = Faktura { $number } ({ $total }, splatnost { $due }, VS { $vs }) je na vaší stránce: { $link }
inv-mail-delivery-agreed = dle dohody

## Statuses
inv-status-issued = vystavena
inv-status-partially_paid = částečně zaplacena
inv-status-paid = zaplacena
inv-status-overdue = po splatnosti
inv-status-cancelled = stornována

## The lead card
inv-card-title = Faktury
inv-card-none = Zatím žádná faktura.
inv-card-number = Faktura { $number }
inv-card-dates = vystavena { $issued }, splatná { $due }
inv-card-paid = zaplaceno { $paid }
inv-card-issue = Vystavit fakturu k nabídce, verze { $version }
inv-card-issued = Faktura { $number } byla vystavena a doklady odeslány zákazníkovi.
inv-card-refused-no-requisites = Fakturu zatím nelze vystavit: nejdřív zadejte osobní údaje nebo firemní údaje zákazníka.
inv-card-refused-not-accepted = Fakturovat lze jen nabídku, kterou zákazník přijal.
inv-card-refused-invoiced = Tato nabídka už byla vyfakturována.
inv-doc-invoice = Faktura (PDF)
inv-doc-contract = Smlouva (PDF)

## The customer's page
c-inv-title = Vaše faktury
c-inv-invoice = Faktura { $number }
c-inv-total = Částka { $total }
c-inv-due = splatná { $date }
c-inv-reference = variabilní symbol { $vs }
c-inv-pdf = Stáhnout fakturu (PDF)
c-inv-contract-pdf = Stáhnout smlouvu (PDF)

## The company's settings: invoicing
inv-set-title = Fakturace
inv-set-help = Co o firmě říkají vaše faktury a jak se číslují.
inv-set-registration-id = IČO
inv-set-vat-id = DIČ
inv-set-bank-account = Bankovní účet
inv-set-iban = IBAN
inv-set-bic = BIC / SWIFT
inv-set-terms = Splatnost (dny)
inv-set-pattern = Vzor čísla faktury
inv-set-pattern-help = {"{"}YYYY{"}"} nebo {"{"}YY{"}"} je rok, {"{"}NNNN{"}"} pořadí s tolika číslicemi, kolik je N; např. {"{"}YYYY{"}{"}NNNN{"}"} dává 20260001.
inv-set-save = Uložit fakturaci
inv-set-saved = Fakturace uložena.
inv-set-err-text = nejvýš { $max } znaků na jednom řádku
inv-set-err-iban = `{ $v }` není platný IBAN (zkontrolujte číslice)
inv-set-err-terms = `{ $v }` není počet dní od 0 do 365
inv-set-err-pattern = `{ $v }`: { $why }
