//! Offers (issue 20): a new version of the lead's offer (the earlier open one superseded), the
//! offer sent to the customer (a message with the link to their page, from the outbox), and
//! the customer's decision on their page (accept, decline, ask for changes) — each one
//! transaction with its domain event, and the sending and the decision run the lead's
//! playbook (`offer.*` triggers). The owner hears of a decision at once, by SMS and in the app.
//! Reads: one offer, the offers of a lead.

use crate::engine::{Conn, Row};
use crate::process;
use crate::records::{OfferItemRecord, OfferMessage, OfferRecord, OfferVatRecord};
use crate::tx::{Command, OutboxRow, Pending};
use crate::write::work::record_activity;
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;
use pronto_domain::lead::{ActivityKind, Direction, MESSAGE_MAX, NewActivity};
use pronto_domain::money::{format_amount, format_rate};
use pronto_domain::offer::{Decision, NewOffer, OfferStatus, Refusal, may_decide, may_send};
use pronto_domain::values::Text;
use pronto_playbook::Trigger;
use pronto_playbook::model::TriggerKind;
use serde_json::json;

type R<T> = crate::Result<T>;

/// A new offer on a lead: the next version; the lead's open offers (draft, sent, changes
/// asked for) are superseded by it.
pub(crate) struct CreateOffer {
    pub lead_id: i64,
    pub offer: NewOffer,
    /// The end of `valid_until` in the office's time zone.
    pub expires_at: Timestamp,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for CreateOffer {
    type Output = OfferRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<OfferRecord> {
        create(c, pending, self, now).await
    }
}

/// The offer goes to the customer.
pub(crate) struct SendOffer {
    pub offer_id: i64,
    pub actor: Option<i64>,
    /// The message that tells the customer (none when they left neither e-mail nor phone).
    pub message: Option<OfferMessage>,
}

#[async_trait]
impl Command for SendOffer {
    type Output = OfferRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<OfferRecord> {
        send(c, pending, self, now).await
    }
}

/// The customer decided on their page.
pub(crate) struct DecideOffer {
    pub lead_id: i64,
    pub offer_id: i64,
    pub decision: Decision,
    pub note: Option<String>,
}

#[async_trait]
impl Command for DecideOffer {
    type Output = OfferRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<OfferRecord> {
        decide(c, pending, self, now).await
    }
}

/// Why the customer may not decide, as the store's conflict says it (the edge reads the
/// refusal back with [`refusal_of`]).
pub fn conflict_of(r: Refusal) -> StoreError {
    StoreError::Conflict(format!("offer: {}", r.key()))
}

/// The refusal a [`conflict_of`] error carries.
pub fn refusal_of(e: &StoreError) -> Option<&'static str> {
    match e {
        StoreError::Conflict(m) => ["not-sent", "expired", "superseded", "decided"].into_iter().find(|k| m == &format!("offer: {k}")),
        _ => None,
    }
}

