//! Payments (issue 21, item 3): what a payment may be (a positive amount in the invoice's
//! currency, at most what is left to pay), what the invoice owes after it, the bank
//! statements Pronto reads (a CSV export and the Czech banks' ABO/GPC) and the matcher that
//! pairs a statement's credit with an invoice by its payment reference (the variable symbol)
//! and amount, or says why it did not.
//!
//! Pure: the store reads the invoice, asks here, and writes what was decided in one
//! transaction.

use jiff::civil::Date;

use crate::money::{self, Currency, Decimal};
use crate::values::Invalid;

/// Where a payment came from.
pub const SOURCES: &[&str] = &["manual", "api", "import"];
/// Statement formats Pronto reads.
pub const FORMATS: &[&str] = &["csv", "gpc"];

/// Why a payment is refused (the API's 422 names `amount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a positive amount with at most the currency's minor digits.
    Amount(String),
    /// More than is left to pay; `left` is what is left, formatted in the currency.
    Overpayment { left: String },
    /// Nothing is left to pay.
    AlreadyPaid,
}

impl Refusal {
    pub fn message(&self, currency: Currency) -> String {
        match self {
            Refusal::Amount(m) => m.clone(),
            Refusal::Overpayment { left } => format!("is more than what is left to pay: {left} {currency}"),
            Refusal::AlreadyPaid => "the invoice is already paid in full".into(),
        }
    }
}

/// What an accepted payment leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// The payment, rounded to the currency (`100.5` → `100.50`).
    pub amount: Decimal,
    /// The invoice's paid total after it.
    pub paid: Decimal,
    /// What is still to pay after it.
    pub left: Decimal,
    /// Paid in full by this payment.
    pub in_full: bool,
}

/// What is left to pay on an invoice of `gross` with `paid` received (never below zero).
pub fn left_to_pay(gross: Decimal, paid: Decimal, currency: Currency) -> Decimal {
    currency.round((gross - paid).max(Decimal::ZERO))
}

/// Reads a payment's amount: a decimal (`1234.50`; a Czech decimal comma `1234,50` and spaces
/// between thousands are read too), positive, with at most the currency's minor digits.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, Refusal> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let t = if t.contains(',') && !t.contains('.') { t.replacen(',', ".", 1) } else { t };
    let d = money::parse_decimal(&t).map_err(|e| Refusal::Amount(e.0))?;
    if d <= Decimal::ZERO {
        return Err(Refusal::Amount(format!("`{}` is not a positive amount", text.trim())));
    }
    if d.normalize().scale() > currency.minor_units() {
        return Err(Refusal::Amount(format!("`{}` has more decimal places than {currency} has ({})", text.trim(), currency.minor_units())));
    }
    if d > money::AMOUNT_MAX {
        return Err(Refusal::Amount(format!("`{}` is too large", text.trim())));
    }
    Ok(currency.round(d))
}

/// Checks a payment of `amount` against an invoice of `gross` with `paid` already received:
/// positive, at most what is left (an overpayment is refused, never kept as credit).
pub fn apply(amount: Decimal, gross: Decimal, paid: Decimal, currency: Currency) -> Result<Applied, Refusal> {
    let amount = currency.round(amount);
    if amount <= Decimal::ZERO {
        return Err(Refusal::Amount(format!("`{amount}` is not a positive amount")));
    }
    let left = left_to_pay(gross, paid, currency);
    if left <= Decimal::ZERO {
        return Err(Refusal::AlreadyPaid);
    }
    if amount > left {
        return Err(Refusal::Overpayment { left: money::format_amount(left, currency) });
    }
    let paid = currency.round(paid + amount);
    let left = left_to_pay(gross, paid, currency);
    Ok(Applied { amount, paid, left, in_full: left == Decimal::ZERO })
}

