//! The lead card's invoices (issue 21, invoices): each invoice with its number, issue and due
//! days, total, paid, status and its documents (the invoice's PDF, and the contract's for a
//! legal entity); for those who work the deal, "Issue the invoice" for each accepted offer not
//! invoiced yet. Refusals (no requisites, not accepted, already invoiced) come back as a
//! notice in the reader's words.

use super::error::PageResult;
use super::i18n::Tr;
use super::{Signed, fail};
use crate::AppState;
use crate::app::{self, invoices as uc};
use crate::public_offers::{amount, date};
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use pronto_domain::invoice::status;
use pronto_domain::money::parse_decimal;
use pronto_store::OfferRecord;
use pronto_store::invoices::InvoiceRecord;
use serde::Deserialize;
use std::collections::HashMap;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/leads/{id}/invoices", post(issue)).route("/leads/{id}/invoices/{invoice}/payments", post(record_payment))
}

/// One invoice as the card lists it.
pub struct InvoiceRow {
    pub id: i64,
    pub number: String,
    /// `issued`, `paid`, … for the style.
    pub status_id: String,
    pub status: String,
    pub dates: String,
    pub gross: String,
    pub paid: String,
    /// The documents: (word, address).
    pub documents: Vec<(String, String)>,
    /// What is left to pay, as the payment form's amount (`20000.00`), and in words; none when
    /// nothing is (paid, cancelled).
    pub left: Option<(String, String)>,
    /// "Amount (CZK)".
    pub amount_label: String,
    /// The offer invoiced, and the supplier's invoices attached to it (issue 21, purchases):
    /// (word, address when the reader may open it); filled by the lead card.
    pub offer_id: i64,
    pub supplier: Vec<(String, Option<String>)>,
}

/// The card's invoices part.
pub struct InvoicesCard {
    pub lead_id: i64,
    pub rows: Vec<InvoiceRow>,
    /// The accepted offers not invoiced: (offer id, "Issue the invoice for version 2").
    pub issuable: Vec<(i64, String)>,
    pub may_work: bool,
    /// May record payments (issue 21: the owner, managers, admins).
    pub may_pay: bool,
    /// May import statements and work the review list (managers, admins): a link to `/payments`.
    pub may_reconcile: bool,
    /// Today in the office's zone: the payment form's date.
    pub today: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// The status shown at `now` (see `pronto_domain::invoice::status`).
pub fn status_at(i: &InvoiceRecord, now: jiff::Timestamp) -> &'static str {
    let due = i.due_date.parse::<jiff::civil::Date>().unwrap_or(jiff::civil::Date::MAX);
    let today = if now >= i.due_at { due.tomorrow().unwrap_or(due) } else { due };
    status(i.status == "cancelled", parse_decimal(&i.gross).unwrap_or_default(), parse_decimal(&i.paid).unwrap_or_default(), due, today)
        .as_str()
}

pub fn rows(t: &Tr, invoices: &[InvoiceRecord], now: jiff::Timestamp, pdf_base: &str) -> Vec<InvoiceRow> {
    invoices
        .iter()
        .rev()
        .map(|i| {
            let s = status_at(i, now);
            let mut documents = vec![(t.t("inv-doc-invoice"), format!("{pdf_base}/{}/pdf", i.id))];
            if i.has_contract() {
                documents.push((t.t("inv-doc-contract"), format!("{pdf_base}/{}/contract.pdf", i.id)));
            }
            let left = (i.status != "cancelled")
                .then(|| {
                    let cur = pronto_domain::money::Currency::parse(&i.currency).ok()?;
                    let left = pronto_domain::payment::left_to_pay(parse_decimal(&i.gross).ok()?, parse_decimal(&i.paid).ok()?, cur);
                    let text = pronto_domain::money::format_amount(left, cur);
                    (left > pronto_domain::money::Decimal::ZERO).then(|| {
                        let words = t.with("inv-card-left", &[("left", &t.iso(&format!("{}\u{a0}{}", amount(t, &text), i.currency)))]);
                        (text, words)
                    })
                })
                .flatten();
            InvoiceRow {
                id: i.id,
                left,
                amount_label: t.with("inv-pay-amount", &[("currency", &i.currency)]),
                number: t.with("inv-card-number", &[("number", &i.number)]),
                status_id: s.to_owned(),
                status: t.t(&format!("inv-status-{s}")),
                dates: t.with("inv-card-dates", &[("issued", &date(t, &i.issue_date)), ("due", &date(t, &i.due_date))]),
                gross: format!("{}\u{a0}{}", amount(t, &i.gross), i.currency),
                paid: t.with("inv-card-paid", &[("paid", &t.iso(&format!("{}\u{a0}{}", amount(t, &i.paid), i.currency)))]),
                documents,
                offer_id: i.offer_id,
                supplier: Vec::new(),
            }
        })
        .collect()
}