async fn create(c: &mut dyn Conn, pending: &mut Pending, cmd: &CreateOffer, now: Timestamp) -> R<OfferRecord> {
    let lead = c.row("SELECT contact_id FROM leads WHERE id = $1", params![cmd.lead_id]).await?.ok_or(StoreError::NotFound)?;
    let contact_id = lead.i64("contact_id")?;
    let o = &cmd.offer;
    let cur = o.currency;
    let version = c
        .row("SELECT COALESCE(MAX(version), 0) AS v FROM offers WHERE lead_id = $1", params![cmd.lead_id])
        .await?
        .map(|r| r.i64("v"))
        .transpose()?
        .unwrap_or(0)
        + 1;
    let summary: Vec<serde_json::Value> = o
        .totals
        .vat_rows
        .iter()
        .map(|r| json!({ "rate": format_rate(r.rate), "base": format_amount(r.base, cur), "vat": format_amount(r.vat, cur) }))
        .collect();
    let text = |t: &Option<Text>| t.as_ref().map(|t| t.as_str().to_owned());
    let t = micros(now);
    let id = c
        .insert_id(
            "INSERT INTO offers (lead_id, version, status, currency, net, vat, gross, vat_summary, valid_until, expires_at, delivery_date,
                cooperation, customer_provides, we_provide, note, created_at, created_by)
             VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            params![
                cmd.lead_id,
                version,
                cur.code(),
                format_amount(o.totals.net, cur),
                format_amount(o.totals.vat, cur),
                format_amount(o.totals.gross, cur),
                serde_json::Value::Array(summary).to_string(),
                o.valid_until.to_string(),
                micros(cmd.expires_at),
                o.delivery_date.map(|d| d.to_string()),
                text(&o.cooperation),
                text(&o.customer_provides),
                text(&o.we_provide),
                text(&o.note),
                t,
                cmd.actor
            ],
        )
        .await?;
    for (n, (item, line)) in o.items.iter().zip(&o.totals.lines).enumerate() {
        c.exec(
            "INSERT INTO offer_items (offer_id, position, sku, name, unit, quantity, unit_price, discount, vat_rate, net, vat, gross,
                availability, available_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            params![
                id,
                n as i64 + 1,
                item.sku.as_ref().map(|s| s.as_str().to_owned()),
                item.name.as_str(),
                item.unit.as_ref().map(|s| s.as_str().to_owned()),
                item.quantity.normalize().to_string(),
                item.unit_price.normalize().to_string(),
                format_rate(item.discount),
                format_rate(item.vat_rate),
                format_amount(line.net, cur),
                format_amount(line.vat, cur),
                format_amount(line.gross, cur),
                item.availability.map(|a| a.as_str()),
                item.available_on.map(|d| d.to_string())
            ],
        )
        .await?;
    }
    let open: Vec<i64> = c
        .rows(
            "SELECT id FROM offers WHERE lead_id = $1 AND id <> $2 AND status IN ('draft', 'sent', 'changes_requested') ORDER BY id",
            params![cmd.lead_id, id],
        )
        .await?
        .iter()
        .map(|r| r.i64("id"))
        .collect::<Result<_, _>>()?;
    if !open.is_empty() {
        c.exec(
            "UPDATE offers SET status = 'superseded', superseded_by = $1
             WHERE lead_id = $2 AND id <> $1 AND status IN ('draft', 'sent', 'changes_requested')",
            params![id, cmd.lead_id],
        )
        .await?;
    }
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, cmd.lead_id]).await?;
    let e = DomainEvent::OfferCreated {
        offer_id: id,
        version,
        gross: format_amount(o.totals.gross, cur),
        currency: cur.code().to_owned(),
        superseded: open,
    };
    pending.record(e, Some(cmd.lead_id), Some(contact_id), cmd.actor, now);
    // The playbook hears of it (`offer.created`): a task that waited for the offer to be
    // prepared is done.
    let (state, mut ctx) = process::lead_state(c, pending, cmd.lead_id).await?;
    ctx.actor = cmd.actor;
    let refusals = refusals(c, cmd.lead_id).await?;
    let trigger = Trigger::Offer { kind: TriggerKind::OfferCreated, offer_id: id, version, note: None, refusals, by: cmd.actor };
    process::run(c, pending, &state, &ctx, trigger, &format!("o{id}c"), now).await?;
    offer(c, id).await
}

