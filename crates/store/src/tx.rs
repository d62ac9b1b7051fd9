//! The bottom of the write side: what a command is ([`Command`]), and the buffer of rows its
//! transaction writes besides its own ([`Pending`]: events, outbox rows, timers), written by
//! the one [`flush`] before the commit. Nothing here knows an area of the registry; the area
//! modules (`write::*`, `mail`, `calls`, `customer`, `schedule`) build on it, and the writer
//! (`writer.rs`) runs commands in batches.

use crate::engine::{Conn, P};
use crate::playbooks::Playbooks;
use crate::records::Committed;
use crate::{Result, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::effects::{Effects, Recipient};
use pronto_domain::subscription;
use serde_json::{Value, json};
use std::sync::Arc;

/// One write: applied inside the writer's transaction (in its own savepoint), by reference,
/// because the writer may apply it again (a lock cycle with another node, a unique-key race).
#[async_trait]
pub(crate) trait Command: Send + Sync + 'static {
    /// What the caller gets back once the transaction committed.
    type Output: Send + 'static;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> Result<Self::Output>;

    /// Whether this command's commit may give the timer and outbox workers work: yes, unless
    /// the command never writes what they look for (a claim, a heartbeat, a lease). A worker
    /// woken for nothing costs a read; one not woken when it should be waits up to a second.
    fn wakes_workers(&self) -> bool {
        true
    }
}

/// A row of the append-only `events` table.
pub(crate) struct EventRow {
    pub at: Timestamp,
    pub kind: String,
    pub lead_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub actor: Option<i64>,
    pub data: Value,
}

/// A row of the outbox: a notification to deliver.
pub(crate) struct OutboxRow {
    pub created_at: Timestamp,
    pub lead_id: Option<i64>,
    pub channel: String,
    pub recipient_user: Option<i64>,
    pub recipient_role: Option<String>,
    pub recipient_address: Option<String>,
    /// The template (or `reply`, `webhook`'s event kind …).
    pub kind: String,
    pub idempotency_key: String,
    pub payload: Value,
    pub next_attempt_at: Timestamp,
}

/// A timer set in this transaction (perhaps cancelled in it too).
pub(crate) struct TimerRow {
    pub lead_id: Option<i64>,
    pub kind: String,
    pub due_at: Timestamp,
    pub payload: Value,
    pub created_at: Timestamp,
    /// When it was cancelled in this transaction.
    cancelled_at: Option<Timestamp>,
}

impl TimerRow {
    pub(crate) fn new(lead_id: Option<i64>, kind: String, due_at: Timestamp, payload: &Value, now: Timestamp) -> TimerRow {
        TimerRow { lead_id, kind, due_at, payload: payload.clone(), created_at: now, cancelled_at: None }
    }
    pub(crate) fn cancel(&mut self, now: Timestamp) {
        self.cancelled_at = Some(now);
    }
    pub(crate) fn is_pending(&self) -> bool {
        self.cancelled_at.is_none()
    }
}

/// Events, outbox rows and timers that commands of the current transaction decided, written
/// together by [`flush`] before the commit: a few multi-row INSERTs per batch instead of three
/// statements per command. Commands never read these tables back, except that cancelling a
/// lead's timers must also reach the ones still waiting here.
pub(crate) struct Pending {
    pub(crate) events: Vec<EventRow>,
    pub(crate) outbox: Vec<OutboxRow>,
    pub(crate) timers: Vec<TimerRow>,
    pub(crate) playbooks: Arc<Playbooks>,
    /// The users as the playbook engine sees them, read once per transaction.
    pub(crate) dir: Option<pronto_playbook::Directory>,
    /// Playbooks whose round-robin cursors `dir` holds.
    pub(crate) cursors_of: std::collections::BTreeSet<String>,
    /// The round-robin cursors moved, (playbook, pool) → user: written by [`flush`], last in
    /// the transaction, so that the row every assignment of a pool writes is locked for the
    /// commit only (several writers, of one node or of several, queued behind each other's
    /// whole batches on it). The cursor is read without a lock, so writing it late changes
    /// nothing in which person is chosen.
    pub(crate) cursor_moves: std::collections::BTreeMap<(String, String), i64>,
    /// How each person's count of open tasks moves, user → change: written by [`flush`] for
    /// the same reason (everyone's new tasks go to the few people on duty).
    pub(crate) open_task_moves: std::collections::BTreeMap<i64, i64>,
    /// Counts edits in this transaction, so each has its own name.
    pub(crate) seq: u64,
    /// The events live clients hear about, published once the transaction committed.
    pub(crate) live: Vec<Committed>,
    /// What this changes in the report tallies; the writer applies it last before the commit.
    pub(crate) report_deltas: crate::facts::Deltas,
    /// Whether a flush wrote events, outbox rows or timers: the other nodes are told at the
    /// commit (`writer::tell_other_nodes`).
    pub(crate) wrote: bool,
    /// The test inquiries (the mystery shopper's) this transaction touched: their events go to
    /// no webhook and no live client.
    pub(crate) test_leads: std::collections::BTreeSet<i64>,
}

