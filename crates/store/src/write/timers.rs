//! Firing due timers: each fires once, is recorded on its lead's timeline, and the playbook
//! (or, for a timer without a lead, the scheduled reports) decides what it causes.

use crate::engine::{Conn, Dialect, P};
use crate::process;
use crate::tx::{Command, Pending, flush};
use crate::{micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;
use pronto_playbook::Trigger;
use serde_json::Value;

type R<T> = crate::Result<T>;

/// Fires up to `limit` pending timers due at or before the command's `now`.
pub(crate) struct FireDueTimers {
    pub limit: i64,
}

#[async_trait]
impl Command for FireDueTimers {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        fire_due_timers(c, pending, self.limit, now).await
    }
}

/// Fires the timers that are due, earliest first (ties by id). A timer fires once: the UPDATE
/// only takes it while it is still pending. Firing records `timer.fired` on the lead's
/// timeline; what a timer then causes is the playbook engine's to decide (issue 3).
async fn fire_due_timers(c: &mut dyn Conn, pending: &mut Pending, limit: i64, now: Timestamp) -> R<i64> {
    // Timers set earlier in this batch are not in the table yet; write them first.
    flush(c, pending).await?;
    let t = micros(now);
    let due = c
        .rows(
            "SELECT id, lead_id, kind, due_at, payload FROM timers WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
            params![t, limit],
        )
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    // Take them in one statement; a timer another path took meanwhile is not ours to fire.
    let mut taken = std::collections::HashSet::with_capacity(due.len());
    for chunk in due.chunks(500) {
        let list = (2..chunk.len() + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let mut ps = vec![P::from(t)];
        for r in chunk {
            ps.push(P::from(r.i64("id")?));
        }
        // `done_at IS NULL` is "still pending" (firing and cancelling both set it), and unlike
        // `status = 'pending'` it cannot tempt SQLite's planner into the due-time index, which
        // would read every pending timer instead of these ids.
        let sql = format!("UPDATE timers SET status = 'fired', done_at = $1 WHERE id IN ({list}) AND done_at IS NULL RETURNING id");
        for r in c.rows(&sql, ps).await? {
            taken.insert(r.i64("id")?);
        }
    }
    // On PostgreSQL, where every statement is a network round trip, every lead's state is read
    // in three statements; SQLite answers in microseconds and its planner reads one lead's
    // pending timers through their partial index, so it reads each lead as it comes. A lead
    // the playbook changed is read again.
    let mut states = match c.dialect() {
        Dialect::Postgres => {
            let mut leads: Vec<i64> = due.iter().filter_map(|r| r.opt_i64("lead_id").ok().flatten()).collect();
            leads.sort_unstable();
            leads.dedup();
            process::lead_states(c, &leads, pending.playbooks.site_keys().as_deref()).await?
        }
        Dialect::Sqlite => Default::default(),
    };
    let mut fired = 0;
    for row in due {
        let id = row.i64("id")?;
        if !taken.contains(&id) {
            continue;
        }
        fired += 1;
        let lead_id = row.opt_i64("lead_id")?;
        let due_at = crate::from_micros(row.i64("due_at")?);
        let kind = row.str("kind")?;
        pending.record(DomainEvent::TimerFired { timer_id: id, timer: kind.clone(), due_at }, lead_id, None, None, now);
        let Some(lead_id) = lead_id else {
            crate::schedule::fire(c, pending, &kind, due_at, now).await?;
            continue;
        };
        // A delivery's pack (issue 21, delivery): made by the store, not a playbook timer.
        if kind == crate::deliveries::PACK_TIMER {
            let payload: Value = serde_json::from_str(&row.str("payload")?).unwrap_or(Value::Null);
            if let Some(delivery_id) = payload["delivery_id"].as_i64() {
                crate::deliveries::make_pack(c, pending, delivery_id, now).await?;
            }
            continue;
        }
        let (mut state, ctx) = match states.remove(&lead_id) {
            Some(s) => s,
            None => process::lead_state(c, pending, lead_id).await?,
        };
        // The timers of this batch were all taken above; this one is no longer pending.
        if let Some(i) = state.timers.iter().position(|k| *k == kind) {
            state.timers.remove(i);
        }
        let payload: Value = serde_json::from_str(&row.str("payload")?).unwrap_or(Value::Null);
        // An invoice's timer (the dunning, issue 21) does nothing once it is paid or cancelled.
        if !crate::payments::invoice_timer_due(c, pending, lead_id, &payload, now).await? {
            states.insert(lead_id, (state, ctx));
            continue;
        }
        let trigger = Trigger::TimerElapsed { kind, payload };
        let changed = process::run(c, pending, &state, &ctx, trigger, &format!("t{id}"), now).await?;
        if !changed {
            states.insert(lead_id, (state, ctx));
        }
    }
    Ok(fired)
}