async fn send(c: &mut dyn Conn, pending: &mut Pending, cmd: &SendOffer, now: Timestamp) -> R<OfferRecord> {
    let o = offer(c, cmd.offer_id).await?;
    let status = OfferStatus::parse(&o.status).map_err(|e| StoreError::Internal(e.0))?;
    may_send(status, o.expires_at, now).map_err(conflict_of)?;
    let t = micros(now);
    c.exec("UPDATE offers SET status = 'sent', sent_at = $1, sent_by = $2 WHERE id = $3", params![t, cmd.actor, o.id]).await?;
    if let Some(m) = &cmd.message {
        pending.outbox.push(OutboxRow {
            created_at: now,
            lead_id: Some(o.lead_id),
            channel: m.channel.clone(),
            recipient_user: None,
            recipient_role: None,
            recipient_address: Some(m.address.clone()),
            kind: "offer_sent".into(),
            idempotency_key: format!("offer/{}/sent/{t}", o.id),
            payload: json!({ "lead_id": o.lead_id, "offer_id": o.id, "template": "offer_sent", "text": m.text, "subject": m.subject, "urgent": false }),
            next_attempt_at: now,
        });
    }
    let (state, mut ctx) = process::lead_state(c, pending, o.lead_id).await?;
    ctx.actor = cmd.actor;
    let e = DomainEvent::OfferSent { offer_id: o.id, version: o.version, to: cmd.message.as_ref().map(|m| m.address.clone()) };
    process::push_event(pending, &ctx, e, now);
    let refusals = refusals(c, o.lead_id).await?;
    let trigger = Trigger::Offer { kind: TriggerKind::OfferSent, offer_id: o.id, version: o.version, note: None, refusals, by: cmd.actor };
    process::run(c, pending, &state, &ctx, trigger, &format!("o{}s{t}", o.id), now).await?;
    offer(c, o.id).await
}

/// How many of the lead's offers the customer declined.
async fn refusals(c: &mut dyn Conn, lead_id: i64) -> R<u32> {
    let n = c
        .row("SELECT COUNT(*) AS n FROM offers WHERE lead_id = $1 AND status = 'declined'", params![lead_id])
        .await?
        .map(|r| r.i64("n"))
        .transpose()?
        .unwrap_or(0);
    Ok(n as u32)
}

async fn decide(c: &mut dyn Conn, pending: &mut Pending, cmd: &DecideOffer, now: Timestamp) -> R<OfferRecord> {
    let o = offer(c, cmd.offer_id).await?;
    if o.lead_id != cmd.lead_id {
        return Err(StoreError::NotFound);
    }
    let status = OfferStatus::parse(&o.status).map_err(|e| StoreError::Internal(e.0))?;
    may_decide(status, o.expires_at, now).map_err(conflict_of)?;
    let t = micros(now);
    let to = cmd.decision.status();
    c.exec(
        "UPDATE offers SET status = $1, decided_at = $2, decision = $3, decision_note = $4 WHERE id = $5",
        params![to.as_str(), t, cmd.decision.as_str(), cmd.note.clone(), o.id],
    )
    .await?;
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, o.lead_id]).await?;
    let (state, ctx) = process::lead_state(c, pending, o.lead_id).await?;
    let e = DomainEvent::OfferDecided {
        offer_id: o.id,
        version: o.version,
        decision: cmd.decision.as_str().to_owned(),
        note: cmd.note.clone(),
    };
    process::push_event(pending, &ctx, e, now);
    let refusals = refusals(c, o.lead_id).await?;
    let kind = match cmd.decision {
        Decision::Accept => TriggerKind::OfferAccepted,
        Decision::Decline => TriggerKind::OfferDeclined,
        Decision::Changes => TriggerKind::OfferChangesRequested,
    };
    let trigger = Trigger::Offer { kind, offer_id: o.id, version: o.version, note: cmd.note.clone(), refusals, by: None };
    process::run(c, pending, &state, &ctx, trigger, &format!("o{}d", o.id), now).await?;
    let lead = c.row("SELECT status FROM leads WHERE id = $1", params![o.lead_id]).await?.ok_or(StoreError::NotFound)?;
    if cmd.decision == Decision::Decline && lead.str("status")? == "lost" && state.status.as_str() != "lost" {
        record_objections(c, pending, o.lead_id, now).await?;
    }
    alert_owner(c, pending, &o, cmd, ctx.contact_id, now).await?;
    offer(c, o.id).await
}

