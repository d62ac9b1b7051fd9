//! The catalogue of products and services: a validated [`Product`] (article number, a name per
//! language, unit, price, currency, VAT rate, supplier and the supplier's article number), parsed
//! from what a person typed ([`ProductDraft::parse`], every bad field at once), and the CSV a
//! company exchanges with its spreadsheet or its supplier ([`read_csv`], [`write_csv`]): a header
//! row naming the columns ([`COLUMNS`]), `;` or `,` (whichever the header uses), UTF-8 with or
//! without a BOM. A file with any bad row is refused whole, each problem with its line.
//!
//! Money is a [`Decimal`], never a float; the currency a 3-letter ISO 4217 code from
//! [`CURRENCIES`]; the VAT rate a percentage (`21`, `10.5`).

use crate::FieldErrors;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::str::FromStr;

/// The languages a product's name may be given in, in the order "the first" means.
pub const LANGUAGES: [&str; 5] = ["en", "cs", "ru", "pl", "he"];

/// The ISO 4217 codes the catalogue accepts.
pub const CURRENCIES: &[&str] = &[
    "AED", "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "ILS", "INR", "ISK", "JPY", "KRW", "KZT",
    "MDL", "MXN", "NOK", "NZD", "PLN", "RON", "RSD", "RUB", "SEK", "SGD", "THB", "TRY", "UAH", "USD", "ZAR",
];

/// The CSV's columns, in the order the export writes them.
pub const COLUMNS: [&str; 12] =
    ["sku", "name_en", "name_cs", "name_ru", "name_pl", "name_he", "unit", "price", "currency", "vat_rate", "supplier", "supplier_sku"];

/// Longest article number (the product's and the supplier's).
pub const SKU_MAX: usize = 64;
/// Longest name in one language.
pub const NAME_MAX: usize = 200;
/// Longest unit (`pcs`, `h`, `m²`, `balení`).
pub const UNIT_MAX: usize = 20;
/// Longest supplier's name.
pub const SUPPLIER_MAX: usize = 200;
/// Most decimal places of a price and of a VAT rate.
pub const PRICE_SCALE: u32 = 4;
pub const VAT_SCALE: u32 = 2;
/// Most rows one CSV import takes.
pub const MAX_ROWS: usize = 20_000;

/// A product or service, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub sku: String,
    /// (language, name), at least one, in the order of [`LANGUAGES`].
    pub names: Vec<(String, String)>,
    pub unit: String,
    pub price: Decimal,
    pub currency: String,
    pub vat_rate: Decimal,
    pub supplier: Option<String>,
    pub supplier_sku: Option<String>,
}

impl Product {
    /// The name in `lang`, else the first one given.
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.iter().find(|(l, _)| l == lang).or(self.names.first()).map(|(_, n)| n.as_str()).unwrap_or_default()
    }

    /// The name in `lang` if there is one.
    pub fn name_exact(&self, lang: &str) -> Option<&str> {
        self.names.iter().find(|(l, _)| l == lang).map(|(_, n)| n.as_str())
    }

    /// What the search looks in for a name: every name, folded ([`crate::search::fold`]:
    /// case and diacritics ignored), one per line. (The article number is matched by prefix.)
    pub fn search_text(&self) -> String {
        self.names.iter().map(|(_, n)| crate::search::fold(n)).collect::<Vec<_>>().join("\n")
    }
}

/// A product as typed (a form, a JSON body, a CSV row): every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductDraft {
    pub sku: String,
    /// (language, name) as given; blank names are left out.
    pub names: Vec<(String, String)>,
    pub unit: String,
    pub price: String,
    pub currency: String,
    pub vat_rate: String,
    pub supplier: String,
    pub supplier_sku: String,
}

/// One thing wrong with one field: `code` names it for translation (`catalogue-err-CODE` in
/// the pages), `message` says it in English (the API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The CSV line (1 is the header), when it came from a file.
    pub line: Option<u64>,
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