/// A payment reference as banks carry it: the digits, without leading zeros (`0020260001` and
/// `VS 20260001` are the same symbol); a reference without digits is kept as its upper-cased
/// letters and digits (an invoice number like `FV-2026/005` compares as `FV2026005`).
pub fn normalize_reference(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let only_digits =
        t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || "/-.".contains(c)) || t.to_ascii_uppercase().starts_with("VS");
    if only_digits && !digits.is_empty() {
        let trimmed = digits.trim_start_matches('0');
        return if trimmed.is_empty() { "0".into() } else { trimmed.into() };
    }
    t.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// One line of a bank statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// The line's place in the file (1-based, lines of the file for GPC, rows for CSV).
    pub line: u32,
    pub date: Date,
    /// Positive for money received, negative for money sent.
    pub amount: Decimal,
    /// The ISO code, when the statement says it.
    pub currency: Option<String>,
    /// The variable symbol or payment reference, as given.
    pub reference: String,
    pub counterparty: String,
    pub message: String,
}

/// A statement read: its lines, and what could not be read (line and why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statement {
    /// The account the statement is of, when the file says it.
    pub account: Option<String>,
    pub lines: Vec<StatementLine>,
    pub problems: Vec<(u32, String)>,
}

/// Reads a date as banks write it: `2026-12-05`, `5.12.2026`, `05.12.2026`, `5. 12. 2026`,
/// `05/12/2026` (day first), `20261205`.
pub fn parse_date(text: &str) -> Result<Date, Invalid> {
    let t = text.trim();
    let bad = || Invalid(format!("`{t}` is not a date like 2026-12-05 or 5.12.2026"));
    if let Ok(d) = t.parse::<Date>() {
        return Ok(d);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i16 = t[..4].parse().map_err(|_| bad())?;
        let m: i8 = t[4..6].parse().map_err(|_| bad())?;
        let d: i8 = t[6..].parse().map_err(|_| bad())?;
        return Date::new(y, m, d).map_err(|_| bad());
    }
    let parts: Vec<&str> = t.split(['.', '/']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() == 3 {
        let d: i8 = parts[0].parse().map_err(|_| bad())?;
        let m: i8 = parts[1].parse().map_err(|_| bad())?;
        let y: i16 = parts[2].parse().map_err(|_| bad())?;
        let y = if parts[2].len() == 2 { 2000 + y } else { y };
        return Date::new(y, m, d).map_err(|_| bad());
    }
    Err(bad())
}

/// Reads a statement's amount: `1234.50`, `-1234.50`, `1 234,50` (Czech decimal comma and
/// spaces between thousands), `+1234,5`.
pub fn parse_statement_amount(text: &str) -> Result<Decimal, Invalid> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let t = if t.contains(',') && t.contains('.') {
        // `1.234,50` (thousands dots) or `1,234.50` (thousands commas): the last one is the point.
        if t.rfind(',') > t.rfind('.') { t.replace('.', "").replace(',', ".") } else { t.replace(',', "") }
    } else {
        t.replace(',', ".")
    };
    money::parse_decimal(&t)
}

/// The CSV columns, by the names banks and people give them (lower case, compared without
/// accents' help: both spellings are listed).
const CSV_COLUMNS: &[(&str, &[&str])] = &[
    ("date", &["date", "datum", "booking date", "datum zaúčtování", "datum splatnosti", "value date", "datum valuty", "дата", "data"]),
    ("amount", &["amount", "částka", "castka", "objem", "suma", "сумма", "kwota"]),
    ("currency", &["currency", "měna", "mena", "валюта", "waluta"]),
    (
        "reference",
        &[
            "reference",
            "variable symbol",
            "variable_symbol",
            "vs",
            "variabilní symbol",
            "variabilni symbol",
            "payment reference",
            "referenční číslo",
            "tytuł",
        ],
    ),
    (
        "counterparty",
        &["counterparty", "protiúčet", "protiucet", "název protiúčtu", "nazev protiuctu", "name", "plátce", "platce", "payer"],
    ),
    ("message", &["message", "zpráva", "zprava", "zpráva pro příjemce", "poznámka", "poznamka", "note", "description", "popis"]),
];

