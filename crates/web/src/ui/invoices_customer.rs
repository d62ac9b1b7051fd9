//! The customer's invoices on their page (issue 21, invoices): each with its number, total, due
//! day, status, the payment reference and the links to its documents (the invoice, and the
//! contract for a legal entity), in the customer's language. No internal ids beyond the
//! invoice's own address.

use super::i18n::Tr;
use crate::public_offers::{amount, date};
use pronto_store::invoices::InvoiceRecord;

pub struct CustomerInvoice {
    pub id: i64,
    pub title: String,
    pub status_id: String,
    pub status: String,
    pub total: String,
    pub due: String,
    pub reference: String,
    pub contract: bool,
    /// Paid in full, or what was paid and what is left (issue 21, payments); none before any
    /// payment.
    pub payment: Option<String>,
}

pub fn views(t: &Tr, invoices: &[InvoiceRecord], now: jiff::Timestamp) -> Vec<CustomerInvoice> {
    invoices
        .iter()
        .rev()
        .map(|i| {
            let s = super::invoices_card::status_at(i, now);
            CustomerInvoice {
                id: i.id,
                title: t.with("c-inv-invoice", &[("number", &i.number)]),
                status_id: s.to_owned(),
                status: t.t(&format!("inv-status-{s}")),
                total: t.with("c-inv-total", &[("total", &format!("{}\u{a0}{}", amount(t, &i.gross), i.currency))]),
                due: t.with("c-inv-due", &[("date", &date(t, &i.due_date))]),
                reference: t.with("c-inv-reference", &[("vs", &i.variable_symbol)]),
                contract: i.has_contract(),
                payment: payment_line(t, i),
            }
        })
        .collect()
}

/// "Paid in full — thank you", or "Paid 9 800,00 CZK, 20 000,00 CZK left to pay"; none before
/// any payment or for a cancelled invoice.
pub fn payment_line(t: &Tr, i: &InvoiceRecord) -> Option<String> {
    use pronto_domain::money::{Currency, Decimal, format_amount, parse_decimal};
    let cur = Currency::parse(&i.currency).ok()?;
    let paid = parse_decimal(&i.paid).ok()?;
    let gross = parse_decimal(&i.gross).ok()?;
    if i.status == "cancelled" || paid <= Decimal::ZERO {
        return None;
    }
    let left = pronto_domain::payment::left_to_pay(gross, paid, cur);
    if left <= Decimal::ZERO {
        return Some(t.t("c-inv-paid"));
    }
    let money = |d: Decimal| format!("{}\u{a0}{}", amount(t, &format_amount(d, cur)), i.currency);
    Some(t.with("c-inv-partially-paid", &[("paid", &money(paid)), ("left", &money(left))]))
}
