//! Payments (issue 21, payments): record one on an invoice (the lead's owner, managers, admins:
//! [`Action::RecordPayment`], checked before anything is read further or written), list an
//! invoice's payments, import a bank statement (CSV or ABO/GPC) and work the review list of
//! the lines that matched no invoice ([`Action::ReconcilePayments`]: managers and admins).
//!
//! The store records each payment in one transaction (the invoice locked, an overpayment
//! refused, `paid` raised, the events; paid in full: the customer's message and the playbook's
//! `invoice.paid`). Here: the input read, and the customer's message worded in their language.

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::public_offers::amount;
use crate::ui::i18n::Tr;
use pronto_domain::FieldErrors;
use pronto_domain::payment;
use pronto_domain::user::Action;
use pronto_store::invoices::{InvoiceMessage, InvoiceRecord};
use pronto_store::payments::{ImportOutcome, NewPayment, NewStatement, PaymentOutcome, PaymentRecord, StatementLineRecord};
use pronto_store::{LeadRecord, StoreError};
use std::collections::HashMap;

/// The longest payment reference kept.
pub const REFERENCE_MAX: usize = 140;
/// The largest statement file read.
pub const STATEMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// How many lines of the review list are shown.
pub const REVIEW_LIMIT: i64 = 500;

fn invoice_not_found(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("invoice not found".into()),
        other => other.into(),
    }
}

fn line_not_found(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("statement line not found".into()),
        other => other.into(),
    }
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::Invalid(FieldErrors::single(field, message))
}

/// The message that tells the customer their invoice is paid in full, in the inquiry's
/// language, with the link to their page (`{number}` is filled in by the store).
pub fn paid_message(lead: &LeadRecord, inv: &InvoiceRecord, company: &str) -> InvoiceMessage {
    let t = Tr::new(lead.language.as_deref().unwrap_or("en"));
    let link = lead.tracking_url.clone().unwrap_or_default();
    let total = format!("{} {}", amount(&t, &inv.gross), inv.currency);
    let vars = [("link", link.as_str()), ("number", "{number}"), ("total", total.as_str()), ("company", company)];
    InvoiceMessage {
        subject: t.with("inv-paid-mail-subject", &vars),
        text: t.with("inv-paid-mail-text", &vars),
        sms: t.with("inv-paid-sms-text", &vars),
    }
}

/// A payment as typed or sent.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct PaymentIn {
    /// A decimal string in the invoice's currency (`"1210.00"`), positive, at most what is left.
    #[schema(value_type = String, required = true, example = "1210.00")]
    pub amount: Option<serde_json::Value>,
    /// The day the money arrived, `YYYY-MM-DD` (or an RFC 3339 time); today when left out.
    #[schema(value_type = Option<String>, example = "2026-12-05")]
    pub paid_at: Option<String>,
    /// The payment reference the transfer carried (the variable symbol).
    #[schema(max_length = 140)]
    pub reference: Option<String>,
}

/// Reads the day a payment arrived: a date, or a time read as its day in `zone`; not after
/// today.
pub fn paid_on(text: Option<&str>, zone: &jiff::tz::TimeZone, now: jiff::Timestamp) -> std::result::Result<jiff::civil::Date, String> {
    let today = now.to_zoned(zone.clone()).date();
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(today);
    };
    let day = match t.parse::<jiff::civil::Date>() {
        Ok(d) => d,
        Err(_) => match t.parse::<jiff::Timestamp>() {
            Ok(ts) => ts.to_zoned(zone.clone()).date(),
            Err(_) => return Err(format!("`{t}` is not a date like 2026-12-05")),
        },
    };
    if day > today {
        return Err(format!("`{t}` is in the future"));
    }
    Ok(day)
}

/// Records a payment on invoice `invoice_id` (`source`: `api` or `manual`).
pub async fn record(st: &AppState, caller: &Caller, invoice_id: i64, input: &PaymentIn, source: &str) -> Result<PaymentOutcome> {
    let inv = st.store.invoice(invoice_id).await.map_err(invoice_not_found)?;
    crate::access::require_on_lead(st, caller, Action::RecordPayment, inv.lead_id).await?;
    let mut e = FieldErrors::new();
    let amount = match &input.amount {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        None | Some(serde_json::Value::Null) => {
            e.add("amount", "is required");
            None
        }
        Some(serde_json::Value::String(_)) => {
            e.add("amount", "is required");
            None
        }
        Some(_) => {
            e.add("amount", "give the amount as a decimal string, like \"1210.00\"");
            None
        }
    };
    let lead = st.store.lead(inv.lead_id).await?;
    let zone = super::offers::lead_zone(st, &lead);
    let day = match paid_on(input.paid_at.as_deref(), &zone, st.clock.now()) {
        Ok(d) => Some(d),
        Err(m) => {
            e.add("paid_at", m);
            None
        }
    };
    let reference = input.reference.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    if reference.as_ref().is_some_and(|r| r.chars().count() > REFERENCE_MAX || r.chars().any(char::is_control)) {
        e.add("reference", format!("at most {REFERENCE_MAX} characters, one line"));
    }
    if !e.is_empty() {
        return Err(Error::Invalid(e));
    }
    let (Some(amount), Some(paid_on)) = (amount, day) else { unreachable!("checked above") };
    let company = st.store.company_profile().await?.name.unwrap_or_default();
    let message = paid_message(&lead, &inv, &company);
    let p = NewPayment { invoice_id, amount, paid_on, reference, source: source.to_owned(), message, actor: Some(caller.user.id) };
    Ok(st.store.record_payment(p).await.map_err(invoice_not_found)?)
}