/// The lead closed as lost on a refusal: its note lists every objection the customer gave,
/// in the team's language (`offer-objections` of the playbooks' common texts).
async fn record_objections(c: &mut dyn Conn, pending: &mut Pending, lead_id: i64, now: Timestamp) -> R<()> {
    let rows = c
        .rows("SELECT version, decision_note FROM offers WHERE lead_id = $1 AND status = 'declined' ORDER BY version", params![lead_id])
        .await?;
    let m = pending.playbooks.messages();
    let lang = m.default_language;
    let mut text = m.common_text(lang, "offer-objections", &[("count", rows.len().to_string())]);
    for r in &rows {
        let note = r.opt_str("decision_note")?.unwrap_or_else(|| m.common_text(lang, "offer-no-reason", &[]));
        text.push('\n');
        text.push_str(&m.common_text(lang, "offer-objection", &[("version", r.i64("version")?.to_string()), ("note", note)]));
    }
    let a = NewActivity {
        kind: ActivityKind::Note,
        direction: Some(Direction::In),
        outcome: None,
        body: Text::parse(&text.chars().take(MESSAGE_MAX).collect::<String>(), MESSAGE_MAX).ok(),
        at: now,
    };
    record_activity(c, pending, lead_id, &a, None, now).await.map(|_| ())
}

/// The words of an owner's alert about a decision (`offer-alert-accept|decline|changes` of the
/// playbooks' common texts), in `lang`.
pub(crate) fn alert_text(m: &pronto_playbook::Messages, lang: &str, decision: Decision, who: Option<&str>, o: &OfferRecord, note: Option<&str>) -> String {
    let who = who.map(str::to_owned).unwrap_or_else(|| m.common_text(lang, "offer-alert-someone", &[]));
    let vars = [
        ("who", who),
        ("version", o.version.to_string()),
        ("amount", format!("{} {}", o.gross, o.currency)),
        ("lead", o.lead_id.to_string()),
        ("url", m.lead_url(o.lead_id)),
    ];
    let mut text = m.common_text(lang, &format!("offer-alert-{}", decision.as_str()), &vars).trim_end().to_owned();
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        text.push_str(&format!(": “{}”", n.chars().take(200).collect::<String>()));
    }
    text
}

/// The owner hears of the customer's decision at once: by SMS (when they have a phone) and in
/// the app, in their own language; a lead without an owner tells the managers and admins in
/// the app.
async fn alert_owner(
    c: &mut dyn Conn,
    pending: &mut Pending,
    o: &OfferRecord,
    cmd: &DecideOffer,
    contact_id: i64,
    now: Timestamp,
) -> R<()> {
    let lead = c.row("SELECT owner_id FROM leads WHERE id = $1", params![o.lead_id]).await?.ok_or(StoreError::NotFound)?;
    let name = c.row("SELECT name FROM contacts WHERE id = $1", params![contact_id]).await?.and_then(|r| r.opt_str("name").ok().flatten());
    let template = format!("offer_{}", cmd.decision.as_str());
    // (channel, user, address, language)
    let mut to: Vec<(String, i64, Option<String>, Option<String>)> = Vec::new();
    match lead.opt_i64("owner_id")? {
        Some(u) => {
            let user = c.row("SELECT phone, language FROM users WHERE id = $1", params![u]).await?;
            let phone = user.as_ref().and_then(|r| r.opt_str("phone").ok().flatten());
            let lang = user.as_ref().and_then(|r| r.opt_str("language").ok().flatten());
            if let Some(p) = phone {
                to.push(("sms".into(), u, Some(p), lang.clone()));
            }
            to.push(("in_app".into(), u, None, lang));
        }
        None => {
            for r in c.rows("SELECT id, language FROM users WHERE active = $1 AND role IN ('manager', 'admin') ORDER BY id", params![true]).await? {
                to.push(("in_app".into(), r.i64("id")?, None, r.opt_str("language")?));
            }
        }
    }
    let m = pending.playbooks.messages();
    for (channel, user, address, lang) in to {
        let lang = lang.as_deref().and_then(pronto_playbook::messages::language).unwrap_or(m.default_language);
        let text = alert_text(&m, lang, cmd.decision, name.as_deref(), o, cmd.note.as_deref());
        pending.outbox.push(OutboxRow {
            created_at: now,
            lead_id: Some(o.lead_id),
            channel: channel.clone(),
            recipient_user: Some(user),
            recipient_role: None,
            recipient_address: address,
            kind: template.clone(),
            idempotency_key: format!("offer/{}/decided/{channel}/{user}", o.id),
            payload: json!({ "lead_id": o.lead_id, "offer_id": o.id, "template": template, "text": text, "urgent": true }),
            next_attempt_at: now,
        });
        let e = DomainEvent::NotificationQueued { channel, user: Some(user), template: template.clone(), urgent: true };
        pending.record(e, Some(o.lead_id), Some(contact_id), None, now);
    }
    Ok(())
}

