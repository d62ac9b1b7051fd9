//! Deliveries (issue 21, item 5): a lead's delivery planned on a day (the office's) to an
//! address, with an optional driver, in one transaction — the row, `delivery.planned`, and the
//! durable timer that makes the driver's pack (`delivery:pack`, at 18:00 office time the evening
//! before, or at once on the day: `pronto_domain::delivery::pack_at`). The timer's firing
//! ([`make_pack`], called by the timer worker's command) marks the pack ready with the lead's
//! invoice and records `delivery.pack_ready`. Delivered ([`MarkDelivered`]): the status, the
//! `delivery.done` event and the playbook's `delivery.done` trigger (the distributor's quality
//! call a week later). The documents are rendered on demand by the web, never stored.

use crate::engine::{Conn, Row};
use crate::process;
use crate::tx::{Command, Pending, TimerRow};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_domain::FieldErrors;
use pronto_domain::delivery::{NewDelivery, pack_at};
use pronto_domain::event::DomainEvent;
use pronto_playbook::Trigger;
use pronto_playbook::model::TriggerKind;
use serde_json::json;

type R<T> = crate::Result<T>;

/// The kind of the timer that makes a delivery's pack.
pub const PACK_TIMER: &str = "delivery:pack";

/// A delivery as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub id: i64,
    pub lead_id: i64,
    /// The office's day of the delivery (`2026-12-10`).
    pub date: String,
    pub address: String,
    pub driver: Option<String>,
    /// `planned`, `pack_ready` or `delivered`.
    pub status: String,
    /// The invoice in the pack (set when the pack is made).
    pub invoice_id: Option<i64>,
    pub pack_at: Timestamp,
    pub pack_ready_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub created_by: Option<i64>,
}

impl DeliveryRecord {
    /// The pack has been made (whatever happened since).
    pub fn pack_ready(&self) -> bool {
        self.pack_ready_at.is_some()
    }
    /// The documents of the pack, once made: the invoice and the VAT invoice when the lead has
    /// one, and the delivery note.
    pub fn documents(&self) -> Vec<&'static str> {
        match (self.pack_ready(), self.invoice_id) {
            (false, _) => vec![],
            (true, Some(_)) => vec!["invoice", "vat_invoice", "delivery_note"],
            (true, None) => vec!["delivery_note"],
        }
    }
}

/// A delivery on the driver's list: with the customer's name, company and phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryStop {
    pub delivery: DeliveryRecord,
    pub customer: String,
    pub company: Option<String>,
    pub phone: Option<String>,
}

/// Plan a delivery for lead `lead_id`.
pub(crate) struct PlanDelivery {
    pub lead_id: i64,
    pub delivery: NewDelivery,
    /// The office's zone: the pack is made at 18:00 there the evening before.
    pub zone: TimeZone,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for PlanDelivery {
    type Output = DeliveryRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<DeliveryRecord> {
        let lead = c.row("SELECT contact_id FROM leads WHERE id = $1", params![self.lead_id]).await?.ok_or(StoreError::NotFound)?;
        let contact_id = lead.i64("contact_id")?;
        let today = now.to_zoned(self.zone.clone()).date();
        let d = &self.delivery;
        if d.date < today {
            return Err(StoreError::Invalid(FieldErrors::single("date", format!("{} is in the past (today is {today})", d.date))));
        }
        let at = pack_at(d.date, now, &self.zone);
        let t = micros(now);
        let id = c
            .insert_id(
                "INSERT INTO deliveries (lead_id, date, address, driver, status, pack_at, created_at, created_by)
                 VALUES ($1, $2, $3, $4, 'planned', $5, $6, $7)",
                params![
                    self.lead_id,
                    d.date.to_string(),
                    d.address.as_str().to_owned(),
                    d.driver.as_ref().map(|l| l.as_str().to_owned()),
                    micros(at),
                    t,
                    self.actor
                ],
            )
            .await?;
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, self.lead_id]).await?;
        pending.record(
            DomainEvent::DeliveryPlanned {
                delivery_id: id,
                date: d.date.to_string(),
                driver: d.driver.as_ref().map(|l| l.as_str().to_owned()),
                pack_at: at,
            },
            Some(self.lead_id),
            Some(contact_id),
            self.actor,
            now,
        );
        if at <= now {
            make_pack(c, pending, id, now).await?;
        } else {
            pending.timers.push(TimerRow::new(Some(self.lead_id), PACK_TIMER.into(), at, &json!({ "delivery_id": id }), now));
        }
        delivery(c, id).await
    }
}

