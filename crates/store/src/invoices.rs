//! Invoices (issue 21, item 2): an invoice issued for a lead's accepted offer, in one
//! transaction — its number from the series' counter (`invoice_series`: one row per series and
//! year, bumped with `UPDATE … RETURNING`, so the row lock on PostgreSQL and the single writer on
//! SQLite keep numbers free of gaps and duplicates), the lines copied from the offer, the
//! customer as the requisites say, the `invoice.issued` event, the playbook's `invoice.issued`
//! trigger, and ONE message to the customer with the link to their page. Reads: one invoice, a
//! lead's invoices.

use crate::engine::{Conn, Row};
use crate::process;
use crate::tx::{Command, OutboxRow, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_domain::FieldErrors;
use pronto_domain::event::DomainEvent;
use pronto_domain::invoice::{self, NumberPattern};
use pronto_playbook::Trigger;
use pronto_playbook::model::TriggerKind;
use serde_json::json;

type R<T> = crate::Result<T>;

/// The customer as the requisites said when the invoice was issued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceCustomer {
    /// The private person's full name, or the legal entity's contact person.
    pub name: Option<String>,
    pub company: Option<String>,
    pub company_id: Option<String>,
    pub vat_id: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One line of an invoice: money as decimal text, copied from the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLineRecord {
    pub position: i64,
    pub sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
}

/// One VAT rate's part of an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceVatRecord {
    pub rate: String,
    pub base: String,
    pub vat: String,
}

/// An invoice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    pub id: i64,
    pub lead_id: i64,
    pub offer_id: i64,
    pub year: i64,
    /// The counter in the series and year: 1, 2, … without gaps.
    pub seq: i64,
    pub number: String,
    pub variable_symbol: String,
    /// As stored: `issued` or `cancelled` (see `pronto_domain::invoice::status` for the rest).
    pub status: String,
    /// `b2c` or `b2b`: a contract goes with a legal entity's invoice.
    pub customer_type: String,
    pub customer: InvoiceCustomer,
    pub currency: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub paid: String,
    pub vat_summary: Vec<InvoiceVatRecord>,
    /// The day it was issued and the day it is due, in the office's zone (`2026-12-03`).
    pub issue_date: String,
    pub due_date: String,
    pub issued_at: Timestamp,
    /// The end of the due day in the office's zone: from then on, unpaid is overdue.
    pub due_at: Timestamp,
    pub terms_days: i64,
    pub delivery_date: Option<String>,
    pub created_by: Option<i64>,
    pub cancelled_at: Option<Timestamp>,
    pub lines: Vec<InvoiceLineRecord>,
}

impl InvoiceRecord {
    /// A contract goes with the invoice of a legal entity only.
    pub fn has_contract(&self) -> bool {
        self.customer_type == "b2b"
    }
}

/// What tells the customer: written by the caller in the customer's language, with the link to
/// their page; `{number}` and `{vs}` in each text become the invoice's number and variable symbol. The store sends the e-mail
/// to the requisites' address (else the contact's), else the SMS to a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceMessage {
    pub subject: String,
    pub text: String,
    pub sms: String,
}