/// Reads a statement exported as CSV: a header line naming the columns `date`, `amount`,
/// `currency`, `reference` (variable symbol), `counterparty`, `message` (English or the Czech
/// banks' names; `date`, `amount` and `reference` required), separated by `;` or `,`, amounts
/// with a decimal point or a Czech decimal comma. A line that cannot be read is a problem of
/// that line; the others are read.
pub fn read_csv(bytes: &[u8]) -> Result<Statement, Invalid> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    if header_line.trim().is_empty() {
        return Err(Invalid(
            "the file is empty; its first line names the columns date, amount, currency, reference, counterparty, message".into(),
        ));
    }
    let delimiter =
        if header_line.matches(';').count() >= header_line.matches(',').count() && header_line.contains(';') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Invalid(format!("the header cannot be read: {e}")))?
        .iter()
        .map(|c| c.trim().trim_matches('"').to_lowercase())
        .collect();
    let col = |name: &str| {
        let names = CSV_COLUMNS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a).unwrap_or(&[]);
        header.iter().position(|h| names.contains(&h.as_str()))
    };
    let (date, amount, reference) = (col("date"), col("amount"), col("reference"));
    let missing: Vec<&str> =
        [("date", date), ("amount", amount), ("reference", reference)].iter().filter(|(_, c)| c.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        return Err(Invalid(format!(
            "the header has no column {}; the columns are date, amount, currency, reference, counterparty, message",
            missing.join(", ")
        )));
    }
    let (date, amount, reference) = (date.unwrap_or(0), amount.unwrap_or(0), reference.unwrap_or(0));
    let (currency, counterparty, message) = (col("currency"), col("counterparty"), col("message"));
    let mut st = Statement::default();
    for (i, record) in reader.records().enumerate() {
        let n = i as u32 + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                st.problems.push((n, format!("cannot be read: {e}")));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim().to_owned();
        let d = match parse_date(&get(Some(date))) {
            Ok(d) => d,
            Err(e) => {
                st.problems.push((n, format!("date: {}", e.0)));
                continue;
            }
        };
        let a = match parse_statement_amount(&get(Some(amount))) {
            Ok(a) => a,
            Err(e) => {
                st.problems.push((n, format!("amount: {}", e.0)));
                continue;
            }
        };
        let cur = Some(get(currency)).filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase());
        st.lines.push(StatementLine {
            line: n,
            date: d,
            amount: a,
            currency: cur,
            reference: get(Some(reference)),
            counterparty: get(counterparty),
            message: get(message),
        });
    }
    Ok(st)
}

/// ISO 4217 numeric codes of the currencies GPC statements carry.
const NUMERIC_CURRENCIES: &[(u32, &str)] =
    &[(203, "CZK"), (978, "EUR"), (840, "USD"), (826, "GBP"), (985, "PLN"), (756, "CHF"), (348, "HUF"), (643, "RUB"), (980, "UAH")];

fn field(line: &[u8], from: usize, to: usize) -> String {
    // Positions as the format gives them: 1-based, inclusive.
    let end = to.min(line.len());
    if from > end {
        return String::new();
    }
    String::from_utf8_lossy(&line[from - 1..end]).trim().to_owned()
}

fn gpc_date(text: &str) -> Option<Date> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: i8 = text[..2].parse().ok()?;
    let m: i8 = text[2..4].parse().ok()?;
    let y: i16 = text[4..].parse().ok()?;
    Date::new(2000 + y, m, d).ok()
}

