//! Invoices (issue 21, item 2): the number pattern of the series (`{YYYY}{NNNN}`), the issue and
//! due dates from the payment terms, the variable symbol (the payment reference a bank transfer
//! carries), the VAT summary (the offer's arithmetic, `money::totals`) and the status an invoice
//! is in from its amounts and dates.
//!
//! Pure: the counter of the series is the store's (one row per series and year, taken in the
//! issuing transaction); today's date comes from the caller's clock in the office's zone.

use jiff::civil::Date;

use crate::lead::vocabulary;
use crate::money::{self, Currency, Decimal, LineInput, Totals};
use crate::values::Invalid;

/// The pattern a new company starts with: `20260001`.
pub const DEFAULT_PATTERN: &str = "{YYYY}{NNNN}";
/// The payment terms a new company starts with, in days.
pub const DEFAULT_TERMS_DAYS: u32 = 14;
/// The longest payment terms, in days.
pub const TERMS_MAX_DAYS: u32 = 365;
/// The longest number a pattern may produce (before the counter outgrows its width).
pub const PATTERN_MAX: usize = 40;
/// A variable symbol has at most this many digits (the Czech payment order's field).
pub const VARIABLE_SYMBOL_MAX: usize = 10;
/// The series every invoice is numbered in (a credit note or a proforma would be another).
pub const SERIES: &str = "invoice";

vocabulary!(
    /// Where an invoice stands. Only `issued` and `cancelled` are stored (with the amount paid);
    /// the others follow from the payments and the date ([`status`]).
    InvoiceStatus { Issued = "issued", PartiallyPaid = "partially_paid", Paid = "paid", Overdue = "overdue", Cancelled = "cancelled" }
);

/// One piece of a number pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// `{YYYY}`.
    Year4,
    /// `{YY}`.
    Year2,
    /// `{N…}`: the counter, zero-padded to this width.
    Counter(usize),
}

/// A validated number pattern: literal text (letters, digits, `-`, `/`, `.`, `_`), the year
/// (`{YYYY}` or `{YY}`, exactly once: the counter starts again each year) and the counter
/// (`{N}`, `{NNNN}` … zero-padded to as many digits as `N`s, exactly once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberPattern {
    text: String,
    pieces: Vec<Piece>,
}

impl NumberPattern {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let t = text.trim();
        if t.is_empty() {
            return Err(Invalid("is empty".into()));
        }
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = t;
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                let Some(end) = rest.find('}') else {
                    return Err(Invalid(format!("`{t}`: a `{{` is not closed")));
                };
                let token = &rest[1..end];
                let piece = match token {
                    "YYYY" => Piece::Year4,
                    "YY" => Piece::Year2,
                    n if !n.is_empty() && n.bytes().all(|b| b == b'N') => {
                        if n.len() > 10 {
                            return Err(Invalid(format!("`{{{n}}}`: the counter has at most 10 digits")));
                        }
                        Piece::Counter(n.len())
                    }
                    other => {
                        return Err(Invalid(format!("`{{{other}}}` is not one of {{YYYY}}, {{YY}}, {{N}}, {{NN}}, …")));
                    }
                };
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(piece);
                rest = &rest[end + 1..];
            } else {
                if !(c.is_ascii_alphanumeric() || "-/._".contains(c)) {
                    return Err(Invalid(format!("`{c}` may not be in a number: use letters, digits, - / . _")));
                }
                literal.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        let years = pieces.iter().filter(|p| matches!(p, Piece::Year4 | Piece::Year2)).count();
        let counters = pieces.iter().filter(|p| matches!(p, Piece::Counter(_))).count();
        if years != 1 {
            return Err(Invalid("give the year exactly once: {YYYY} or {YY}".into()));
        }
        if counters != 1 {
            return Err(Invalid("give the counter exactly once: {N}, {NNNN} …".into()));
        }
        // Two adjacent numeric pieces could not be told apart without a fixed width: {YY} and
        // {YYYY} are fixed; a counter followed by the year is not (`{N}{YYYY}`).
        for w in pieces.windows(2) {
            if matches!(w[0], Piece::Counter(_)) && matches!(w[1], Piece::Year4 | Piece::Year2) {
                return Err(Invalid("put the year before the counter, or text between them".into()));
            }
        }
        let p = NumberPattern { text: t.to_owned(), pieces };
        if p.format(2026, 1).len() > PATTERN_MAX {
            return Err(Invalid(format!("a number would be longer than {PATTERN_MAX} characters")));
        }
        Ok(p)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The `n`th number of `year`: `{YYYY}{NNNN}`, 2026, 7 → `20260007`; a counter past its
    /// width keeps every digit (`{NN}`, 123 → `123`).
    pub fn format(&self, year: i16, n: u64) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Year4 => format!("{year:04}"),
                Piece::Year2 => format!("{:02}", year.rem_euclid(100)),
                Piece::Counter(w) => format!("{n:0w$}"),
            })
            .collect()
    }

    /// Reads a number this pattern made back into its year (the two-digit year as `20YY`) and
    /// counter; `None` when it does not fit the pattern.
    pub fn read(&self, number: &str) -> Option<(i16, u64)> {
        let mut rest = number;
        let (mut year, mut n) = (None, None);
        for (i, p) in self.pieces.iter().enumerate() {
            match p {
                Piece::Text(t) => rest = rest.strip_prefix(t.as_str())?,
                Piece::Year4 | Piece::Year2 => {
                    let w = if *p == Piece::Year4 { 4 } else { 2 };
                    let digits = rest.get(..w).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
                    let y: i16 = digits.parse().ok()?;
                    year = Some(if w == 2 { 2000 + y } else { y });
                    rest = &rest[w..];
                }
                Piece::Counter(w) => {
                    // The counter takes the digits up to the next piece's text (or the end).
                    let end = match self.pieces.get(i + 1) {
                        Some(Piece::Text(t)) => rest.find(t.as_str())?,
                        _ => rest.bytes().take_while(u8::is_ascii_digit).count(),
                    };
                    let digits = &rest[..end];
                    if digits.len() < *w || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
                        return None;
                    }
                    n = Some(digits.parse().ok()?);
                    rest = &rest[end..];
                }
            }
        }
        if !rest.is_empty() {
            return None;
        }
        Some((year?, n?))
    }
}

