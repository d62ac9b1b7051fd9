//! The supplier's purchase (issue 21, item 4), as pure rules: which purchases the accepted
//! offer's lines make (one per supplier), what a supplier's invoice must say, a manager's
//! reason for going without it, and the gate the customer's invoice waits at.
//!
//! The seed (`003_*.txt`, BP4–BP5): ask the supplier for their invoice before invoicing the
//! customer; attach it to the customer's invoice; when the customer has paid, pass it to
//! management for payment. A lead without any purchase (the agency sells services) has no gate.

use crate::FieldErrors;
use crate::money::{AMOUNT_MAX, Currency, Decimal, format_amount, parse_decimal};

/// The statuses a purchase goes through.
pub const REQUESTED: &str = "requested";
pub const INVOICE_RECEIVED: &str = "invoice_received";
pub const PAID: &str = "paid";
pub const STATUSES: &[&str] = &[REQUESTED, INVOICE_RECEIVED, PAID];

/// The longest supplier name, invoice number and override reason.
pub const SUPPLIER_MAX: usize = 120;
pub const NUMBER_MAX: usize = 64;
pub const REASON_MAX: usize = 500;

/// One line to buy: from the offer (with the catalogue's supplier and the supplier's article
/// number) or as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub sku: Option<String>,
    pub supplier_sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    /// Decimal text, as the offer holds it.
    pub quantity: String,
    /// The catalogue's supplier of the product, if any.
    pub supplier: Option<String>,
}

/// Which purchases the lines make: with `supplier` given, one purchase of every line from it;
/// otherwise one per supplier the catalogue names, in the order they first appear. A line
/// whose supplier nobody knows is refused naming `supplier` (say whom to buy it from), and so
/// is an offer with no lines.
pub fn group_by_supplier(lines: &[SourceLine], supplier: Option<&str>) -> Result<Vec<(String, Vec<SourceLine>)>, FieldErrors> {
    if lines.is_empty() {
        return Err(FieldErrors::single("lines", "there is nothing to buy: the offer has no lines"));
    }
    if let Some(s) = supplier {
        return Ok(vec![(s.to_owned(), lines.to_vec())]);
    }
    let unknown: Vec<String> =
        lines.iter().filter(|l| l.supplier.as_deref().is_none_or(|s| s.trim().is_empty())).map(|l| format!("`{}`", l.name)).collect();
    if !unknown.is_empty() {
        return Err(FieldErrors::single(
            "supplier",
            format!("the catalogue names no supplier for {}: give `supplier`", unknown.join(", ")),
        ));
    }
    let mut out: Vec<(String, Vec<SourceLine>)> = Vec::new();
    for l in lines {
        let s = l.supplier.as_deref().unwrap_or_default().trim().to_owned();
        match out.iter_mut().find(|(k, _)| *k == s) {
            Some((_, v)) => v.push(l.clone()),
            None => out.push((s, vec![l.clone()])),
        }
    }
    Ok(out)
}

/// One line of text: trimmed, not empty, at most `max` characters, no control characters.
pub fn one_line(text: &str, max: usize) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("is required".into());
    }
    if t.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if t.chars().any(char::is_control) {
        return Err("must be one line without control characters".into());
    }
    Ok(t.to_owned())
}

/// A supplier's name as typed.
pub fn supplier_name(text: &str) -> Result<String, String> {
    one_line(text, SUPPLIER_MAX)
}

/// A quantity to buy: a decimal number above zero (`"2"`, `"1.5"`).
pub fn quantity(text: &str) -> Result<String, String> {
    let q = parse_decimal(text).map_err(|e| e.0)?;
    if q <= Decimal::ZERO {
        return Err(format!("`{}` is not above zero", text.trim()));
    }
    if q > AMOUNT_MAX {
        return Err(format!("`{}` is too large", text.trim()));
    }
    Ok(q.normalize().to_string())
}

/// What a supplier's invoice says: its number and its amount in its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierInvoice {
    pub number: String,
    /// Exactly the currency's minor digits (`"900.00"`).
    pub amount: String,
    pub currency: String,
}

