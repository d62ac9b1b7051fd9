//! Payments (issue 21, item 3): a payment recorded on an invoice is one transaction — the
//! invoice's row locked first (`UPDATE … RETURNING`: on PostgreSQL a second payment waits for the
//! first to commit and then sees its `paid`; SQLite has one writer), the amount checked against
//! what is left (`pronto_domain::payment::apply`: an overpayment is refused), the payment's row,
//! `paid` raised, the `payment.recorded` event, and when that pays it in full the `invoice.paid`
//! event, ONE message to the customer and the playbook's `invoice.paid` trigger.
//!
//! A bank statement is imported in one transaction too: the statement and its lines, each line
//! matched by its reference and amount (`pronto_domain::payment::match_line`) recorded as a
//! payment as above, the rest kept for review (`status = 'unmatched'` with the reason) until a
//! manager assigns it to an invoice or dismisses it.
//!
//! The dunning timers an invoice's rules set carry its id; when one fires, [`invoice_timer_due`]
//! lets the playbook see it only while the invoice is unpaid and not cancelled.

use crate::engine::{Conn, Row};
use crate::invoices::{InvoiceMessage, InvoiceRecord, invoice};
use crate::process;
use crate::tx::{Command, OutboxRow, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use pronto_domain::FieldErrors;
use pronto_domain::event::DomainEvent;
use pronto_domain::money::{Currency, Decimal, format_amount};
use pronto_domain::payment::{self, OpenInvoice, Statement};
use pronto_playbook::Trigger;
use pronto_playbook::model::TriggerKind;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::str::FromStr;

type R<T> = crate::Result<T>;

/// A payment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub invoice_id: i64,
    pub lead_id: i64,
    pub amount: String,
    pub currency: String,
    /// The day the money arrived (`2026-12-05`).
    pub paid_on: String,
    pub reference: Option<String>,
    /// `manual`, `api` or `import`.
    pub source: String,
    pub statement_line_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub recorded_at: Timestamp,
}

/// A payment to record.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub invoice_id: i64,
    /// As typed: a decimal in the invoice's currency.
    pub amount: String,
    pub paid_on: Date,
    pub reference: Option<String>,
    /// `manual` (the lead card) or `api`.
    pub source: String,
    /// What tells the customer when this pays the invoice in full (`{number}` filled in).
    pub message: InvoiceMessage,
    pub actor: Option<i64>,
}

/// What a recorded payment left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOutcome {
    pub payment: PaymentRecord,
    pub invoice: InvoiceRecord,
    /// This payment paid the invoice in full (the customer was told, `invoice.paid` ran).
    pub in_full: bool,
}

/// One line of an imported statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLineRecord {
    pub id: i64,
    pub statement_id: i64,
    pub line: i64,
    pub booked_on: String,
    pub amount: String,
    pub currency: Option<String>,
    pub reference: String,
    pub counterparty: String,
    pub message: String,
    /// `matched`, `unmatched` (in review), `assigned`, `dismissed`.
    pub status: String,
    /// Why it did not match (`pronto_domain::payment::Unmatched`'s word).
    pub reason: Option<String>,
    pub invoice_id: Option<i64>,
    pub invoice_number: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<Timestamp>,
    pub imported_at: Timestamp,
}

/// A statement to import, read by `pronto_domain::payment::{read_csv, read_gpc}`.
#[derive(Debug, Clone)]
pub struct NewStatement {
    /// `csv` or `gpc`.
    pub format: String,
    pub file_name: Option<String>,
    pub statement: Statement,
    /// The customer's message per invoice the statement may pay in full (by invoice id), written
    /// by the caller in each customer's language; an invoice without one tells nobody.
    pub messages: HashMap<i64, InvoiceMessage>,
    pub actor: Option<i64>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub statement_id: i64,
    pub lines: Vec<StatementLineRecord>,
    pub matched: i64,
    pub unmatched: i64,
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(FieldErrors::single(field, message))
}

fn decimal(text: &str) -> R<Decimal> {
    Decimal::from_str(text.trim()).map_err(|e| StoreError::Internal(format!("`{text}` is not a stored amount: {e}")))
}

fn currency(code: &str) -> R<Currency> {
    Currency::parse(code).map_err(|e| StoreError::Internal(format!("the invoice's currency: {}", e.0)))
}

/// Record a payment on an invoice.
pub(crate) struct RecordPayment(pub NewPayment);

#[async_trait]
impl Command for RecordPayment {
    type Output = PaymentOutcome;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PaymentOutcome> {
        let p = &self.0;
        let amount = Payable::Text(p.amount.clone());
        pay(c, pending, p.invoice_id, amount, p.paid_on, p.reference.clone(), &p.source, None, Some(&p.message), p.actor, now).await
    }
}