impl std::fmt::Display for NumberPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Reads the payment terms in days: a whole number from 0 to [`TERMS_MAX_DAYS`].
pub fn parse_terms(text: &str) -> Result<u32, Invalid> {
    let t = text.trim();
    let days: u32 = t.parse().map_err(|_| Invalid(format!("`{t}` is not a whole number of days")))?;
    if days > TERMS_MAX_DAYS {
        return Err(Invalid(format!("at most {TERMS_MAX_DAYS} days")));
    }
    Ok(days)
}

/// The day the invoice is due: `terms_days` after the day it was issued.
pub fn due_date(issued: Date, terms_days: u32) -> Date {
    issued.checked_add(jiff::Span::new().days(i64::from(terms_days.min(TERMS_MAX_DAYS)))).unwrap_or(issued)
}

/// The variable symbol of an invoice: the digits of its number, without leading zeros, at most
/// ten (the last ten when there are more: the counter's end is what tells invoices apart).
pub fn variable_symbol(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let tail = &digits[digits.len().saturating_sub(VARIABLE_SYMBOL_MAX)..];
    let trimmed = tail.trim_start_matches('0');
    if trimmed.is_empty() { "0".into() } else { trimmed.into() }
}

/// The status to show: cancelled stays cancelled; paid in full is `paid`; otherwise past the due
/// day (today after it) is `overdue`, something paid is `partially_paid`, nothing is `issued`.
pub fn status(cancelled: bool, gross: Decimal, paid: Decimal, due: Date, today: Date) -> InvoiceStatus {
    if cancelled {
        InvoiceStatus::Cancelled
    } else if paid >= gross {
        InvoiceStatus::Paid
    } else if today > due {
        InvoiceStatus::Overdue
    } else if paid > Decimal::ZERO {
        InvoiceStatus::PartiallyPaid
    } else {
        InvoiceStatus::Issued
    }
}