/// Problems as field errors (the API's `422`); a file's problems are named `line N: field`.
pub fn field_errors(problems: &[Problem]) -> FieldErrors {
    let mut e = FieldErrors::new();
    for p in problems {
        match p.line {
            Some(l) => e.add(format!("line {l}: {}", p.field), p.message.clone()),
            None => e.add(p.field.clone(), p.message.clone()),
        }
    }
    e
}

fn problem(field: &str, code: &'static str, message: impl Into<String>) -> Problem {
    Problem { line: None, field: field.to_owned(), code, message: message.into() }
}

/// One line of text: no control characters (a tab or a line break either).
fn one_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

fn text(field: &str, raw: &str, max: usize, required: bool, out: &mut Vec<Problem>) -> Option<String> {
    let v = raw.trim();
    if v.is_empty() {
        if required {
            out.push(problem(field, "required", "is required"));
        }
        return None;
    }
    if v.chars().count() > max {
        out.push(problem(field, "too_long", format!("must be at most {max} characters")));
        return None;
    }
    if !one_line(v) {
        out.push(problem(field, "one_line", "must be one line without control characters"));
        return None;
    }
    Some(v.to_owned())
}

/// A decimal as people write it: digits with `.` or `,` as the decimal mark, no thousands
/// separators, no exponent, no sign but an optional leading `-` (refused later as negative).
fn decimal(raw: &str) -> Option<Decimal> {
    let v = raw.trim().replace(',', ".");
    let digits = v.strip_prefix('-').unwrap_or(&v);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !ok {
        return None;
    }
    Decimal::from_str(&v).ok()
}

/// A price: a decimal ≥ 0 with at most [`PRICE_SCALE`] places, below a trillion.
pub fn parse_price(raw: &str) -> Result<Decimal, (&'static str, String)> {
    let d = decimal(raw).ok_or(("not_a_number", "must be a number such as 1234.50".to_owned()))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(("negative", "must not be negative".into()));
    }
    if d.normalize().scale() > PRICE_SCALE {
        return Err(("scale", format!("must have at most {PRICE_SCALE} decimal places")));
    }
    if d >= Decimal::from(1_000_000_000_000i64) {
        return Err(("too_large", "must be less than 1000000000000".into()));
    }
    Ok(d.normalize().abs())
}

/// A VAT rate: a percentage from 0 to 100 with at most [`VAT_SCALE`] places.
pub fn parse_vat_rate(raw: &str) -> Result<Decimal, (&'static str, String)> {
    let d = decimal(raw.trim().trim_end_matches('%')).ok_or(("not_a_number", "must be a percentage such as 21 or 10.5".to_owned()))?;
    if (d.is_sign_negative() && !d.is_zero()) || d > Decimal::from(100) {
        return Err(("vat_range", "must be a percentage from 0 to 100".into()));
    }
    if d.normalize().scale() > VAT_SCALE {
        return Err(("scale", format!("must have at most {VAT_SCALE} decimal places")));
    }
    Ok(d.normalize().abs())
}

/// A currency: one of [`CURRENCIES`] (upper or lower case given).
pub fn parse_currency(raw: &str) -> Result<String, (&'static str, String)> {
    let v = raw.trim().to_ascii_uppercase();
    if CURRENCIES.contains(&v.as_str()) {
        Ok(v)
    } else if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        Err(("currency_unknown", format!("`{v}` is not a currency this catalogue knows; use one of {}", CURRENCIES.join(", "))))
    } else {
        Err(("currency", "must be a 3-letter ISO 4217 code such as CZK or EUR".into()))
    }
}