/// The payments of an invoice, oldest first.
pub async fn list(st: &AppState, caller: &Caller, invoice_id: i64) -> Result<Vec<PaymentRecord>> {
    caller.require(Action::ReadLeads)?;
    st.store.invoice_payments(invoice_id).await.map_err(invoice_not_found)
}

/// Imports a bank statement: `format` `csv` or `gpc`.
pub async fn import(st: &AppState, caller: &Caller, format: &str, file_name: Option<String>, bytes: &[u8]) -> Result<ImportOutcome> {
    caller.require(Action::ReconcilePayments)?;
    let format = format.trim().to_ascii_lowercase();
    let statement = match format.as_str() {
        "csv" => payment::read_csv(bytes),
        "gpc" | "abo" => payment::read_gpc(bytes),
        other => return Err(invalid("format", format!("`{other}` is not one of csv, gpc"))),
    }
    .map_err(|e| invalid("file", e.0))?;
    if statement.lines.is_empty() {
        let why = statement.problems.first().map(|(l, m)| format!(" (line {l}: {m})")).unwrap_or_default();
        return Err(invalid("file", format!("the statement has no payment lines{why}")));
    }
    let format = if format == "abo" { "gpc".to_owned() } else { format };
    // The customer's message for each invoice the statement may pay in full.
    let refs: Vec<String> = statement.lines.iter().map(|l| l.reference.clone()).filter(|r| !r.trim().is_empty()).collect();
    let company = st.store.company_profile().await?.name.unwrap_or_default();
    let mut messages = HashMap::new();
    let mut leads: HashMap<i64, LeadRecord> = HashMap::new();
    for inv in st.store.invoices_by_reference(refs).await? {
        if !leads.contains_key(&inv.lead_id) {
            leads.insert(inv.lead_id, st.store.lead(inv.lead_id).await?);
        }
        messages.insert(inv.id, paid_message(&leads[&inv.lead_id], &inv, &company));
    }
    let s = NewStatement { format, file_name, statement, messages, actor: Some(caller.user.id) };
    Ok(st.store.import_statement(s).await?)
}

/// The review list: the lines no invoice matched, newest first (or the lines in `status`).
pub async fn lines(st: &AppState, caller: &Caller, status: Option<&str>) -> Result<Vec<StatementLineRecord>> {
    caller.require(Action::ReconcilePayments)?;
    let status = status.unwrap_or("unmatched");
    if !["unmatched", "matched", "assigned", "dismissed", "all"].contains(&status) {
        return Err(invalid("status", format!("`{status}` is not one of unmatched, matched, assigned, dismissed, all")));
    }
    let status = (status != "all").then(|| status.to_owned());
    Ok(st.store.statement_lines(status, REVIEW_LIMIT).await?)
}

/// Assigns a line in review to an invoice, given by its id or its number: recorded as its
/// payment (the customer told when that pays it in full).
pub async fn assign(
    st: &AppState,
    caller: &Caller,
    line_id: i64,
    invoice_id: Option<i64>,
    number: Option<&str>,
) -> Result<(StatementLineRecord, Option<PaymentOutcome>)> {
    caller.require(Action::ReconcilePayments)?;
    st.store.statement_line(line_id).await.map_err(line_not_found)?;
    let inv = match (invoice_id, number.map(str::trim).filter(|n| !n.is_empty())) {
        (Some(id), _) => st.store.invoice(id).await.map_err(|e| match e {
            StoreError::NotFound => invalid("invoice_id", format!("{id} is not an invoice")),
            other => other.into(),
        })?,
        (None, Some(n)) => st
            .store
            .invoices_by_reference(vec![n.to_owned()])
            .await?
            .into_iter()
            .find(|i| i.number == n || i.variable_symbol == payment::normalize_reference(n))
            .ok_or_else(|| invalid("invoice", format!("`{n}` is not the number of an invoice")))?,
        (None, None) => return Err(invalid("invoice_id", "is required: the invoice this payment is for")),
    };
    let lead = st.store.lead(inv.lead_id).await?;
    let company = st.store.company_profile().await?.name.unwrap_or_default();
    let message = paid_message(&lead, &inv, &company);
    st.store.review_statement_line(line_id, Some(inv.id), Some(message), Some(caller.user.id)).await.map_err(line_not_found)
}

/// Dismisses a line in review (not a payment of any invoice).
pub async fn dismiss(st: &AppState, caller: &Caller, line_id: i64) -> Result<StatementLineRecord> {
    caller.require(Action::ReconcilePayments)?;
    Ok(st.store.review_statement_line(line_id, None, None, Some(caller.user.id)).await.map_err(line_not_found)?.0)
}