impl Pending {
    pub(crate) fn new(playbooks: Arc<Playbooks>) -> Pending {
        Pending {
            events: vec![],
            outbox: vec![],
            timers: vec![],
            playbooks,
            dir: None,
            cursors_of: Default::default(),
            cursor_moves: Default::default(),
            open_task_moves: Default::default(),
            seq: 0,
            test_leads: Default::default(),
            live: vec![],
            report_deltas: Default::default(),
            wrote: false,
        }
    }

    /// Appends an event (kept for the live feed too when it is one live clients follow).
    pub(crate) fn event(&mut self, row: EventRow) {
        if crate::records::LIVE_KINDS.contains(&row.kind.as_str()) {
            self.live.push(Committed { kind: row.kind.clone(), lead_id: row.lead_id, data: row.data.clone() });
        }
        self.events.push(row);
    }
}

impl Pending {
    /// Records one domain event.
    pub(crate) fn record(
        &mut self,
        event: impl Into<pronto_domain::effects::Event>,
        lead_id: Option<i64>,
        contact_id: Option<i64>,
        actor: Option<i64>,
        now: Timestamp,
    ) {
        let e = event.into();
        self.event(EventRow { at: now, kind: e.kind.to_owned(), lead_id, contact_id, actor, data: e.data });
    }
}

/// Buffers what `pronto_domain::effects` decided: its events and its outbox rows.
pub(crate) fn write_effects(
    pending: &mut Pending,
    fx: &Effects,
    lead_id: Option<i64>,
    contact_id: Option<i64>,
    actor: Option<i64>,
    now: Timestamp,
) {
    for e in &fx.events {
        pending.event(EventRow { at: now, kind: e.kind.to_owned(), lead_id, contact_id, actor, data: e.data.clone() });
    }
    for o in &fx.outbox {
        // A test inquiry (the mystery shopper's) alerts no person.
        if lead_id.is_some_and(|l| pending.test_leads.contains(&l)) {
            continue;
        }
        let (user, role) = match &o.recipient {
            Recipient::User(id) => (Some(*id), None),
            Recipient::Role(r) => (None, Some(r.as_str().to_owned())),
        };
        pending.outbox.push(OutboxRow {
            created_at: now,
            lead_id,
            channel: o.channel.to_owned(),
            recipient_user: user,
            recipient_role: role,
            recipient_address: None,
            kind: o.kind.to_owned(),
            idempotency_key: o.key.clone(),
            payload: o.payload.clone(),
            next_attempt_at: now,
        });
    }
}

/// Rows per INSERT: a few fixed sizes, so the prepared-statement cache holds a few shapes.
const CHUNKS: [usize; 4] = [64, 16, 4, 1];

async fn insert_rows<const N: usize>(c: &mut dyn Conn, head: &str, tail: &str, rows: Vec<[P; N]>) -> Result<()> {
    let mut left = rows.len();
    let mut rows = rows.into_iter();
    while left > 0 {
        let n = CHUNKS.iter().copied().find(|n| *n <= left).unwrap_or(1);
        let mut sql = String::with_capacity(head.len() + n * N * 5);
        sql.push_str(head);
        let mut params = Vec::with_capacity(n * N);
        for r in 0..n {
            sql.push_str(if r == 0 { " (" } else { ", (" });
            for (i, p) in rows.next().expect("counted").into_iter().enumerate() {
                params.push(p);
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&params.len().to_string());
            }
            sql.push(')');
        }
        sql.push_str(tail);
        c.exec(&sql, params).await?;
        left -= n;
    }
    Ok(())
}

/// Every event a webhook subscription asked for becomes an outbox row for it, in the same
/// transaction as the event (`pronto_domain::subscription::wants`: never an event about a
/// webhook's own delivery).
async fn fan_out_webhooks(c: &mut dyn Conn, pending: &mut Pending) -> Result<()> {
    if pending.events.is_empty() {
        return Ok(());
    }
    let subs = c.rows("SELECT id, url, events FROM webhooks WHERE active = $1", params![true]).await?;
    if subs.is_empty() {
        return Ok(());
    }
    let subs: Vec<(i64, String, Vec<String>)> = subs
        .iter()
        .map(|r| Ok((r.i64("id")?, r.str("url")?, r.str("events")?.split(',').map(|e| e.trim().to_owned()).collect())))
        .collect::<Result<_>>()?;
    // The rows' keys must be unique across transactions too: two transactions in the same
    // microsecond (a frozen manual clock, a fast burst) would otherwise share `wh/SUB/AT/SEQ`
    // and the second one's deliveries would be dropped by `ON CONFLICT DO NOTHING`.
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).expect("the operating system's random source failed");
    let nonce = u64::from_le_bytes(nonce);
    let mut rows = Vec::new();
    for e in &pending.events {
        // A test inquiry's events reach no subscriber.
        if e.lead_id.is_some_and(|l| pending.test_leads.contains(&l)) {
            continue;
        }
        let kind = &e.kind;
        if !subs.iter().any(|(_, _, events)| events.iter().any(|p| subscription::matches(p, kind))) {
            continue;
        }
        for (id, url, events) in &subs {
            // Never an event about a webhook's own delivery: it would ask for another one.
            if !subscription::wants(events, kind, &e.data) {
                continue;
            }
            pending.seq += 1;
            let payload = json!({ "subscription": id, "type": kind, "lead_id": e.lead_id, "data": e.data, "text": kind });
            rows.push(OutboxRow {
                created_at: e.at,
                lead_id: e.lead_id,
                channel: "webhook".into(),
                recipient_user: None,
                recipient_role: None,
                recipient_address: Some(url.clone()),
                kind: kind.clone(),
                idempotency_key: format!("wh/{id}/{}/{}.{nonce:016x}", micros(e.at), pending.seq),
                payload,
                next_attempt_at: e.at,
            });
        }
    }
    pending.outbox.extend(rows);
    Ok(())
}

