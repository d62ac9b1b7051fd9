//! Firing due timers: each fires once, is recorded on its lead's timeline, and the playbook
//! (or, for a timer without a lead, the scheduled reports) decides what it causes.

use crate::engine::{Conn, Dialect, P};
use crate::process;
use crate::tx::{Command, Pending, flush};
use crate::{StoreError, micros, params};
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

/// How often a timer whose firing fails is tried in all before it is given up (`failed`).
pub(crate) const TIMER_ATTEMPTS: i64 = 5;
/// How long after a failed firing a timer is tried again.
pub(crate) const TIMER_RETRY: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

/// What becomes of a timer whose firing failed for the `attempts`-th time (counting this
/// one): tried again at the returned time, or, past [`TIMER_ATTEMPTS`], given up (`None`).
pub(crate) fn after_failure(attempts: i64, now: Timestamp) -> Option<Timestamp> {
    (attempts < TIMER_ATTEMPTS).then(|| now + TIMER_RETRY)
}

/// A due timer this transaction took.
struct Due {
    id: i64,
    lead_id: Option<i64>,
    kind: String,
    due_at: Timestamp,
    payload: String,
    attempts: i64,
}

/// Fires the timers that are due, earliest first (ties by id). A timer fires once: the UPDATE
/// only takes it while it is still pending. Firing records `timer.fired` on the lead's
/// timeline; what a timer then causes is the playbook engine's to decide (issue 3).
///
/// One timer's failure (its lead's playbook version gone, a bug) never fails the batch: the
/// batch runs in one savepoint, and when a timer fails it runs again with a savepoint per
/// timer; the failing one is rolled back, recorded on its row (`attempts`, `last_error`) and
/// tried again [`TIMER_RETRY`] later, given up (`failed`) after [`TIMER_ATTEMPTS`]; the others
/// fire. Only an unreachable database (or a lock cycle the writer retries) fails the batch.
async fn fire_due_timers(c: &mut dyn Conn, pending: &mut Pending, limit: i64, now: Timestamp) -> R<i64> {
    // Timers set earlier in this batch are not in the table yet; write them first.
    flush(c, pending).await?;
    let t = micros(now);
    // On PostgreSQL several nodes fire at once: each takes timers no other node's batch holds,
    // rather than waiting for them (and then finding them fired).
    let lock = c.dialect().skip_locked();
    let rows = c
        .rows(
            &format!(
                "SELECT id, lead_id, kind, due_at, payload, attempts FROM timers WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2{lock}"
            ),
            params![t, limit],
        )
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    // Take them in one statement; a timer another path took meanwhile is not ours to fire.
    let mut taken = std::collections::HashSet::with_capacity(rows.len());
    for chunk in rows.chunks(500) {
        let list = crate::engine::placeholders(2, chunk.len());
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
    let mut due = Vec::with_capacity(taken.len());
    for r in &rows {
        let id = r.i64("id")?;
        if taken.contains(&id) {
            due.push(Due {
                id,
                lead_id: r.opt_i64("lead_id")?,
                kind: r.str("kind")?,
                due_at: crate::from_micros(r.i64("due_at")?),
                payload: r.str("payload")?,
                attempts: r.i64("attempts")?,
            });
        }
    }
    if due.is_empty() {
        return Ok(0);
    }
    // The whole batch in one savepoint: what each timer costs besides its own statements is
    // nothing, as long as none fails.
    let mark = Mark::take(pending);
    c.exec("SAVEPOINT timers", vec![]).await?;
    let mut states = prefetch(c, pending, &due).await?;
    let mut failure = None;
    for d in &due {
        if let Err(e) = fire_one(c, pending, d, &mut states, now).await {
            failure = Some(e);
            break;
        }
    }
    match failure {
        None => {
            c.exec("RELEASE SAVEPOINT timers", vec![]).await?;
            mark.keep(pending);
            return Ok(due.len() as i64);
        }
        Some(e) if fails_the_batch(&e) => return Err(e),
        Some(_) => {
            c.exec("ROLLBACK TO SAVEPOINT timers", vec![]).await?;
            c.exec("RELEASE SAVEPOINT timers", vec![]).await?;
            mark.restore(pending);
        }
    }
    // Again, each timer in its own savepoint: a failing one is rolled back alone.
    let mut states = prefetch(c, pending, &due).await?;
    let mut fired = 0;
    for d in &due {
        // What the timers before this one caused stays, whatever this one does.
        flush(c, pending).await?;
        let mark = Mark::take(pending);
        c.exec("SAVEPOINT timer", vec![]).await?;
        match fire_one(c, pending, d, &mut states, now).await {
            Ok(()) => {
                c.exec("RELEASE SAVEPOINT timer", vec![]).await?;
                mark.keep(pending);
                fired += 1;
            }
            Err(e) if fails_the_batch(&e) => return Err(e),
            Err(e) => {
                c.exec("ROLLBACK TO SAVEPOINT timer", vec![]).await?;
                c.exec("RELEASE SAVEPOINT timer", vec![]).await?;
                mark.restore(pending);
                if let Some(lead) = d.lead_id {
                    states.remove(&lead);
                }
                record_failure(c, d, &e, now).await?;
            }
        }
    }
    Ok(fired)
}

/// An error no timer can be blamed for: the database is unreachable, or this transaction and
/// another node's wait on each other (the writer commits and retries).
fn fails_the_batch(e: &StoreError) -> bool {
    matches!(e, StoreError::Unavailable(_))
}

/// A failed firing, on the timer's row: tried again a minute later, or given up.
async fn record_failure(c: &mut dyn Conn, d: &Due, e: &StoreError, now: Timestamp) -> R<()> {
    let attempts = d.attempts + 1;
    let error = e.to_string();
    let retry = after_failure(attempts, now);
    match retry {
        Some(at) => {
            tracing::warn!(timer = d.id, lead = ?d.lead_id, kind = %d.kind, attempts, error = %error, retry_at = %at, "a timer failed to fire; tried again later")
        }
        None => {
            tracing::error!(timer = d.id, lead = ?d.lead_id, kind = %d.kind, attempts, error = %error, "a timer failed to fire too often; given up")
        }
    }
    let (status, due_at, done_at) = match retry {
        Some(at) => ("pending", micros(at), None),
        None => ("failed", micros(d.due_at), Some(micros(now))),
    };
    c.exec(
        "UPDATE timers SET status = $1, due_at = $2, done_at = $3, attempts = $4, last_error = $5 WHERE id = $6",
        params![status, due_at, done_at, attempts, error.as_str(), d.id],
    )
    .await?;
    Ok(())
}

/// What a savepoint cannot roll back: the rows, live events and tally changes `pending` holds
/// for the commit (and the directory, whose counters the rolled-back work moved). Taken with
/// nothing buffered but the live events and the tallies (`flush` just ran).
struct Mark {
    live: usize,
    deltas: crate::facts::Deltas,
}

impl Mark {
    fn take(pending: &mut Pending) -> Mark {
        Mark { live: pending.live.len(), deltas: std::mem::take(&mut pending.report_deltas) }
    }

    /// The work since the mark stands.
    fn keep(self, pending: &mut Pending) {
        let mut deltas = self.deltas;
        for (k, t) in std::mem::take(&mut pending.report_deltas) {
            deltas.entry(k).or_default().merge(&t);
        }
        pending.report_deltas = deltas;
    }

    /// The work since the mark was rolled back.
    fn restore(self, pending: &mut Pending) {
        pending.events.clear();
        pending.outbox.clear();
        pending.timers.clear();
        pending.live.truncate(self.live);
        pending.report_deltas = self.deltas;
        pending.dir = None;
        pending.cursors_of.clear();
    }
}

type States = std::collections::HashMap<i64, (pronto_playbook::LeadState, process::RunCtx)>;

/// On PostgreSQL, where every statement is a network round trip, every lead's state is read
/// in three statements; SQLite answers in microseconds and its planner reads one lead's
/// pending timers through their partial index, so it reads each lead as it comes. A lead
/// the playbook changed is read again.
async fn prefetch(c: &mut dyn Conn, pending: &Pending, due: &[Due]) -> R<States> {
    match c.dialect() {
        Dialect::Postgres => {
            let mut leads: Vec<i64> = due.iter().filter_map(|d| d.lead_id).collect();
            leads.sort_unstable();
            leads.dedup();
            process::lead_states(c, &leads, pending.playbooks.site_keys().as_deref()).await
        }
        Dialect::Sqlite => Ok(Default::default()),
    }
}

/// Fires one taken timer: its event, and what it causes.
async fn fire_one(c: &mut dyn Conn, pending: &mut Pending, d: &Due, states: &mut States, now: Timestamp) -> R<()> {
    let (id, lead_id, due_at) = (d.id, d.lead_id, d.due_at);
    let kind = d.kind.clone();
    pending.record(DomainEvent::TimerFired { timer_id: id, timer: kind.clone(), due_at }, lead_id, None, None, now);
    let Some(lead_id) = lead_id else {
        crate::schedule::fire(c, pending, &kind, due_at, now).await?;
        return Ok(());
    };
    // A delivery's pack (issue 21, delivery): made by the store, not a playbook timer.
    if kind == crate::deliveries::PACK_TIMER {
        let payload: Value = serde_json::from_str(&d.payload).unwrap_or(Value::Null);
        if let Some(delivery_id) = payload["delivery_id"].as_i64() {
            crate::deliveries::make_pack(c, pending, delivery_id, now).await?;
        }
        return Ok(());
    }
    let (mut state, ctx) = match states.remove(&lead_id) {
        Some(s) => s,
        None => process::lead_state(c, pending, lead_id).await?,
    };
    // The timers of this batch were all taken above; this one is no longer pending.
    if let Some(i) = state.timers.iter().position(|k| *k == kind) {
        state.timers.remove(i);
    }
    let payload: Value = serde_json::from_str(&d.payload).unwrap_or(Value::Null);
    // An invoice's timer (the dunning, issue 21) does nothing once it is paid or cancelled.
    if !crate::payments::invoice_timer_due(c, pending, lead_id, &payload, now).await? {
        states.insert(lead_id, (state, ctx));
        return Ok(());
    }
    let trigger = Trigger::TimerElapsed { kind, payload };
    let changed = process::run(c, pending, &state, &ctx, trigger, &format!("t{id}"), now).await?;
    if !changed {
        states.insert(lead_id, (state, ctx));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_timer_is_tried_again_a_minute_later_until_the_bound() {
        let now: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let later = Some(now + jiff::SignedDuration::from_secs(60));
        for (attempts, want) in [(1, later), (2, later), (4, later), (5, None), (6, None)] {
            assert_eq!(after_failure(attempts, now), want, "after {attempts} failed attempts");
        }
    }
}