pub fn card(
    t: &Tr,
    lead_id: i64,
    invoices: &[InvoiceRecord],
    offers: &[OfferRecord],
    now: jiff::Timestamp,
    may_work: bool,
    may_pay: bool,
    today: jiff::civil::Date,
    q: &HashMap<String, String>,
) -> InvoicesCard {
    let invoiced = |o: &OfferRecord| invoices.iter().any(|i| i.offer_id == o.id && i.status != "cancelled");
    let issuable = offers
        .iter()
        .filter(|o| o.status == "accepted" && !invoiced(o))
        .map(|o| (o.id, t.with("inv-card-issue", &[("version", &o.version.to_string())])))
        .collect();
    let n = q.get("n").map(String::as_str).unwrap_or_default();
    let notice = match (q.get("invoice").map(String::as_str), q.get("payment").map(String::as_str)) {
        (Some("issued"), _) => Some(t.with("inv-card-issued", &[("number", n)])),
        (_, Some("paid")) => Some(t.with("inv-pay-recorded-full", &[("number", n)])),
        (_, Some("recorded")) => {
            let left = invoices.iter().find(|i| i.number == n).map(|i| {
                let cur = pronto_domain::money::Currency::parse(&i.currency).ok();
                let left = cur.zip(parse_decimal(&i.gross).ok()).zip(parse_decimal(&i.paid).ok()).map(|((c, g), p)| {
                    pronto_domain::money::format_amount(pronto_domain::payment::left_to_pay(g, p, c), c)
                });
                format!("{}\u{a0}{}", amount(t, &left.unwrap_or_default()), i.currency)
            });
            Some(t.with("inv-pay-recorded", &[("number", n), ("left", &t.iso(&left.unwrap_or_default()))]))
        }
        _ => None,
    };
    let payment_error = match q.get("payment").map(String::as_str) {
        Some("over") => Some(t.with("inv-pay-refused", &[("why", &t.t("pay-reason-overpayment"))])),
        Some("bad-amount") => Some(t.with("inv-pay-refused", &[("why", &t.t("inv-pay-bad-amount"))])),
        Some("bad-date") => Some(t.with("inv-pay-refused", &[("why", &t.t("inv-pay-bad-date"))])),
        Some("cancelled") => Some(t.with("inv-pay-refused", &[("why", &t.t("pay-reason-cancelled"))])),
        _ => None,
    };
    let error = match q.get("invoice").map(String::as_str) {
        Some(k @ ("no-requisites" | "not-accepted" | "invoiced")) => Some(t.t(&format!("inv-card-refused-{k}"))),
        // The supplier's invoice is not attached yet (issue 21, purchases).
        Some("supplier-invoice") => Some(t.t("pur-invoice-refused")),
        _ => payment_error,
    };
    InvoicesCard {
        lead_id,
        rows: rows(t, invoices, now, "/api/v1/invoices"),
        issuable,
        may_work,
        may_pay,
        may_reconcile: false,
        today: today.to_string(),
        notice,
        error,
    }
}

#[derive(Deserialize)]
struct IssueForm {
    #[serde(default)]
    offer_id: String,
}