/// The invoice's VAT summary and totals from its lines — the same arithmetic as the offer it
/// is copied from (`money::totals`: nets rounded per line, VAT once per rate).
pub fn totals(lines: &[LineInput], currency: Currency) -> Totals {
    money::totals(lines, currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn patterns_format_and_read_back() {
        // (pattern, year, counter, number)
        for (pattern, year, n, want) in [
            ("{YYYY}{NNNN}", 2026, 1, "20260001"),
            ("{YYYY}{NNNN}", 2026, 42, "20260042"),
            ("{YYYY}{NNNN}", 2026, 12345, "202612345"),
            ("{YY}{NNNNNN}", 2027, 7, "27000007"),
            ("FV-{YYYY}/{NNN}", 2026, 5, "FV-2026/005"),
            ("{YYYY}-{N}", 2026, 123, "2026-123"),
            ("INV{YY}.{NN}.A", 2031, 9, "INV31.09.A"),
            (" {YYYY}{NNNN} ", 2026, 3, "20260003"),
        ] {
            let p = NumberPattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(p.format(year, n), want, "{pattern}");
            assert_eq!(p.read(want), Some((year, n)), "{pattern} reads {want}");
        }
    }

    #[test]
    fn numbers_that_do_not_fit_are_not_read() {
        let p = NumberPattern::parse("FV-{YYYY}/{NNN}").unwrap();
        for bad in ["", "FV-2026/05", "FV-2026-005", "XX-2026/005", "FV-2026/005x", "FV-20a6/005", "FV-2026/"] {
            assert_eq!(p.read(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_patterns_are_named() {
        for (pattern, needle) in [
            ("", "is empty"),
            ("{NNNN}", "the year exactly once"),
            ("{YYYY}", "the counter exactly once"),
            ("{YYYY}{YY}{NN}", "the year exactly once"),
            ("{YYYY}{NN}{N}", "the counter exactly once"),
            ("{YYYY}{NNNN", "is not closed"),
            ("{YYYY}{MM}{NNNN}", "`{MM}` is not one of"),
            ("{YYYY} {NNNN}", "may not be in a number"),
            ("{YYYY}#{NNNN}", "may not be in a number"),
            ("{NNNN}{YYYY}", "the year before the counter"),
            ("{YYYY}{NNNNNNNNNNN}", "at most 10 digits"),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ{YYYY}{NN}", "longer than 40"),
        ] {
            let err = NumberPattern::parse(pattern).unwrap_err().0;
            assert!(err.contains(needle), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn due_dates_follow_the_terms() {
        for (issued, terms, due) in [
            ("2026-12-03", 14, "2026-12-17"),
            ("2026-12-20", 14, "2027-01-03"),
            ("2028-02-15", 14, "2028-02-29"),
            ("2026-12-03", 0, "2026-12-03"),
            ("2026-01-31", 30, "2026-03-02"),
            ("2026-12-03", 365, "2027-12-03"),
        ] {
            assert_eq!(due_date(day(issued), terms), day(due), "{issued} + {terms}");
        }
        for (text, want) in [("14", Ok(14)), (" 30 ", Ok(30)), ("0", Ok(0)), ("365", Ok(365))] {
            assert_eq!(parse_terms(text).map_err(|e| e.0), want.map_err(|e: &str| e.to_owned()), "{text}");
        }
        for (text, needle) in [("366", "at most 365"), ("-1", "whole number"), ("1.5", "whole number"), ("", "whole number")] {
            assert!(parse_terms(text).unwrap_err().0.contains(needle), "{text}");
        }
    }

    #[test]
    fn variable_symbols_are_digits_only_and_at_most_ten() {
        for (number, vs) in [
            ("20260001", "20260001"),
            ("FV-2026/005", "2026005"),
            ("27000007", "27000007"),
            ("0000123", "123"),
            ("INV-2026-0000001234", "1234"),
            ("INV-2026-9000001234", "9000001234"),
            ("ABC", "0"),
            ("2026-123", "2026123"),
        ] {
            let got = variable_symbol(number);
            assert_eq!(got, vs, "{number}");
            assert!(got.len() <= VARIABLE_SYMBOL_MAX && got.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn the_status_follows_payments_and_the_due_day() {
        use InvoiceStatus::*;
        let due = day("2026-12-17");
        // (cancelled, gross, paid, today, status)
        for (cancelled, gross, paid, today, want) in [
            (false, "1210.00", "0", "2026-12-03", Issued),
            (false, "1210.00", "0", "2026-12-17", Issued),
            (false, "1210.00", "0", "2026-12-18", Overdue),
            (false, "1210.00", "100.00", "2026-12-10", PartiallyPaid),
            (false, "1210.00", "100.00", "2026-12-18", Overdue),
            (false, "1210.00", "1210.00", "2026-12-10", Paid),
            (false, "1210.00", "1210.00", "2027-03-01", Paid),
            (false, "0.00", "0", "2027-03-01", Paid),
            (true, "1210.00", "0", "2026-12-03", Cancelled),
            (true, "1210.00", "1210.00", "2027-03-01", Cancelled),
        ] {
            assert_eq!(status(cancelled, d(gross), d(paid), due, day(today)), want, "{gross}/{paid} on {today}");
        }
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Ok(*s));
        }
    }

    #[test]
    fn the_vat_summary_is_the_offers_arithmetic() {
        let czk = Currency::parse("CZK").unwrap();
        let line =
            |q: &str, p: &str, disc: &str, vat: &str| LineInput { quantity: d(q), unit_price: d(p), discount: d(disc), vat_rate: d(vat) };
        // (lines, [(rate, base, vat)], net, vat, gross)
        let cases: Vec<(Vec<LineInput>, Vec<(&str, &str, &str)>, &str, &str, &str)> = vec![
            (vec![line("1", "10000", "0", "21")], vec![("21", "10000.00", "2100.00")], "10000.00", "2100.00", "12100.00"),
            (
                vec![line("2", "1000", "0", "21"), line("1", "500", "10", "12"), line("3", "100", "0", "0")],
                vec![("0", "300.00", "0.00"), ("12", "450.00", "54.00"), ("21", "2000.00", "420.00")],
                "2750.00",
                "474.00",
                "3224.00",
            ),
            (
                vec![line("1", "0.07", "0", "21"), line("1", "0.07", "0", "21"), line("1", "0.07", "0", "21")],
                vec![("21", "0.21", "0.04")],
                "0.21",
                "0.04",
                "0.25",
            ),
        ];
        for (lines, rows, net, vat, gross) in cases {
            let t = totals(&lines, czk);
            let got: Vec<(String, String, String)> = t
                .vat_rows
                .iter()
                .map(|r| (money::format_rate(r.rate), money::format_amount(r.base, czk), money::format_amount(r.vat, czk)))
                .collect();
            let want: Vec<(String, String, String)> = rows.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
            assert_eq!(got, want);
            assert_eq!(
                (money::format_amount(t.net, czk), money::format_amount(t.vat, czk), money::format_amount(t.gross, czk)),
                (net.to_owned(), vat.to_owned(), gross.to_owned())
            );
        }
    }
}