/// Reads an ABO/GPC statement (the Czech banks' fixed-width export): the `074` record names the
/// account; each `075` record is a transaction — its amount in hundredths (positions 49–60),
/// the accounting code (61: `1` debit, `2` credit, `4`/`5` their reversals), the variable
/// symbol (62–71), the value date `DDMMYY` (92–97), the counterparty's name (98–117) and the
/// currency's ISO numeric code (119–122). A `078`/`079` record after it adds the message for
/// the recipient. Debits come out negative; reversals are left out (a problem of their line).
pub fn read_gpc(bytes: &[u8]) -> Result<Statement, Invalid> {
    let mut st = Statement::default();
    let mut any = false;
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let n = i as u32 + 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match line.get(..3) {
            Some(b"074") => {
                any = true;
                let acc = field(line, 4, 19).trim_start_matches('0').to_owned();
                st.account = Some(acc).filter(|a| !a.is_empty());
            }
            Some(b"075") => {
                any = true;
                if line.len() < 97 {
                    st.problems.push((n, format!("a 075 record is 128 characters long; this one has {}", line.len())));
                    continue;
                }
                let halers = field(line, 49, 60);
                let Ok(h) = halers.parse::<i64>() else {
                    st.problems.push((n, format!("amount: `{halers}` is not a number of hundredths")));
                    continue;
                };
                let code = field(line, 61, 61);
                let sign = match code.as_str() {
                    "2" => 1,
                    "1" => -1,
                    "4" | "5" => {
                        st.problems.push((n, "a reversal (storno) is not a payment".into()));
                        continue;
                    }
                    other => {
                        st.problems.push((n, format!("`{other}` is not an accounting code (1 debit, 2 credit)")));
                        continue;
                    }
                };
                let Some(date) = gpc_date(&field(line, 92, 97)) else {
                    st.problems.push((n, format!("date: `{}` is not a DDMMYY date", field(line, 92, 97))));
                    continue;
                };
                let currency = field(line, 119, 122)
                    .parse::<u32>()
                    .ok()
                    .and_then(|c| NUMERIC_CURRENCIES.iter().find(|(k, _)| *k == c))
                    .map(|(_, code)| (*code).to_owned());
                let vs = field(line, 62, 71).trim_start_matches('0').to_owned();
                let counter_account = field(line, 20, 35).trim_start_matches('0').to_owned();
                let name = field(line, 98, 117);
                st.lines.push(StatementLine {
                    line: n,
                    date,
                    amount: Decimal::new(sign * h, 2),
                    currency,
                    reference: vs,
                    counterparty: if name.is_empty() { counter_account } else { name },
                    message: String::new(),
                });
            }
            Some(b"076") | Some(b"078") | Some(b"079") => {
                // The message for the recipient (`078`, `079`: two fields of 35 characters).
                if let Some(last) = st.lines.last_mut() {
                    let text = field(line, 4, line.len());
                    if !text.is_empty() {
                        if !last.message.is_empty() {
                            last.message.push(' ');
                        }
                        last.message.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
            }
            _ => st.problems.push((n, "is not a GPC record (074, 075, 076, 078, 079)".into())),
        }
    }
    if !any {
        return Err(Invalid("the file has no GPC records: its lines begin with 074 (the statement) and 075 (a payment)".into()));
    }
    Ok(st)
}

/// An invoice the matcher may pay: its references and what is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: i64,
    pub number: String,
    pub variable_symbol: String,
    pub currency: Currency,
    pub gross: Decimal,
    pub paid: Decimal,
    pub cancelled: bool,
}

/// Why a statement line was not recorded as a payment (the review list says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmatched {
    /// Money sent, not received.
    NotACredit,
    /// The line carries no reference.
    NoReference,
    /// No invoice has this reference.
    UnknownReference,
    /// The invoice was cancelled.
    Cancelled,
    /// The invoice is paid in full already.
    AlreadyPaid,
    /// In another currency than the invoice's.
    Currency,
    /// More than is left to pay.
    Overpayment,
}

impl Unmatched {
    pub const WORDS: &'static [&'static str] =
        &["not_a_credit", "no_reference", "unknown_reference", "cancelled", "already_paid", "currency", "overpayment"];
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