/// Issue an invoice for the accepted offer `offer_id` of lead `lead_id`.
pub(crate) struct IssueInvoice {
    pub lead_id: i64,
    pub offer_id: i64,
    /// The office's zone: the issue and due days are its days.
    pub zone: TimeZone,
    pub message: InvoiceMessage,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for IssueInvoice {
    type Output = InvoiceRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<InvoiceRecord> {
        issue(c, pending, self, now).await
    }
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(FieldErrors::single(field, message))
}

async fn issue(c: &mut dyn Conn, pending: &mut Pending, cmd: &IssueInvoice, now: Timestamp) -> R<InvoiceRecord> {
    let lead = c.row("SELECT contact_id FROM leads WHERE id = $1", params![cmd.lead_id]).await?.ok_or(StoreError::NotFound)?;
    let contact_id = lead.i64("contact_id")?;
    let offer = c
        .row(
            "SELECT id, lead_id, status, currency, net, vat, gross, vat_summary, delivery_date FROM offers WHERE id = $1",
            params![cmd.offer_id],
        )
        .await?
        .filter(|o| o.i64("lead_id").ok() == Some(cmd.lead_id))
        .ok_or_else(|| invalid("offer_id", format!("{} is not an offer of this lead", cmd.offer_id)))?;
    let status = offer.str("status")?;
    if status != "accepted" {
        return Err(StoreError::Conflict(format!("the offer is {status}: only an offer the customer accepted is invoiced")));
    }
    if let Some(r) = c.row("SELECT number FROM invoices WHERE offer_id = $1 AND status <> 'cancelled'", params![cmd.offer_id]).await? {
        return Err(StoreError::Conflict(format!("the offer is already invoiced: invoice {}", r.str("number")?)));
    }
    // The supplier's purchase (issue 21): the customer's invoice waits for every supplier's
    // invoice not attached yet, unless a manager overrode it. No purchase at all: no gate.
    let waiting = crate::purchases::waiting_for(c, cmd.lead_id).await?;
    if !waiting.is_empty() {
        return Err(StoreError::Conflict(format!(
            "supplier_invoice: the supplier's invoice from {} is not attached yet: attach it to the purchase first, or a manager overrides",
            waiting.join(", ")
        )));
    }
    let Some(req) = c
        .row(
            "SELECT customer_type, full_name, phone, email, address, company, company_id, vat_id, contact_person FROM requisites
             WHERE lead_id = $1",
            params![cmd.lead_id],
        )
        .await?
    else {
        return Err(invalid("requisites", "the customer's requisites are missing: enter the personal data or the company details first"));
    };
    let customer_type = req.str("customer_type")?;
    let b2b = customer_type == "b2b";
    let customer = InvoiceCustomer {
        name: if b2b { req.opt_str("contact_person")? } else { req.opt_str("full_name")? },
        company: if b2b { req.opt_str("company")? } else { None },
        company_id: if b2b { req.opt_str("company_id")? } else { None },
        vat_id: if b2b { req.opt_str("vat_id")? } else { None },
        address: req.opt_str("address")?,
        email: req.opt_str("email")?,
        phone: req.opt_str("phone")?,
    };

    // The company's terms and pattern, as they are now.
    let profile = c.row("SELECT payment_terms_days, invoice_pattern FROM company_profile WHERE id = 1", params![]).await?;
    let terms = profile
        .as_ref()
        .map(|p| p.i64("payment_terms_days"))
        .transpose()?
        .map(|d| d.clamp(0, i64::from(invoice::TERMS_MAX_DAYS)) as u32)
        .unwrap_or(invoice::DEFAULT_TERMS_DAYS);
    let pattern = profile
        .as_ref()
        .map(|p| p.str("invoice_pattern"))
        .transpose()?
        .and_then(|p| NumberPattern::parse(&p).ok())
        .unwrap_or_else(|| NumberPattern::parse(invoice::DEFAULT_PATTERN).expect("the default pattern is valid"));
    let issue_date = now.to_zoned(cmd.zone.clone()).date();
    let due_date = invoice::due_date(issue_date, terms);
    let due_at = due_date.tomorrow().ok().and_then(|d| d.to_zoned(cmd.zone.clone()).ok()).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX);
    let year = issue_date.year();

