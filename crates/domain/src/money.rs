//! Money: exact decimal amounts (`rust_decimal`, never a float), ISO 4217 currencies with
//! their minor units, and an offer's arithmetic — line totals (quantity × unit price less the
//! discount, rounded to the currency's minor unit half away from zero), VAT per line rate, the
//! VAT summary per rate (base and VAT rounded per rate) and the net / VAT / gross totals.
//!
//! Amounts travel as decimal strings (`"1234.50"`); [`format_amount`] writes an amount with
//! exactly the currency's minor digits, [`parse_decimal`] reads one without ever going
//! through a float.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;

use crate::values::Invalid;

/// ISO 4217 codes Pronto accepts, with their minor units (digits after the decimal point).
/// Sorted by code. The catalogue checks its currencies against the same list.
pub const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HUF", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PLN", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("SEK", 2),
    ("TND", 3),
    ("TRY", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// A currency Pronto knows: its ISO 4217 code and minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

impl Currency {
    /// Reads a three-letter ISO 4217 code (letter case ignored).
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Invalid(format!("`{}` is not a three-letter ISO 4217 currency code", text.trim())));
        }
        CURRENCIES
            .binary_search_by(|(c, _)| (*c).cmp(code.as_str()))
            .map(|i| Currency { code: CURRENCIES[i].0, minor_units: CURRENCIES[i].1 })
            .map_err(|_| Invalid(format!("`{code}` is not a currency Pronto knows")))
    }
    pub fn code(&self) -> &'static str {
        self.code
    }
    /// Digits after the decimal point: 2 for CZK, 0 for JPY, 3 for KWD.
    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }
    /// Rounds to the currency's minor unit, half away from zero, keeping exactly that many
    /// digits (`1.5` in CZK is `1.50`).
    pub fn round(&self, amount: Decimal) -> Decimal {
        let mut r = amount.round_dp_with_strategy(self.minor_units, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(self.minor_units);
        r
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// The largest amount, quantity or price an offer may hold (keeps every product and sum far
/// from `Decimal`'s limits).
pub const AMOUNT_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0); // 10^9

/// Reads a decimal number written with digits, an optional sign and one optional decimal
/// point (`"1234.50"`, `"-3"`, `"0.5"`); a comma, an exponent, spaces inside or more than ten
/// decimal digits are refused with a message saying so.
pub fn parse_decimal(text: &str) -> Result<Decimal, Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Invalid("is empty".into()));
    }
    let body = t.strip_prefix('-').or_else(|| t.strip_prefix('+')).unwrap_or(t);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_none_or(str::is_empty) || !digits_ok(int) || frac.is_some_and(|f| f.is_empty() || !digits_ok(f)) {
        return Err(Invalid(format!("`{t}` is not a decimal number like 1234.50")));
    }
    if frac.is_some_and(|f| f.len() > 10) {
        return Err(Invalid(format!("`{t}` has more than 10 decimal places")));
    }
    if int.trim_start_matches('0').len() > 15 {
        return Err(Invalid(format!("`{t}` is too large")));
    }
    Decimal::from_str(t.strip_prefix('+').unwrap_or(t)).map_err(|_| Invalid(format!("`{t}` is not a decimal number")))
}

/// An amount as it travels: exactly the currency's minor digits (`"1234.50"`, `"1235"` in JPY).
pub fn format_amount(amount: Decimal, currency: Currency) -> String {
    currency.round(amount).to_string()
}

/// A percentage as it travels: without trailing zeros (`"21"`, `"10.5"`).
pub fn format_rate(rate: Decimal) -> String {
    rate.normalize().to_string()
}

/// One line of an offer, as the arithmetic needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// Percent off, 0–100.
    pub discount: Decimal,
    /// Percent VAT, 0–100.
    pub vat_rate: Decimal,
}

/// A line's money: net after the discount and the VAT on it, both rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineTotal {
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Quantity × unit price less the discount, rounded to the currency's minor unit (half away
/// from zero); the line's VAT is its net × rate, rounded the same way.
pub fn line_total(line: &LineInput, currency: Currency) -> LineTotal {
    let gross_before_discount = line.quantity * line.unit_price;
    let net = currency.round(gross_before_discount * (HUNDRED - line.discount) / HUNDRED);
    let vat = currency.round(net * line.vat_rate / HUNDRED);
    LineTotal { net, vat, gross: net + vat }
}

/// One VAT rate's part of an offer: the sum of its lines' nets and the VAT on that sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatRow {
    pub rate: Decimal,
    pub base: Decimal,
    pub vat: Decimal,
}

/// An offer's money: one row per VAT rate (lowest rate first) and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub lines: Vec<LineTotal>,
    pub vat_rows: Vec<VatRow>,
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
}