/// Which invoice a statement line pays, or why none: the invoice whose variable symbol (or
/// number) is the line's reference, in its currency (when the line names one), not cancelled,
/// and the amount exactly what is left or less (a partial payment). Everything else goes to the
/// review list with its reason.
pub fn match_line<'a>(line: &StatementLine, invoices: &'a [OpenInvoice]) -> Result<(&'a OpenInvoice, Applied), Unmatched> {
    if line.amount <= Decimal::ZERO {
        return Err(Unmatched::NotACredit);
    }
    let reference = normalize_reference(&line.reference);
    if reference.is_empty() {
        return Err(Unmatched::NoReference);
    }
    let inv = invoices
        .iter()
        .find(|i| normalize_reference(&i.variable_symbol) == reference)
        .or_else(|| invoices.iter().find(|i| normalize_reference(&i.number) == reference))
        .ok_or(Unmatched::UnknownReference)?;
    if inv.cancelled {
        return Err(Unmatched::Cancelled);
    }
    if line.currency.as_deref().is_some_and(|c| !c.eq_ignore_ascii_case(inv.currency.code())) {
        return Err(Unmatched::Currency);
    }
    match apply(line.amount, inv.gross, inv.paid, inv.currency) {
        Ok(a) => Ok((inv, a)),
        Err(Refusal::AlreadyPaid) => Err(Unmatched::AlreadyPaid),
        Err(Refusal::Overpayment { .. }) => Err(Unmatched::Overpayment),
        Err(Refusal::Amount(_)) => Err(Unmatched::NotACredit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn czk() -> Currency {
        Currency::parse("CZK").unwrap()
    }

    #[test]
    fn amounts_are_positive_and_in_minor_units() {
        let jpy = Currency::parse("JPY").unwrap();
        let kwd = Currency::parse("KWD").unwrap();
        for (text, cur, want) in [
            ("100", czk(), "100.00"),
            ("100.5", czk(), "100.50"),
            ("1 210,00", czk(), "1210.00"),
            ("0.01", czk(), "0.01"),
            ("1500", jpy, "1500"),
            ("1.125", kwd, "1.125"),
            (" 12.30 ", czk(), "12.30"),
        ] {
            assert_eq!(parse_amount(text, cur).map(|a| money::format_amount(a, cur)), Ok(want.to_owned()), "{text}");
        }
        for (text, cur, needle) in [
            ("0", czk(), "not a positive"),
            ("-5", czk(), "not a positive"),
            ("1.001", czk(), "more decimal places than CZK"),
            ("1.5", jpy, "more decimal places than JPY"),
            ("abc", czk(), "not a decimal"),
            ("", czk(), "is empty"),
            ("2000000000", czk(), "too large"),
        ] {
            match parse_amount(text, cur) {
                Err(Refusal::Amount(m)) => assert!(m.contains(needle), "{text}: {m}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_payment_is_at_most_what_is_left() {
        // (gross, paid, amount, Ok((paid, left, in_full)) | Err(refusal))
        let cases: Vec<(&str, &str, &str, Result<(&str, &str, bool), Refusal>)> = vec![
            ("1210.00", "0.00", "210.00", Ok(("210.00", "1000.00", false))),
            ("1210.00", "210.00", "1000.00", Ok(("1210.00", "0.00", true))),
            ("1210.00", "0.00", "1210.00", Ok(("1210.00", "0.00", true))),
            ("1210.00", "0.00", "1210.01", Err(Refusal::Overpayment { left: "1210.00".into() })),
            ("1210.00", "1000.00", "300.00", Err(Refusal::Overpayment { left: "210.00".into() })),
            ("1210.00", "1210.00", "1.00", Err(Refusal::AlreadyPaid)),
            ("0.10", "0.00", "0.10", Ok(("0.10", "0.00", true))),
            ("1210.00", "0.00", "0.00", Err(Refusal::Amount("`0.00` is not a positive amount".into()))),
        ];
        for (gross, paid, amount, want) in cases {
            let got = apply(d(amount), d(gross), d(paid), czk())
                .map(|a| (money::format_amount(a.paid, czk()), money::format_amount(a.left, czk()), a.in_full));
            let want = want.map(|(p, l, f)| (p.to_owned(), l.to_owned(), f));
            assert_eq!(got, want, "{gross} paid {paid} + {amount}");
        }
        assert_eq!(Refusal::Overpayment { left: "210.00".into() }.message(czk()), "is more than what is left to pay: 210.00 CZK");
    }

    #[test]
    fn the_status_follows_a_payment() {
        use crate::invoice::{InvoiceStatus::*, status};
        let due: Date = "2026-12-17".parse().unwrap();
        let today: Date = "2026-12-10".parse().unwrap();
        let gross = d("1210.00");
        let mut paid = Decimal::ZERO;
        for (amount, want) in [("200.00", PartiallyPaid), ("10.00", PartiallyPaid), ("1000.00", Paid)] {
            paid = apply(d(amount), gross, paid, czk()).unwrap().paid;
            assert_eq!(status(false, gross, paid, due, today), want, "after {amount}");
        }
    }

    #[test]
    fn references_compare_by_their_digits() {
        for (a, b) in [
            ("20260001", "0020260001"),
            ("VS 20260001", "20260001"),
            ("vs20260001", "20260001"),
            (" 2026 0001 ", "20260001"),
            ("FV-2026/005", "fv2026005"),
        ] {
            assert_eq!(normalize_reference(a), normalize_reference(b), "{a} ~ {b}");
        }
        assert_ne!(normalize_reference("20260001"), normalize_reference("20260010"));
        assert_eq!(normalize_reference("  "), "");
    }

    #[test]
    fn dates_and_amounts_as_banks_write_them() {
        for (text, want) in [
            ("2026-12-05", "2026-12-05"),
            ("5.12.2026", "2026-12-05"),
            ("05.12.2026", "2026-12-05"),
            ("5. 12. 2026", "2026-12-05"),
            ("05/12/2026", "2026-12-05"),
            ("20261205", "2026-12-05"),
            ("5.12.26", "2026-12-05"),
        ] {
            assert_eq!(parse_date(text).map(|d| d.to_string()), Ok(want.to_owned()), "{text}");
        }
        for bad in ["", "31.2.2026", "2026/13/01", "yesterday"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        for (text, want) in [
            ("1210.00", "1210.00"),
            ("1210,00", "1210.00"),
            ("1 210,50", "1210.50"),
            ("-350,5", "-350.5"),
            ("+1210", "1210"),
            ("1.210,00", "1210.00"),
            ("1,210.00", "1210.00"),
        ] {
            assert_eq!(parse_statement_amount(text).map(|d| d.to_string()), Ok(want.to_owned()), "{text}");
        }
        assert!(parse_statement_amount("12 Kč").is_err());
    }

    #[test]
    fn csv_statements_with_either_separator() {
        let semicolons = "Datum;Částka;Měna;Variabilní symbol;Protiúčet;Zpráva\n\
                          05.12.2026;1 210,00;CZK;20260001;Jan Novák;faktura\n\
                          06.12.2026;-500,00;CZK;;Nájem;\n\
                          07.12.2026;abc;CZK;20260002;X;\n";
        let st = read_csv(semicolons.as_bytes()).unwrap();
        assert_eq!(st.lines.len(), 2);
        assert_eq!(st.lines[0].date.to_string(), "2026-12-05");
        assert_eq!(st.lines[0].amount, d("1210.00"));
        assert_eq!(st.lines[0].currency.as_deref(), Some("CZK"));
        assert_eq!(st.lines[0].reference, "20260001");
        assert_eq!(st.lines[0].counterparty, "Jan Novák");
        assert_eq!(st.lines[0].message, "faktura");
        assert_eq!(st.lines[1].amount, d("-500.00"));
        assert_eq!(st.problems.len(), 1);
        assert_eq!(st.problems[0].0, 3);
        assert!(st.problems[0].1.starts_with("amount:"), "{:?}", st.problems);

        let commas = "\u{feff}date,amount,currency,reference,counterparty,message\n\
                      2026-12-05,\"1210,00\",CZK,VS 20260001,\"Novák, s.r.o.\",\"inv, 1\"\n\
                      2026-12-06,99.5,EUR,20260002,A,\n";
        let st = read_csv(commas.as_bytes()).unwrap();
        assert_eq!(st.problems, vec![]);
        assert_eq!(st.lines.len(), 2);
        assert_eq!(st.lines[0].amount, d("1210.00"));
        assert_eq!(st.lines[0].counterparty, "Novák, s.r.o.");
        assert_eq!(st.lines[1].currency.as_deref(), Some("EUR"));

        for (text, needle) in
            [("", "is empty"), ("date;amount\n2026-12-05;1\n", "no column reference"), ("a,b\n", "date, amount, reference")]
        {
            let e = read_csv(text.as_bytes()).unwrap_err().0;
            assert!(e.contains(needle), "{text:?}: {e}");
        }
    }

    /// A `075` record, 128 characters, as the banks write it.
    pub(crate) fn gpc_075(vs: &str, halers: u64, code: char, date: &str, name: &str, currency: &str) -> String {
        let mut s = String::new();
        s.push_str("075");
        s.push_str("0000001234567890"); // the account (4–19)
        s.push_str("0000000987654321"); // the counter account (20–35)
        s.push_str("0000000000001"); // the transaction id (36–48)
        s.push_str(&format!("{halers:012}")); // the amount (49–60)
        s.push(code); // 61
        s.push_str(&format!("{vs:0>10}")); // 62–71
        s.push_str("0003080308"); // the constant symbol and bank (72–81)
        s.push_str("0000000000"); // the specific symbol (82–91)
        s.push_str(date); // 92–97
        s.push_str(&format!("{name:<20}")); // 98–117
        s.push('0'); // 118
        s.push_str(currency); // 119–122
        s.push_str(date); // 123–128
        assert_eq!(s.len(), 128);
        s
    }

    #[test]
    fn gpc_statements() {
        let header = format!("074{:0>16}{:<20}{}", "1234567890", "PRONTO S.R.O.", "0112260000000000000000+");
        let text = [
            header,
            gpc_075("20260001", 121000, '2', "051226", "JAN NOVAK", "0203"),
            "078faktura 20260001                    ".to_owned(),
            gpc_075("0", 50000, '1', "051226", "NAJEM", "0203"),
            gpc_075("20260002", 1000, '5', "061226", "STORNO", "0203"),
            gpc_075("20260003", 9950, '2', "061226", "", "0978"),
            "075short".to_owned(),
            "999 what".to_owned(),
        ]
        .join("\r\n");
        let st = read_gpc(text.as_bytes()).unwrap();
        assert_eq!(st.account.as_deref(), Some("1234567890"));
        assert_eq!(st.lines.len(), 3);
        let l = &st.lines[0];
        assert_eq!((l.line, l.date.to_string(), l.amount, l.currency.as_deref()), (2, "2026-12-05".to_owned(), d("1210.00"), Some("CZK")));
        assert_eq!((l.reference.as_str(), l.counterparty.as_str(), l.message.as_str()), ("20260001", "JAN NOVAK", "faktura 20260001"));
        assert_eq!(st.lines[1].amount, d("-500.00"));
        assert_eq!(st.lines[2].currency.as_deref(), Some("EUR"));
        assert_eq!(st.lines[2].counterparty, "987654321");
        let lines: Vec<u32> = st.problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![5, 7, 8], "{:?}", st.problems);
        assert!(read_gpc(b"date;amount\n").unwrap_err().0.contains("no GPC records"));
    }

    #[test]
    fn the_matcher_pays_by_reference_and_amount() {
        let inv = |id: i64, vs: &str, gross: &str, paid: &str, cancelled: bool| OpenInvoice {
            id,
            number: format!("FV-{vs}"),
            variable_symbol: vs.into(),
            currency: czk(),
            gross: d(gross),
            paid: d(paid),
            cancelled,
        };
        let invoices = vec![
            inv(1, "20260001", "1210.00", "0.00", false),
            inv(2, "20260002", "500.00", "500.00", false),
            inv(3, "20260003", "100.00", "0.00", true),
            inv(4, "20260004", "1000.00", "400.00", false),
        ];
        let line = |reference: &str, amount: &str, currency: Option<&str>| StatementLine {
            line: 1,
            date: "2026-12-05".parse().unwrap(),
            amount: d(amount),
            currency: currency.map(str::to_owned),
            reference: reference.into(),
            counterparty: String::new(),
            message: String::new(),
        };
        // (reference, amount, currency, Ok((invoice, in_full)) | Err(reason))
        let cases: Vec<(&str, &str, Option<&str>, Result<(i64, bool), Unmatched>)> = vec![
            ("20260001", "1210.00", Some("CZK"), Ok((1, true))),
            ("0020260001", "210.00", None, Ok((1, false))),
            ("20260004", "600.00", Some("czk"), Ok((4, true))),
            ("FV-20260004", "100.00", None, Ok((4, false))),
            ("20260001", "1210.01", None, Err(Unmatched::Overpayment)),
            ("20260002", "10.00", None, Err(Unmatched::AlreadyPaid)),
            ("20260003", "100.00", None, Err(Unmatched::Cancelled)),
            ("20260001", "1210.00", Some("EUR"), Err(Unmatched::Currency)),
            ("99999", "10.00", None, Err(Unmatched::UnknownReference)),
            ("", "10.00", None, Err(Unmatched::NoReference)),
            ("20260001", "-10.00", None, Err(Unmatched::NotACredit)),
        ];
        for (reference, amount, currency, want) in cases {
            let got = match_line(&line(reference, amount, currency), &invoices).map(|(i, a)| (i.id, a.in_full));
            assert_eq!(got, want, "{reference} {amount} {currency:?}");
        }
        for w in Unmatched::WORDS {
            assert!(!w.is_empty());
        }
    }
}
