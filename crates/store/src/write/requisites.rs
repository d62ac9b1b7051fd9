//! The customer's requisites (issue 21): saving them is one transaction — the row (the passport
//! data sealed with the installation's key), the `requisites.received` event on the lead's
//! timeline, the customer's confirmation in the outbox and the playbook's
//! `requisites.received` trigger. Reading them never opens the passport data; revealing it is
//! a command of its own that writes the audit row in the same transaction.

use crate::engine::{Conn, Row};
use crate::process;
use crate::records::{AuditEntry, OfferMessage, RequisitesRecord};
use crate::tx::{Command, OutboxRow, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;
use pronto_domain::requisites::Requisites;
use pronto_playbook::Trigger;
use serde_json::json;

type R<T> = crate::Result<T>;

/// Saves (enters or replaces) a lead's requisites.
pub(crate) struct SaveRequisites {
    pub lead_id: i64,
    pub requisites: Requisites,
    /// `staff`, `api` or `customer`.
    pub source: &'static str,
    pub actor: Option<i64>,
    /// The confirmation to the customer (none when there is no address to send it to).
    pub message: Option<OfferMessage>,
}

#[async_trait]
impl Command for SaveRequisites {
    type Output = RequisitesRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<RequisitesRecord> {
        save(c, pending, self, now).await
    }
}

/// Opens the passport data of a lead's requisites, with its audit row (written first, in the
/// same transaction: a read that cannot be recorded does not happen).
pub(crate) struct RevealIdDocument {
    pub lead_id: i64,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for RevealIdDocument {
    type Output = Option<String>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Option<String>> {
        let row = c.row("SELECT id_document_sealed FROM requisites WHERE lead_id = $1", params![self.lead_id]).await?;
        let Some(sealed) = row.map(|r| r.opt_str("id_document_sealed")).transpose()?.flatten() else {
            return Ok(None);
        };
        crate::audit::append(c, &self.audit, now).await?;
        let keys = pending.playbooks.site_keys().ok_or_else(|| StoreError::Internal("the installation's keys are not loaded yet".into()))?;
        let plain = keys.open_setting(&sealed).map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok(Some(plain))
    }
}

async fn save(c: &mut dyn Conn, pending: &mut Pending, cmd: &SaveRequisites, now: Timestamp) -> R<RequisitesRecord> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![cmd.lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let keys = pending.playbooks.site_keys().ok_or_else(|| StoreError::Internal("the installation's keys are not loaded yet".into()))?;
    let r = &cmd.requisites;
    let t = micros(now);
    let s = |v: &str| Some(v.to_owned());
    let none = || None::<String>;
    let (full_name, phone, email, sealed, company, company_id, vat_id, contact_person, address) = match r {
        Requisites::Private(p) => (
            s(p.full_name.as_str()),
            s(p.phone.as_str()),
            s(p.email.as_str()),
            Some(keys.seal_setting(p.id_document.as_str())),
            none(),
            none(),
            none(),
            none(),
            p.address.as_str().to_owned(),
        ),
        Requisites::Legal(l) => (
            none(),
            none(),
            none(),
            none(),
            s(l.company.as_str()),
            s(l.company_id.as_str()),
            l.vat_id.as_ref().map(|v| v.as_str().to_owned()),
            s(l.contact_person.as_str()),
            l.address.as_str().to_owned(),
        ),
    };
    c.exec(
        "INSERT INTO requisites (lead_id, customer_type, full_name, phone, email, address, id_document_sealed, company, company_id,
            vat_id, contact_person, country, source, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (lead_id) DO UPDATE SET customer_type = excluded.customer_type, full_name = excluded.full_name,
            phone = excluded.phone, email = excluded.email, address = excluded.address,
            id_document_sealed = excluded.id_document_sealed, company = excluded.company, company_id = excluded.company_id,
            vat_id = excluded.vat_id, contact_person = excluded.contact_person, country = excluded.country,
            source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        params![
            cmd.lead_id,
            r.customer_type().as_str(),
            full_name,
            phone,
            email,
            address,
            sealed,
            company,
            company_id,
            vat_id,
            contact_person,
            r.country().map(str::to_owned),
            cmd.source,
            t,
            cmd.actor
        ],
    )
    .await?;
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, cmd.lead_id]).await?;
    if let Some(m) = &cmd.message {
        // The n-th save of this lead's requisites: one confirmation each, even within one
        // microsecond (a manual clock).
        let n = c
            .row("SELECT COUNT(*) AS n FROM events WHERE lead_id = $1 AND kind = 'requisites.received'", params![cmd.lead_id])
            .await?
            .map(|r| r.i64("n"))
            .transpose()?
            .unwrap_or(0);
        pending.outbox.push(OutboxRow {
            created_at: now,
            lead_id: Some(cmd.lead_id),
            channel: m.channel.clone(),
            recipient_user: None,
            recipient_role: None,
            recipient_address: Some(m.address.clone()),
            kind: "requisites_received".into(),
            idempotency_key: format!("requisites/{}/received/{n}/{t}", cmd.lead_id),
            payload: json!({ "lead_id": cmd.lead_id, "template": "requisites_received", "text": m.text, "subject": m.subject, "urgent": false }),
            next_attempt_at: now,
        });
    }
    let (state, mut ctx) = process::lead_state(c, pending, cmd.lead_id).await?;
    ctx.actor = cmd.actor;
    let kind = r.customer_type().as_str().to_owned();
    process::push_event(pending, &ctx, DomainEvent::RequisitesReceived { customer_type: kind.clone(), source: cmd.source.to_owned() }, now);
    let trigger = Trigger::RequisitesReceived { customer_type: kind, by: cmd.actor };
    process::run(c, pending, &state, &ctx, trigger, &format!("r{}s{t}", cmd.lead_id), now).await?;
    requisites(c, cmd.lead_id).await?.ok_or(StoreError::NotFound)
}

fn record_of(r: &Row) -> R<RequisitesRecord> {
    Ok(RequisitesRecord {
        lead_id: r.i64("lead_id")?,
        customer_type: r.str("customer_type")?,
        full_name: r.opt_str("full_name")?,
        phone: r.opt_str("phone")?,
        email: r.opt_str("email")?,
        address: r.str("address")?,
        has_id_document: r.opt_str("id_document_sealed")?.is_some(),
        company: r.opt_str("company")?,
        company_id: r.opt_str("company_id")?,
        vat_id: r.opt_str("vat_id")?,
        contact_person: r.opt_str("contact_person")?,
        country: r.opt_str("country")?,
        source: r.str("source")?,
        updated_at: from_micros(r.i64("updated_at")?),
        updated_by: r.opt_i64("updated_by")?,
    })
}

/// The lead's requisites without the passport data (`NotFound` for no such lead; `None` when
/// none were entered yet).
pub(crate) async fn requisites(c: &mut dyn Conn, lead_id: i64) -> R<Option<RequisitesRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let row = c
        .row(
            "SELECT lead_id, customer_type, full_name, phone, email, address, id_document_sealed, company, company_id, vat_id,
                contact_person, country, source, updated_at, updated_by FROM requisites WHERE lead_id = $1",
            params![lead_id],
        )
        .await?;
    row.as_ref().map(record_of).transpose()
}