/// The totals of an offer: every line's net rounded, the nets summed per VAT rate, the VAT of
/// each rate computed on that sum and rounded once per rate (as an invoice's VAT summary is),
/// then net = Σ bases, VAT = Σ per-rate VAT, gross = net + VAT — exact, no float anywhere.
pub fn totals(lines: &[LineInput], currency: Currency) -> Totals {
    let line_totals: Vec<LineTotal> = lines.iter().map(|l| line_total(l, currency)).collect();
    let mut per_rate: BTreeMap<Decimal, Decimal> = BTreeMap::new();
    for (l, t) in lines.iter().zip(&line_totals) {
        *per_rate.entry(l.vat_rate.normalize()).or_insert(Decimal::ZERO) += t.net;
    }
    let vat_rows: Vec<VatRow> = per_rate
        .into_iter()
        .map(|(rate, base)| VatRow { rate, base: currency.round(base), vat: currency.round(base * rate / HUNDRED) })
        .collect();
    let net = currency.round(vat_rows.iter().map(|r| r.base).sum());
    let vat = currency.round(vat_rows.iter().map(|r| r.vat).sum());
    Totals { lines: line_totals, vat_rows, net, vat, gross: currency.round(net + vat) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn cur(s: &str) -> Currency {
        Currency::parse(s).unwrap()
    }
    fn line(q: &str, p: &str, disc: &str, vat: &str) -> LineInput {
        LineInput { quantity: d(q), unit_price: d(p), discount: d(disc), vat_rate: d(vat) }
    }

    #[test]
    fn currencies_are_sorted_and_have_their_minor_units() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0), "CURRENCIES must stay sorted for binary search");
        for (code, minor) in [
            ("CZK", 2),
            ("EUR", 2),
            ("USD", 2),
            ("GBP", 2),
            ("PLN", 2),
            ("HUF", 2),
            ("ILS", 2),
            ("RUB", 2),
            ("CHF", 2),
            ("JPY", 0),
            ("KWD", 3),
            ("czk", 2),
        ] {
            assert_eq!(cur(code).minor_units(), minor, "{code}");
        }
        for bad in ["", "CZ", "CZKK", "XXX", "12A", "€"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero_to_the_minor_unit() {
        for (currency, amount, want) in [
            ("CZK", "1.005", "1.01"),
            ("CZK", "1.004", "1.00"),
            ("CZK", "-1.005", "-1.01"),
            ("CZK", "2.5", "2.50"),
            ("CZK", "7", "7.00"),
            ("JPY", "2.5", "3"),
            ("JPY", "-2.5", "-3"),
            ("JPY", "1234.49", "1234"),
            ("KWD", "1.0005", "1.001"),
            ("KWD", "1", "1.000"),
            ("EUR", "0.125", "0.13"),
        ] {
            assert_eq!(format_amount(d(amount), cur(currency)), want, "{currency} {amount}");
        }
    }

    #[test]
    fn decimals_are_read_exactly_and_mistakes_are_named() {
        for (text, want) in [("1234.50", "1234.50"), (" 3 ", "3"), ("0.5", "0.5"), (".5", "0.5"), ("-2", "-2"), ("+7.25", "7.25")] {
            assert_eq!(parse_decimal(text).unwrap(), d(want), "{text}");
        }
        for (text, needle) in [
            ("", "empty"),
            ("1,5", "decimal number"),
            ("1e3", "decimal number"),
            ("1.", "decimal number"),
            ("abc", "decimal number"),
            ("1 000", "decimal number"),
            ("0.12345678901", "10 decimal places"),
            ("1234567890123456", "too large"),
            ("NaN", "decimal number"),
        ] {
            let err = parse_decimal(text).unwrap_err().0;
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }

    #[test]
    fn line_totals_apply_quantity_discount_and_rounding() {
        // (currency, quantity, unit price, discount %, vat %, net, vat, gross)
        for (currency, q, p, disc, vat, net, line_vat, gross) in [
            ("CZK", "1", "1000", "0", "21", "1000.00", "210.00", "1210.00"),
            ("CZK", "3", "333.33", "0", "21", "999.99", "210.00", "1209.99"),
            ("CZK", "2", "99.99", "10", "21", "179.98", "37.80", "217.78"),
            ("CZK", "1.5", "10.01", "0", "12", "15.02", "1.80", "16.82"),
            ("EUR", "7", "0.333", "0", "20", "2.33", "0.47", "2.80"),
            ("EUR", "1", "100", "100", "20", "0.00", "0.00", "0.00"),
            ("EUR", "1", "0", "0", "20", "0.00", "0.00", "0.00"),
            ("GBP", "4", "12.125", "0", "0", "48.50", "0.00", "48.50"),
            ("JPY", "3", "333.5", "0", "10", "1001", "100", "1101"),
            ("JPY", "1", "999", "5", "8", "949", "76", "1025"),
            ("KWD", "3", "1.2345", "0", "5", "3.704", "0.185", "3.889"),
            ("HUF", "2", "1500.555", "0", "27", "3001.11", "810.30", "3811.41"),
            ("PLN", "10", "12.34", "12.5", "23", "107.98", "24.84", "132.82"),
        ] {
            let c = cur(currency);
            let t = line_total(&line(q, p, disc, vat), c);
            assert_eq!(
                (format_amount(t.net, c), format_amount(t.vat, c), format_amount(t.gross, c)),
                (net.to_string(), line_vat.to_string(), gross.to_string()),
                "{currency} {q} × {p} −{disc}% +{vat}%"
            );
        }
    }

    #[test]
    fn totals_sum_per_rate_and_round_vat_once_per_rate() {
        struct Case {
            currency: &'static str,
            lines: Vec<LineInput>,
            rows: Vec<(&'static str, &'static str, &'static str)>,
            net: &'static str,
            vat: &'static str,
            gross: &'static str,
        }
        let cases = [
            // Per-rate rounding differs from per-line rounding: three lines of 0.10 at 21 %
            // have 0.02 VAT each (0.06), but 0.30 × 21 % = 0.063 → 0.06; with 0.05 lines the
            // lines say 0.01 × 3 = 0.03 and the rate says 0.15 × 21 % = 0.0315 → 0.03.
            Case {
                currency: "CZK",
                lines: vec![line("1", "0.07", "0", "21"), line("1", "0.07", "0", "21"), line("1", "0.07", "0", "21")],
                // each line 0.07 × 21 % = 0.0147 → 0.01 (0.03 by line); per rate 0.21 × 21 % = 0.0441 → 0.04
                rows: vec![("21", "0.21", "0.04")],
                net: "0.21",
                vat: "0.04",
                gross: "0.25",
            },
            Case {
                currency: "CZK",
                lines: vec![
                    line("2", "1000", "0", "21"),
                    line("1", "500", "10", "12"),
                    line("3", "100", "0", "0"),
                    line("1", "250", "0", "21"),
                ],
                rows: vec![("0", "300.00", "0.00"), ("12", "450.00", "54.00"), ("21", "2250.00", "472.50")],
                net: "3000.00",
                vat: "526.50",
                gross: "3526.50",
            },
            Case {
                currency: "EUR",
                lines: vec![line("1", "19.99", "0", "19"), line("2", "4.49", "0", "7"), line("1", "9.95", "15", "19")],
                // 19.99 + 8.457→8.46 (9.95×0.85) = 28.45 at 19 % → 5.4055 → 5.41; 8.98 at 7 % → 0.6286 → 0.63
                rows: vec![("7", "8.98", "0.63"), ("19", "28.45", "5.41")],
                net: "37.43",
                vat: "6.04",
                gross: "43.47",
            },
            Case {
                currency: "JPY",
                lines: vec![line("3", "1280", "0", "10"), line("1", "540", "0", "8")],
                rows: vec![("8", "540", "43"), ("10", "3840", "384")],
                net: "4380",
                vat: "427",
                gross: "4807",
            },
            Case {
                currency: "KWD",
                lines: vec![line("2", "12.5005", "0", "5"), line("1", "3.333", "50", "0")],
                // 25.001 at 5 % → 1.25005 → 1.250; 1.6665 → 1.667 at 0 %
                rows: vec![("0", "1.667", "0.000"), ("5", "25.001", "1.250")],
                net: "26.668",
                vat: "1.250",
                gross: "27.918",
            },
            Case {
                currency: "USD",
                lines: vec![line("1", "10", "0", "10.5"), line("1", "10", "0", "10.50")],
                // 10.5 and 10.50 are one rate
                rows: vec![("10.5", "20.00", "2.10")],
                net: "20.00",
                vat: "2.10",
                gross: "22.10",
            },
            Case { currency: "CHF", lines: vec![], rows: vec![], net: "0.00", vat: "0.00", gross: "0.00" },
        ];
        for case in cases {
            let c = cur(case.currency);
            let t = totals(&case.lines, c);
            let rows: Vec<(String, String, String)> =
                t.vat_rows.iter().map(|r| (format_rate(r.rate), format_amount(r.base, c), format_amount(r.vat, c))).collect();
            let want: Vec<(String, String, String)> =
                case.rows.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
            assert_eq!(rows, want, "{} rows", case.currency);
            assert_eq!(
                (format_amount(t.net, c), format_amount(t.vat, c), format_amount(t.gross, c)),
                (case.net.to_string(), case.vat.to_string(), case.gross.to_string()),
                "{} totals",
                case.currency
            );
            assert_eq!(t.lines.len(), case.lines.len());
        }
    }
}