/// `POST /leads/{id}/invoices` (`offer_id`): issues it and goes back to the card, saying how.
async fn issue(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>, Form(f): Form<IssueForm>) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let back = format!("/leads/{id}");
    let offer = f.offer_id.trim().parse::<i64>().ok();
    match uc::issue(&st, &c, id, offer).await {
        Ok(i) => {
            let n: String = url_escape(&i.number);
            Ok(Redirect::to(&format!("/leads/{id}?invoice=issued&n={n}#invoices")).into_response())
        }
        Err(app::Error::Invalid(e)) if e.0.iter().any(|f| f.field == "requisites") => {
            Ok(Redirect::to(&format!("/leads/{id}?invoice=no-requisites#invoices")).into_response())
        }
        Err(app::Error::Conflict(m)) => {
            let k = if m.contains("already invoiced") {
                "invoiced"
            } else if m.starts_with("supplier_invoice") {
                "supplier-invoice"
            } else {
                "not-accepted"
            };
            Ok(Redirect::to(&format!("/leads/{id}?invoice={k}#invoices")).into_response())
        }
        Err(e) => Err(fail(&st, &c, &t, &back)(e)),
    }
}

#[derive(Deserialize)]
struct PaymentForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    paid_at: String,
    #[serde(default)]
    reference: String,
}

/// `POST /leads/{id}/invoices/{invoice}/payments` (`amount`, `paid_at`, `reference`): records it
/// and goes back to the card, saying what happened (paid in full: the customer told, the next
/// step begun; a part: what is left) or why not.
async fn record_payment(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, invoice)): Path<(String, String)>,
    Form(f): Form<PaymentForm>,
) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let back = format!("/leads/{id}");
    let invoice = invoice.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, &back)(app::Error::not_found("invoice")))?;
    // Only this lead's invoices from this card.
    match st.store.invoice(invoice).await {
        Ok(i) if i.lead_id == id => {}
        _ => return Err(fail(&st, &c, &t, &back)(app::Error::not_found("invoice"))),
    }
    let input = app::payments::PaymentIn {
        amount: Some(serde_json::Value::String(f.amount)),
        paid_at: Some(f.paid_at),
        reference: Some(f.reference),
    };
    match app::payments::record(&st, &c, invoice, &input, "manual").await {
        Ok(o) => {
            let n = url_escape(&o.invoice.number);
            let k = if o.in_full { "paid" } else { "recorded" };
            Ok(Redirect::to(&format!("/leads/{id}?payment={k}&n={n}#invoices")).into_response())
        }
        Err(app::Error::Invalid(e)) => {
            let k = match e.0.first() {
                Some(f) if f.field == "paid_at" => "bad-date",
                Some(f) if f.message.contains("more than") || f.message.contains("already paid") => "over",
                _ => "bad-amount",
            };
            Ok(Redirect::to(&format!("/leads/{id}?payment={k}#invoices")).into_response())
        }
        Err(app::Error::Conflict(_)) => Ok(Redirect::to(&format!("/leads/{id}?payment=cancelled#invoices")).into_response()),
        Err(e) => Err(fail(&st, &c, &t, &back)(e)),
    }
}

/// A number as a query value: letters, digits, `-`, `.`, `_` kept, the rest percent-encoded.
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_refusal_is_a_word_in_every_language() {
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for s in pronto_domain::invoice::InvoiceStatus::ALL {
                let w = t.t(&format!("inv-status-{}", s.as_str()));
                assert!(!w.starts_with("inv-") && !w.contains('_'), "{lang} {s}: {w}");
            }
            for k in ["no-requisites", "not-accepted", "invoiced"] {
                assert!(!t.t(&format!("inv-card-refused-{k}")).starts_with("inv-"), "{lang} {k}");
            }
            for k in [
                "inv-card-title",
                "inv-doc-invoice",
                "inv-doc-contract",
                "inv-card-none",
                "c-inv-title",
                "inv-mail-subject",
                "inv-mail-text",
                "inv-sms-text",
            ] {
                assert!(!t.t(k).starts_with("inv-") && !t.t(k).starts_with("c-inv-"), "{lang} {k}");
            }
        }
        assert_eq!(url_escape("FV-2026/005"), "FV-2026%2F005");
    }
}