const OFFER_SELECT: &str = "SELECT id, lead_id, version, status, currency, net, vat, gross, vat_summary, valid_until, expires_at,
    delivery_date, cooperation, customer_provides, we_provide, note, created_at, created_by, sent_at, sent_by, decided_at, decision,
    decision_note, superseded_by FROM offers";

fn offer_of(r: &Row, items: Vec<OfferItemRecord>) -> R<OfferRecord> {
    let summary: serde_json::Value = serde_json::from_str(&r.str("vat_summary")?).unwrap_or_default();
    let vat_summary = summary
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| OfferVatRecord {
                    rate: v["rate"].as_str().unwrap_or_default().to_owned(),
                    base: v["base"].as_str().unwrap_or_default().to_owned(),
                    vat: v["vat"].as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(OfferRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        version: r.i64("version")?,
        status: r.str("status")?,
        currency: r.str("currency")?,
        net: r.str("net")?,
        vat: r.str("vat")?,
        gross: r.str("gross")?,
        vat_summary,
        valid_until: r.str("valid_until")?,
        expires_at: from_micros(r.i64("expires_at")?),
        delivery_date: r.opt_str("delivery_date")?,
        cooperation: r.opt_str("cooperation")?,
        customer_provides: r.opt_str("customer_provides")?,
        we_provide: r.opt_str("we_provide")?,
        note: r.opt_str("note")?,
        created_at: from_micros(r.i64("created_at")?),
        created_by: r.opt_i64("created_by")?,
        sent_at: r.opt_i64("sent_at")?.map(from_micros),
        sent_by: r.opt_i64("sent_by")?,
        decided_at: r.opt_i64("decided_at")?.map(from_micros),
        decision: r.opt_str("decision")?,
        decision_note: r.opt_str("decision_note")?,
        superseded_by: r.opt_i64("superseded_by")?,
        items,
    })
}

fn item_of(r: &Row) -> R<OfferItemRecord> {
    Ok(OfferItemRecord {
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
        availability: r.opt_str("availability")?,
        available_on: r.opt_str("available_on")?,
    })
}

const ITEM_SELECT: &str = "SELECT offer_id, position, sku, name, unit, quantity, unit_price, discount, vat_rate, net, vat, gross,
    availability, available_on FROM offer_items";

/// One offer with its lines.
pub(crate) async fn offer(c: &mut dyn Conn, id: i64) -> R<OfferRecord> {
    let row = c.row(&format!("{OFFER_SELECT} WHERE id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    let items = c.rows(&format!("{ITEM_SELECT} WHERE offer_id = $1 ORDER BY position"), params![id]).await?;
    offer_of(&row, items.iter().map(item_of).collect::<R<_>>()?)
}

/// The offers of a lead, oldest version first, each with its lines.
pub(crate) async fn offers_of_lead(c: &mut dyn Conn, lead_id: i64) -> R<Vec<OfferRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let rows = c.rows(&format!("{OFFER_SELECT} WHERE lead_id = $1 ORDER BY version"), params![lead_id]).await?;
    let items = c
        .rows(
            &format!("{ITEM_SELECT} WHERE offer_id IN (SELECT id FROM offers WHERE lead_id = $1) ORDER BY offer_id, position"),
            params![lead_id],
        )
        .await?;
    let mut by_offer: std::collections::HashMap<i64, Vec<OfferItemRecord>> = std::collections::HashMap::new();
    for r in &items {
        by_offer.entry(r.i64("offer_id")?).or_default().push(item_of(r)?);
    }
    rows.iter().map(|r| offer_of(r, by_offer.remove(&r.i64("id")?).unwrap_or_default())).collect()
}
