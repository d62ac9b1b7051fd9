# The catalogue area's words (pl).
catalogue-nav = Katalog
catalogue-title = Katalog
catalogue-add = Dodaj produkt
catalogue-new = Nowy produkt lub usługa
catalogue-edit = Zmień
catalogue-edit-title = Produkt { $v }
catalogue-back = ← Wróć do katalogu
catalogue-search = Szukaj
catalogue-search-placeholder = Numer katalogowy lub nazwa, np. KT-100 albo kocioł
catalogue-show-inactive = Pokaż także produkty, których już nie oferujemy
catalogue-empty = Katalog jest pusty. Produkty dodaje kierownik lub administrator.
catalogue-empty-manage = Katalog jest pusty. Dodaj produkt lub zaimportuj poniżej cennik jako plik CSV.
catalogue-none-found = Nic nie znaleziono dla „{ $v }”. Spróbuj początku numeru katalogowego lub części nazwy.
catalogue-count = { $n ->
    [one] Jeden produkt
    [few] { $n } produkty
   *[other] { $n } produktów
}
catalogue-limit = (pierwsze 500: zawęź listę wyszukiwaniem)
catalogue-inactive = nieoferowany
catalogue-col-sku = Numer katalogowy
catalogue-col-name = Nazwa
catalogue-col-name_en = Nazwa po angielsku
catalogue-col-name_cs = Nazwa po czesku
catalogue-col-name_ru = Nazwa po rosyjsku
catalogue-col-name_pl = Nazwa po polsku
catalogue-col-name_he = Nazwa po hebrajsku
catalogue-col-unit = Jednostka
catalogue-col-price = Cena netto
catalogue-col-currency = Waluta
catalogue-col-vat_rate = VAT
catalogue-col-supplier = Dostawca
catalogue-col-supplier_sku = Numer katalogowy dostawcy
catalogue-col-row = Wiersz
catalogue-col-file = Plik
catalogue-file = Plik katalogu (CSV)
catalogue-export = Pobierz katalog (CSV)
catalogue-export-hint = Wszystkie produkty, do arkusza lub dla dostawcy. Zmień go i zaimportuj ponownie: produkty są dopasowywane po numerze katalogowym.
catalogue-import = Importuj plik katalogu
catalogue-import-hint = Pierwszy wiersz nazywa kolumny (w dowolnej kolejności; wymagane są sku i co najmniej jedna nazwa), rozdzielone ; lub , — zapisane jako CSV UTF-8. Nowe numery katalogowe są dodawane, znane — zmieniane. Jeśli którykolwiek wiersz jest błędny, nic nie zostanie zapisane, a wszystkie problemy pojawią się tutaj.
catalogue-import-button = Sprawdź i importuj
catalogue-line = Wiersz
catalogue-column = Kolumna
catalogue-problem = Co poprawić
catalogue-file-none = Najpierw wybierz plik CSV.
catalogue-file-empty = W pliku nie ma produktów: po pierwszym wierszu jeden produkt na wiersz.
catalogue-file-problems = { $n ->
    [one] Nic nie zapisano: w pliku jest jeden problem. Popraw go i zaimportuj plik ponownie.
    [few] Nic nie zapisano: w pliku są { $n } problemy. Popraw je i zaimportuj plik ponownie.
   *[other] Nic nie zapisano: w pliku jest { $n } problemów. Popraw je i zaimportuj plik ponownie.
}
catalogue-saved = Zapisano { $v }. Produkt jest w katalogu i można go dodać do oferty; znajdziesz go wyszukiwaniem.
catalogue-imported = Zaimportowano: { $created } dodanych, { $updated } zmienionych. Produkty można teraz dodawać do ofert.
catalogue-errors = { $n ->
    [one] Nic nie zapisano: jedno pole wymaga poprawy.
    [few] Nic nie zapisano: { $n } pola wymagają poprawy.
   *[other] Nic nie zapisano: { $n } pól wymaga poprawy.
}
catalogue-sku-hint = Twój własny numer katalogowy, unikalny w katalogu (do 64 znaków).
catalogue-unit-placeholder = szt., godz., m²
catalogue-names = Nazwa
catalogue-names-hint = Co najmniej w jednym języku. Oferta pokazuje nazwę w języku klienta, a jeśli jej nie ma — pierwszą podaną.
catalogue-price-label = Cena netto
catalogue-price-hint = Za jednostkę, np. 1250,50.
catalogue-vat-label = Stawka VAT
catalogue-supplier-sku-hint = Do sprawdzania dostępności u dostawcy.
catalogue-active = Oferowany
catalogue-active-hint = Produkt, którego już nie oferujemy, zostaje na wcześniejszych ofertach, ale wyszukiwanie go nie znajdzie.
catalogue-save = Zapisz
catalogue-save-hint = Po zapisaniu wrócisz do katalogu, gdzie znajdziesz produkt.
catalogue-err-required = Uzupełnij.
catalogue-err-too_long = Najwyżej { $max } znaków.
catalogue-err-one_line = Jeden wiersz, bez tabulatorów i podziałów wiersza.
catalogue-err-language = Nazwy tylko po angielsku, czesku, rosyjsku, polsku lub hebrajsku.
catalogue-err-language_twice = Nazwa w tym języku jest podana dwa razy.
catalogue-err-name_required = Podaj nazwę w co najmniej jednym języku.
catalogue-err-not_a_number = Wpisz liczbę, np. 1250,50 (bez spacji i separatorów tysięcy).
catalogue-err-negative = Nie może być ujemna.
catalogue-err-scale = Najwyżej { $places } miejsca po przecinku.
catalogue-err-too_large = Musi być mniejsza niż 1 000 000 000 000.
catalogue-err-currency = Trzyliterowy kod waluty, np. PLN lub EUR.
catalogue-err-currency_unknown = Katalog nie zna tej waluty; użyj jednej z { $currencies }.
catalogue-err-vat_range = Procent od 0 do 100, np. 23.
catalogue-err-encoding = Plik nie jest tekstem UTF-8: w arkuszu wybierz „Zapisz jako” → „CSV UTF-8”.
catalogue-err-empty = Plik jest pusty: pierwszy wiersz musi nazywać kolumny.
catalogue-err-csv = Tego wiersza nie da się odczytać jako CSV (sprawdź cudzysłowy).
catalogue-err-column_unknown = Katalog nie ma takiej kolumny; kolumny to sku, name_en, name_cs, name_ru, name_pl, name_he, unit, price, currency, vat_rate, supplier, supplier_sku.
catalogue-err-column_twice = Ta kolumna jest podana dwa razy.
catalogue-err-column_missing = Brakuje wymaganej kolumny: sku i co najmniej jednej kolumny nazwy (name_en, name_cs, name_ru, name_pl, name_he).
catalogue-err-sku_twice = Ten numer katalogowy jest już we wcześniejszym wierszu pliku.
catalogue-err-columns = Ten wiersz ma więcej wartości, niż pierwszy wiersz ma kolumn.
catalogue-err-too_many = Plik ma za dużo wierszy (najwyżej 20 000): podziel go.
catalogue-err-sku_taken = Inny produkt ma już ten numer katalogowy: wybierz inny lub zmień tamten produkt.
audit-catalogue-product_created = Dodano produkt do katalogu
audit-catalogue-product_changed = Zmieniono produkt w katalogu
audit-catalogue-imported = Zaimportowano plik katalogu
