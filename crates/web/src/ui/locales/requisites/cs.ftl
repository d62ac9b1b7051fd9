# The requisites area's words (issue 21).

## The requisites on the timeline
words-ev-requisites-staff-b2c = { $who } zadal(a) údaje zákazníka (soukromá osoba).
words-ev-requisites-staff-b2b = { $who } zadal(a) firemní údaje zákazníka.
words-ev-requisites-api-b2c = { $who } zadal(a) údaje zákazníka (soukromá osoba) přes API.
words-ev-requisites-api-b2b = { $who } zadal(a) firemní údaje zákazníka přes API.
words-ev-requisites-customer-b2c = Zákazník zadal své údaje (soukromá osoba) na své stránce.
words-ev-requisites-customer-b2b = Zákazník zadal firemní údaje na své stránce.
audit-requisites-id_document_read = Zobrazení údajů z dokladu

## The confirmation to the customer
requisites-mail-subject = { $company }: vaše údaje jsme obdrželi
requisites-mail-subject-plain = Vaše údaje jsme obdrželi
requisites-mail-text =
    Dobrý den, { $name },
    {""}
    děkujeme — vaše údaje pro fakturu a doručení jsme obdrželi.
    Zkontrolovat je a sledovat objednávku můžete na své stránce:
    { $link }
requisites-sms-text = Děkujeme, vaše údaje jsme obdrželi. Vaše stránka: { $link }

## The fields
requisites-f-customer_type = Na koho bude faktura?
requisites-type-b2c = Soukromá osoba
requisites-type-b2b = Firma (právnická osoba)
requisites-f-full_name = Jméno a příjmení
requisites-f-phone = Telefon
requisites-f-email = E-mail
requisites-f-address = Adresa
requisites-f-id_document = Cestovní pas nebo občanský průkaz (číslo, vydal, platnost)
requisites-f-company = Název firmy
requisites-f-company_id = IČO
requisites-f-vat_id = DIČ (nechte prázdné, pokud nejste plátce DPH)
requisites-shown-vat_id = DIČ
requisites-shown-id_document = Cestovní pas nebo občanský průkaz
requisites-f-contact_person = Kontaktní osoba
requisites-hint-vat_id = S kódem země, např. CZ12345678.
requisites-hint-id_document = Potřebuje ho dopravce pro doručení. Ukládá se šifrovaně.

## Messages next to the fields
requisites-errors = Opravte prosím označená pole.
requisites-err-type-required = Vyberte soukromou osobu, nebo firmu.
requisites-err-type-invalid = Vyberte soukromou osobu, nebo firmu.
requisites-err-required = Vyplňte prosím.
requisites-err-not-for-type = Toto se u tohoto typu zákazníka nevyplňuje.
requisites-err-invalid-full_name = Napište jméno na jeden řádek, nejvýše 200 znaků.
requisites-err-invalid-phone = Toto není platné telefonní číslo.
requisites-err-invalid-email = Toto není e-mailová adresa.
requisites-err-invalid-address = Adresa obsahuje nepovolené znaky, nebo je delší než 500 znaků.
requisites-err-invalid-id_document = Údaje z dokladu obsahují nepovolené znaky, nebo jsou delší než 500 znaků.
requisites-err-invalid-company = Napište název firmy na jeden řádek, nejvýše 200 znaků.
requisites-err-invalid-company_id = Toto není platné IČO (nesouhlasí kontrolní číslice).
requisites-err-invalid-contact_person = Napište jméno na jeden řádek, nejvýše 200 znaků.
requisites-err-vat-invalid = Toto není platné DIČ: kód země a číslo, např. CZ12345678 (CZ + 8–10 číslic, SK/PL + 10, DE + 9, ATU + 8).

## The lead card and the staff's form
requisites-title = Údaje zákazníka
requisites-none = Údaje pro fakturu zatím chybí.
requisites-enter = Zadat údaje
requisites-edit = Změnit údaje
requisites-updated = Zadáno { $when } ({ $source }).
requisites-source-staff = týmem
requisites-source-api = přes API
requisites-source-customer = zákazníkem na jeho stránce
requisites-id-on-file = uloženo
requisites-id-hidden = Údaje z dokladu vidí jen vlastník poptávky, manažeři a administrátoři.
requisites-id-reveal = Zobrazit údaje z dokladu
requisites-id-audited = Toto zobrazení se zapisuje do auditního záznamu.
requisites-edit-title = Údaje: { $who }
requisites-back = Zpět na poptávku
requisites-choose = Nejprve vyberte, na koho bude faktura:
requisites-continue = Pokračovat
requisites-save = Uložit údaje
requisites-id-retype = Údaje z dokladu se do formuláře nikdy nevyplňují: napište je znovu.
requisites-saved = Údaje uloženy. Zákazníkovi odešlo potvrzení.
requisites-denied = Údaje zákazníka zadává vlastník poptávky, kdo na ní má úkol, manažeři a administrátoři.

## The customer's page
c-requisites-title = Vaše údaje pro fakturu
c-requisites-ask = Děkujeme za přijetí nabídky. Zadejte prosím své údaje, ať můžeme připravit fakturu a doručení.
c-requisites-intro = Zde můžete zadat své údaje pro fakturu.
c-requisites-have = Vaše údaje máme. Děkujeme!
c-requisites-change = Změnit mé údaje
c-requisites-send = Odeslat údaje
c-sent-requisites = Děkujeme — vaše údaje jsme obdrželi. Potvrzení vám je na cestě.
