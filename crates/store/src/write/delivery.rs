//! Delivery: the outbox's side of the write path — claiming due notifications under a lease,
//! recording how an attempt went, retrying a given-up one by hand, marking in-app ones read,
//! test messages — and the webhook subscriptions that add rows to it.

use crate::engine::{Conn, P};
use crate::records::{Delivery, OutboxRecord};
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::{Delivery as Of, DomainEvent};
use serde_json::json;

type R<T> = crate::Result<T>;

pub(crate) struct ClaimNotifications {
    pub limit: i64,
    pub lease: jiff::SignedDuration,
}

#[async_trait]
impl Command for ClaimNotifications {
    type Output = Vec<OutboxRecord>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Vec<OutboxRecord>> {
        let _ = pending;
        claim_notifications(c, self.limit, self.lease, now).await
    }
}

pub(crate) struct RecordDelivery {
    pub id: i64,
    pub delivery: Delivery,
}

#[async_trait]
impl Command for RecordDelivery {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        record_delivery(c, pending, self.id, &self.delivery, now).await
    }
}

pub(crate) struct RetryNotification {
    pub id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for RetryNotification {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        retry_notification(c, pending, self.id, self.actor, now).await
    }
}

pub(crate) struct MarkRead {
    pub user: i64,
    pub ids: Vec<i64>,
}

#[async_trait]
impl Command for MarkRead {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let _ = pending;
        mark_read(c, self.user, &self.ids, now).await
    }
}

pub(crate) struct CreateWebhook {
    pub url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for CreateWebhook {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let Self { url, events, secret, actor } = self;
        let id = c
            .insert_id(
                "INSERT INTO webhooks (url, events, secret, active, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
                params![url.as_str(), events.join(","), secret.as_str(), true, micros(now), *actor],
            )
            .await?;
        pending.record(DomainEvent::WebhookCreated { webhook_id: id, url: url.clone(), events: events.clone() }, None, None, *actor, now);
        Ok(id)
    }
}

pub(crate) struct DeleteWebhook {
    pub id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for DeleteWebhook {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let Self { id, actor } = self;
        let n = c.exec("UPDATE webhooks SET active = $1 WHERE id = $2 AND active = $3", params![false, *id, true]).await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        pending.record(DomainEvent::WebhookDeleted { webhook_id: *id }, None, None, *actor, now);
        Ok(())
    }
}

/// A test message from the admin page, delivered like any alert.
pub(crate) struct QueueTest {
    pub channel: String,
    pub address: String,
    pub text: String,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for QueueTest {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let Self { channel, address, text, actor } = self;
        let t = micros(now);
        let payload = json!({ "text": text, "subject": "Pronto test message", "urgent": true });
        let id = c
            .insert_id(
                "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at, status, attempts)
                 VALUES ($1, NULL, $2, $3, NULL, $4, 'test', $5, $6, $1, $1, 'queued', 0)",
                params![t, channel.as_str(), *actor, address.as_str(), format!("test/{channel}/{t}"), payload.to_string()],
            )
            .await?;
        let e = DomainEvent::NotificationTest { channel: channel.clone(), address: address.clone(), notification_id: id };
        pending.record(e, None, None, *actor, now);
        Ok(id)
    }
}

/// Marks every queued notification sent (a demo history's alerts).
pub(crate) struct SettleOutbox;

#[async_trait]
impl Command for SettleOutbox {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let _ = pending;
        let t = micros(now);
        let n = c
            .exec(
                "UPDATE outbox SET status = CASE WHEN channel = 'in_app' THEN 'delivered' ELSE 'sent' END, attempts = 1,
                        read_at = CASE WHEN channel = 'in_app' THEN $1 ELSE read_at END, updated_at = $1
                 WHERE status IN ('queued', 'sending')",
                params![t],
            )
            .await?;
        Ok(n as i64)
    }
}