/// An amount as typed (checked against the currency's minor units) or as a statement said.
enum Payable {
    Text(String),
    Exact(Decimal),
}

/// The one way a payment is written (by hand, the API, an import, a reviewed line).
#[allow(clippy::too_many_arguments)]
async fn pay(
    c: &mut dyn Conn,
    pending: &mut Pending,
    invoice_id: i64,
    amount: Payable,
    paid_on: Date,
    reference: Option<String>,
    source: &str,
    statement_line: Option<i64>,
    message: Option<&InvoiceMessage>,
    actor: Option<i64>,
    now: Timestamp,
) -> R<PaymentOutcome> {
    // The lock first: a concurrent payment on this invoice waits here until this one commits,
    // and then reads the `paid` it left.
    let inv = c
        .row(
            "UPDATE invoices SET paid = paid WHERE id = $1
             RETURNING lead_id, status, number, customer, customer_type, currency, gross, paid",
            params![invoice_id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let lead_id = inv.i64("lead_id")?;
    let number = inv.str("number")?;
    if inv.str("status")? == "cancelled" {
        return Err(StoreError::Conflict(format!("invoice {number} is cancelled: no payment can be recorded on it")));
    }
    let cur = currency(&inv.str("currency")?)?;
    let gross = decimal(&inv.str("gross")?)?;
    let paid = decimal(&inv.str("paid")?)?;
    let amount = match amount {
        Payable::Text(t) => payment::parse_amount(&t, cur).map_err(|r| invalid("amount", r.message(cur)))?,
        Payable::Exact(d) => d,
    };
    let applied = payment::apply(amount, gross, paid, cur).map_err(|r| invalid("amount", r.message(cur)))?;
    let t = micros(now);
    c.exec("UPDATE invoices SET paid = $1 WHERE id = $2", params![format_amount(applied.paid, cur), invoice_id]).await?;
    let reference = reference.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    let payment_id = c
        .insert_id(
            "INSERT INTO payments (invoice_id, lead_id, amount, currency, paid_on, reference, source, statement_line_id, recorded_by,
                recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            params![
                invoice_id,
                lead_id,
                format_amount(applied.amount, cur),
                cur.code().to_owned(),
                paid_on.to_string(),
                reference.clone(),
                source.to_owned(),
                statement_line,
                actor,
                t
            ],
        )
        .await?;
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, lead_id]).await?;

    let (state, mut ctx) = process::lead_state(c, pending, lead_id).await?;
    ctx.actor = actor;
    process::push_event(
        pending,
        &ctx,
        DomainEvent::PaymentRecorded {
            invoice_id,
            payment_id,
            number: number.clone(),
            amount: format_amount(applied.amount, cur),
            currency: cur.code().to_owned(),
            paid: format_amount(applied.paid, cur),
            left: format_amount(applied.left, cur),
            source: source.to_owned(),
        },
        now,
    );
    if applied.in_full {
        // ONE message to the customer: e-mail to the invoice's address (the requisites when it
        // was issued), else the contact's; else an SMS.
        let cust: Value = serde_json::from_str(&inv.str("customer")?).unwrap_or_default();
        let contact = c.row("SELECT email, phone FROM contacts WHERE id = $1", params![ctx.contact_id]).await?;
        let contact_email = contact.as_ref().map(|r| r.opt_str("email")).transpose()?.flatten();
        let contact_phone = contact.as_ref().map(|r| r.opt_str("phone")).transpose()?.flatten();
        let email = cust["email"].as_str().map(str::to_owned).or(contact_email);
        let phone = cust["phone"].as_str().map(str::to_owned).or(contact_phone);
        let fill = |s: &str| s.replace("{number}", &number);
        let to = match (message, email, phone) {
            (Some(m), Some(e), _) => Some(("email", e, Some(fill(&m.subject)), fill(&m.text))),
            (Some(m), None, Some(p)) => Some(("sms", p, None, fill(&m.sms))),
            _ => None,
        };
        if let Some((channel, address, subject, text)) = &to {
            pending.outbox.push(OutboxRow {
                created_at: now,
                lead_id: Some(lead_id),
                channel: (*channel).to_owned(),
                recipient_user: None,
                recipient_role: None,
                recipient_address: Some(address.clone()),
                kind: "invoice_paid".into(),
                idempotency_key: format!("invoice/{invoice_id}/paid"),
                payload: json!({ "lead_id": lead_id, "invoice_id": invoice_id, "template": "invoice_paid", "text": text, "subject": subject, "urgent": false }),
                next_attempt_at: now,
            });
        }
        process::push_event(
            pending,
            &ctx,
            DomainEvent::InvoicePaid {
                invoice_id,
                number: number.clone(),
                gross: format_amount(gross, cur),
                currency: cur.code().to_owned(),
                to: to.as_ref().map(|(_, a, _, _)| a.clone()),
            },
            now,
        );
        let contract = inv.str("customer_type")? == "b2b";
        let trigger =
            Trigger::Invoice { kind: TriggerKind::InvoicePaid, invoice_id, number: number.clone(), contract, due_at: None, by: actor };
        process::run(c, pending, &state, &ctx, trigger, &format!("p{payment_id}"), now).await?;
    }
    let payment = c
        .row(&format!("{PAYMENT_SELECT} WHERE id = $1"), params![payment_id])
        .await?
        .ok_or_else(|| StoreError::Internal("the payment just written is missing".into()))?;
    Ok(PaymentOutcome { payment: payment_of(&payment)?, invoice: invoice(c, invoice_id).await?, in_full: applied.in_full })
}

