# The catalogue area's words (en).
catalogue-nav = Catalogue
catalogue-title = Catalogue
catalogue-add = Add a product
catalogue-new = A new product or service
catalogue-edit = Change
catalogue-edit-title = Product { $v }
catalogue-back = ← Back to the catalogue
catalogue-search = Search
catalogue-search-placeholder = Article number or name, e.g. KT-100 or kotel
catalogue-show-inactive = Show products no longer offered
catalogue-empty = The catalogue is empty. A manager or an admin adds the products.
catalogue-empty-manage = The catalogue is empty. Add a product, or import your price list as a CSV file below.
catalogue-none-found = Nothing found for “{ $v }”. Try the start of the article number or a part of the name.
catalogue-count = { $n ->
    [one] One product
   *[other] { $n } products
}
catalogue-limit = (the first 500: search to narrow the list)
catalogue-inactive = not offered
catalogue-col-sku = Article number
catalogue-col-name = Name
catalogue-col-name_en = Name in English
catalogue-col-name_cs = Name in Czech
catalogue-col-name_ru = Name in Russian
catalogue-col-name_pl = Name in Polish
catalogue-col-name_he = Name in Hebrew
catalogue-col-unit = Unit
catalogue-col-price = Price without VAT
catalogue-col-currency = Currency
catalogue-col-vat_rate = VAT
catalogue-col-supplier = Supplier
catalogue-col-supplier_sku = Supplier's article number
catalogue-col-row = Row
catalogue-col-file = File
catalogue-file = Catalogue file (CSV)
catalogue-export = Download the catalogue (CSV)
catalogue-export-hint = Every product, for a spreadsheet or your supplier. Change it and import it again: products are matched by their article number.
catalogue-import = Import a catalogue file
catalogue-import-hint = The first line names the columns (in any order; sku and at least one name are required), separated by ; or , — saved as CSV UTF-8. New article numbers are added, known ones are changed. If any line is wrong, nothing is saved and every problem is listed here.
catalogue-import-button = Check and import
catalogue-line = Line
catalogue-column = Column
catalogue-problem = What to fix
catalogue-file-none = Choose a CSV file first.
catalogue-file-empty = The file has no products: after the first line, one product per line.
catalogue-file-problems = { $n ->
    [one] Nothing was saved: one problem in the file. Fix it and import the file again.
   *[other] Nothing was saved: { $n } problems in the file. Fix them and import the file again.
}
catalogue-saved = Saved { $v }. It is in the catalogue now and can be put on an offer; find it with the search.
catalogue-imported = Imported: { $created } added, { $updated } changed. The products can be put on offers now.
catalogue-errors = { $n ->
    [one] Nothing was saved: one field needs fixing.
   *[other] Nothing was saved: { $n } fields need fixing.
}
catalogue-sku-hint = Your own article number, unique in the catalogue (up to 64 characters).
catalogue-unit-placeholder = pcs, h, m²
catalogue-names = Name
catalogue-names-hint = At least one language. An offer shows the name in the customer's language, else the first one given.
catalogue-price-label = Price without VAT
catalogue-price-hint = Per unit, e.g. 1250.50 (a comma works too).
catalogue-vat-label = VAT rate
catalogue-supplier-sku-hint = For checking availability with the supplier.
catalogue-active = Offered
catalogue-active-hint = A product no longer offered stays on earlier offers but is not found in the search.
catalogue-save = Save
catalogue-save-hint = After saving you return to the catalogue, where the product can be found.
catalogue-err-required = Fill this in.
catalogue-err-too_long = At most { $max } characters.
catalogue-err-one_line = One line, without tabs or line breaks.
catalogue-err-language = Names only in English, Czech, Russian, Polish or Hebrew.
catalogue-err-language_twice = This language's name is given twice.
catalogue-err-name_required = Give the name in at least one language.
catalogue-err-not_a_number = Write a number, e.g. 1250.50 (no spaces or thousands separators).
catalogue-err-negative = Must not be negative.
catalogue-err-scale = At most { $places } decimal places.
catalogue-err-too_large = Must be less than 1 000 000 000 000.
catalogue-err-currency = A 3-letter currency code, e.g. CZK or EUR.
catalogue-err-currency_unknown = Not a currency the catalogue knows; use one of { $currencies }.
catalogue-err-vat_range = A percentage from 0 to 100, e.g. 21.
catalogue-err-encoding = The file is not UTF-8 text: in your spreadsheet choose "Save as" → "CSV UTF-8".
catalogue-err-empty = The file is empty: the first line must name the columns.
catalogue-err-csv = This line cannot be read as CSV (check the quotes).
catalogue-err-column_unknown = Not a column of the catalogue; the columns are sku, name_en, name_cs, name_ru, name_pl, name_he, unit, price, currency, vat_rate, supplier, supplier_sku.
catalogue-err-column_twice = This column is named twice.
catalogue-err-column_missing = A required column is missing: sku and at least one name column (name_en, name_cs, name_ru, name_pl, name_he).
catalogue-err-sku_twice = This article number is on an earlier line of the file already.
catalogue-err-columns = This line has more values than the first line has columns.
catalogue-err-too_many = The file has too many lines (at most 20 000): split it.
catalogue-err-sku_taken = Another product has this article number already: choose another one, or change that product.
audit-catalogue-product_created = Product added to the catalogue
audit-catalogue-product_changed = Product in the catalogue changed
audit-catalogue-imported = Catalogue file imported