/// Takes the notifications due for an attempt and leases them: `sending` until `now + lease`.
/// A row still `sending` after its lease belongs to a worker that died; it is taken again.
async fn claim_notifications(c: &mut dyn Conn, limit: i64, lease: jiff::SignedDuration, now: Timestamp) -> R<Vec<OutboxRecord>> {
    let t = micros(now);
    let due = c
        .rows(
            // A message waits while an earlier one to the same recipient waits for a retry, so
            // that after an outage they arrive in the order they were written.
            "SELECT id FROM outbox o WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
               AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.recipient_address = o.recipient_address
                               AND e.status = 'queued' AND e.attempts > 0 AND e.id < o.id AND e.next_attempt_at > $1)
             ORDER BY next_attempt_at, id LIMIT $2",
            params![t, limit],
        )
        .await?;
    if due.is_empty() {
        return Ok(vec![]);
    }
    let list = (4..due.len() + 4).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let mut ps = vec![P::from(micros(now + lease)), P::from(t), P::from(t)];
    for r in &due {
        ps.push(P::from(r.i64("id")?));
    }
    // `next_attempt_at <= now` keeps a row another writer just leased out of this claim.
    let sql = format!(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $1, updated_at = $2
         WHERE id IN ({list}) AND next_attempt_at <= $3 RETURNING {}",
        crate::queries::OUTBOX_COLUMNS
    );
    let mut out: Vec<_> = c.rows(&sql, ps).await?.iter().map(crate::queries::outbox_record).collect::<Result<_, _>>()?;
    out.sort_by_key(|o| (o.created_at, o.id));
    // An in-app notification is delivered by being in the store: the centre shows it.
    let in_app: Vec<i64> = out.iter().filter(|o| o.channel == "in_app").map(|o| o.id).collect();
    if !in_app.is_empty() {
        let list = (2..in_app.len() + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let mut ps = vec![P::from(t)];
        ps.extend(in_app.iter().map(|id| P::from(*id)));
        c.exec(&format!("UPDATE outbox SET status = 'delivered', updated_at = $1 WHERE id IN ({list})"), ps).await?;
        for o in out.iter_mut().filter(|o| o.channel == "in_app") {
            o.status = "delivered".into();
        }
    }
    Ok(out)
}