/// Reads a supplier's invoice as typed, every bad field at once: `number` (one line),
/// `amount` (a decimal above zero, at most the currency's minor digits), `currency` (ISO 4217).
pub fn supplier_invoice(number: &str, amount: &str, currency: &str) -> Result<SupplierInvoice, FieldErrors> {
    let mut e = FieldErrors::new();
    let number = e.take("number", one_line(number, NUMBER_MAX));
    let cur = e.take("currency", Currency::parse(currency).map_err(|x| x.0));
    let amt = e.take("amount", parse_decimal(amount).map_err(|x| x.0)).and_then(|a| {
        if a <= Decimal::ZERO {
            e.add("amount", format!("`{}` is not above zero", amount.trim()));
            None
        } else if a > AMOUNT_MAX {
            e.add("amount", format!("`{}` is too large", amount.trim()));
            None
        } else {
            Some(a)
        }
    });
    let amount = match (amt, cur) {
        (Some(a), Some(c)) if a.scale() > c.minor_units() && a.normalize().scale() > c.minor_units() => {
            e.add("amount", format!("`{}` has more decimal places than {} has ({})", amount.trim(), c.code(), c.minor_units()));
            None
        }
        (Some(a), Some(c)) => Some(format_amount(a, c)),
        _ => None,
    };
    e.into_result()?;
    Ok(SupplierInvoice {
        number: number.expect("checked"),
        amount: amount.expect("checked"),
        currency: cur.expect("checked").code().to_owned(),
    })
}

/// A manager's reason for issuing the customer's invoice without the supplier's.
pub fn override_reason(text: &str) -> Result<String, FieldErrors> {
    one_line_or_text(text, REASON_MAX).map_err(|m| FieldErrors::single("reason", m))
}

fn one_line_or_text(text: &str, max: usize) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("is required: say why the customer's invoice may go without the supplier's".into());
    }
    if t.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err("contains control characters".into());
    }
    Ok(t.to_owned())
}

/// A purchase as the gate sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateItem {
    pub supplier: String,
    pub status: String,
    pub overridden: bool,
}

/// The suppliers whose invoice the customer's invoice still waits for: every purchase still
/// `requested` that no manager overrode. Empty: the invoice may be issued (no purchase at all
/// is no gate).
pub fn waiting_for(purchases: &[GateItem]) -> Vec<String> {
    purchases.iter().filter(|p| p.status == REQUESTED && !p.overridden).map(|p| p.supplier.clone()).collect()
}