    // The next number of the series in this year: the row is created once, then bumped; the
    // bump holds the row until the commit (PostgreSQL), and SQLite has one writer.
    c.exec(
        "INSERT INTO invoice_series (series, year, last_number) VALUES ($1, $2, 0) ON CONFLICT (series, year) DO NOTHING",
        params![invoice::SERIES, i64::from(year)],
    )
    .await?;
    let seq = c
        .row(
            "UPDATE invoice_series SET last_number = last_number + 1 WHERE series = $1 AND year = $2 RETURNING last_number",
            params![invoice::SERIES, i64::from(year)],
        )
        .await?
        .ok_or_else(|| StoreError::Internal("the invoice series has no row".into()))?
        .i64("last_number")?;
    let number = pattern.format(year, seq as u64);
    if c.row("SELECT id FROM invoices WHERE number = $1", params![number.clone()]).await?.is_some() {
        return Err(StoreError::Conflict(format!(
            "the number {number} is taken by an earlier invoice: change the number pattern in the company's settings"
        )));
    }
    let vs = invoice::variable_symbol(&number);
    let customer_json = json!({
        "name": customer.name, "company": customer.company, "company_id": customer.company_id, "vat_id": customer.vat_id,
        "address": customer.address, "email": customer.email, "phone": customer.phone,
    });
    let t = micros(now);
    let currency = offer.str("currency")?;
    let gross = offer.str("gross")?;
    let zero = pronto_domain::money::Currency::parse(&currency)
        .map(|cur| pronto_domain::money::format_amount(pronto_domain::money::Decimal::ZERO, cur))
        .unwrap_or_else(|_| "0".into());
    let id = c
        .insert_id(
            "INSERT INTO invoices (lead_id, offer_id, series, year, seq, number, variable_symbol, status, customer_type, customer,
                currency, net, vat, gross, paid, vat_summary, issue_date, due_date, issued_at, due_at, terms_days, delivery_date,
                created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'issued', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
            params![
                cmd.lead_id,
                cmd.offer_id,
                invoice::SERIES,
                i64::from(year),
                seq,
                number.clone(),
                vs.clone(),
                customer_type.clone(),
                customer_json.to_string(),
                currency.clone(),
                offer.str("net")?,
                offer.str("vat")?,
                gross.clone(),
                zero,
                offer.str("vat_summary")?,
                issue_date.to_string(),
                due_date.to_string(),
                t,
                micros(due_at),
                i64::from(terms),
                offer.opt_str("delivery_date")?,
                cmd.actor
            ],
        )
        .await?;
    c.exec(
        "INSERT INTO invoice_lines (invoice_id, position, sku, name, unit, quantity, unit_price, discount, vat_rate, net, vat, gross)
         SELECT $1, position, sku, name, unit, quantity, unit_price, discount, vat_rate, net, vat, gross FROM offer_items
         WHERE offer_id = $2 ORDER BY position",
        params![id, cmd.offer_id],
    )
    .await?;
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, cmd.lead_id]).await?;

    // One message to the customer: e-mail to the requisites' address, else the contact's; else
    // an SMS.
    let contact = c.row("SELECT email, phone FROM contacts WHERE id = $1", params![contact_id]).await?;
    let contact_email = contact.as_ref().map(|r| r.opt_str("email")).transpose()?.flatten();
    let contact_phone = contact.as_ref().map(|r| r.opt_str("phone")).transpose()?.flatten();
    let fill = |s: &str| s.replace("{number}", &number).replace("{vs}", &vs);
    let to = match (customer.email.clone().or(contact_email), customer.phone.clone().or(contact_phone)) {
        (Some(e), _) => Some(("email", e, Some(fill(&cmd.message.subject)), fill(&cmd.message.text))),
        (None, Some(p)) => Some(("sms", p, None, fill(&cmd.message.sms))),
        (None, None) => None,
    };
    if let Some((channel, address, subject, text)) = &to {
        pending.outbox.push(OutboxRow {
            created_at: now,
            lead_id: Some(cmd.lead_id),
            channel: (*channel).to_owned(),
            recipient_user: None,
            recipient_role: None,
            recipient_address: Some(address.clone()),
            kind: "invoice_issued".into(),
            idempotency_key: format!("invoice/{id}/issued"),
            payload: json!({ "lead_id": cmd.lead_id, "invoice_id": id, "template": "invoice_issued", "text": text, "subject": subject, "urgent": false }),
            next_attempt_at: now,
        });
    }

    let (state, mut ctx) = process::lead_state(c, pending, cmd.lead_id).await?;
    ctx.actor = cmd.actor;
    let e = DomainEvent::InvoiceIssued {
        invoice_id: id,
        offer_id: cmd.offer_id,
        number: number.clone(),
        gross,
        currency,
        due_date: due_date.to_string(),
        contract: b2b,
        to: to.as_ref().map(|(_, a, _, _)| a.clone()),
    };
    process::push_event(pending, &ctx, e, now);
    let trigger =
        Trigger::Invoice { kind: TriggerKind::InvoiceIssued, invoice_id: id, number, contract: b2b, due_at: Some(due_at), by: cmd.actor };
    process::run(c, pending, &state, &ctx, trigger, &format!("i{id}"), now).await?;
    invoice(c, id).await
}