async fn record_delivery(c: &mut dyn Conn, pending: &mut Pending, id: i64, d: &Delivery, now: Timestamp) -> R<()> {
    let t = micros(now);
    let row = c
        .row("SELECT lead_id, channel, recipient_user, recipient_address, kind, attempts, payload FROM outbox WHERE id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let channel = row.str("channel")?;
    let address = row.opt_str("recipient_address")?;
    let of = Of {
        notification_id: id,
        channel: channel.clone(),
        template: row.str("kind")?,
        user: row.opt_i64("recipient_user")?,
        attempt: row.i64("attempts")?,
    };
    let event = match d {
        Delivery::Done { status, provider_id } => {
            c.exec(
                "UPDATE outbox SET status = $1, provider_id = $2, last_error = NULL, updated_at = $3 WHERE id = $4",
                params![*status, provider_id.clone(), t, id],
            )
            .await?;
            // The provider answers again: what waits for a retry on this channel (for a
            // webhook, at this address) goes now, oldest first, instead of after its backoff.
            let same = if channel == "webhook" { "AND recipient_address = $4" } else { "" };
            let mut ps = params![t, channel.as_str(), t];
            if channel == "webhook" {
                ps.push(address.clone().into());
            }
            c.exec(
                &format!(
                    "UPDATE outbox SET next_attempt_at = $1 WHERE channel = $2 AND status = 'queued' AND attempts > 0 AND next_attempt_at > $3 {same}"
                ),
                ps,
            )
            .await?;
            // A reply written in Pronto has left: now it is sent, and a response.
            if of.template == "reply"
                && let Some(lead_id) = row.opt_i64("lead_id")?
            {
                let p: serde_json::Value = serde_json::from_str(&row.str("payload")?).unwrap_or_default();
                if let Some(email_id) = p["email_id"].as_i64() {
                    let e = DomainEvent::EmailSent {
                        email_id,
                        to: address.clone().unwrap_or_default(),
                        subject: p["subject"].as_str().unwrap_or_default().to_owned(),
                    };
                    let actor = match p["activity_id"].as_i64() {
                        Some(a) => c.row("SELECT user_id FROM activities WHERE id = $1", params![a]).await?.and_then(|r| r.opt_i64("user_id").ok().flatten()),
                        None => None,
                    };
                    pending.record(e, Some(lead_id), None, actor, now);
                    if let Some(activity_id) = p["activity_id"].as_i64() {
                        crate::write::work::reply_left(c, pending, lead_id, activity_id, now).await?;
                    }
                }
            }
            DomainEvent::notification_sent(*status == "delivered", provider_id.clone(), of)
        }
        Delivery::Postponed { retry_at } => {
            c.exec(
                "UPDATE outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = $1, updated_at = $2 WHERE id = $3",
                params![micros(*retry_at), t, id],
            )
            .await?;
            return Ok(());
        }
        Delivery::Failed { error, retry_at: Some(at) } => {
            // Never before an earlier message to the same recipient that also waits.
            let earlier = c
                .row(
                    "SELECT MAX(next_attempt_at) AS at FROM outbox WHERE channel = $1 AND recipient_address = $2
                       AND status = 'queued' AND attempts > 0 AND id < $3",
                    params![channel.as_str(), address.clone(), id],
                )
                .await?
                .and_then(|r| r.opt_i64("at").ok().flatten());
            let at = earlier.map_or(micros(*at), |e| e.max(micros(*at)));
            c.exec(
                "UPDATE outbox SET status = 'queued', last_error = $1, next_attempt_at = $2, updated_at = $3 WHERE id = $4",
                params![error.as_str(), at, t, id],
            )
            .await?;
            DomainEvent::NotificationRetrying { error: error.clone(), retry_at: at.to_string(), of }
        }
        Delivery::Failed { error, retry_at: None } => {
            c.exec("UPDATE outbox SET status = 'failed', last_error = $1, updated_at = $2 WHERE id = $3", params![error.as_str(), t, id])
                .await?;
            DomainEvent::NotificationFailed { error: error.clone(), of }
        }
    };
    pending.record(event, row.opt_i64("lead_id")?, None, None, now);
    Ok(())
}

async fn retry_notification(c: &mut dyn Conn, pending: &mut Pending, id: i64, actor: Option<i64>, now: Timestamp) -> R<()> {
    let row = c.row("SELECT lead_id, status, channel FROM outbox WHERE id = $1", params![id]).await?.ok_or(StoreError::NotFound)?;
    if row.str("status")? != "failed" {
        return Err(StoreError::Conflict(format!("notification {id} is {}; only a failed one is retried by hand", row.str("status")?)));
    }
    let t = micros(now);
    c.exec("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1, updated_at = $1 WHERE id = $2", params![t, id])
        .await?;
    let e = DomainEvent::NotificationRequeued { notification_id: id, channel: row.str("channel")? };
    pending.record(e, row.opt_i64("lead_id")?, None, actor, now);
    Ok(())
}

async fn mark_read(c: &mut dyn Conn, user: i64, ids: &[i64], now: Timestamp) -> R<i64> {
    let t = micros(now);
    if ids.is_empty() {
        let n = c
            .exec("UPDATE outbox SET read_at = $1 WHERE recipient_user = $2 AND channel = 'in_app' AND read_at IS NULL", params![t, user])
            .await?;
        return Ok(n as i64);
    }
    let mut n = 0;
    for id in ids {
        n += c
            .exec(
                "UPDATE outbox SET read_at = $1 WHERE id = $2 AND recipient_user = $3 AND channel = 'in_app' AND read_at IS NULL",
                params![t, *id, user],
            )
            .await?;
    }
    Ok(n as i64)
}
