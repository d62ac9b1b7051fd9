//! Delivery: the outbox's side of the write path — claiming due notifications under a lease,
//! recording how an attempt went, retrying a given-up one by hand, marking in-app ones read,
//! test messages — and the webhook subscriptions that add rows to it.

use crate::engine::{Conn, P, placeholders};
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
    /// The claiming node (`nodes.id`).
    pub node: String,
    /// `nodes::alive_since` of the liveness clock's now.
    pub alive_since: i64,
    /// The channels to take messages of ([`sendable`]).
    pub channels: Vec<&'static str>,
}

#[async_trait]
impl Command for ClaimNotifications {
    type Output = Vec<OutboxRecord>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Vec<OutboxRecord>> {
        let _ = pending;
        claim_notifications(c, self.limit, &self.node, self.alive_since, &self.channels, now).await
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// Claims the oldest notification on `channel` that waits for a retry — a probe of a provider
/// that failed — without waiting for its backoff. Its attempt is not counted when it fails
/// again (`Delivery::Postponed` back to its retry time).
pub(crate) struct ProbeChannel {
    pub channel: String,
    pub node: String,
}

#[async_trait]
impl Command for ProbeChannel {
    type Output = Option<OutboxRecord>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Option<OutboxRecord>> {
        let _ = pending;
        probe_channel(c, &self.channel, &self.node, now).await
    }

    fn wakes_workers(&self) -> bool {
        false
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

    fn wakes_workers(&self) -> bool {
        false
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

/// What a message postponed behind an earlier one to its recipient says until it is tried: it
/// waits as a retry does (holds newer ones back, goes when the provider answers again).
const POSTPONED: &str = "waiting for an earlier message to the same recipient";

/// SQL that holds when the row `alias` heads its recipient's queue, with `$n` bound to now: no
/// older row to the same channel and address is being sent, due, or waiting for a retry or
/// behind one (`last_error` set). (An older one scheduled for later without an attempt yet — a
/// message held for office hours — does not hold a newer one back.) In-app rows, shown in a list, have no order to keep.
fn heads_queue(alias: &str, n: usize) -> String {
    format!(
        "({a}.channel = 'in_app' OR NOT EXISTS (
           SELECT 1 FROM outbox e WHERE e.channel = {a}.channel AND e.recipient_address = {a}.recipient_address AND e.id < {a}.id
             AND (e.status = 'sending' OR (e.status = 'queued' AND (e.attempts > 0 OR e.last_error IS NOT NULL OR e.next_attempt_at <= ${n})))))",
        a = alias
    )
}

/// A row may be claimed by node `$3` when it is queued and due, or `sending` by another node
/// that died, and heads its recipient's queue (one message per recipient in flight, in the
/// order written). `$1` is now, `$2` `nodes::alive_since`. A node's own claims are never
/// taken again by it: they are in flight in this process.
fn claimable(alias: &str) -> String {
    format!(
        "(({a}.status = 'queued' AND {a}.next_attempt_at <= $1) OR ({a}.status = 'sending' AND COALESCE({a}.claimed_by, '') <> $3 AND {dead}))
         AND {head}",
        a = alias,
        dead = crate::nodes::dead(&format!("{alias}.claimed_by"), 2),
        head = heads_queue(alias, 1),
    )
}

/// How many waiting messages of a channel [`next_due`] looks at for a head of its queue.
const LOOK_AHEAD: usize = 500;

/// Every channel a notification goes out on.
pub const CHANNELS: [&str; 4] = ["in_app", "sms", "email", "webhook"];

/// The channels a worker takes messages of: all but `held` — a provider that is not set up,
/// or failing and being probed (`alerts::worker`). Their messages wait queued, without an
/// attempt (and without a claim, a write, per message); the rest go on.
pub fn sendable(held: &[String]) -> Vec<&'static str> {
    CHANNELS.into_iter().filter(|c| !held.iter().any(|h| h == c)).collect()
}

/// Takes the notifications due for an attempt for `node`: `sending`, `claimed_by` the node,
/// which holds them while its heartbeat lives (`nodes`) — a slow gateway never sees a second
/// copy, and a dead node's rows are taken over within seconds. The attempt is counted when its
/// result is recorded, so a claim lost with its node costs none; the records returned carry
/// the number of the attempt about to be made.
async fn claim_notifications(
    c: &mut dyn Conn,
    limit: i64,
    node: &str,
    alive_since: i64,
    channels: &[&str],
    now: Timestamp,
) -> R<Vec<OutboxRecord>> {
    if channels.is_empty() {
        return Ok(vec![]);
    }
    let t = micros(now);
    // On PostgreSQL another node's writer may be claiming at the same time: skip the rows it
    // holds rather than wait for them.
    let lock = c.dialect().skip_locked();
    let sql = format!(
        "SELECT o.id, o.channel, o.recipient_address FROM outbox o WHERE o.channel IN ({}) AND {} ORDER BY o.next_attempt_at, o.id LIMIT $4{lock}",
        placeholders(5, channels.len()),
        claimable("o")
    );
    let mut ps = params![t, alive_since, node, limit];
    ps.extend(channels.iter().map(|ch| P::from(*ch)));
    let due = c.rows(&sql, ps).await?;
    if due.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<i64> = due.iter().map(|r| r.i64("id")).collect::<Result<_, _>>()?;
    let heads: Vec<(i64, String, String)> = due
        .iter()
        .filter_map(|r| match (r.i64("id"), r.str("channel"), r.opt_str("recipient_address")) {
            (Ok(id), Ok(ch), Ok(Some(addr))) if ch != "in_app" => Some((id, ch, addr)),
            _ => None,
        })
        .collect();
    let room = (limit as usize).saturating_sub(ids.len());
    let behind = followers(c, &heads, room, now).await?;
    // The heads are locked by this transaction; the followers were read without a lock, and
    // another node may have taken one since (ids are handed out before their transactions
    // commit, so a message written a moment later on another node can head its queue there
    // while one with a lower id is not due yet): only those still queued are taken.
    let mut out = take(c, &ids, node, now, false).await?;
    out.extend(take(c, &behind, node, now, true).await?);
    out.sort_by_key(|o| (o.created_at, o.id));
    // An in-app notification is delivered by being in the store: the centre shows it.
    let in_app: Vec<i64> = out.iter().filter(|o| o.channel == "in_app").map(|o| o.id).collect();
    if !in_app.is_empty() {
        let list = placeholders(2, in_app.len());
        let mut ps = vec![P::from(t)];
        ps.extend(in_app.iter().map(|id| P::from(*id)));
        c.exec(&format!("UPDATE outbox SET status = 'delivered', attempts = attempts + 1, updated_at = $1 WHERE id IN ({list})"), ps)
            .await?;
        for o in out.iter_mut().filter(|o| o.channel == "in_app") {
            o.status = "delivered".into();
        }
    }
    Ok(out)
}

/// The messages due right behind each claimed head of a recipient's queue, up to `room` in
/// all: claimed with it and sent after it by the same task, one at a time and in order, so a
/// burst to one phone costs one claim, not one claim per message. No other node can take them
/// meanwhile (they are not heads while the head is queued or being sent). A follower run ends
/// at the first row being sent or waiting for a retry; one held for later is passed over.
async fn followers(c: &mut dyn Conn, heads: &[(i64, String, String)], room: usize, now: Timestamp) -> R<Vec<i64>> {
    if heads.is_empty() || room == 0 {
        return Ok(vec![]);
    }
    let t = micros(now);
    let list = placeholders(1, heads.len());
    let ps: Vec<P> = heads.iter().map(|(_, _, a)| P::from(a.as_str())).collect();
    let sql = format!(
        "SELECT id, channel, recipient_address, status, attempts, last_error, next_attempt_at FROM outbox
         WHERE status IN ('queued', 'sending') AND channel <> 'in_app' AND recipient_address IN ({list}) ORDER BY id"
    );
    let rows = c.rows(&sql, ps).await?;
    let mut out = Vec::new();
    for (head, channel, address) in heads {
        for r in &rows {
            if out.len() >= room {
                return Ok(out);
            }
            let id = r.i64("id")?;
            if id <= *head || r.str("channel")? != *channel || r.opt_str("recipient_address")?.as_deref() != Some(address.as_str()) {
                continue;
            }
            let due = r.i64("next_attempt_at")? <= t;
            let waiting = r.i64("attempts")? > 0 || r.opt_str("last_error")?.is_some();
            match (r.str("status")?.as_str(), waiting, due) {
                ("queued", _, true) => out.push(id),
                ("queued", false, false) => continue,
                _ => break,
            }
        }
    }
    Ok(out)
}

/// Marks `ids` `sending` by `node` and returns them, oldest first, each with the number of the
/// attempt about to be made.
async fn take(c: &mut dyn Conn, ids: &[i64], node: &str, now: Timestamp, queued_only: bool) -> R<Vec<OutboxRecord>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = placeholders(3, ids.len());
    let mut ps = vec![P::from(node), P::from(micros(now))];
    ps.extend(ids.iter().map(|id| P::from(*id)));
    let sql = format!(
        "UPDATE outbox SET status = 'sending', claimed_by = $1, updated_at = $2 WHERE id IN ({list}){} RETURNING {}",
        if queued_only { " AND status = 'queued'" } else { "" },
        crate::queries::OUTBOX_COLUMNS
    );
    let mut out: Vec<_> = c.rows(&sql, ps).await?.iter().map(crate::queries::outbox_record).collect::<Result<_, _>>()?;
    for o in &mut out {
        o.attempts += 1;
    }
    out.sort_by_key(|o| (o.created_at, o.id));
    Ok(out)
}

/// When the earliest notification a node could claim is due: a queued row heading its
/// recipient's queue, or a row a dead node was sending (due at once). A row waiting behind one
/// in flight is not due until that one is done (its commit wakes the worker).
pub(crate) async fn next_due(c: &mut dyn Conn, node: &str, alive_since: i64, channels: &[&str], now: Timestamp) -> R<Option<Timestamp>> {
    if channels.is_empty() {
        return Ok(None);
    }
    // The first head of each channel's queue, in time, among its first `LOOK_AHEAD` waiting
    // messages (an ordered walk of `outbox_channel_due`: the messages of a held channel are
    // not read at all), the earliest of them. Bounded, because this runs on every wake-up: a
    // phone with thousands of messages waiting behind the one being sent must not make every
    // commit read them all (before the bound, a 200/s burst to one phone on two nodes fell
    // further behind with every message). A head further back is found by the next claim,
    // which the recorded result of the message in flight brings.
    let per_channel = (0..channels.len())
        .map(|k| {
            format!(
                "SELECT (SELECT o.next_attempt_at FROM (SELECT id, channel, recipient_address, next_attempt_at FROM outbox
                   WHERE status = 'queued' AND channel = ${} ORDER BY next_attempt_at LIMIT {LOOK_AHEAD}) o
                 WHERE {} ORDER BY o.next_attempt_at LIMIT 1) AS due",
                k + 2,
                heads_queue("o", 1)
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let sql = format!("SELECT MIN(d.due) AS due FROM ({per_channel}) d");
    let mut ps = params![micros(now)];
    ps.extend(channels.iter().map(|ch| P::from(*ch)));
    let queued = c.row(&sql, ps).await?.map(|r| r.opt_i64("due")).transpose()?.flatten();
    let sql = format!(
        "SELECT o.id FROM outbox o WHERE o.status = 'sending' AND COALESCE(o.claimed_by, '') <> $2 AND {} AND o.channel IN ({}) LIMIT 1",
        crate::nodes::dead("o.claimed_by", 1),
        placeholders(3, channels.len())
    );
    let mut ps = params![alive_since, node];
    ps.extend(channels.iter().map(|ch| P::from(*ch)));
    let orphan = c.row(&sql, ps).await?;
    let due = match (queued, orphan) {
        (_, Some(_)) => Some(micros(now)),
        (q, None) => q,
    };
    Ok(due.map(crate::from_micros))
}

async fn probe_channel(c: &mut dyn Conn, channel: &str, node: &str, now: Timestamp) -> R<Option<OutboxRecord>> {
    let t = micros(now);
    let lock = c.dialect().skip_locked();
    // The oldest row waiting for a retry that heads its recipient's queue.
    let sql = format!(
        "SELECT o.id FROM outbox o WHERE o.channel = $2 AND o.status = 'queued' AND o.attempts > 0 AND o.next_attempt_at > $1
           AND {} ORDER BY o.id LIMIT 1{lock}",
        heads_queue("o", 1)
    );
    let Some(row) = c.row(&sql, params![t, channel]).await? else { return Ok(None) };
    Ok(take(c, &[row.i64("id")?], node, now, false).await?.pop())
}

async fn record_delivery(c: &mut dyn Conn, pending: &mut Pending, id: i64, d: &Delivery, now: Timestamp) -> R<()> {
    let t = micros(now);
    let row = c
        .row("SELECT lead_id, channel, recipient_user, recipient_address, kind, attempts, payload, status FROM outbox WHERE id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    // Only a claimed row's result is recorded once: a node that was taken for dead and still
    // answered after another node recorded it changes nothing.
    if row.str("status")? != "sending" {
        tracing::warn!(id, status = %row.str("status")?, "a delivery's result came for a notification no longer being sent; ignored");
        return Ok(());
    }
    let channel = row.str("channel")?;
    let address = row.opt_str("recipient_address")?;
    let of = Of {
        notification_id: id,
        channel: channel.clone(),
        template: row.str("kind")?,
        user: row.opt_i64("recipient_user")?,
        // The attempt whose result this is: counted now, not at the claim.
        attempt: row.i64("attempts")? + 1,
    };
    let event = match d {
        Delivery::Done { status, provider_id } => {
            c.exec(
                "UPDATE outbox SET status = $1, provider_id = $2, last_error = NULL, attempts = attempts + 1, claimed_by = NULL, updated_at = $3 WHERE id = $4",
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
                    "UPDATE outbox SET next_attempt_at = $1 WHERE channel = $2 AND status = 'queued' AND (attempts > 0 OR last_error IS NOT NULL) AND next_attempt_at > $3 {same}"
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
                "UPDATE outbox SET status = 'queued', claimed_by = NULL, next_attempt_at = $1, updated_at = $2, last_error = COALESCE(last_error, $4) WHERE id = $3",
                params![micros(*retry_at), t, id, POSTPONED],
            )
            .await?;
            return Ok(());
        }
        Delivery::Failed { error, retry_at: Some(at) } => {
            // Never before an earlier message to the same recipient that also waits.
            let earlier = c
                .row(
                    "SELECT MAX(next_attempt_at) AS at FROM outbox WHERE channel = $1 AND recipient_address = $2
                       AND status = 'queued' AND (attempts > 0 OR last_error IS NOT NULL) AND id < $3",
                    params![channel.as_str(), address.clone(), id],
                )
                .await?
                .and_then(|r| r.opt_i64("at").ok().flatten());
            let at = earlier.map_or(micros(*at), |e| e.max(micros(*at)));
            c.exec(
                "UPDATE outbox SET status = 'queued', last_error = $1, next_attempt_at = $2, attempts = attempts + 1, claimed_by = NULL, updated_at = $3 WHERE id = $4",
                params![error.as_str(), at, t, id],
            )
            .await?;
            DomainEvent::NotificationRetrying { error: error.clone(), retry_at: at.to_string(), of }
        }
        Delivery::Failed { error, retry_at: None } => {
            c.exec(
                "UPDATE outbox SET status = 'failed', last_error = $1, attempts = attempts + 1, claimed_by = NULL, updated_at = $2 WHERE id = $3",
                params![error.as_str(), t, id],
            )
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
