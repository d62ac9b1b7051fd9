# The catalogue area's words (cs).
catalogue-nav = Katalog
catalogue-title = Katalog
catalogue-add = Přidat produkt
catalogue-new = Nový produkt nebo služba
catalogue-edit = Upravit
catalogue-edit-title = Produkt { $v }
catalogue-back = ← Zpět do katalogu
catalogue-search = Hledat
catalogue-search-placeholder = Katalogové číslo nebo název, např. KT-100 nebo kotel
catalogue-show-inactive = Zobrazit i produkty, které už nenabízíme
catalogue-empty = Katalog je prázdný. Produkty přidává manažer nebo správce.
catalogue-empty-manage = Katalog je prázdný. Přidejte produkt nebo níže naimportujte ceník jako soubor CSV.
catalogue-none-found = Pro „{ $v }“ nic nenalezeno. Zkuste začátek katalogového čísla nebo část názvu.
catalogue-count = { $n ->
    [one] Jeden produkt
    [few] { $n } produkty
   *[other] { $n } produktů
}
catalogue-limit = (prvních 500: hledáním seznam zúžíte)
catalogue-inactive = nenabízí se
catalogue-col-sku = Katalogové číslo
catalogue-col-name = Název
catalogue-col-name_en = Název anglicky
catalogue-col-name_cs = Název česky
catalogue-col-name_ru = Název rusky
catalogue-col-name_pl = Název polsky
catalogue-col-name_he = Název hebrejsky
catalogue-col-unit = Jednotka
catalogue-col-price = Cena bez DPH
catalogue-col-currency = Měna
catalogue-col-vat_rate = DPH
catalogue-col-supplier = Dodavatel
catalogue-col-supplier_sku = Katalogové číslo dodavatele
catalogue-col-row = Řádek
catalogue-col-file = Soubor
catalogue-file = Soubor katalogu (CSV)
catalogue-export = Stáhnout katalog (CSV)
catalogue-export-hint = Všechny produkty pro tabulku nebo pro dodavatele. Upravte ho a naimportujte znovu: produkty se párují podle katalogového čísla.
catalogue-import = Importovat soubor katalogu
catalogue-import-hint = První řádek pojmenuje sloupce (v libovolném pořadí; povinné jsou sku a aspoň jeden název), oddělené ; nebo , — uložené jako CSV UTF-8. Nová katalogová čísla se přidají, známá se upraví. Je-li některý řádek chybný, neuloží se nic a všechny chyby se vypíšou zde.
catalogue-import-button = Zkontrolovat a importovat
catalogue-line = Řádek
catalogue-column = Sloupec
catalogue-problem = Co opravit
catalogue-file-none = Nejdřív vyberte soubor CSV.
catalogue-file-empty = V souboru nejsou žádné produkty: za prvním řádkem jeden produkt na řádek.
catalogue-file-problems = { $n ->
    [one] Nic se neuložilo: v souboru je jedna chyba. Opravte ji a naimportujte soubor znovu.
    [few] Nic se neuložilo: v souboru jsou { $n } chyby. Opravte je a naimportujte soubor znovu.
   *[other] Nic se neuložilo: v souboru je { $n } chyb. Opravte je a naimportujte soubor znovu.
}
catalogue-saved = Uloženo: { $v }. Produkt je teď v katalogu a lze ho dát do nabídky; najdete ho vyhledáváním.
catalogue-imported = Importováno: { $created } přidáno, { $updated } upraveno. Produkty lze teď dávat do nabídek.
catalogue-errors = { $n ->
    [one] Nic se neuložilo: jedno pole je třeba opravit.
    [few] Nic se neuložilo: { $n } pole je třeba opravit.
   *[other] Nic se neuložilo: { $n } polí je třeba opravit.
}
catalogue-sku-hint = Vaše vlastní katalogové číslo, v katalogu jedinečné (až 64 znaků).
catalogue-unit-placeholder = ks, hod, m²
catalogue-names = Název
catalogue-names-hint = Aspoň v jednom jazyce. Nabídka ukáže název v jazyce zákazníka, jinak první zadaný.
catalogue-price-label = Cena bez DPH
catalogue-price-hint = Za jednotku, např. 1250,50.
catalogue-vat-label = Sazba DPH
catalogue-supplier-sku-hint = Pro ověření dostupnosti u dodavatele.
catalogue-active = Nabízí se
catalogue-active-hint = Produkt, který se už nenabízí, zůstane na dřívějších nabídkách, ale vyhledávání ho nenajde.
catalogue-save = Uložit
catalogue-save-hint = Po uložení se vrátíte do katalogu, kde produkt najdete.
catalogue-err-required = Vyplňte.
catalogue-err-too_long = Nejvýše { $max } znaků.
catalogue-err-one_line = Jeden řádek, bez tabulátorů a zalomení.
catalogue-err-language = Názvy jen anglicky, česky, rusky, polsky nebo hebrejsky.
catalogue-err-language_twice = Název v tomto jazyce je zadán dvakrát.
catalogue-err-name_required = Zadejte název aspoň v jednom jazyce.
catalogue-err-not_a_number = Napište číslo, např. 1250,50 (bez mezer a oddělovačů tisíců).
catalogue-err-negative = Nesmí být záporné.
catalogue-err-scale = Nejvýše { $places } desetinná místa.
catalogue-err-too_large = Musí být menší než 1 000 000 000 000.
catalogue-err-currency = Třípísmenný kód měny, např. CZK nebo EUR.
catalogue-err-currency_unknown = Tuto měnu katalog nezná; použijte jednu z { $currencies }.
catalogue-err-vat_range = Procento od 0 do 100, např. 21.
catalogue-err-encoding = Soubor není text v UTF-8: v tabulce zvolte „Uložit jako“ → „CSV UTF-8“.
catalogue-err-empty = Soubor je prázdný: první řádek musí pojmenovat sloupce.
catalogue-err-csv = Tento řádek nejde přečíst jako CSV (zkontrolujte uvozovky).
catalogue-err-column_unknown = Takový sloupec katalog nemá; sloupce jsou sku, name_en, name_cs, name_ru, name_pl, name_he, unit, price, currency, vat_rate, supplier, supplier_sku.
catalogue-err-column_twice = Tento sloupec je uveden dvakrát.
catalogue-err-column_missing = Chybí povinný sloupec: sku a aspoň jeden sloupec názvu (name_en, name_cs, name_ru, name_pl, name_he).
catalogue-err-sku_twice = Toto katalogové číslo už je na dřívějším řádku souboru.
catalogue-err-columns = Tento řádek má víc hodnot, než má první řádek sloupců.
catalogue-err-too_many = Soubor má příliš mnoho řádků (nejvýše 20 000): rozdělte ho.
catalogue-err-sku_taken = Toto katalogové číslo už má jiný produkt: zvolte jiné, nebo upravte ten produkt.
audit-catalogue-product_created = Produkt přidán do katalogu
audit-catalogue-product_changed = Produkt v katalogu upraven
audit-catalogue-imported = Soubor katalogu importován