impl ProductDraft {
    /// The product, or every problem of every field.
    pub fn parse(&self) -> Result<Product, Vec<Problem>> {
        let mut out = Vec::new();
        let sku = text("sku", &self.sku, SKU_MAX, true, &mut out);
        let mut names = Vec::new();
        let mut seen = BTreeSet::new();
        for (lang, name) in &self.names {
            let field = format!("name_{lang}");
            if !LANGUAGES.contains(&lang.as_str()) {
                out.push(problem(&field, "language", format!("`{lang}` is not one of the languages {}", LANGUAGES.join(", "))));
                continue;
            }
            if !seen.insert(lang.clone()) {
                out.push(problem(&field, "language_twice", "is given twice"));
                continue;
            }
            if let Some(n) = text(&field, name, NAME_MAX, false, &mut out) {
                names.push((lang.clone(), n));
            }
        }
        names.sort_by_key(|(l, _)| LANGUAGES.iter().position(|x| x == l));
        if names.is_empty() && !out.iter().any(|p| p.field.starts_with("name")) {
            out.push(problem("name", "name_required", "give the name in at least one language"));
        }
        let unit = text("unit", &self.unit, UNIT_MAX, true, &mut out);
        let typed = |field: &str, raw: &str, parse: fn(&str) -> Result<Decimal, (&'static str, String)>, out: &mut Vec<Problem>| {
            if raw.trim().is_empty() {
                out.push(problem(field, "required", "is required"));
                return None;
            }
            parse(raw).map_err(|(code, m)| out.push(problem(field, code, m))).ok()
        };
        let price = typed("price", &self.price, parse_price, &mut out);
        let currency = if self.currency.trim().is_empty() {
            out.push(problem("currency", "required", "is required"));
            None
        } else {
            parse_currency(&self.currency).map_err(|(code, m)| out.push(problem("currency", code, m))).ok()
        };
        let vat_rate = typed("vat_rate", &self.vat_rate, parse_vat_rate, &mut out);
        let supplier = text("supplier", &self.supplier, SUPPLIER_MAX, false, &mut out);
        let supplier_sku = text("supplier_sku", &self.supplier_sku, SKU_MAX, false, &mut out);
        match (sku, unit, price, currency, vat_rate) {
            (Some(sku), Some(unit), Some(price), Some(currency), Some(vat_rate)) if out.is_empty() => {
                Ok(Product { sku, names, unit, price, currency, vat_rate, supplier, supplier_sku })
            }
            _ => Err(out),
        }
    }
}

impl From<&Product> for ProductDraft {
    fn from(p: &Product) -> Self {
        ProductDraft {
            sku: p.sku.clone(),
            names: p.names.clone(),
            unit: p.unit.clone(),
            price: p.price.to_string(),
            currency: p.currency.clone(),
            vat_rate: p.vat_rate.to_string(),
            supplier: p.supplier.clone().unwrap_or_default(),
            supplier_sku: p.supplier_sku.clone().unwrap_or_default(),
        }
    }
}