/// Makes the pack of delivery `id` (its timer fired, or it is due at once): the lead's latest
/// invoice not cancelled goes in, the status is `pack_ready`, `delivery.pack_ready` is recorded.
/// A delivery already delivered, or whose pack is made, is left as it is.
pub(crate) async fn make_pack(c: &mut dyn Conn, pending: &mut Pending, id: i64, now: Timestamp) -> R<()> {
    let Some(row) = c
        .row(
            "SELECT d.lead_id, d.date, d.status, l.contact_id FROM deliveries d JOIN leads l ON l.id = d.lead_id WHERE d.id = $1",
            params![id],
        )
        .await?
    else {
        return Ok(());
    };
    if row.str("status")? != "planned" {
        return Ok(());
    }
    let lead_id = row.i64("lead_id")?;
    let invoice = c
        .row("SELECT id FROM invoices WHERE lead_id = $1 AND status <> 'cancelled' ORDER BY id DESC LIMIT 1", params![lead_id])
        .await?
        .map(|r| r.i64("id"))
        .transpose()?;
    c.exec(
        "UPDATE deliveries SET status = 'pack_ready', pack_ready_at = $1, invoice_id = $2 WHERE id = $3 AND status = 'planned'",
        params![micros(now), invoice, id],
    )
    .await?;
    let documents: Vec<String> =
        if invoice.is_some() { vec!["invoice".into(), "vat_invoice".into(), "delivery_note".into()] } else { vec!["delivery_note".into()] };
    pending.record(
        DomainEvent::DeliveryPackReady { delivery_id: id, date: row.str("date")?, documents },
        Some(lead_id),
        Some(row.i64("contact_id")?),
        None,
        now,
    );
    Ok(())
}

/// The goods of delivery `id` were delivered at `at` (not in the future).
pub(crate) struct MarkDelivered {
    pub id: i64,
    pub at: Option<Timestamp>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for MarkDelivered {
    type Output = DeliveryRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<DeliveryRecord> {
        let d = delivery(c, self.id).await?;
        if d.status == "delivered" {
            return Err(StoreError::Conflict(format!("the delivery was already marked delivered on {}", d.date)));
        }
        let at = self.at.unwrap_or(now);
        if at > now {
            return Err(StoreError::Invalid(FieldErrors::single("at", "is in the future")));
        }
        if at < d.created_at {
            return Err(StoreError::Invalid(FieldErrors::single("at", "is before the delivery was planned")));
        }
        c.exec("UPDATE deliveries SET status = 'delivered', delivered_at = $1 WHERE id = $2", params![micros(at), self.id]).await?;
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![micros(now), d.lead_id]).await?;
        let (state, mut ctx) = process::lead_state(c, pending, d.lead_id).await?;
        ctx.actor = self.actor;
        process::push_event(pending, &ctx, DomainEvent::DeliveryDone { delivery_id: self.id, at }, now);
        let trigger = Trigger::Delivery { kind: TriggerKind::DeliveryDone, delivery_id: self.id, by: self.actor };
        process::run(c, pending, &state, &ctx, trigger, &format!("d{}", self.id), now).await?;
        delivery(c, self.id).await
    }
}

const SELECT: &str = "SELECT d.id, d.lead_id, d.date, d.address, d.driver, d.status, d.invoice_id, d.pack_at, d.pack_ready_at,
    d.delivered_at, d.created_at, d.created_by FROM deliveries d";

fn record_of(r: &Row) -> R<DeliveryRecord> {
    Ok(DeliveryRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        date: r.str("date")?,
        address: r.str("address")?,
        driver: r.opt_str("driver")?,
        status: r.str("status")?,
        invoice_id: r.opt_i64("invoice_id")?,
        pack_at: from_micros(r.i64("pack_at")?),
        pack_ready_at: r.opt_i64("pack_ready_at")?.map(from_micros),
        delivered_at: r.opt_i64("delivered_at")?.map(from_micros),
        created_at: from_micros(r.i64("created_at")?),
        created_by: r.opt_i64("created_by")?,
    })
}

/// One delivery.
pub(crate) async fn delivery(c: &mut dyn Conn, id: i64) -> R<DeliveryRecord> {
    let row = c.row(&format!("{SELECT} WHERE d.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    record_of(&row)
}

/// The deliveries of a lead, oldest first; `NotFound` for no such lead.
pub(crate) async fn of_lead(c: &mut dyn Conn, lead_id: i64) -> R<Vec<DeliveryRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let rows = c.rows(&format!("{SELECT} WHERE d.lead_id = $1 ORDER BY d.id"), params![lead_id]).await?;
    rows.iter().map(record_of).collect()
}

/// The deliveries of one day (the driver's list), in the order they were planned.
pub(crate) async fn on_day(c: &mut dyn Conn, date: &str) -> R<Vec<DeliveryStop>> {
    let rows = c
        .rows(
            "SELECT d.id, d.lead_id, d.date, d.address, d.driver, d.status, d.invoice_id, d.pack_at, d.pack_ready_at,
                    d.delivered_at, d.created_at, d.created_by, c.name AS c_name, COALESCE(l.phone, c.phone) AS c_phone,
                    co.name AS co_name
                 FROM deliveries d JOIN leads l ON l.id = d.lead_id JOIN contacts c ON c.id = l.contact_id
                 LEFT JOIN companies co ON co.id = l.company_id
                 WHERE d.date = $1 ORDER BY d.id",
            params![date.to_owned()],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DeliveryStop {
                delivery: record_of(r)?,
                customer: r.opt_str("c_name")?.unwrap_or_default(),
                company: r.opt_str("co_name")?,
                phone: r.opt_str("c_phone")?,
            })
        })
        .collect()
}