/// What the next step of a purchase is refused with, if anything: `attach`, `override`, `paid`.
pub fn refusal(status: &str, overridden: bool, step: &str) -> Option<&'static str> {
    match (step, status) {
        (_, PAID) => Some("the supplier is paid already: the purchase is closed"),
        ("override", INVOICE_RECEIVED) => Some("the supplier's invoice is attached: there is nothing to override"),
        ("override", _) if overridden => Some("a manager has overridden this purchase already"),
        ("paid", REQUESTED) => Some("the supplier's invoice is not attached yet: attach it before paying the supplier"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, supplier: Option<&str>) -> SourceLine {
        SourceLine {
            sku: Some(format!("SKU-{name}")),
            supplier_sku: supplier.map(|s| format!("{s}-{name}")),
            name: name.into(),
            unit: None,
            quantity: "1".into(),
            supplier: supplier.map(str::to_owned),
        }
    }

    #[test]
    fn lines_make_one_purchase_per_supplier() {
        let lines = [line("drum", Some("Yamaha")), line("stick", Some("Vic Firth")), line("pedal", Some("Yamaha"))];
        let g = group_by_supplier(&lines, None).unwrap();
        let got: Vec<(&str, Vec<&str>)> = g.iter().map(|(s, v)| (s.as_str(), v.iter().map(|l| l.name.as_str()).collect())).collect();
        assert_eq!(got, vec![("Yamaha", vec!["drum", "pedal"]), ("Vic Firth", vec!["stick"])]);
        // A supplier given takes every line.
        let g = group_by_supplier(&lines, Some("Muziker")).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].0, "Muziker");
        assert_eq!(g[0].1.len(), 3);
        // A line nobody supplies: say whom to buy from.
        let e = group_by_supplier(&[line("drum", Some("Yamaha")), line("service", None)], None).unwrap_err();
        assert_eq!(e.0[0].field, "supplier");
        assert!(e.0[0].message.contains("`service`"), "{e}");
        assert_eq!(group_by_supplier(&[], Some("X")).unwrap_err().0[0].field, "lines");
    }

    #[test]
    fn a_supplier_invoice_says_number_amount_and_currency() {
        for (number, amount, currency, want) in [
            ("FV-118", "900", "CZK", Ok(("FV-118", "900.00", "CZK"))),
            (" FV-118 ", "900.5", "czk", Ok(("FV-118", "900.50", "CZK"))),
            ("A1", "1200", "JPY", Ok(("A1", "1200", "JPY"))),
            ("", "900", "CZK", Err(vec!["number"])),
            ("FV", "0", "CZK", Err(vec!["amount"])),
            ("FV", "-5", "CZK", Err(vec!["amount"])),
            ("FV", "9,50", "CZK", Err(vec!["amount"])),
            ("FV", "1.234", "CZK", Err(vec!["amount"])),
            ("FV", "100", "XXQ", Err(vec!["currency"])),
            ("", "", "", Err(vec!["number", "currency", "amount"])),
        ] {
            let got = supplier_invoice(number, amount, currency);
            match want {
                Ok((n, a, c)) => {
                    let s = got.unwrap_or_else(|e| panic!("{number} {amount} {currency}: {e}"));
                    assert_eq!((s.number.as_str(), s.amount.as_str(), s.currency.as_str()), (n, a, c));
                }
                Err(fields) => {
                    let e = got.unwrap_err();
                    let got: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
                    assert_eq!(got, fields, "{number} {amount} {currency}");
                }
            }
        }
    }

    #[test]
    fn the_customer_invoice_waits_for_every_supplier_invoice_not_overridden() {
        let p = |supplier: &str, status: &str, overridden: bool| GateItem { supplier: supplier.into(), status: status.into(), overridden };
        for (purchases, want) in [
            (vec![], vec![]),
            (vec![p("Yamaha", REQUESTED, false)], vec!["Yamaha"]),
            (vec![p("Yamaha", REQUESTED, true)], vec![]),
            (vec![p("Yamaha", INVOICE_RECEIVED, false)], vec![]),
            (vec![p("Yamaha", PAID, false)], vec![]),
            (vec![p("Yamaha", INVOICE_RECEIVED, false), p("Vic Firth", REQUESTED, false)], vec!["Vic Firth"]),
        ] {
            assert_eq!(waiting_for(&purchases), want, "{purchases:?}");
        }
    }

    #[test]
    fn each_step_is_refused_when_it_makes_no_sense() {
        for (status, overridden, step, refused) in [
            (REQUESTED, false, "attach", false),
            (INVOICE_RECEIVED, false, "attach", false),
            (PAID, false, "attach", true),
            (REQUESTED, false, "override", false),
            (REQUESTED, true, "override", true),
            (INVOICE_RECEIVED, false, "override", true),
            (REQUESTED, false, "paid", true),
            (REQUESTED, true, "paid", true),
            (INVOICE_RECEIVED, false, "paid", false),
            (PAID, false, "paid", true),
        ] {
            assert_eq!(refusal(status, overridden, step).is_some(), refused, "{status} {overridden} {step}");
        }
    }

    #[test]
    fn reasons_quantities_and_names() {
        assert_eq!(override_reason("  paid in advance ").unwrap(), "paid in advance");
        assert_eq!(override_reason(" ").unwrap_err().0[0].field, "reason");
        assert!(override_reason(&"x".repeat(501)).is_err());
        assert_eq!(quantity("2.50").unwrap(), "2.5");
        assert!(quantity("0").is_err());
        assert!(quantity("two").is_err());
        assert_eq!(supplier_name(" Yamaha ").unwrap(), "Yamaha");
        assert!(supplier_name("a\nb").is_err());
        assert!(supplier_name("").is_err());
    }
}