/// Reads a catalogue file: every row a product, or every problem of every row (with its line).
/// Unknown columns are refused (a typo would otherwise lose a column silently); `sku` and at
/// least one `name_*` column are required; a missing optional column counts as empty. An
/// article number given twice is a problem on its second line.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Product>, Vec<Problem>> {
    let at = |line: u64, field: &str, code: &'static str, m: String| Problem { line: Some(line), field: field.into(), code, message: m };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![at(1, "file", "encoding", "is not UTF-8 text; save it as CSV UTF-8".into())]);
    };
    let header_line = text.lines().next().unwrap_or_default();
    if header_line.trim().is_empty() {
        return Err(vec![at(1, "file", "empty", format!("is empty; the first line names the columns: {}", COLUMNS.join(";")))]);
    }
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![at(1, "file", "csv", format!("cannot be read: {e}"))]),
    };
    let mut problems = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        if !COLUMNS.contains(&name.as_str()) {
            problems.push(at(
                1,
                name,
                "column_unknown",
                format!("is not a column of the catalogue; the columns are {}", COLUMNS.join(", ")),
            ));
        } else if index.insert(name.clone(), i).is_some() {
            problems.push(at(1, name, "column_twice", "is a column given twice".into()));
        }
    }
    if !index.contains_key("sku") {
        problems.push(at(1, "sku", "column_missing", "the column sku is missing".into()));
    }
    if !index.keys().any(|k| k.starts_with("name_")) {
        problems.push(at(
            1,
            "name",
            "column_missing",
            "no name column: give at least one of name_en, name_cs, name_ru, name_pl, name_he".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut products = Vec::new();
    let mut skus = std::collections::BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(at(line, "row", "csv", format!("cannot be read: {e}")));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > header.len() {
            problems.push(at(line, "row", "columns", format!("has {} values but the header names {} columns", record.len(), header.len())));
            continue;
        }
        let get = |c: &str| index.get(c).and_then(|i| record.get(*i)).unwrap_or_default().to_owned();
        let draft = ProductDraft {
            sku: get("sku"),
            names: LANGUAGES.iter().map(|l| ((*l).to_owned(), get(&format!("name_{l}")))).filter(|(_, n)| !n.trim().is_empty()).collect(),
            unit: get("unit"),
            price: get("price"),
            currency: get("currency"),
            vat_rate: get("vat_rate"),
            supplier: get("supplier"),
            supplier_sku: get("supplier_sku"),
        };
        match draft.parse() {
            Ok(p) => {
                if let Some(first) = skus.insert(p.sku.clone(), line) {
                    problems.push(at(line, "sku", "sku_twice", format!("`{}` is on line {first} already", p.sku)));
                } else {
                    products.push(p);
                }
            }
            Err(ps) => problems.extend(ps.into_iter().map(|p| Problem { line: Some(line), ..p })),
        }
        if products.len() + problems.len() > MAX_ROWS {
            problems.push(at(line, "file", "too_many", format!("has more than {MAX_ROWS} rows; split it")));
            break;
        }
    }
    if problems.is_empty() { Ok(products) } else { Err(problems) }
}

/// Writes products as a catalogue file ([`COLUMNS`], `,`-separated, UTF-8 with a BOM so that
/// spreadsheets read the accents right); [`read_csv`] reads it back to the same products.
pub fn write_csv(products: &[Product]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(COLUMNS);
    for p in products {
        let mut row: Vec<String> = vec![p.sku.clone()];
        row.extend(LANGUAGES.iter().map(|l| p.name_exact(l).unwrap_or_default().to_owned()));
        row.extend([
            p.unit.clone(),
            p.price.to_string(),
            p.currency.clone(),
            p.vat_rate.to_string(),
            p.supplier.clone().unwrap_or_default(),
            p.supplier_sku.clone().unwrap_or_default(),
        ]);
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProductDraft {
        ProductDraft {
            sku: " KT-100 ".into(),
            names: vec![("cs".into(), "Kotel Vaillant".into()), ("en".into(), "Vaillant boiler".into())],
            unit: "ks".into(),
            price: "12500,50".into(),
            currency: "czk".into(),
            vat_rate: "21".into(),
            supplier: "Vaillant Group".into(),
            supplier_sku: "".into(),
        }
    }

    #[test]
    fn a_good_draft_becomes_a_product() {
        let p = draft().parse().unwrap();
        assert_eq!(p.sku, "KT-100");
        assert_eq!(p.price.to_string(), "12500.5");
        assert_eq!(p.currency, "CZK");
        assert_eq!(p.vat_rate.to_string(), "21");
        assert_eq!(p.names[0].0, "en", "names in the order of LANGUAGES");
        assert_eq!(p.name_in("cs"), "Kotel Vaillant");
        assert_eq!(p.name_in("he"), "Vaillant boiler", "else the first");
        assert_eq!(p.supplier_sku, None);
        assert!(p.search_text().contains("kotel vaillant"));
    }

    #[test]
    fn each_bad_field_is_named_precisely() {
        type Edit = fn(&mut ProductDraft);
        let cases: &[(&str, Edit, &str, &str)] = &[
            ("empty sku", |d| d.sku = "  ".into(), "sku", "required"),
            ("long sku", |d| d.sku = "x".repeat(65), "sku", "too_long"),
            ("sku with a tab", |d| d.sku = "a\tb".into(), "sku", "one_line"),
            ("no name", |d| d.names.clear(), "name", "name_required"),
            ("blank names only", |d| d.names = vec![("en".into(), " ".into())], "name", "name_required"),
            ("unknown language", |d| d.names.push(("de".into(), "Kessel".into())), "name_de", "language"),
            ("language twice", |d| d.names.push(("cs".into(), "Kotel".into())), "name_cs", "language_twice"),
            ("no unit", |d| d.unit = "".into(), "unit", "required"),
            ("price words", |d| d.price = "cheap".into(), "price", "not_a_number"),
            ("price thousands", |d| d.price = "1 000".into(), "price", "not_a_number"),
            ("price exponent", |d| d.price = "1e3".into(), "price", "not_a_number"),
            ("negative price", |d| d.price = "-1".into(), "price", "negative"),
            ("price scale", |d| d.price = "1.00001".into(), "price", "scale"),
            ("huge price", |d| d.price = "1000000000000".into(), "price", "too_large"),
            ("no price", |d| d.price = "".into(), "price", "required"),
            ("currency shape", |d| d.currency = "Kč".into(), "currency", "currency"),
            ("currency unknown", |d| d.currency = "XYZ".into(), "currency", "currency_unknown"),
            ("vat above 100", |d| d.vat_rate = "101".into(), "vat_rate", "vat_range"),
            ("vat negative", |d| d.vat_rate = "-5".into(), "vat_rate", "vat_range"),
            ("vat scale", |d| d.vat_rate = "10.125".into(), "vat_rate", "scale"),
            ("long supplier", |d| d.supplier = "s".repeat(201), "supplier", "too_long"),
            ("long supplier sku", |d| d.supplier_sku = "s".repeat(65), "supplier_sku", "too_long"),
        ];
        for (what, edit, field, code) in cases {
            let mut d = draft();
            edit(&mut d);
            let problems = d.parse().expect_err(what);
            assert_eq!(problems.len(), 1, "{what}: {problems:?}");
            assert_eq!((problems[0].field.as_str(), problems[0].code), (*field, *code), "{what}");
        }
    }

    #[test]
    fn numbers_as_people_write_them() {
        let prices = [("0", "0"), ("10", "10"), ("10.50", "10.5"), ("10,5", "10.5"), (" 7.0000 ", "7"), ("0.0001", "0.0001"), ("-0", "0")];
        for (raw, want) in prices {
            assert_eq!(parse_price(raw).unwrap().to_string(), want, "{raw}");
        }
        let rates = [("0", "0"), ("21", "21"), ("10.5", "10.5"), ("12 %", "12"), ("100", "100")];
        for (raw, want) in rates {
            assert_eq!(parse_vat_rate(raw).unwrap().to_string(), want, "{raw}");
        }
        for bad in ["", ".5", "5.", "1.2.3", "+5", "NaN", "1_000"] {
            assert!(parse_price(bad).is_err(), "{bad}");
        }
    }

    const GOOD: &str = "sku;name_en;name_cs;unit;price;currency;vat_rate;supplier;supplier_sku\n\
        KT-100;Boiler;Kotel;ks;12500.50;CZK;21;Vaillant;V-1\n\
        SRV-1;;Servisní prohlídka;h;890;CZK;21;;\n";

    #[test]
    fn a_file_is_read_with_either_separator_and_with_or_without_a_bom() {
        let comma = GOOD.replace(';', ",");
        let bom = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
        for input in [GOOD.as_bytes(), comma.as_bytes(), &bom] {
            let ps = read_csv(input).unwrap();
            assert_eq!(ps.len(), 2);
            assert_eq!(ps[0].name_in("cs"), "Kotel");
            assert_eq!(ps[0].supplier_sku.as_deref(), Some("V-1"));
            assert_eq!(ps[1].names, vec![("cs".to_owned(), "Servisní prohlídka".to_owned())]);
            assert_eq!(ps[1].supplier, None);
        }
    }

    #[test]
    fn bad_rows_are_reported_with_their_lines_and_nothing_is_taken() {
        let cases: &[(&str, &str, &[(u64, &str, &str)])] = &[
            (
                "bad values on two lines",
                "sku;name_en;unit;price;currency;vat_rate\nA;Apple;pcs;1;EUR;21\nB;;pcs;x;EUR;21\nC;Cherry;pcs;1;EURO;150\n",
                &[(3, "name", "name_required"), (3, "price", "not_a_number"), (4, "currency", "currency"), (4, "vat_rate", "vat_range")],
            ),
            ("an unknown column", "sku;name_en;colour\nA;Apple;red\n", &[(1, "colour", "column_unknown")]),
            ("no sku column", "name_en;unit\nApple;pcs\n", &[(1, "sku", "column_missing")]),
            ("no name column", "sku;unit\nA;pcs\n", &[(1, "name", "column_missing")]),
            ("a column twice", "sku;name_en;sku\nA;Apple;A\n", &[(1, "sku", "column_twice")]),
            ("empty file", "", &[(1, "file", "empty")]),
            (
                "a sku twice",
                "sku,name_en,unit,price,currency,vat_rate\nA,Apple,pcs,1,EUR,21\nA,Apricot,pcs,2,EUR,21\n",
                &[(3, "sku", "sku_twice")],
            ),
            ("too many values", "sku,name_en,unit,price,currency,vat_rate\nA,Apple,pcs,1,EUR,21,extra\n", &[(2, "row", "columns")]),
        ];
        for (what, input, want) in cases {
            let got = read_csv(input.as_bytes()).expect_err(what);
            let got: Vec<(u64, &str, &str)> = got.iter().map(|p| (p.line.unwrap(), p.field.as_str(), p.code)).collect();
            assert_eq!(&got, want, "{what}");
        }
        assert_eq!(read_csv(b"sku,name_en\n\xFF\xFE\n").unwrap_err()[0].code, "encoding");
    }

    #[test]
    fn a_quoted_value_keeps_its_separator_and_blank_lines_are_skipped() {
        let input = "sku,name_en,unit,price,currency,vat_rate,supplier\n\"K-1\",\"Boiler, 24 kW\",pcs,1,EUR,21,\"Smith; Sons\"\n,,,,,,\n";
        let ps = read_csv(input.as_bytes()).unwrap();
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].name_in("en"), "Boiler, 24 kW");
        assert_eq!(ps[0].supplier.as_deref(), Some("Smith; Sons"));
    }

    #[test]
    fn the_export_reads_back_to_the_same_products() {
        let mut ps = read_csv(GOOD.as_bytes()).unwrap();
        ps.push(
            ProductDraft {
                sku: "HE-1".into(),
                names: vec![("he".into(), "דוד חימום, \"מיוחד\"".into()), ("ru".into(), "Котёл".into()), ("pl".into(), "Kocioł".into())],
                unit: "m²".into(),
                price: "0.0001".into(),
                currency: "ILS".into(),
                vat_rate: "17".into(),
                supplier: "ספק; בע\"מ".into(),
                supplier_sku: "".into(),
            }
            .parse()
            .unwrap(),
        );
        let bytes = write_csv(&ps);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert!(std::str::from_utf8(&bytes[3..]).unwrap().starts_with(&COLUMNS.join(",")));
        assert_eq!(read_csv(&bytes).unwrap(), ps);
    }
}