const PAYMENT_SELECT: &str = "SELECT id, invoice_id, lead_id, amount, currency, paid_on, reference, source, statement_line_id,
    recorded_by, recorded_at FROM payments";

fn payment_of(r: &Row) -> R<PaymentRecord> {
    Ok(PaymentRecord {
        id: r.i64("id")?,
        invoice_id: r.i64("invoice_id")?,
        lead_id: r.i64("lead_id")?,
        amount: r.str("amount")?,
        currency: r.str("currency")?,
        paid_on: r.str("paid_on")?,
        reference: r.opt_str("reference")?,
        source: r.str("source")?,
        statement_line_id: r.opt_i64("statement_line_id")?,
        recorded_by: r.opt_i64("recorded_by")?,
        recorded_at: from_micros(r.i64("recorded_at")?),
    })
}

/// The payments of an invoice, oldest first; `NotFound` for no such invoice.
pub(crate) async fn invoice_payments(c: &mut dyn Conn, invoice_id: i64) -> R<Vec<PaymentRecord>> {
    if c.row("SELECT id FROM invoices WHERE id = $1", params![invoice_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let rows = c.rows(&format!("{PAYMENT_SELECT} WHERE invoice_id = $1 ORDER BY id"), params![invoice_id]).await?;
    rows.iter().map(payment_of).collect()
}

/// The invoices a statement's references may name: by variable symbol (digits, no leading
/// zeros) or number.
pub(crate) async fn invoices_by_reference(c: &mut dyn Conn, references: &[String]) -> R<Vec<InvoiceRecord>> {
    let mut out: Vec<InvoiceRecord> = Vec::new();
    for r in references {
        let raw = r.trim();
        let vs = payment::normalize_reference(raw);
        if vs.is_empty() {
            continue;
        }
        let rows =
            c.rows("SELECT id FROM invoices WHERE variable_symbol = $1 OR number = $2 ORDER BY id", params![vs, raw.to_owned()]).await?;
        for row in rows {
            let id = row.i64("id")?;
            if !out.iter().any(|i| i.id == id) {
                out.push(invoice(c, id).await?);
            }
        }
    }
    Ok(out)
}

async fn open_invoices(c: &mut dyn Conn, reference: &str) -> R<Vec<OpenInvoice>> {
    let raw = reference.trim();
    let vs = payment::normalize_reference(raw);
    if vs.is_empty() {
        return Ok(vec![]);
    }
    let rows = c
        .rows(
            "SELECT id, number, variable_symbol, currency, gross, paid, status FROM invoices WHERE variable_symbol = $1 OR number = $2
             ORDER BY id",
            params![vs, raw.to_owned()],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenInvoice {
                id: r.i64("id")?,
                number: r.str("number")?,
                variable_symbol: r.str("variable_symbol")?,
                currency: currency(&r.str("currency")?)?,
                gross: decimal(&r.str("gross")?)?,
                paid: decimal(&r.str("paid")?)?,
                cancelled: r.str("status")? == "cancelled",
            })
        })
        .collect()
}

/// Import a bank statement.
pub(crate) struct ImportStatement(pub NewStatement);

#[async_trait]
impl Command for ImportStatement {
    type Output = ImportOutcome;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<ImportOutcome> {
        import(c, pending, &self.0, now).await
    }
}