/// Writes what [`Pending`] holds, in the order it was decided.
pub(crate) async fn flush(c: &mut dyn Conn, pending: &mut Pending) -> Result<()> {
    fan_out_webhooks(c, pending).await?;
    // Nobody's live list shows a test inquiry.
    let test = &pending.test_leads;
    if !test.is_empty() {
        pending.live.retain(|e| !e.lead_id.is_some_and(|l| test.contains(&l)));
    }
    pending.wrote |= !(pending.events.is_empty() && pending.outbox.is_empty() && pending.timers.is_empty());
    let events = std::mem::take(&mut pending.events);
    let mut leads: Vec<i64> =
        events.iter().filter(|e| crate::facts::CHANGES_FACTS.contains(&e.kind.as_str())).filter_map(|e| e.lead_id).collect();
    leads.sort_unstable();
    leads.dedup();
    let events: Vec<[P; 6]> = events
        .into_iter()
        .map(|e| [micros(e.at).into(), e.kind.into(), e.lead_id.into(), e.contact_id.into(), e.actor.into(), e.data.to_string().into()])
        .collect();
    let outbox: Vec<[P; 11]> = std::mem::take(&mut pending.outbox)
        .into_iter()
        .map(|o| {
            [
                micros(o.created_at).into(),
                o.lead_id.into(),
                o.channel.into(),
                o.recipient_user.into(),
                o.recipient_role.into(),
                o.recipient_address.into(),
                o.kind.into(),
                o.idempotency_key.into(),
                o.payload.to_string().into(),
                micros(o.next_attempt_at).into(),
                micros(o.created_at).into(),
            ]
        })
        .collect();
    let set = std::mem::take(&mut pending.timers);
    // An SLA's deadline carries the time of its warning (set with it, in the same run), so that
    // "late now" finds the SLAs at risk through an index (`timers_warn`, migration 19).
    let warn_at = |t: &TimerRow| {
        let warn = t.kind.strip_suffix(":breach").filter(|k| k.starts_with("sla:"))?;
        let warn = format!("{warn}:warn");
        set.iter().rev().find(|w| w.kind == warn && w.lead_id == t.lead_id && w.created_at == t.created_at).map(|w| micros(w.due_at))
    };
    let timers: Vec<[P; 8]> = set
        .iter()
        .map(|t| {
            [
                t.lead_id.into(),
                t.kind.clone().into(),
                micros(t.due_at).into(),
                t.payload.to_string().into(),
                micros(t.created_at).into(),
                if t.cancelled_at.is_some() { "cancelled" } else { "pending" }.into(),
                t.cancelled_at.map(micros).into(),
                warn_at(t).into(),
            ]
        })
        .collect();
    insert_rows(c, "INSERT INTO events (at, kind, lead_id, contact_id, actor_id, data) VALUES", "", events).await?;
    insert_rows(
        c,
        "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at) VALUES",
        " ON CONFLICT (idempotency_key) DO NOTHING",
        outbox,
    )
    .await?;
    insert_rows(c, "INSERT INTO timers (lead_id, kind, due_at, payload, created_at, status, done_at, warn_at) VALUES", "", timers).await?;
    // The reports' facts and tallies of every lead this wrote events for (after the events:
    // a lead's stage changes are read from them).
    crate::facts::sync(c, &pending.playbooks, &leads, &mut pending.report_deltas).await?;
    // Last, the rows many transactions write (locked from here to the commit).
    for ((playbook, pool), user) in std::mem::take(&mut pending.cursor_moves) {
        c.exec(
            "INSERT INTO assignment_cursors (playbook, pool, user_id) VALUES ($1, $2, $3)
             ON CONFLICT (playbook, pool) DO UPDATE SET user_id = excluded.user_id",
            params![playbook.as_str(), pool.as_str(), user],
        )
        .await?;
    }
    for (user, by) in std::mem::take(&mut pending.open_task_moves) {
        if by != 0 {
            c.exec("UPDATE users SET open_tasks = open_tasks + $1 WHERE id = $2", params![by, user]).await?;
        }
    }
    Ok(())
}