const INVOICE_SELECT: &str = "SELECT id, lead_id, offer_id, year, seq, number, variable_symbol, status, customer_type, customer,
    currency, net, vat, gross, paid, vat_summary, issue_date, due_date, issued_at, due_at, terms_days, delivery_date, created_by,
    cancelled_at FROM invoices";

const LINE_SELECT: &str =
    "SELECT invoice_id, position, sku, name, unit, quantity, unit_price, discount, vat_rate, net, vat, gross FROM invoice_lines";

fn invoice_of(r: &Row, lines: Vec<InvoiceLineRecord>) -> R<InvoiceRecord> {
    let summary: serde_json::Value = serde_json::from_str(&r.str("vat_summary")?).unwrap_or_default();
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_owned();
    let vat_summary = summary
        .as_array()
        .map(|a| a.iter().map(|v| InvoiceVatRecord { rate: s(v, "rate"), base: s(v, "base"), vat: s(v, "vat") }).collect())
        .unwrap_or_default();
    let cust: serde_json::Value = serde_json::from_str(&r.str("customer")?).unwrap_or_default();
    let o = |k: &str| cust[k].as_str().map(str::to_owned);
    Ok(InvoiceRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        offer_id: r.i64("offer_id")?,
        year: r.i64("year")?,
        seq: r.i64("seq")?,
        number: r.str("number")?,
        variable_symbol: r.str("variable_symbol")?,
        status: r.str("status")?,
        customer_type: r.str("customer_type")?,
        customer: InvoiceCustomer {
            name: o("name"),
            company: o("company"),
            company_id: o("company_id"),
            vat_id: o("vat_id"),
            address: o("address"),
            email: o("email"),
            phone: o("phone"),
        },
        currency: r.str("currency")?,
        net: r.str("net")?,
        vat: r.str("vat")?,
        gross: r.str("gross")?,
        paid: r.str("paid")?,
        vat_summary,
        issue_date: r.str("issue_date")?,
        due_date: r.str("due_date")?,
        issued_at: from_micros(r.i64("issued_at")?),
        due_at: from_micros(r.i64("due_at")?),
        terms_days: r.i64("terms_days")?,
        delivery_date: r.opt_str("delivery_date")?,
        created_by: r.opt_i64("created_by")?,
        cancelled_at: r.opt_i64("cancelled_at")?.map(from_micros),
        lines,
    })
}

fn line_of(r: &Row) -> R<InvoiceLineRecord> {
    Ok(InvoiceLineRecord {
        position: r.i64("position")?,
        sku: r.opt_str("sku")?,
        name: r.str("name")?,
        unit: r.opt_str("unit")?,
        quantity: r.str("quantity")?,
        unit_price: r.str("unit_price")?,
        discount: r.str("discount")?,
        vat_rate: r.str("vat_rate")?,
        net: r.str("net")?,
        vat: r.str("vat")?,
        gross: r.str("gross")?,
    })
}

/// One invoice with its lines.
pub(crate) async fn invoice(c: &mut dyn Conn, id: i64) -> R<InvoiceRecord> {
    let row = c.row(&format!("{INVOICE_SELECT} WHERE id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    let lines = c.rows(&format!("{LINE_SELECT} WHERE invoice_id = $1 ORDER BY position"), params![id]).await?;
    invoice_of(&row, lines.iter().map(line_of).collect::<R<_>>()?)
}

/// The invoices of a lead, oldest first, each with its lines; `NotFound` for no such lead.
pub(crate) async fn invoices_of_lead(c: &mut dyn Conn, lead_id: i64) -> R<Vec<InvoiceRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let rows = c.rows(&format!("{INVOICE_SELECT} WHERE lead_id = $1 ORDER BY id"), params![lead_id]).await?;
    let lines = c
        .rows(
            &format!("{LINE_SELECT} WHERE invoice_id IN (SELECT id FROM invoices WHERE lead_id = $1) ORDER BY invoice_id, position"),
            params![lead_id],
        )
        .await?;
    let mut by: std::collections::HashMap<i64, Vec<InvoiceLineRecord>> = std::collections::HashMap::new();
    for r in &lines {
        by.entry(r.i64("invoice_id")?).or_default().push(line_of(r)?);
    }
    rows.iter().map(|r| invoice_of(r, by.remove(&r.i64("id")?).unwrap_or_default())).collect()
}