async fn import(c: &mut dyn Conn, pending: &mut Pending, s: &NewStatement, now: Timestamp) -> R<ImportOutcome> {
    if !payment::FORMATS.contains(&s.format.as_str()) {
        return Err(invalid("format", format!("`{}` is not one of csv, gpc", s.format)));
    }
    if s.statement.lines.is_empty() {
        return Err(invalid("file", "the statement has no payment lines"));
    }
    let t = micros(now);
    let statement_id = c
        .insert_id(
            "INSERT INTO bank_statements (format, file_name, account, lines, matched, imported_by, imported_at)
             VALUES ($1, $2, $3, $4, 0, $5, $6)",
            params![s.format.clone(), s.file_name.clone(), s.statement.account.clone(), s.statement.lines.len() as i64, s.actor, t],
        )
        .await?;
    let (mut matched, mut unmatched) = (0i64, 0i64);
    for line in &s.statement.lines {
        let line_id = c
            .insert_id(
                "INSERT INTO statement_lines (statement_id, line, booked_on, amount, currency, reference, counterparty, message, status)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'unmatched')",
                params![
                    statement_id,
                    i64::from(line.line),
                    line.date.to_string(),
                    line.amount.to_string(),
                    line.currency.clone(),
                    line.reference.clone(),
                    line.counterparty.clone(),
                    line.message.clone()
                ],
            )
            .await?;
        let candidates = open_invoices(c, &line.reference).await?;
        let decided = match payment::match_line(line, &candidates) {
            Ok((inv, applied)) => {
                let id = inv.id;
                let reference = Some(line.reference.clone());
                match pay(
                    c,
                    pending,
                    id,
                    Payable::Exact(applied.amount),
                    line.date,
                    reference,
                    "import",
                    Some(line_id),
                    s.messages.get(&id),
                    s.actor,
                    now,
                )
                .await
                {
                    Ok(_) => Ok(id),
                    // Paid meanwhile by someone else: the line waits for review.
                    Err(StoreError::Invalid(_)) => Err(payment::Unmatched::Overpayment),
                    Err(e) => return Err(e),
                }
            }
            Err(why) => Err(why),
        };
        match decided {
            Ok(invoice_id) => {
                matched += 1;
                c.exec("UPDATE statement_lines SET status = 'matched', invoice_id = $1 WHERE id = $2", params![invoice_id, line_id])
                    .await?;
            }
            Err(why) => {
                unmatched += 1;
                let invoice_id = candidates.first().map(|i| i.id);
                c.exec(
                    "UPDATE statement_lines SET reason = $1, invoice_id = $2 WHERE id = $3",
                    params![why.as_str().to_owned(), invoice_id, line_id],
                )
                .await?;
            }
        }
    }
    c.exec("UPDATE bank_statements SET matched = $1 WHERE id = $2", params![matched, statement_id]).await?;
    pending.record(
        DomainEvent::StatementImported {
            statement_id,
            format: s.format.clone(),
            lines: s.statement.lines.len() as i64,
            matched,
            unmatched,
        },
        None,
        None,
        s.actor,
        now,
    );
    let lines = c.rows(&format!("{LINE_SELECT} WHERE l.statement_id = $1 ORDER BY l.line, l.id"), params![statement_id]).await?;
    Ok(ImportOutcome { statement_id, lines: lines.iter().map(line_of).collect::<R<_>>()?, matched, unmatched })
}

const LINE_SELECT: &str = "SELECT l.id, l.statement_id, l.line, l.booked_on, l.amount, l.currency, l.reference, l.counterparty,
    l.message, l.status, l.reason, l.invoice_id, i.number AS invoice_number, l.decided_by, l.decided_at, s.imported_at
    FROM statement_lines l JOIN bank_statements s ON s.id = l.statement_id LEFT JOIN invoices i ON i.id = l.invoice_id";

fn line_of(r: &Row) -> R<StatementLineRecord> {
    Ok(StatementLineRecord {
        id: r.i64("id")?,
        statement_id: r.i64("statement_id")?,
        line: r.i64("line")?,
        booked_on: r.str("booked_on")?,
        amount: r.str("amount")?,
        currency: r.opt_str("currency")?,
        reference: r.str("reference")?,
        counterparty: r.str("counterparty")?,
        message: r.str("message")?,
        status: r.str("status")?,
        reason: r.opt_str("reason")?,
        invoice_id: r.opt_i64("invoice_id")?,
        invoice_number: r.opt_str("invoice_number")?,
        decided_by: r.opt_i64("decided_by")?,
        decided_at: r.opt_i64("decided_at")?.map(from_micros),
        imported_at: from_micros(r.i64("imported_at")?),
    })
}

