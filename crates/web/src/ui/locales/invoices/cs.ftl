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

## Platby (issue 21, payments): časová osa
words-ev-payment-recorded = { $who } zapsal(a) platbu { $amount } { $currency } k faktuře { $number }; zbývá zaplatit { $left } { $currency }.
words-ev-invoice-paid = { $who }: faktura { $number } je zaplacena celá ({ $gross } { $currency }); zákazník dostal zprávu.
words-ev-payments-imported = { $who } nahrál(a) bankovní výpis: { $matched } z { $lines } řádků zapsáno jako platby, { $unmatched } čeká na kontrolu.
words-ev-payments-reviewed-assigned = { $who } přiřadil(a) řádek bankovního výpisu k faktuře.
words-ev-payments-reviewed-dismissed = { $who } vyřadil(a) řádek bankovního výpisu: nejde o platbu faktury.
words-ev-invoice-overdue-reminder = { $who }: faktura { $number } není po splatnosti zaplacena (zbývá { $left }); zákazníkovi jde upomínka a vlastník volá.
words-ev-invoice-overdue-escalation = { $who }: faktura { $number } stále není zaplacena (zbývá { $left }); přebírá ji manažer.

## Platby: zpráva zákazníkovi
inv-paid-mail-subject = Platba přijata: faktura { $number }
inv-paid-mail-text =
    Dobrý den,
    {""}
    děkujeme: vaši platbu jsme přijali a faktura { $number } ({ $total }) je zaplacena celá. Co bude dál, najdete na své stránce:
    { $link }
    {""}
    { $company }
inv-paid-sms-text = Děkujeme: faktura { $number } ({ $total }) je zaplacena celá. Vaše stránka: { $link }

## Platby: karta poptávky
inv-card-left = zbývá zaplatit { $left }
inv-pay-title = Zapsat platbu
inv-pay-amount = Částka ({ $currency })
inv-pay-date = Datum přijetí
inv-pay-reference = Variabilní symbol / reference
inv-pay-submit = Zapsat platbu
inv-pay-next = Když platba uhradí celou fakturu, zákazník dostane zprávu a začne další krok obchodu; částečná platba sníží, co zbývá zaplatit.
inv-pay-recorded = Platba zapsána: k faktuře { $number } zbývá zaplatit { $left }.
inv-pay-recorded-full = Faktura { $number } je zaplacena celá: zákazník dostal zprávu a začal další krok.
inv-pay-refused = Platba nebyla zapsána: { $why }
inv-pay-bad-amount = částka musí být kladné číslo, nejvýš to, co zbývá zaplatit
inv-pay-bad-date = datum musí být den, který už nastal, například 6. 5. 2031

## Platby: stránka zákazníka
c-inv-paid = Zaplaceno celé — děkujeme
c-inv-partially-paid = Zaplaceno { $paid }, zbývá { $left }

## Platby: stránka pro manažery
pay-page-title = Platby
inv-card-payments-link = Bankovní výpisy a platby ke kontrole
pay-page-help = Nahrajte bankovní výpis: každá platba, jejíž variabilní symbol patří faktuře a částka je rovna zbývající částce (nebo menší), se zapíše k té faktuře; když je faktura zaplacena celá, zákazník dostane zprávu. Co nesedí, čeká níže.
pay-upload-file = Bankovní výpis
pay-upload-format = Formát
pay-format-csv = CSV (datum, částka, měna, reference, protistrana, zpráva)
pay-format-gpc = ABO/GPC (české banky)
pay-upload-submit = Nahrát výpis
pay-imported = Výpis nahrán: zapsáno { $matched } plateb, { $unmatched } čeká na kontrolu.
pay-review-title = Ke kontrole
pay-review-none = Není co kontrolovat: každá platba našla svou fakturu.
pay-col-date = Datum
pay-col-amount = Částka
pay-col-reference = Reference
pay-col-counterparty = Od koho
pay-col-reason = Proč nesedí
pay-reason-not_a_credit = odchozí platba, ne příchozí
pay-reason-no_reference = bez variabilního symbolu
pay-reason-unknown_reference = žádná faktura nemá tento symbol
pay-reason-cancelled = faktura byla stornována
pay-reason-already_paid = faktura je už zaplacena
pay-reason-currency = jiná měna než na faktuře
pay-reason-overpayment = víc, než zbývá zaplatit
pay-assign-number = Číslo faktury
pay-assign = Zapsat k této faktuře
pay-dismiss = Není to platba faktury
pay-assigned = Platba byla zapsána k faktuře { $number }.
pay-dismissed = Řádek byl vyřazen.
pay-error = Neprovedeno: { $why }