/// Statement lines, newest first: those with `status` (the review list is `unmatched`), or all.
pub(crate) async fn statement_lines(c: &mut dyn Conn, status: Option<String>, limit: i64) -> R<Vec<StatementLineRecord>> {
    let rows = match status {
        Some(s) => c.rows(&format!("{LINE_SELECT} WHERE l.status = $1 ORDER BY l.id DESC LIMIT $2"), params![s, limit]).await?,
        None => c.rows(&format!("{LINE_SELECT} ORDER BY l.id DESC LIMIT $1"), params![limit]).await?,
    };
    rows.iter().map(line_of).collect()
}

pub(crate) async fn statement_line(c: &mut dyn Conn, id: i64) -> R<StatementLineRecord> {
    let row = c.row(&format!("{LINE_SELECT} WHERE l.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    line_of(&row)
}

/// A line in review, decided: assigned to an invoice (recorded as its payment) or dismissed.
pub(crate) struct ReviewLine {
    pub line_id: i64,
    /// `Some`: assign to this invoice; `None`: dismiss.
    pub invoice_id: Option<i64>,
    pub message: Option<InvoiceMessage>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for ReviewLine {
    type Output = (StatementLineRecord, Option<PaymentOutcome>);
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Self::Output> {
        let line = statement_line(c, self.line_id).await?;
        if line.status != "unmatched" {
            return Err(StoreError::Conflict(format!("the line is {} already: only a line in review is decided", line.status)));
        }
        let t = micros(now);
        let outcome = match self.invoice_id {
            Some(invoice_id) => {
                let amount = decimal(&line.amount)?;
                if amount <= Decimal::ZERO {
                    return Err(invalid("line", "money sent is not a payment of an invoice: dismiss it"));
                }
                let date: Date = line.booked_on.parse().map_err(|e| StoreError::Internal(format!("the line's date: {e}")))?;
                let out = pay(
                    c,
                    pending,
                    invoice_id,
                    Payable::Text(line.amount.clone()),
                    date,
                    Some(line.reference.clone()).filter(|r| !r.is_empty()),
                    "import",
                    Some(line.id),
                    self.message.as_ref(),
                    self.actor,
                    now,
                )
                .await
                .map_err(|e| match e {
                    StoreError::NotFound => invalid("invoice_id", format!("{invoice_id} is not an invoice")),
                    other => other,
                })?;
                c.exec(
                    "UPDATE statement_lines SET status = 'assigned', invoice_id = $1, decided_by = $2, decided_at = $3 WHERE id = $4",
                    params![invoice_id, self.actor, t, line.id],
                )
                .await?;
                Some(out)
            }
            None => {
                c.exec(
                    "UPDATE statement_lines SET status = 'dismissed', decided_by = $1, decided_at = $2 WHERE id = $3",
                    params![self.actor, t, line.id],
                )
                .await?;
                None
            }
        };
        pending.record(
            DomainEvent::StatementLineReviewed {
                line_id: line.id,
                decision: if self.invoice_id.is_some() { "assigned".into() } else { "dismissed".into() },
                invoice_id: self.invoice_id,
            },
            outcome.as_ref().map(|o| o.invoice.lead_id),
            None,
            self.actor,
            now,
        );
        Ok((statement_line(c, line.id).await?, outcome))
    }
}

/// A fired timer that an invoice's rule set (its payload names the invoice): the playbook sees
/// it only while the invoice is unpaid and not cancelled; then the lead's timeline says the
/// invoice is overdue. Timers of no invoice always go on.
pub(crate) async fn invoice_timer_due(c: &mut dyn Conn, pending: &mut Pending, lead_id: i64, payload: &Value, now: Timestamp) -> R<bool> {
    let Some(invoice_id) = payload["invoice_id"].as_i64() else {
        return Ok(true);
    };
    let Some(inv) = c.row("SELECT number, status, currency, gross, paid FROM invoices WHERE id = $1", params![invoice_id]).await? else {
        return Ok(false);
    };
    let cur = currency(&inv.str("currency")?)?;
    let left = payment::left_to_pay(decimal(&inv.str("gross")?)?, decimal(&inv.str("paid")?)?, cur);
    if inv.str("status")? == "cancelled" || left <= Decimal::ZERO {
        return Ok(false);
    }
    let step = payload["timer"].as_str().unwrap_or("reminder");
    let step = step.strip_prefix("invoice_").unwrap_or(step).to_owned();
    pending.record(
        DomainEvent::InvoiceOverdue { invoice_id, number: inv.str("number")?, step, left: format_amount(left, cur) },
        Some(lead_id),
        None,
        None,
        now,
    );
    Ok(true)
}
